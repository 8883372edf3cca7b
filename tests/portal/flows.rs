//! Tests of the flows area.
