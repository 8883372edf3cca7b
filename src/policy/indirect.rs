//! The two-tier (indirect) channel: who may name an indirect provider.

use crate::domain::PartnerType;

/// A partner-channel rule was broken when creating or reading an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PolicyError {
    /// Only indirect resellers sell through a provider.
    #[error("a {0} does not name an indirect provider")]
    ProviderNotAllowed(PartnerType),
    /// An indirect reseller never transacts alone.
    #[error("an indirect reseller's invitation must name its indirect provider")]
    ProviderRequired,
    /// The named provider has no provider–reseller association with the inviter.
    #[error("the indirect provider is not associated with this reseller")]
    ProviderNotAssociated,
}

/// Checks the provider named on an invitation against the inviting partner's type.
///
/// Direct resellers and indirect providers may not name one; an indirect reseller
/// must name one it is `associated` with (the caller looks the association up;
/// `associated` is ignored when no provider is named).
pub fn check_indirect_provider(
    partner_type: PartnerType,
    named_provider: Option<i64>,
    associated: bool,
) -> Result<(), PolicyError> {
    match (partner_type, named_provider) {
        (PartnerType::DirectReseller | PartnerType::IndirectProvider, None) => Ok(()),
        (PartnerType::DirectReseller | PartnerType::IndirectProvider, Some(_)) => {
            Err(PolicyError::ProviderNotAllowed(partner_type))
        }
        (PartnerType::IndirectReseller, None) => Err(PolicyError::ProviderRequired),
        (PartnerType::IndirectReseller, Some(_)) if !associated => {
            Err(PolicyError::ProviderNotAssociated)
        }
        (PartnerType::IndirectReseller, Some(_)) => Ok(()),
    }
}

/// The partner (or reseller–provider pair) behind an invitation, in a shape that
/// cannot pair an indirect reseller without its provider or a direct reseller with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inviter {
    DirectReseller { partner: i64 },
    IndirectProvider { partner: i64 },
    IndirectReseller { reseller: i64, provider: i64 },
}

impl Inviter {
    /// Builds the inviter from an invitation row's columns (tenant ids).
    pub fn new(
        partner: i64,
        partner_type: PartnerType,
        indirect_provider: Option<i64>,
    ) -> Result<Self, PolicyError> {
        match (partner_type, indirect_provider) {
            (PartnerType::DirectReseller, None) => Ok(Inviter::DirectReseller { partner }),
            (PartnerType::IndirectProvider, None) => Ok(Inviter::IndirectProvider { partner }),
            (PartnerType::IndirectReseller, Some(provider)) => Ok(Inviter::IndirectReseller {
                reseller: partner,
                provider,
            }),
            (PartnerType::IndirectReseller, None) => Err(PolicyError::ProviderRequired),
            (t, Some(_)) => Err(PolicyError::ProviderNotAllowed(t)),
        }
    }

    /// The partner who sent the invitation (and who receives any admin access).
    pub fn partner(&self) -> i64 {
        match self {
            Inviter::DirectReseller { partner } | Inviter::IndirectProvider { partner } => *partner,
            Inviter::IndirectReseller { reseller, .. } => *reseller,
        }
    }

    pub fn partner_type(&self) -> PartnerType {
        match self {
            Inviter::DirectReseller { .. } => PartnerType::DirectReseller,
            Inviter::IndirectProvider { .. } => PartnerType::IndirectProvider,
            Inviter::IndirectReseller { .. } => PartnerType::IndirectReseller,
        }
    }

    pub fn indirect_provider(&self) -> Option<i64> {
        match self {
            Inviter::IndirectReseller { provider, .. } => Some(*provider),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartnerType::*;

    #[test]
    fn check_every_combination() {
        // (type, named provider, associated, expected)
        let table = [
            (DirectReseller, None, false, Ok(())),
            (DirectReseller, None, true, Ok(())),
            (
                DirectReseller,
                Some(9),
                true,
                Err(PolicyError::ProviderNotAllowed(DirectReseller)),
            ),
            (
                DirectReseller,
                Some(9),
                false,
                Err(PolicyError::ProviderNotAllowed(DirectReseller)),
            ),
            (IndirectProvider, None, false, Ok(())),
            (
                IndirectProvider,
                Some(9),
                true,
                Err(PolicyError::ProviderNotAllowed(IndirectProvider)),
            ),
            (
                IndirectReseller,
                None,
                false,
                Err(PolicyError::ProviderRequired),
            ),
            (
                IndirectReseller,
                None,
                true,
                Err(PolicyError::ProviderRequired),
            ),
            (
                IndirectReseller,
                Some(9),
                false,
                Err(PolicyError::ProviderNotAssociated),
            ),
            (IndirectReseller, Some(9), true, Ok(())),
        ];
        for (t, provider, associated, expected) in table {
            assert_eq!(
                check_indirect_provider(t, provider, associated),
                expected,
                "{t} {provider:?} {associated}"
            );
        }
    }

    #[test]
    fn inviter_shapes() {
        assert_eq!(
            Inviter::new(1, DirectReseller, None),
            Ok(Inviter::DirectReseller { partner: 1 })
        );
        assert_eq!(
            Inviter::new(1, IndirectProvider, None),
            Ok(Inviter::IndirectProvider { partner: 1 })
        );
        assert_eq!(
            Inviter::new(1, IndirectReseller, Some(2)),
            Ok(Inviter::IndirectReseller {
                reseller: 1,
                provider: 2
            })
        );
        assert_eq!(
            Inviter::new(1, IndirectReseller, None),
            Err(PolicyError::ProviderRequired)
        );
        assert_eq!(
            Inviter::new(1, DirectReseller, Some(2)),
            Err(PolicyError::ProviderNotAllowed(DirectReseller))
        );
        assert_eq!(
            Inviter::new(1, IndirectProvider, Some(2)),
            Err(PolicyError::ProviderNotAllowed(IndirectProvider))
        );
    }

    #[test]
    fn inviter_accessors() {
        let r = Inviter::IndirectReseller {
            reseller: 5,
            provider: 3,
        };
        assert_eq!(
            (r.partner(), r.partner_type(), r.indirect_provider()),
            (5, IndirectReseller, Some(3))
        );
        let d = Inviter::DirectReseller { partner: 4 };
        assert_eq!(
            (d.partner(), d.partner_type(), d.indirect_provider()),
            (4, DirectReseller, None)
        );
    }
}
