//! `mandates serve` and `mandates user`: the web application and its accounts.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use mandates_web::{AppState, Config, Role};

use crate::registry::Registry;

#[derive(Args)]
pub struct ServeArgs {
    /// The address and port to listen on; 0.0.0.0:8080 to let other machines in
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS:PORT")]
    bind: SocketAddr,
    /// Let people who are not signed in read everything (never write)
    #[arg(long)]
    anonymous_read: bool,
    /// Send the session cookie over HTTPS only: use it behind a TLS proxy
    #[arg(long)]
    secure_cookies: bool,
    /// The largest document one can upload, in MB
    #[arg(long, default_value_t = 32, value_name = "MB")]
    max_upload_mb: usize,
    /// The meetings file (Council sessions, conferences) to date reports from; default: data/meetings.csv as
    /// shipped
    #[arg(long, value_name = "FILE")]
    meetings: Option<PathBuf>,
    /// Write the log as JSON lines (for log collectors) instead of text
    #[arg(long)]
    log_json: bool,
    /// Try it out: register the bundled samples (the PP-22 summary and WTSA Resolution 1) if the registry holds
    /// no document, and open the editor account "demo" with the password "demo-password"
    #[arg(long)]
    demo: bool,
}

/// The samples a demonstration starts from, built into the program so that it needs no files.
const DEMO_DOCUMENTS: [(&str, &[u8]); 2] = [
    ("tsag-td-pp22-highlights.txt", include_bytes!("../../../samples/tsag-td-pp22-highlights.txt")),
    ("wtsa-res-001-rev-hammamet-2016.docx", include_bytes!("../../../samples/wtsa-res-001-rev-hammamet-2016.docx")),
];
const DEMO_ACCOUNT: (&str, &str) = ("demo", "demo-password");

/// Fill an empty registry with the samples and open the demonstration account.
async fn prepare_demo(store: &mandates_store::Store) -> Result<()> {
    if store.totals().await?.documents == 0 {
        for (name, bytes) in DEMO_DOCUMENTS {
            let document = mandates_core::parse(name, bytes, &Default::default())
                .with_context(|| format!("cannot read the bundled sample {name}"))?;
            store.ingest(&document, "demo").await?;
        }
    }
    let hash = mandates_web::hash_password(DEMO_ACCOUNT.1).map_err(anyhow::Error::msg)?;
    store.put_user(DEMO_ACCOUNT.0, &hash, Role::Editor).await?;
    Ok(())
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account, or set a new password and role for an existing one (this signs it out everywhere).
    /// The password is asked for, or read from the MANDATES_PASSWORD variable or from the first line of input
    Add {
        /// The account name people sign in with
        name: String,
        /// viewer: reads; editor: also updates tracking and adds documents; admin: also imports registries
        #[arg(long, default_value = "viewer")]
        role: String,
    },
    /// List the accounts and their roles
    List,
}

pub async fn serve(registry: &Registry, args: &ServeArgs) -> Result<()> {
    init_logging(args.log_json);
    let meetings = match &args.meetings {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            mandates_store::calendar::read_meetings(&text).with_context(|| format!("cannot read {}", path.display()))?
        }
        None => mandates_store::calendar::read_meetings(mandates_store::calendar::DEFAULT_MEETINGS)?,
    };
    let config = Config {
        anonymous_read: args.anonymous_read,
        secure_cookies: args.secure_cookies,
        max_upload_bytes: args.max_upload_mb << 20,
        meetings,
        ..Config::default()
    };
    let store = registry.open().await?;
    if args.demo {
        prepare_demo(&store).await?;
    }
    let listener =
        tokio::net::TcpListener::bind(args.bind).await.with_context(|| format!("cannot listen on {}", args.bind))?;
    let address = listener.local_addr()?;
    let accounts = store.users().await?.len();
    eprintln!("mandates: serving {} at http://{address}/ (press Ctrl+C to stop)", registry.db);
    if args.demo {
        eprintln!("mandates: sign in as {} with the password {}", DEMO_ACCOUNT.0, DEMO_ACCOUNT.1);
    } else if accounts == 0 {
        eprintln!("mandates: there are no accounts yet: add one with `mandates user add NAME --role admin`");
    }
    let app = mandates_web::app(AppState::new(store.clone(), config));
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.context("the server stopped")?;
    tracing::info!("stopped");
    store.close().await;
    Ok(())
}

/// Ctrl+C or SIGTERM: finish the requests under way, then stop.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("stopping: finishing the requests under way");
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MANDATES_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn user(registry: &Registry, command: &UserCommand) -> Result<()> {
    let store = registry.open().await?;
    match command {
        UserCommand::Add { name, role } => {
            let role: Role = role.parse()?;
            let password = read_password(name)?;
            let hash = mandates_web::hash_password(&password).map_err(anyhow::Error::msg)?;
            let user = store.put_user(name, &hash, role).await?;
            println!("account {} has the {} role", user.name, user.role);
        }
        UserCommand::List => {
            let mut out = std::io::stdout().lock();
            for user in store.users().await? {
                writeln!(out, "{}\t{}", user.name, user.role)?;
            }
        }
    }
    Ok(())
}

/// The new password: from MANDATES_PASSWORD, asked twice on a terminal, or the first line of input.
fn read_password(name: &str) -> Result<String> {
    if let Ok(password) = std::env::var("MANDATES_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("password for {name}: "))?;
        let again = rpassword::prompt_password("the same again: ")?;
        if first != again {
            bail!("the two passwords differ: nothing was changed");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}
