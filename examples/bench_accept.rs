//! P3 of scripts/bench: invitation acceptances per second against single-row updates, both
//! through the same connection pool at 16 concurrent clients, in interleaved rounds.
//!
//! `DATABASE_URL=... cargo run --release --example bench_accept -- [seconds-per-round] [rounds]`
//! Prints `key=value` lines for the script.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use multipartner::auth::CurrentUser;
use multipartner::db::models::{NewTenant, NewUser, Tenant, User};
use multipartner::db::{self, DbConnection, DbPool, PoolOptions};
use multipartner::domain::{InvitationExpiry, TenantKind, TokenHash};
use multipartner::flows::invitations::InvitationRequest;
use multipartner::flows::{self, Ctx};
use multipartner::policy::RequestedAccess;

const CLIENTS: usize = 16;

/// One unit of client work: `Some(ok)`, or `None` when there is nothing left to do.
type Work = dyn Fn(&mut DbConnection, usize) -> Option<bool> + Send + Sync;

fn ctx(conn: &mut DbConnection, tenant: &Tenant, login: &str, roles: &str) -> Ctx {
    let user = User::upsert_at_sign_in(
        conn,
        &NewUser {
            tenant_id: tenant.id,
            issuer: "bench",
            subject: login,
            login,
            display_name: login,
            roles,
            created_at: db::now(),
            last_sign_in_at: None,
        },
    )
    .unwrap();
    let kind = tenant.tenant_kind().unwrap();
    let roles = user.roles().effective_for(kind);
    Ctx::new(
        &CurrentUser {
            user,
            tenant: tenant.clone(),
            kind,
            roles,
        },
        Default::default(),
    )
}

/// `n` fresh customers, each with a pending invitation from Fabrikam.
fn prepare(pool: &DbPool, n: usize, tag: &str) -> Vec<(Ctx, TokenHash)> {
    let mut conn = pool.get().unwrap();
    db::write_transaction(&mut conn, |conn| {
        let fabrikam = Tenant::find_by_external_id(conn, "t-fabrikam")?.unwrap();
        let anna = ctx(conn, &fabrikam, "bench-anna", "admin_agent");
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let ext = format!("bench-{tag}-{i}");
            let domain = format!("b{i}-{tag}.partner.onmschina.cn");
            let customer = Tenant::insert_if_absent(
                conn,
                &NewTenant {
                    external_id: &ext,
                    kind: TenantKind::Customer.as_str(),
                    name: &ext,
                    partner_type: None,
                    partner_id: None,
                    default_domain: Some(&domain),
                    created_at: db::now(),
                },
            )?;
            let ga = ctx(conn, &customer, &format!("ga-{ext}"), "global_admin");
            let created = flows::invitations::create(
                conn,
                &anna,
                &InvitationRequest {
                    access: RequestedAccess::ResellerDap,
                    customer_domain: None,
                    message: None,
                    expiry: InvitationExpiry::default(),
                    indirect_provider: None,
                    display_name: None,
                },
                db::now(),
            )
            .map_err(|e| match e {
                flows::FlowError::Db(e) => e,
                other => panic!("{other:?}"),
            })?;
            out.push((ga, created.token.hash()));
        }
        Ok::<_, diesel::result::Error>(out)
    })
    .unwrap()
}

/// Runs `work` from CLIENTS threads for `secs`; returns (operations per second, errors).
fn run(pool: &DbPool, secs: f64, work: Arc<Work>) -> (f64, usize) {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (pool, stop, done, errors, work) = (
                pool.clone(),
                stop.clone(),
                done.clone(),
                errors.clone(),
                work.clone(),
            );
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let mut conn = pool.get().unwrap();
                    match work(&mut conn, client) {
                        Some(true) => {
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                        Some(false) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        None => break, // out of work
                    }
                }
            })
        })
        .collect();
    while started.elapsed() < Duration::from_secs_f64(secs)
        && threads.iter().any(|t| !t.is_finished())
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    (
        done.load(Ordering::Relaxed) as f64 / elapsed,
        errors.load(Ordering::Relaxed),
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
    let mut args = std::env::args().skip(1);
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let pool = db::build_pool(
        &url,
        &PoolOptions {
            max_size: CLIENTS as u32,
            connection_timeout: Duration::from_secs(30),
        },
    );
    {
        let mut conn = pool.get().unwrap();
        db::migrate(&mut conn).unwrap();
        multipartner::seed::seed_demo(&mut conn).unwrap();
        diesel::sql_query(
            "CREATE TABLE IF NOT EXISTS bench_rows (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)",
        )
        .execute(&mut conn)
        .unwrap();
        for i in 0..CLIENTS {
            let _ = diesel::sql_query(format!("INSERT INTO bench_rows (id, n) VALUES ({i}, 0)"))
                .execute(&mut conn);
        }
    }
    let tag = format!("{}", std::process::id());
    let per_round = (4000.0 * secs) as usize;
    let mut accept_rates = Vec::new();
    let mut update_rates = Vec::new();
    let mut ratios = Vec::new();
    let mut total_errors = 0;
    for round in 0..rounds {
        let work = Arc::new(prepare(&pool, per_round, &format!("{tag}-{round}")));
        let next = Arc::new(AtomicUsize::new(0));
        let accept: Arc<Work> = Arc::new(move |conn, _| {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (ctx, hash) = work.get(i)?;
            let outcome = flows::acceptance::accept(conn, ctx, hash, db::now());
            if let Err(err) = &outcome {
                // Say what failed, so an error count is never a mystery.
                eprintln!("acceptance failed: {err}");
            }
            Some(outcome.is_ok())
        });
        let (a, ea) = run(&pool, secs, accept);
        let update: Arc<Work> = Arc::new(|conn, client| {
            Some(
                db::write_transaction(conn, |conn| {
                    diesel::sql_query(format!(
                        "UPDATE bench_rows SET n = n + 1 WHERE id = {client}"
                    ))
                    .execute(conn)
                })
                .is_ok(),
            )
        });
        let (u, eu) = run(&pool, secs, update);
        eprintln!(
            "round {round}: {a:.0} acceptances/s, {u:.0} updates/s, ratio {:.2}, errors {}",
            a / u,
            ea + eu
        );
        accept_rates.push(a);
        update_rates.push(u);
        ratios.push(a / u);
        total_errors += ea + eu;
    }
    println!("accept_per_s={:.0}", median(accept_rates));
    println!("update_per_s={:.0}", median(update_rates));
    println!("ratio_median={:.2}", median(ratios));
    println!("errors={total_errors}");
}
