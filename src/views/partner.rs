//! Template structs of the partner area.
