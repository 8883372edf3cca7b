//! Reading `application/x-www-form-urlencoded` bodies that repeat a field (checkbox groups),
//! which `web::Form`'s serde decoding cannot express.

use actix_web::web::Bytes;

#[derive(Debug, Clone, Default)]
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn parse(body: &Bytes) -> FormFields {
        FormFields(
            url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// A checkbox: present with any value means on.
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_and_checkboxes() {
        let f = FormFields::parse(&Bytes::from_static(
            b"role=a&role=b&name=+x+&empty=&flag=on&text=%E4%B8%AD",
        ));
        assert_eq!(f.all("role"), vec!["a", "b"]);
        assert_eq!(f.get("name"), Some("x"));
        assert_eq!(f.get("empty"), None);
        assert_eq!(f.get("missing"), None);
        assert!(f.checked("flag"));
        assert!(!f.checked("other"));
        assert_eq!(f.get("text"), Some("中"));
    }

    mod properties {
        use super::super::FormFields;
        use actix_web::web::Bytes;
        use proptest::prelude::*;

        proptest! {
            /// Any fields, encoded as a browser would, decode to the same values (trimmed).
            #[test]
            fn encoded_fields_round_trip(fields in proptest::collection::vec(("[a-z_]{1,8}", "\\PC{0,20}"), 0..8)) {
                let body = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(fields.iter())
                    .finish();
                let parsed = FormFields::parse(&Bytes::from(body));
                for (name, _) in &fields {
                    let expected: Vec<&str> = fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).collect();
                    prop_assert_eq!(parsed.all(name), expected);
                }
            }

            /// Arbitrary bytes never panic the decoder.
            #[test]
            fn arbitrary_bodies_decode(body in proptest::collection::vec(any::<u8>(), 0..200)) {
                let parsed = FormFields::parse(&Bytes::from(body));
                let _ = parsed.get("x");
            }
        }
    }
}
