//! Tests of the table stage.
