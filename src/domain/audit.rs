//! The audit trail's vocabulary: what was done (`AuditAction`) and how it ended (`Outcome`).
//! Each is stored as a stable name (`invitation.accept`, `success`) and read back as the enum;
//! each has a sentence in every language for the operator's activity log.

use crate::domain::string_enum::string_enum;

string_enum! {
    /// What an audit event records. The stored spellings are stable: old rows keep them.
    pub enum AuditAction("audit action") {
        AuthSignIn = "auth.sign_in",
        AuthSignInFailed = "auth.sign_in_failed",
        AuthSignOut = "auth.sign_out",
        /// A user's account moved to the identity provider's new issuer string.
        AuthIssuerMigrated = "auth.issuer_migrated",
        InvitationCreate = "invitation.create",
        InvitationAccept = "invitation.accept",
        InvitationDecline = "invitation.decline",
        InvitationRevoke = "invitation.revoke",
        /// A pending invitation got a new link; the old one stopped working.
        InvitationReissue = "invitation.reissue",
        InvitationExpire = "invitation.expire",
        /// An invitation link that names no usable invitation was opened.
        InvitationLookupFailed = "invitation.lookup_failed",
        RelationshipCreate = "relationship.create",
        RelationshipEnd = "relationship.end",
        AdminAccessGrant = "admin_access.grant",
        AdminAccessRemove = "admin_access.remove",
        /// The partner ended its own admin access in a customer.
        AdminAccessTerminate = "admin_access.terminate",
        AdminAccessExpire = "admin_access.expire",
        AdminAccessAutoExtend = "admin_access.auto_extend",
        SubscriptionOrder = "subscription.order",
        /// The policy refused an action.
        AccessDenied = "access.denied",
    }
}

impl AuditAction {
    /// Fluent message id of the action's sentence in the activity log: `audit-action-` and
    /// the stored name with dashes (`audit-action-invitation-accept`).
    pub fn message_key(&self) -> &'static str {
        match self {
            AuditAction::AuthSignIn => "audit-action-auth-sign-in",
            AuditAction::AuthSignInFailed => "audit-action-auth-sign-in-failed",
            AuditAction::AuthSignOut => "audit-action-auth-sign-out",
            AuditAction::AuthIssuerMigrated => "audit-action-auth-issuer-migrated",
            AuditAction::InvitationCreate => "audit-action-invitation-create",
            AuditAction::InvitationAccept => "audit-action-invitation-accept",
            AuditAction::InvitationDecline => "audit-action-invitation-decline",
            AuditAction::InvitationRevoke => "audit-action-invitation-revoke",
            AuditAction::InvitationReissue => "audit-action-invitation-reissue",
            AuditAction::InvitationExpire => "audit-action-invitation-expire",
            AuditAction::InvitationLookupFailed => "audit-action-invitation-lookup-failed",
            AuditAction::RelationshipCreate => "audit-action-relationship-create",
            AuditAction::RelationshipEnd => "audit-action-relationship-end",
            AuditAction::AdminAccessGrant => "audit-action-admin-access-grant",
            AuditAction::AdminAccessRemove => "audit-action-admin-access-remove",
            AuditAction::AdminAccessTerminate => "audit-action-admin-access-terminate",
            AuditAction::AdminAccessExpire => "audit-action-admin-access-expire",
            AuditAction::AdminAccessAutoExtend => "audit-action-admin-access-auto-extend",
            AuditAction::SubscriptionOrder => "audit-action-subscription-order",
            AuditAction::AccessDenied => "audit-action-access-denied",
        }
    }
}

string_enum! {
    /// How an audited action ended.
    pub enum Outcome("audit outcome") {
        Success = "success",
        Failure = "failure",
        /// Refused by the policy.
        Denied = "denied",
    }
}

impl Outcome {
    /// Fluent message id of the outcome's display name.
    pub fn message_key(&self) -> &'static str {
        match self {
            Outcome::Success => "audit-outcome-success",
            Outcome::Failure => "audit-outcome-failure",
            Outcome::Denied => "audit-outcome-denied",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::string_enum::testing::{check_message_keys, check_string_table};

    #[test]
    fn action_spellings_and_keys() {
        let spelled: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        check_string_table(AuditAction::ALL, AuditAction::as_str, &spelled);
        for action in AuditAction::ALL {
            let expected = format!("audit-action-{}", action.as_str().replace(['.', '_'], "-"));
            assert_eq!(action.message_key(), expected);
        }
        assert!("DROP TABLE".parse::<AuditAction>().is_err());
    }

    #[test]
    fn outcome_spellings_and_keys() {
        check_string_table(
            Outcome::ALL,
            Outcome::as_str,
            &["success", "failure", "denied"],
        );
        check_message_keys(
            Outcome::ALL,
            Outcome::as_str,
            Outcome::message_key,
            "audit-outcome",
        );
    }
}
