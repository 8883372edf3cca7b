use clap::{Parser, Subcommand};

use multipartner::config::Config;
use multipartner::db::{self, PoolOptions};
use multipartner::startup::Application;

/// Multi-partner portal for Cloud Solution Provider partners and their customers.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web portal (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create the demo tenants, offers and subscriptions (idempotent) and exit.
    SeedDemo,
    /// Fill the database with a large, realistic platform (for benchmarks and plan checks).
    SeedScale {
        /// How many relationships to create.
        #[arg(long, default_value_t = 10_000)]
        relationships: usize,
        /// Random seed (the same seed on an empty database gives the same data).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check configuration, database, identity provider and Redis; one line per check, exit
    /// status 1 on any fault.
    Doctor,
    /// Copy the SQLite database to FILE while the portal runs (SQLite's online backup API).
    Backup {
        /// Where to write the copy (must not exist yet).
        file: std::path::PathBuf,
    },
    /// Move every user from an old issuer string to the configured one (audited), e.g. after
    /// fixing a trailing slash in OIDC_ISSUER_URL.
    MigrateIssuer {
        /// The issuer string users signed in under before.
        #[arg(long)]
        from: String,
        /// The new issuer string (default: OIDC_ISSUER_URL).
        #[arg(long)]
        to: Option<String>,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) if matches!(command, Command::Doctor) => {
            println!(
                "FAULT  configuration: {err}. Fix: correct {} and run doctor again",
                err.key
            );
            return std::process::ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!("multipartner: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    multipartner::telemetry::init(config.log_json);
    let production = config.environment == multipartner::config::Environment::Production;
    if production && matches!(command, Command::SeedDemo | Command::SeedScale { .. }) {
        eprintln!("multipartner: demo data is never seeded in production (APP_ENV=production)");
        return std::process::ExitCode::from(2);
    }
    let outcome = match command {
        Command::Serve => serve(config),
        Command::Doctor => return doctor(config),
        Command::Backup { file } => {
            match multipartner::db::backup::backup_sqlite(&config.database_url, &file) {
                Ok(report) => {
                    println!(
                        "backed up {} pages ({} bytes) to {} in {:.1}s; integrity check ok",
                        report.pages,
                        report.bytes,
                        file.display(),
                        report.elapsed.as_secs_f64()
                    );
                    Ok(())
                }
                Err(err) => Err(err.into()),
            }
        }
        Command::MigrateIssuer { from, to } => with_connection(&config, |conn| {
            let to = to.unwrap_or_else(|| config.oidc.issuer_url.clone());
            anyhow::ensure!(from != to, "--from and --to are the same issuer string");
            db::migrate(conn)?;
            let report = multipartner::auth::accounts::migrate_issuer(conn, &from, &to)?;
            println!("moved {} user(s) from {from:?} to {to:?}", report.moved);
            if !report.conflicts.is_empty() {
                println!(
                    "left {} user(s) under {from:?}: their subject already has an account under {to:?} (merge by hand): {}",
                    report.conflicts.len(),
                    report.conflicts.join(", ")
                );
            }
            Ok(())
        }),
        Command::Migrate => with_connection(&config, |conn| {
            let applied = db::migrate(conn)?;
            println!("applied {applied} migration(s)");
            Ok(())
        }),
        Command::SeedDemo => with_connection(&config, |conn| {
            db::migrate(conn)?;
            multipartner::seed::seed_demo(conn)?;
            println!("demo data is in place");
            Ok(())
        }),
        Command::SeedScale {
            relationships,
            seed,
        } => with_connection(&config, |conn| {
            db::migrate(conn)?;
            multipartner::seed::seed_demo(conn)?;
            let started = std::time::Instant::now();
            multipartner::seed::scale::seed_scale(
                conn,
                multipartner::seed::scale::ScaleOptions {
                    relationships,
                    seed,
                    progress: true,
                },
            )?;
            println!(
                "{relationships} relationships in {:.1}s",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("multipartner: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn doctor(config: Config) -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("multipartner: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let checks = runtime.block_on(multipartner::doctor::run(
        &config,
        None,
        multipartner::doctor::Probes::Send,
    ));
    for check in &checks {
        println!("{check}");
    }
    if checks.iter().all(|c| c.is_ok()) {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config.clone()).await?;
        tracing::info!(
            url = %config.base(),
            demo = config.demo_idp_enabled(),
            "multipartner is listening; open {} in a browser",
            config.base()
        );
        app.run_until_stopped().await?;
        Ok(())
    })
}

fn with_connection(
    config: &Config,
    f: impl FnOnce(&mut db::DbConnection) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let pool = db::build_pool(
        &config.database_url,
        &PoolOptions {
            max_size: 1,
            connection_timeout: config.db_pool_timeout,
        },
    );
    let mut conn = pool.get()?;
    f(&mut conn)
}
