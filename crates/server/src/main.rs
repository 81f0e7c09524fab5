//! `signpost-server`: reads the configuration, opens the database, and serves until stopped.

use signpost_server::config::{Config, ENVIRONMENT};
use signpost_server::{app, AppState, StaticFiles, Store};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    if std::env::args().any(|a| a == "--help" || a == "-h") {
        println!("signpost-server: serves the signpost wizard and its API.\n\nEnvironment:\n{ENVIRONMENT}");
        return std::process::ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("signpost-server: {message}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    if config.json_logs {
        logs.json().init();
    } else {
        logs.init();
    }
    match serve(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let store = Store::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database at {}: {e}", config.database_url))?;
    let state = AppState::new(store, &config)
        .await
        .map_err(|e| e.to_string())?;
    signpost_server::reload_on_hangup(state.clone())
        .map_err(|e| format!("cannot listen for SIGHUP: {e}"))?;
    let router = app(state, &StaticFiles(config.dist));
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("listening on http://{}", config.addr);
    signpost_server::serve::serve(listener, router, config.limits, stopped()).await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so requests in flight finish before the process ends.
async fn stopped() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler can be installed");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
