//! Free text a person types for another to read (an invitation's message, the reason a
//! relationship ended): trimmed, bounded in characters, and free of the invisible and
//! bidirectional control characters that make text read differently from what it says.

use std::fmt;

/// Text of 1 to `MAX` characters (Unicode scalar values, as a textarea's `maxlength` counts
/// them) that shows what it holds.
///
/// Parsing trims blanks at both ends and writes every line break as `\n` (a browser sends
/// `\r\n`); it then refuses, rather than strips, what could mislead the reader: the
/// bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
/// U+200E/U+200F, U+061C), zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064,
/// U+FEFF), tag characters (U+E0000–U+E007F) and every other C0/C1 control but newline and
/// tab. Refusing keeps what is stored exactly what the writer saw, and the form says why.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct FreeText<const MAX: usize>(String);

/// The optional message a partner writes to the customer on an invitation.
pub type InvitationMessage = FreeText<{ FREE_TEXT_MAX_CHARS }>;

/// The optional reason a customer gives for ending a relationship.
pub type EndReason = FreeText<{ FREE_TEXT_MAX_CHARS }>;

/// Most characters a message or a reason may have.
pub const FREE_TEXT_MAX_CHARS: usize = 500;

/// Which kind of character made a text unacceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedClass {
    /// Changes the direction of the text around it (U+202E turns `txt.exe` into `exe.txt`).
    Bidirectional,
    /// Shows nothing: zero-width spaces and joiners, word joiners, byte-order marks, tags.
    Invisible,
    /// A control character other than newline and tab.
    Control,
}

/// Why a string is not acceptable free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FreeTextError {
    #[error("the text is blank")]
    Empty,
    #[error("the text has more than {max} characters")]
    TooLong { max: usize },
    #[error("the text holds {class:?} character U+{code:04X}", code = u32::from(*.ch))]
    Refused { class: RefusedClass, ch: char },
}

impl FreeTextError {
    /// The message the form shows beside the field (in `locales/*/forms.ftl`).
    pub fn message_key(&self) -> &'static str {
        match self {
            FreeTextError::Empty => "free-text-error-empty",
            FreeTextError::TooLong { .. } => "free-text-error-too-long",
            FreeTextError::Refused {
                class: RefusedClass::Bidirectional,
                ..
            } => "free-text-error-bidirectional",
            FreeTextError::Refused {
                class: RefusedClass::Invisible,
                ..
            } => "free-text-error-invisible",
            FreeTextError::Refused {
                class: RefusedClass::Control,
                ..
            } => "free-text-error-control",
        }
    }
}

/// The class of a character free text may not hold, or `None` when it is fine.
pub fn refused_class(c: char) -> Option<RefusedClass> {
    match c {
        '\n' | '\t' => None,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(RefusedClass::Bidirectional),
        '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}' => Some(RefusedClass::Invisible),
        c if c.is_control() => Some(RefusedClass::Control),
        _ => None,
    }
}

impl<const MAX: usize> FreeText<MAX> {
    /// Parses an optional field: blank (after trimming) is `None`.
    pub fn optional(text: &str) -> Result<Option<Self>, FreeTextError> {
        match Self::try_from(text.to_owned()) {
            Ok(text) => Ok(Some(text)),
            Err(FreeTextError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> TryFrom<String> for FreeText<MAX> {
    type Error = FreeTextError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(FreeTextError::Empty);
        }
        if let Some((ch, class)) = trimmed
            .chars()
            .find_map(|c| refused_class(c).map(|class| (c, class)))
        {
            return Err(FreeTextError::Refused { class, ch });
        }
        if trimmed.chars().count() > MAX {
            return Err(FreeTextError::TooLong { max: MAX });
        }
        Ok(FreeText(if trimmed.len() == text.len() {
            text
        } else {
            trimmed.to_owned()
        }))
    }
}

impl<const MAX: usize> std::str::FromStr for FreeText<MAX> {
    type Err = FreeTextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::try_from(s.to_owned())
    }
}

impl<const MAX: usize> From<FreeText<MAX>> for String {
    fn from(text: FreeText<MAX>) -> String {
        text.0
    }
}

impl<const MAX: usize> std::ops::Deref for FreeText<MAX> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> AsRef<str> for FreeText<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> fmt::Display for FreeText<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Short = FreeText<5>;

    fn refused(text: &str) -> Option<RefusedClass> {
        match Short::try_from(text.to_owned()) {
            Err(FreeTextError::Refused { class, .. }) => Some(class),
            _ => None,
        }
    }

    #[test]
    fn plain_text_of_any_script_is_kept() {
        for text in [
            "Hello",
            "你好，世界",
            "Olá!",
            "שלום",
            "مرحبا",
            "a\tb",
            "a\nb",
            "😀🇧🇷",
        ] {
            let parsed = FreeText::<20>::try_from(text.to_owned()).unwrap();
            assert_eq!(parsed.as_str(), text);
        }
    }

    #[test]
    fn blanks_at_the_ends_are_trimmed_and_line_breaks_become_newlines() {
        let parsed = FreeText::<20>::try_from("  Hello,\r\nsee\ryou \n".to_owned()).unwrap();
        assert_eq!(parsed.as_str(), "Hello,\nsee\nyou");
        assert_eq!(
            FreeText::<20>::try_from(" \r\n\t ".to_owned()),
            Err(FreeTextError::Empty)
        );
        assert_eq!(FreeText::<20>::optional("   "), Ok(None));
        assert_eq!(FreeText::<20>::optional(""), Ok(None));
        assert_eq!(
            FreeText::<20>::optional(" x ").unwrap().unwrap().as_str(),
            "x"
        );
    }

    #[test]
    fn the_bound_counts_characters_after_trimming() {
        assert!(Short::try_from("字字字字字".to_owned()).is_ok());
        assert!(Short::try_from("  abcde  ".to_owned()).is_ok());
        assert_eq!(
            Short::try_from("abcdef".to_owned()),
            Err(FreeTextError::TooLong { max: 5 })
        );
    }

    #[test]
    fn bidirectional_controls_are_refused() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(
                refused(&format!("a{c}b")),
                Some(RefusedClass::Bidirectional),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn invisible_characters_are_refused() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{FEFF}',
            '\u{E0000}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
        ] {
            assert_eq!(
                refused(&format!("a{c}b")),
                Some(RefusedClass::Invisible),
                "U+{:04X}",
                c as u32
            );
        }
        // A byte-order mark at the start is not trimmed away: it is refused too.
        assert_eq!(refused("\u{FEFF}ab"), Some(RefusedClass::Invisible));
    }

    #[test]
    fn controls_but_newline_and_tab_are_refused() {
        for c in [
            '\u{0}', '\u{7}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9B}',
        ] {
            assert_eq!(
                refused(&format!("a{c}b")),
                Some(RefusedClass::Control),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(refused("a\nb"), None);
        assert_eq!(refused("a\tb"), None);
    }

    #[test]
    fn characters_beside_the_refused_ranges_are_kept() {
        // U+2065 is unassigned, U+E0080 is past the tag block, U+2070 is superscript zero.
        for c in [
            '\u{2065}',
            '\u{2070}',
            '\u{201F}',
            '\u{2010}',
            '\u{E0080}',
            '\u{FEFE}',
        ] {
            assert_eq!(refused(&format!("a{c}b")), None, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn each_error_has_its_message() {
        let keys = [
            FreeTextError::Empty.message_key(),
            FreeTextError::TooLong { max: 5 }.message_key(),
            FreeTextError::Refused {
                class: RefusedClass::Bidirectional,
                ch: '\u{202E}',
            }
            .message_key(),
            FreeTextError::Refused {
                class: RefusedClass::Invisible,
                ch: '\u{200B}',
            }
            .message_key(),
            FreeTextError::Refused {
                class: RefusedClass::Control,
                ch: '\u{0}',
            }
            .message_key(),
        ];
        let distinct: std::collections::BTreeSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
    }

    #[test]
    fn serde_refuses_what_parsing_refuses() {
        let ok: Short = serde_json::from_str("\" abc \"").unwrap();
        assert_eq!(ok.as_str(), "abc");
        assert!(serde_json::from_str::<Short>("\"a\\u202eb\"").is_err());
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"abc\"");
    }
}
