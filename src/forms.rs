//! Typed form input: parse, don't validate. Each form decodes into domain types or a list of
//! field errors (message keys) to show beside the fields.
