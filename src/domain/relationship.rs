//! Reseller relationships between a customer and each of its partners.

use crate::domain::string_enum::string_enum;
use crate::domain::tenant::PartnerType;
use crate::domain::transition::IllegalTransition;

string_enum! {
    /// Whether a relationship still stands. At most one active per customer–partner pair.
    pub enum RelationshipState("relationship state") {
        Active = "active",
        /// Ended by the customer or the partner; kept for history, never reopened.
        Ended = "ended",
    }
}

impl RelationshipState {
    /// Fluent message id of the state's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            RelationshipState::Active => "relationship-state-active",
            RelationshipState::Ended => "relationship-state-ended",
        }
    }

    /// Ends an active relationship. Ending an ended one is refused so that the
    /// first ending's who, when and why are never overwritten.
    pub fn end(self, by: EndedBy) -> Result<RelationshipState, IllegalTransition> {
        match self {
            RelationshipState::Active => Ok(RelationshipState::Ended),
            RelationshipState::Ended => Err(IllegalTransition {
                machine: "relationship",
                from: self.as_str(),
                event: by.end_event(),
            }),
        }
    }
}

string_enum! {
    /// Which side ended a relationship or removed admin access.
    pub enum EndedBy("ended by") {
        Customer = "customer",
        Partner = "partner",
    }
}

impl EndedBy {
    fn end_event(&self) -> &'static str {
        match self {
            EndedBy::Customer => "end_by_customer",
            EndedBy::Partner => "end_by_partner",
        }
    }
}

string_enum! {
    /// The kind of a relationship: the partner's role in this customer's supply chain.
    ///
    /// Same values as [`PartnerType`], kept as its own type because it belongs to the
    /// relationship row (and has its own display text), not to the partner.
    pub enum RelationshipType("relationship type") {
        DirectReseller = "direct_reseller",
        IndirectProvider = "indirect_provider",
        /// Always stored with the indirect provider it sells through.
        IndirectReseller = "indirect_reseller",
    }
}

impl RelationshipType {
    /// Fluent message id of the type's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            RelationshipType::DirectReseller => "relationship-type-direct-reseller",
            RelationshipType::IndirectProvider => "relationship-type-indirect-provider",
            RelationshipType::IndirectReseller => "relationship-type-indirect-reseller",
        }
    }
}

impl From<PartnerType> for RelationshipType {
    fn from(t: PartnerType) -> Self {
        match t {
            PartnerType::DirectReseller => RelationshipType::DirectReseller,
            PartnerType::IndirectProvider => RelationshipType::IndirectProvider,
            PartnerType::IndirectReseller => RelationshipType::IndirectReseller,
        }
    }
}

impl From<RelationshipType> for PartnerType {
    fn from(t: RelationshipType) -> Self {
        match t {
            RelationshipType::DirectReseller => PartnerType::DirectReseller,
            RelationshipType::IndirectProvider => PartnerType::IndirectProvider,
            RelationshipType::IndirectReseller => PartnerType::IndirectReseller,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};

    #[test]
    fn spellings_and_keys() {
        check_string_table(
            RelationshipState::ALL,
            RelationshipState::as_str,
            &["active", "ended"],
        );
        check_message_keys(
            RelationshipState::ALL,
            RelationshipState::as_str,
            RelationshipState::message_key,
            "relationship-state",
        );
        check_string_table(
            RelationshipType::ALL,
            RelationshipType::as_str,
            &["direct_reseller", "indirect_provider", "indirect_reseller"],
        );
        check_message_keys(
            RelationshipType::ALL,
            RelationshipType::as_str,
            RelationshipType::message_key,
            "relationship-type",
        );
        check_string_table(EndedBy::ALL, EndedBy::as_str, &["customer", "partner"]);
    }

    #[test]
    fn every_transition() {
        use EndedBy::*;
        use RelationshipState::*;
        assert_eq!(Active.end(Customer), Ok(Ended));
        assert_eq!(Active.end(Partner), Ok(Ended));
        assert_eq!(
            Ended.end(Customer),
            Err(IllegalTransition {
                machine: "relationship",
                from: "ended",
                event: "end_by_customer"
            })
        );
        assert_eq!(
            Ended.end(Partner),
            Err(IllegalTransition {
                machine: "relationship",
                from: "ended",
                event: "end_by_partner"
            })
        );
    }

    #[test]
    fn relationship_type_mirrors_partner_type() {
        assert_eq!(PartnerType::ALL.len(), RelationshipType::ALL.len());
        for t in PartnerType::ALL {
            let r = RelationshipType::from(*t);
            assert_eq!(r.as_str(), t.as_str());
            assert_eq!(PartnerType::from(r), *t);
        }
    }
}
