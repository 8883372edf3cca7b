//! Tests of the partner_pages area.
