//! What each flow may write: the multi-partner guarantee as data.
//!
//! The store layer gives each flow a write path only to the tables listed here,
//! and the integration tests fingerprint every subscription row before and after
//! each flow. The unit tests below pin the list itself: no multi-partner flow
//! may ever list `subscriptions`.

/// Every table of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Tenants,
    Users,
    Invitations,
    Relationships,
    AdminAccess,
    Subscriptions,
    Offers,
    AuditEvents,
}

impl Table {
    pub const ALL: &'static [Table] = &[
        Table::Tenants,
        Table::Users,
        Table::Invitations,
        Table::Relationships,
        Table::AdminAccess,
        Table::Subscriptions,
        Table::Offers,
        Table::AuditEvents,
    ];

    /// The SQL table name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Table::Tenants => "tenants",
            Table::Users => "users",
            Table::Invitations => "invitations",
            Table::Relationships => "relationships",
            Table::AdminAccess => "admin_access",
            Table::Subscriptions => "subscriptions",
            Table::Offers => "offers",
            Table::AuditEvents => "audit_events",
        }
    }
}

/// The kind of write a flow does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteOp {
    Insert,
    Update,
    Delete,
}

/// One permitted write: this operation on this table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Write {
    pub table: Table,
    pub op: WriteOp,
}

/// Every state-changing flow of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    AcceptInvitation,
    DeclineInvitation,
    RevokeInvitation,
    RemoveAdminAccess,
    EndRelationship,
    PlaceOrder,
    /// The periodic sweep: expires invitations and admin access, auto-extends GDAP.
    ExpirySweep,
}

impl Flow {
    pub const ALL: &'static [Flow] = &[
        Flow::AcceptInvitation,
        Flow::DeclineInvitation,
        Flow::RevokeInvitation,
        Flow::RemoveAdminAccess,
        Flow::EndRelationship,
        Flow::PlaceOrder,
        Flow::ExpirySweep,
    ];

    /// Whether the flow is part of the multi-partner capability, and so bound by
    /// the guarantee that it never changes a subscription. Only placing an order is not.
    pub fn is_multi_partner(&self) -> bool {
        !matches!(self, Flow::PlaceOrder)
    }

    /// The tables the flow may write, in no particular order.
    pub fn writes(self) -> &'static [Table] {
        use Table::*;
        match self {
            Flow::AcceptInvitation => &[Invitations, Relationships, AdminAccess, AuditEvents],
            Flow::DeclineInvitation | Flow::RevokeInvitation => &[Invitations, AuditEvents],
            Flow::RemoveAdminAccess => &[AdminAccess, AuditEvents],
            // Ending a relationship also removes that partner's admin access,
            // which cannot outlive the relationship.
            Flow::EndRelationship => &[Relationships, AdminAccess, AuditEvents],
            Flow::PlaceOrder => &[Subscriptions, AuditEvents],
            Flow::ExpirySweep => &[Invitations, AdminAccess, AuditEvents],
        }
    }

    /// The exact writes the flow may do. Every flow appends to the audit trail in
    /// the same transaction; none deletes anything.
    pub fn write_ops(self) -> &'static [Write] {
        use Table::*;
        use WriteOp::*;
        match self {
            Flow::AcceptInvitation => &[
                Write {
                    table: Invitations,
                    op: Update,
                },
                Write {
                    table: Relationships,
                    op: Insert,
                },
                Write {
                    table: AdminAccess,
                    op: Insert,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
            Flow::DeclineInvitation | Flow::RevokeInvitation => &[
                Write {
                    table: Invitations,
                    op: Update,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
            Flow::RemoveAdminAccess => &[
                Write {
                    table: AdminAccess,
                    op: Update,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
            Flow::EndRelationship => &[
                Write {
                    table: Relationships,
                    op: Update,
                },
                Write {
                    table: AdminAccess,
                    op: Update,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
            Flow::PlaceOrder => &[
                Write {
                    table: Subscriptions,
                    op: Insert,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
            Flow::ExpirySweep => &[
                Write {
                    table: Invitations,
                    op: Update,
                },
                Write {
                    table: AdminAccess,
                    op: Update,
                },
                Write {
                    table: AuditEvents,
                    op: Insert,
                },
            ],
        }
    }

    /// Whether the flow may do `op` on `table`: the check the store layer asserts.
    pub fn may(self, table: Table, op: WriteOp) -> bool {
        self.write_ops().contains(&Write { table, op })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn no_multi_partner_flow_writes_subscriptions() {
        let multi: Vec<Flow> = Flow::ALL
            .iter()
            .copied()
            .filter(Flow::is_multi_partner)
            .collect();
        assert_eq!(multi.len(), 6);
        for flow in multi {
            assert!(!flow.writes().contains(&Table::Subscriptions), "{flow:?}");
            for op in [WriteOp::Insert, WriteOp::Update, WriteOp::Delete] {
                assert!(!flow.may(Table::Subscriptions, op), "{flow:?} {op:?}");
            }
        }
    }

    #[test]
    fn place_order_only_inserts_subscriptions() {
        assert!(!Flow::PlaceOrder.is_multi_partner());
        assert!(Flow::PlaceOrder.may(Table::Subscriptions, WriteOp::Insert));
        assert!(!Flow::PlaceOrder.may(Table::Subscriptions, WriteOp::Update));
        assert!(!Flow::PlaceOrder.may(Table::Subscriptions, WriteOp::Delete));
        let tables: BTreeSet<Table> = Flow::PlaceOrder.writes().iter().copied().collect();
        assert_eq!(tables, [Table::Subscriptions, Table::AuditEvents].into());
    }

    #[test]
    fn writes_and_write_ops_agree() {
        for flow in Flow::ALL {
            let tables: BTreeSet<Table> = flow.writes().iter().copied().collect();
            assert_eq!(
                tables.len(),
                flow.writes().len(),
                "{flow:?} lists a table twice"
            );
            let from_ops: BTreeSet<Table> = flow.write_ops().iter().map(|w| w.table).collect();
            assert_eq!(tables, from_ops, "{flow:?}");
        }
    }

    #[test]
    fn every_flow_is_audited_and_the_audit_trail_is_append_only() {
        for flow in Flow::ALL {
            assert!(flow.may(Table::AuditEvents, WriteOp::Insert), "{flow:?}");
            assert!(!flow.may(Table::AuditEvents, WriteOp::Update), "{flow:?}");
            assert!(!flow.may(Table::AuditEvents, WriteOp::Delete), "{flow:?}");
        }
    }

    #[test]
    fn no_flow_deletes_anything() {
        for flow in Flow::ALL {
            assert!(
                flow.write_ops().iter().all(|w| w.op != WriteOp::Delete),
                "{flow:?}"
            );
        }
    }

    #[test]
    fn no_flow_touches_identity_or_catalogue_tables() {
        for flow in Flow::ALL {
            for table in [Table::Tenants, Table::Users, Table::Offers] {
                assert!(!flow.writes().contains(&table), "{flow:?} {table:?}");
            }
        }
    }

    #[test]
    fn table_names() {
        let names: Vec<&str> = Table::ALL.iter().map(Table::as_str).collect();
        assert_eq!(
            names,
            [
                "tenants",
                "users",
                "invitations",
                "relationships",
                "admin_access",
                "subscriptions",
                "offers",
                "audit_events"
            ]
        );
    }
}
