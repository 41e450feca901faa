//! Tests of the references stage.
