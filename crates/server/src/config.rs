//! The server's configuration: one TOML file (`SIGNPOST_CONFIG`) whose values environment
//! variables override. Every key has a safe default, so no file is needed to try it out.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use signpost_flow::org::Organisation;

/// The environment variables the server reads, for `--help` and the README.
pub const ENVIRONMENT: &str = "\
  SIGNPOST_CONFIG  the organisation's TOML config file (default: none, an example organisation)
  SIGNPOST_ADDR    the address to listen on (default: 127.0.0.1:8080)
  DATABASE_URL     where actions are stored (default: sqlite://data/signpost.db)
  SIGNPOST_DIST    the built app's folder (default: dist)
  RUST_LOG         log filter (default: info)";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub dist: PathBuf,
    pub organisation: Organisation,
}

/// The config file's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    server: ServerSection,
    organisation: Option<Organisation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    addr: Option<SocketAddr>,
    database_url: Option<String>,
    dist: Option<PathBuf>,
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("SIGNPOST_ADDR is not an address like 127.0.0.1:8080: {0}")]
    Addr(String),
}

impl Config {
    /// Reads the file named by `SIGNPOST_CONFIG`, if any, then the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let file = match std::env::var_os("SIGNPOST_CONFIG") {
            Some(path) => read_file(Path::new(&path))?,
            None => File::default(),
        };
        let env = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let addr = match env("SIGNPOST_ADDR") {
            Some(text) => text.parse().map_err(|_| ConfigError::Addr(text))?,
            None => file.server.addr.unwrap_or(([127, 0, 0, 1], 8080).into()),
        };
        Ok(Config {
            addr,
            database_url: env("DATABASE_URL")
                .or(file.server.database_url)
                .unwrap_or_else(|| "sqlite://data/signpost.db".into()),
            dist: env("SIGNPOST_DIST")
                .map(PathBuf::from)
                .or(file.server.dist)
                .unwrap_or_else(|| "dist".into()),
            organisation: file.organisation.unwrap_or_else(Organisation::example),
        })
    }
}

fn read_file(path: &Path) -> Result<File, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|source| ConfigError::Parse {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_file_parses() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/example.toml");
        let file = read_file(&path).unwrap();
        assert_eq!(file.organisation.unwrap().email_domain, "example.edu");
    }
}
