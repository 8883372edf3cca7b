//! The multi-partner flows against real databases, without HTTP: exactly-once acceptance under
//! concurrency, the subscription guarantee, hashed tokens, and the expiry sweep.

use std::sync::{Arc, Barrier};

use chrono::TimeDelta;
use diesel::prelude::*;
use multipartner::db::schema::{admin_access, audit_events, invitations, relationships};
use multipartner::db::{self, DbConnection};
use multipartner::domain::{CustomerDomain, GdapRole, InvitationExpiry, Quantity, TokenHash};
use multipartner::flows::invitations::{Created, InvitationRequest};
use multipartner::flows::{self, Ctx, FlowError};
use multipartner::policy::{AcceptRefusal, RequestedAccess};

use crate::both_backends;
use crate::common::{
    Backend, ctx_for, gdap, invitation_request, seeded_pool, subscription_fingerprint,
    subscription_fingerprint_up_to, tenant_id,
};

fn invite(conn: &mut DbConnection, ctx: &Ctx, request: &InvitationRequest) -> Created {
    flows::invitations::create(conn, ctx, request, db::now()).expect("create invitation")
}

fn count(conn: &mut DbConnection, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {sql}"))
        .get_result::<N>(conn)
        .unwrap()
        .n
}

/// 16 concurrent accepts of one invitation: exactly one succeeds, the others are told it was
/// already used, and there is exactly one relationship and one acceptance event.
async fn sixteen_concurrent_accepts_give_exactly_one_result(backend: Backend) {
    let pool = seeded_pool(backend);
    let (hash, fabrikam, contoso) = {
        let mut conn = pool.get().unwrap();
        let anna = ctx_for(&mut conn, "anna@fabrikam");
        ctx_for(&mut conn, "grace@contoso");
        let created = invite(
            &mut conn,
            &anna,
            &invitation_request(gdap(&[GdapRole::HelpdeskAdministrator], 90, true)),
        );
        (
            created.token.hash(),
            tenant_id(&mut conn, "t-fabrikam"),
            tenant_id(&mut conn, "t-contoso"),
        )
    };
    let barrier = Arc::new(Barrier::new(16));
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let pool = pool.clone();
            let barrier = barrier.clone();
            let hash = TokenHash::parse(hash.as_str()).unwrap();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let grace = ctx_for(&mut conn, "grace@contoso");
                barrier.wait();
                flows::acceptance::accept(&mut conn, &grace, &hash, db::now())
            })
        })
        .collect();
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let accepted = outcomes.iter().filter(|o| o.is_ok()).count();
    let already_used = outcomes
        .iter()
        .filter(|o| matches!(o, Err(FlowError::Refused(AcceptRefusal::AlreadyUsed))))
        .count();
    assert_eq!(accepted, 1, "{outcomes:?}");
    assert_eq!(already_used, 15, "{outcomes:?}");

    let mut conn = pool.get().unwrap();
    let pair = format!("customer_tenant_id = {contoso} AND partner_tenant_id = {fabrikam}");
    assert_eq!(count(&mut conn, &format!("relationships WHERE {pair}")), 1);
    assert_eq!(count(&mut conn, &format!("admin_access WHERE {pair}")), 1);
    assert_eq!(
        count(
            &mut conn,
            "audit_events WHERE action = 'invitation.accept' AND outcome = 'success'"
        ),
        1
    );
    assert_eq!(
        count(
            &mut conn,
            "audit_events WHERE action = 'invitation.accept' AND outcome = 'denied'"
        ),
        15
    );
}
both_backends!(sixteen_concurrent_accepts_give_exactly_one_result);

/// Every multi-partner flow leaves every subscription row exactly as it was; a new order adds
/// one row naming its partner and changes no other.
async fn no_multi_partner_flow_changes_a_subscription(backend: Backend) {
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    let before = subscription_fingerprint(conn);
    let unchanged = |conn: &mut DbConnection, step: &str| {
        assert_eq!(subscription_fingerprint(conn), before, "after {step}");
    };
    let anna = ctx_for(conn, "anna@fabrikam");
    let li = ctx_for(conn, "li@northwind");
    let ivan = ctx_for(conn, "ivan@tailspin");
    let grace = ctx_for(conn, "grace@contoso");
    let wei = ctx_for(conn, "wei@adventure");
    let now = db::now();

    // Fabrikam joins Contoso with GDAP; Contoso keeps Northwind.
    let fab = invite(
        conn,
        &anna,
        &invitation_request(gdap(
            &[GdapRole::UserAdministrator, GdapRole::HelpdeskAdministrator],
            30,
            false,
        )),
    );
    unchanged(conn, "create");
    flows::acceptance::accept(conn, &grace, &fab.token.hash(), now).unwrap();
    unchanged(conn, "accept");
    // Northwind, already Contoso's partner, asks for DAP: only the admin access is added.
    let nw = invite(conn, &li, &invitation_request(RequestedAccess::ResellerDap));
    let outcome = flows::acceptance::accept(conn, &grace, &nw.token.hash(), now).unwrap();
    assert_eq!(outcome.relationships_created, 0);
    assert!(outcome.admin_access_granted);
    unchanged(conn, "accept by an existing partner");
    // A declined and a revoked invitation.
    let declined = invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::acceptance::decline(conn, &wei, &declined.token.hash(), now).unwrap();
    unchanged(conn, "decline");
    let revoked = invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::invitations::revoke(conn, &anna, revoked.invitation.id, now).unwrap();
    unchanged(conn, "revoke");
    // Two-tier: Tailspin through Litware.
    let mut indirect = invitation_request(gdap(&[GdapRole::GlobalReader], 60, true));
    indirect.indirect_provider = Some(tenant_id(conn, "t-litware"));
    let tail = invite(conn, &ivan, &indirect);
    flows::acceptance::accept(conn, &wei, &tail.token.hash(), now).unwrap();
    unchanged(conn, "indirect accept");
    // Contoso removes Northwind's admin access and ends the relationship with Northwind, the
    // Partner of Record of all of its subscriptions.
    let northwind = tenant_id(conn, "t-northwind");
    flows::customer::remove_admin_access(conn, &grace, northwind, now).unwrap();
    unchanged(conn, "remove admin access");
    let reason = "moving on".parse().unwrap();
    flows::customer::end_relationship(conn, &grace, northwind, Some(&reason), now).unwrap();
    unchanged(conn, "end relationship");
    // Time passes: the sweep expires and extends admin access.
    flows::expiry::sweep(conn, now + TimeDelta::days(400)).unwrap();
    unchanged(conn, "expiry sweep");

    // A new order by Fabrikam: one new row, Partner of Record Fabrikam; old rows untouched.
    let max_before: i64 = multipartner::db::schema::subscriptions::table
        .select(diesel::dsl::max(
            multipartner::db::schema::subscriptions::id,
        ))
        .first::<Option<i64>>(conn)
        .unwrap()
        .unwrap();
    let contoso = tenant_id(conn, "t-contoso");
    let offer = multipartner::db::models::Offer::all(conn).unwrap()[0].id;
    flows::orders::place_order(conn, &anna, contoso, offer, Quantity::new(5).unwrap(), now)
        .unwrap();
    assert_eq!(subscription_fingerprint_up_to(conn, max_before), before);
    let fabrikam = tenant_id(conn, "t-fabrikam");
    assert_eq!(
        count(
            conn,
            &format!(
                "subscriptions WHERE id > {max_before} AND partner_of_record_tenant_id = {fabrikam} AND customer_tenant_id = {contoso}"
            )
        ),
        1
    );
    assert_eq!(
        count(conn, &format!("subscriptions WHERE id > {max_before}")),
        1
    );
    // Northwind's relationship ended: it cannot order any more, and nothing changes.
    let refused =
        flows::orders::place_order(conn, &li, contoso, offer, Quantity::new(1).unwrap(), now);
    assert!(
        matches!(refused, Err(FlowError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(
        count(conn, &format!("subscriptions WHERE id > {max_before}")),
        1
    );
}
both_backends!(no_multi_partner_flow_changes_a_subscription);

/// The link token is stored only as its SHA-256; no column holds the token itself.
async fn invitation_tokens_are_stored_only_hashed(backend: Backend) {
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let anna = ctx_for(&mut conn, "anna@fabrikam");
    let mut req = invitation_request(RequestedAccess::Reseller);
    req.customer_domain = Some(CustomerDomain::parse("contoso.partner.onmschina.cn").unwrap());
    let created = invite(&mut conn, &anna, &req);
    let token = created.token.as_str().to_owned();
    assert_eq!(token.len(), 43);
    use sha2::{Digest, Sha256};
    let expected = format!("{:x}", Sha256::digest(token.as_bytes()));
    let stored: String = invitations::table
        .find(created.invitation.id)
        .select(invitations::token_hash)
        .first(&mut conn)
        .unwrap();
    assert_eq!(stored, expected);
    // No text in the invitations or audit tables contains the token.
    let row = format!("{:?}", created.invitation);
    assert!(!row.contains(&token));
    let details: Vec<Option<String>> = audit_events::table
        .select(audit_events::detail)
        .load(&mut conn)
        .unwrap();
    assert!(details.iter().flatten().all(|d| !d.contains(&token)));
    // Two invitations never share a token.
    let other = invite(
        &mut conn,
        &anna,
        &invitation_request(RequestedAccess::Reseller),
    );
    assert_ne!(other.token.as_str(), token);
}
both_backends!(invitation_tokens_are_stored_only_hashed);

/// A stored value that names no state is an error, not a state. It used to read as a real one
/// (a corrupt `invitations.state` as `revoked`, a corrupt `access` as `reseller`), and pages
/// and decisions went on with it.
async fn a_corrupt_state_row_is_an_error(backend: Backend) {
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn: &mut DbConnection = &mut conn;
    let anna = ctx_for(conn, "anna@fabrikam");
    let created = invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    let id = created.invitation.id;
    // The columns' CHECK constraints keep them valid; corruption gets past them.
    let unchecked = match backend {
        Backend::Sqlite => "PRAGMA ignore_check_constraints = ON",
        Backend::Postgres => "ALTER TABLE invitations DROP CONSTRAINT invitations_state_check",
    };
    diesel::sql_query(unchecked).execute(conn).unwrap();
    diesel::sql_query(format!(
        "UPDATE invitations SET state = 'pendin' WHERE id = {id}"
    ))
    .execute(conn)
    .unwrap();
    let err = multipartner::db::models::Invitation::find(conn, id)
        .expect_err("a corrupt state read as a state");
    assert!(
        matches!(err, diesel::result::Error::DeserializationError(_)),
        "{err:?}"
    );
    // The error names the field and the enum that refused the value.
    let said = format!("{err:?}");
    assert!(
        said.contains("state") && said.contains("invitation state"),
        "{said}"
    );
    // The flows refuse to go on with it too.
    assert!(matches!(
        flows::invitations::revoke(conn, &anna, id, db::now()),
        Err(FlowError::Db(_))
    ));
}
both_backends!(a_corrupt_state_row_is_an_error);

/// The sweep records expiry and auto-extension in the audit trail, once.
async fn expiry_sweep_expires_extends_and_audits_once(backend: Backend) {
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    let anna = ctx_for(conn, "anna@fabrikam");
    let grace = ctx_for(conn, "grace@contoso");
    let li = ctx_for(conn, "li@northwind");
    let now = db::now();
    // Fabrikam: 10 days, auto-extends. Northwind: 10 days, does not.
    let fab = invite(
        conn,
        &anna,
        &invitation_request(gdap(&[GdapRole::HelpdeskAdministrator], 10, true)),
    );
    flows::acceptance::accept(conn, &grace, &fab.token.hash(), now).unwrap();
    let nw = invite(
        conn,
        &li,
        &invitation_request(gdap(&[GdapRole::GlobalReader], 10, false)),
    );
    flows::acceptance::accept(conn, &grace, &nw.token.hash(), now).unwrap();
    // A pending invitation with a 1-day expiry.
    let mut short = invitation_request(RequestedAccess::Reseller);
    short.expiry = InvitationExpiry::new(1).unwrap();
    let pending = invite(conn, &anna, &short);

    let later = now + TimeDelta::days(11);
    let report = flows::expiry::sweep(conn, later).unwrap();
    assert_eq!(report.access_extended, 1);
    assert_eq!(report.access_expired, 1);
    assert_eq!(report.invitations_expired, 1);
    let fabrikam = tenant_id(conn, "t-fabrikam");
    let (state, ends_at): (String, Option<chrono::NaiveDateTime>) = admin_access::table
        .filter(admin_access::partner_tenant_id.eq(fabrikam))
        .select((admin_access::state, admin_access::ends_at))
        .first(conn)
        .unwrap();
    assert_eq!(state, "active");
    let extended_days = (ends_at.unwrap() - now).num_days();
    assert_eq!(extended_days, 10 + 180);
    let state: String = invitations::table
        .find(pending.invitation.id)
        .select(invitations::state)
        .first(conn)
        .unwrap();
    assert_eq!(state, "expired");
    // An expired invitation can no longer be accepted.
    let refused = flows::acceptance::accept(conn, &grace, &pending.token.hash(), later);
    assert!(
        matches!(refused, Err(FlowError::Refused(AcceptRefusal::Expired))),
        "{refused:?}"
    );
    // Running again finds nothing more to do and audits nothing more.
    let events = count(
        conn,
        "audit_events WHERE action IN ('admin_access.expire', 'admin_access.auto_extend', 'invitation.expire')",
    );
    assert_eq!(events, 3);
    assert_eq!(
        flows::expiry::sweep(conn, later).unwrap(),
        Default::default()
    );
    assert_eq!(
        count(
            conn,
            "audit_events WHERE action IN ('admin_access.expire', 'admin_access.auto_extend', 'invitation.expire')"
        ),
        3
    );
    // Relationships are untouched by expiry of their admin access.
    assert_eq!(count(conn, "relationships WHERE state = 'active'"), 2);
    let _ = relationships::table;
}
both_backends!(expiry_sweep_expires_extends_and_audits_once);

/// The overview's maintained counters equal what counting the tables gives, after every kind
/// of change.
async fn counters_match_the_tables_after_every_flow(backend: Backend) {
    use multipartner::db::models::counters;
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    let check = |conn: &mut DbConnection, step: &str| {
        let kept = counters::all(conn).unwrap();
        let get = |name: &str| kept.get(name).copied().unwrap_or(0);
        let scans = [
            ("customers", count(conn, "tenants WHERE kind = 'customer'")),
            (
                "customers_multi_partner",
                count(
                    conn,
                    "(SELECT customer_tenant_id FROM relationships WHERE state = 'active' GROUP BY customer_tenant_id HAVING COUNT(*) >= 2) AS m",
                ),
            ),
            (
                "relationships_active.direct_reseller",
                count(
                    conn,
                    "relationships WHERE state = 'active' AND relationship_type = 'direct_reseller'",
                ),
            ),
            (
                "relationships_active.indirect_provider",
                count(
                    conn,
                    "relationships WHERE state = 'active' AND relationship_type = 'indirect_provider'",
                ),
            ),
            (
                "relationships_active.indirect_reseller",
                count(
                    conn,
                    "relationships WHERE state = 'active' AND relationship_type = 'indirect_reseller'",
                ),
            ),
            (
                "admin_access_active.dap",
                count(conn, "admin_access WHERE state = 'active' AND kind = 'dap'"),
            ),
            (
                "admin_access_active.gdap",
                count(
                    conn,
                    "admin_access WHERE state = 'active' AND kind = 'gdap'",
                ),
            ),
            (
                "invitations_pending",
                count(conn, "invitations WHERE state = 'pending'"),
            ),
        ];
        for (name, scanned) in scans {
            assert_eq!(get(name), scanned, "{name} after {step}");
        }
    };
    check(conn, "seed");
    let anna = ctx_for(conn, "anna@fabrikam");
    let li = ctx_for(conn, "li@northwind");
    let ivan = ctx_for(conn, "ivan@tailspin");
    let grace = ctx_for(conn, "grace@contoso");
    let wei = ctx_for(conn, "wei@adventure");
    let now = db::now();
    let fab = invite(
        conn,
        &anna,
        &invitation_request(gdap(&[GdapRole::HelpdeskAdministrator], 5, false)),
    );
    check(conn, "create");
    flows::acceptance::accept(conn, &grace, &fab.token.hash(), now).unwrap();
    check(conn, "accept (Contoso becomes multi-partner)");
    let nw = invite(conn, &li, &invitation_request(RequestedAccess::ResellerDap));
    flows::acceptance::accept(conn, &grace, &nw.token.hash(), now).unwrap();
    check(conn, "accept by an existing partner");
    let mut indirect = invitation_request(RequestedAccess::Reseller);
    indirect.indirect_provider = Some(tenant_id(conn, "t-litware"));
    let tail = invite(conn, &ivan, &indirect);
    flows::acceptance::accept(conn, &wei, &tail.token.hash(), now).unwrap();
    check(conn, "indirect accept");
    let declined = invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::acceptance::decline(conn, &wei, &declined.token.hash(), now).unwrap();
    let revoked = invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::invitations::revoke(conn, &anna, revoked.invitation.id, now).unwrap();
    check(conn, "decline and revoke");
    let northwind = tenant_id(conn, "t-northwind");
    flows::customer::remove_admin_access(conn, &grace, northwind, now).unwrap();
    check(conn, "remove admin access");
    let fabrikam = tenant_id(conn, "t-fabrikam");
    flows::customer::end_relationship(conn, &grace, fabrikam, None, now).unwrap();
    check(conn, "end relationship (Contoso back to one partner)");
    invite(conn, &anna, &invitation_request(RequestedAccess::Reseller));
    flows::expiry::sweep(conn, now + TimeDelta::days(30)).unwrap();
    check(conn, "expiry sweep");
    counters::recompute(conn).unwrap();
    check(conn, "recompute");
}
both_backends!(counters_match_the_tables_after_every_flow);

/// Partner-side endings (issue 10, item 1): only an admin agent terminates its admin access or
/// ends its own relationship, each in one transaction with its audit row; an indirect reseller
/// ends only its own relationship, never its provider's; another tenant's customer is not
/// found; and no subscription row changes at any step.
async fn partner_side_endings_change_no_subscription(backend: Backend) {
    use multipartner::db::models::{AdminAccess, Relationship};
    use multipartner::domain::{AdminAccessState, EndedBy};
    let pool = seeded_pool(backend);
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    let anna = ctx_for(conn, "anna@fabrikam");
    let sam = ctx_for(conn, "sam@fabrikam");
    let li = ctx_for(conn, "li@northwind");
    let ivan = ctx_for(conn, "ivan@tailspin");
    let grace = ctx_for(conn, "grace@contoso");
    let wei = ctx_for(conn, "wei@adventure");
    let now = db::now();
    let contoso = tenant_id(conn, "t-contoso");
    let adventure = tenant_id(conn, "t-adventure");
    let fabrikam = tenant_id(conn, "t-fabrikam");
    let northwind = tenant_id(conn, "t-northwind");
    let tailspin = tenant_id(conn, "t-tailspin");
    let litware = tenant_id(conn, "t-litware");
    let fab = invite(
        conn,
        &anna,
        &invitation_request(gdap(
            &[GdapRole::HelpdeskAdministrator, GdapRole::UserAdministrator],
            90,
            false,
        )),
    );
    flows::acceptance::accept(conn, &grace, &fab.token.hash(), now).unwrap();
    let before = subscription_fingerprint(conn);
    assert!(before.starts_with(|c: char| c != '0'), "{before}");
    let unchanged = |conn: &mut DbConnection, step: &str| {
        assert_eq!(subscription_fingerprint(conn), before, "after {step}");
    };
    let audited = |conn: &mut DbConnection, action: &str, outcome: &str| {
        count(
            conn,
            &format!("audit_events WHERE action = '{action}' AND outcome = '{outcome}'"),
        )
    };
    let fab_access =
        |conn: &mut DbConnection| AdminAccess::between(conn, contoso, fabrikam).unwrap();

    // A sales agent may not: 403, audited, nothing changes.
    assert!(matches!(
        flows::partner::terminate_admin_access(conn, &sam, contoso, now),
        Err(FlowError::Forbidden)
    ));
    assert!(matches!(
        flows::partner::end_relationship(conn, &sam, contoso, None, now),
        Err(FlowError::Forbidden)
    ));
    assert_eq!(audited(conn, "admin_access.terminate", "denied"), 1);
    assert_eq!(audited(conn, "relationship.end", "denied"), 1);
    assert_eq!(fab_access(conn)[0].state, AdminAccessState::Active);
    unchanged(conn, "refused sales agent");

    // A customer the partner never had: not found, audited.
    for result in [
        flows::partner::terminate_admin_access(conn, &anna, adventure, now).map(|_| ()),
        flows::partner::end_relationship(conn, &anna, adventure, None, now),
    ] {
        assert!(matches!(result, Err(FlowError::NotFound)), "{result:?}");
    }
    assert_eq!(
        count(
            conn,
            &format!(
                "audit_events WHERE outcome = 'denied' AND detail = 'not_found' AND target_id = {adventure} AND actor_tenant_id = {fabrikam}"
            )
        ),
        2
    );

    // Anna terminates: the access is removed by the partner, the relationship stays.
    assert_eq!(
        flows::partner::terminate_admin_access(conn, &anna, contoso, now).unwrap(),
        1
    );
    unchanged(conn, "terminate");
    let access = fab_access(conn);
    assert_eq!(access[0].state, AdminAccessState::Removed);
    assert_eq!(access[0].removed_by, Some(EndedBy::Partner));
    assert_eq!(access[0].removed_by_user_id, Some(anna.user_id));
    assert!(
        Relationship::active_between(conn, contoso, fabrikam)
            .unwrap()
            .is_some()
    );
    assert_eq!(audited(conn, "admin_access.terminate", "success"), 1);
    // Again: nothing to terminate (409), nothing changes.
    assert!(matches!(
        flows::partner::terminate_admin_access(conn, &anna, contoso, now),
        Err(FlowError::Conflict("customers-error-no-admin-access"))
    ));
    assert_eq!(audited(conn, "admin_access.terminate", "success"), 1);

    // Anna ends the relationship with a reason; Contoso keeps Northwind.
    flows::partner::end_relationship(
        conn,
        &anna,
        contoso,
        Some(&"Contract ended".parse().unwrap()),
        now,
    )
    .unwrap();
    unchanged(conn, "end");
    let ended = &Relationship::history_between(conn, contoso, fabrikam).unwrap()[0];
    assert!(!ended.is_active());
    assert_eq!(ended.ended_by, Some(EndedBy::Partner));
    assert_eq!(ended.ended_by_user_id, Some(anna.user_id));
    assert_eq!(ended.end_reason.as_deref(), Some("Contract ended"));
    assert!(
        Relationship::active_between(conn, contoso, northwind)
            .unwrap()
            .is_some()
    );
    assert!(matches!(
        flows::partner::end_relationship(conn, &anna, contoso, None, now),
        Err(FlowError::Conflict("customers-error-not-active"))
    ));

    // Northwind, Partner of Record of every Contoso subscription, ends its relationship: its
    // admin access goes with it, every subscription stays with Northwind.
    let nw = invite(conn, &li, &invitation_request(RequestedAccess::ResellerDap));
    flows::acceptance::accept(conn, &grace, &nw.token.hash(), now).unwrap();
    unchanged(conn, "northwind's DAP");
    flows::partner::end_relationship(conn, &li, contoso, None, now).unwrap();
    unchanged(conn, "northwind ends");
    assert!(
        AdminAccess::between(conn, contoso, northwind)
            .unwrap()
            .iter()
            .all(|a| a.state != AdminAccessState::Active)
    );
    assert_eq!(
        count(
            conn,
            &format!(
                "audit_events WHERE action = 'admin_access.terminate' AND detail = 'relationship_ended' AND actor_tenant_id = {northwind}"
            )
        ),
        1
    );
    assert_eq!(
        count(
            conn,
            &format!(
                "subscriptions WHERE customer_tenant_id = {contoso} AND partner_of_record_tenant_id = {northwind}"
            )
        ),
        count(
            conn,
            &format!("subscriptions WHERE customer_tenant_id = {contoso}")
        )
    );

    // Tailspin through Litware: ending is Tailspin's own relationship only.
    let mut indirect = invitation_request(gdap(&[GdapRole::GlobalReader], 60, false));
    indirect.indirect_provider = Some(litware);
    let tail = invite(conn, &ivan, &indirect);
    flows::acceptance::accept(conn, &wei, &tail.token.hash(), now).unwrap();
    flows::partner::end_relationship(
        conn,
        &ivan,
        adventure,
        Some(&"Handing over".parse().unwrap()),
        now,
    )
    .unwrap();
    unchanged(conn, "indirect reseller ends");
    assert!(
        Relationship::active_between(conn, adventure, tailspin)
            .unwrap()
            .is_none()
    );
    assert!(
        Relationship::active_between(conn, adventure, litware)
            .unwrap()
            .is_some(),
        "the provider's relationship stands"
    );
    // Tailspin has nothing more to end there; its provider's relationship is not its to end.
    assert!(matches!(
        flows::partner::end_relationship(conn, &ivan, adventure, None, now),
        Err(FlowError::Conflict("customers-error-not-active"))
    ));
    assert!(
        Relationship::active_between(conn, adventure, litware)
            .unwrap()
            .is_some()
    );
}
both_backends!(partner_side_endings_change_no_subscription);
