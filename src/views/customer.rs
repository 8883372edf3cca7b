//! Template structs of the customer area.
