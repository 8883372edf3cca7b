//! The id of a stored record as it arrives in a path or a form field: a positive integer.

use std::fmt;

/// Most digits an id may have: every positive `i64` up to 999 999 999 999 999 999.
const MAX_DIGITS: usize = 18;

/// A positive database id, parsed from 1–18 ASCII digits (no sign, no blanks, no `0`).
///
/// Anything else names no record: a handler answers 404 for a path, a form shows its field
/// error. The id says nothing about who may see the record; the flow decides that.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "i64")]
pub struct RecordId(i64);

/// Why a string is not a record id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a record id is a positive whole number of at most {MAX_DIGITS} digits")]
pub struct RecordIdError;

impl RecordId {
    pub fn get(self) -> i64 {
        self.0
    }
}

impl std::str::FromStr for RecordId {
    type Err = RecordIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() || text.len() > MAX_DIGITS || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RecordIdError);
        }
        match text.parse::<i64>() {
            Ok(id) if id > 0 => Ok(RecordId(id)),
            _ => Err(RecordIdError),
        }
    }
}

impl TryFrom<String> for RecordId {
    type Error = RecordIdError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<RecordId> for i64 {
    fn from(id: RecordId) -> i64 {
        id.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_whole_numbers_are_ids() {
        for (text, id) in [
            ("1", 1),
            ("42", 42),
            ("007", 7),
            ("999999999999999999", 999_999_999_999_999_999),
        ] {
            assert_eq!(
                text.parse::<RecordId>().map(RecordId::get),
                Ok(id),
                "{text}"
            );
        }
    }

    #[test]
    fn anything_else_is_not() {
        for text in [
            "",
            "0",
            "00",
            "-1",
            "+1",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "x",
            "0x10",
            "١",
            "１",
            "9999999999999999999",
            "9223372036854775807",
        ] {
            assert_eq!(text.parse::<RecordId>(), Err(RecordIdError), "{text:?}");
        }
    }
}
