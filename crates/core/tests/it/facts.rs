//! Tests of the facts stage.
