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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("multipartner: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    multipartner::telemetry::init(config.log_json);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
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
