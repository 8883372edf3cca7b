//! Tests of the customer_pages area.
