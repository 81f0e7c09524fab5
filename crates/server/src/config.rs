//! The server's configuration: one TOML file (`SIGNPOST_CONFIG`) whose values environment
//! variables override. Every key has a safe default, so no file is needed to try it out.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use ipnet::IpNet;
use serde::Deserialize;
use signpost_flow::org::Organisation;

use crate::flows::FlowSource;
use crate::serve::Limits;
use crate::webhook::Webhook;

/// The environment variables the server reads, for `--help` and the README.
pub const ENVIRONMENT: &str = "\
  SIGNPOST_CONFIG  the organisation's TOML config file (default: none, an example organisation)
  SIGNPOST_ADDR    the address to listen on (default: 127.0.0.1:8080)
  DATABASE_URL     where actions are stored: sqlite://path or postgres://user@host/db
                   (default: sqlite://data/signpost.db)
  SIGNPOST_DIST    the built app's folder (default: dist)
  SIGNPOST_FLOWS   a folder of flow files (*.toml), read again on SIGHUP or an admin reload
                   (default: none, the flows shipped in the binary)
  SIGNPOST_ADMIN_TOKENS     comma-separated bearer tokens for /api/admin (default: none, admin API closed)
  SIGNPOST_RATE_LIMIT       confirmations per minute per client, 0 for no limit (default: 60);
                            rooms opened, joins and answers, and wrong room codes follow it
  SIGNPOST_TRUSTED_PROXIES  comma-separated addresses or CIDRs of the load balancers whose
                            Forwarded or X-Forwarded-For names the client (default: none)
  SIGNPOST_ALLOWED_ORIGINS  comma-separated intranet origins that may embed or call the wizard
  SIGNPOST_WEBHOOK_URL      where each stored action is also delivered (default: none)
  SIGNPOST_LOG_FORMAT       text or json (default: text)
  SIGNPOST_PUBLIC_URL       the address people reach the server at, such as
                            https://signpost.example.edu; https:// turns on HSTS (default: none)
  SIGNPOST_HEADER_TIMEOUT_SECS  seconds a client has to send a request's headers (default: 30)
  SIGNPOST_BODY_TIMEOUT_SECS    longest pause, in seconds, while a client sends a body (default: 30)
  SIGNPOST_IDLE_TIMEOUT_SECS    seconds a connection with nothing to do stays open (default: 15)
  SIGNPOST_MAX_CONNECTIONS      connections open at once; more wait (default: 1024)
  SIGNPOST_ROOM_MAX_ATTENDEES   attendees one classroom room takes (default: 500)
  SIGNPOST_ROOM_IDLE_HOURS      hours after its last change that a room ends (default: 4)
  RUST_LOG         log filter (default: info)";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub dist: PathBuf,
    /// Where the flows are read from, at start and on each reload.
    pub flows: FlowSource,
    pub organisation: Organisation,
    /// Bearer tokens that open `/api/admin`; none keeps it closed.
    pub admin_tokens: Vec<String>,
    /// Confirmations accepted per minute from one client; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    /// The proxies whose forwarding headers say which client a request is from.
    pub trusted_proxies: TrustedProxies,
    /// Origins (such as `https://intranet.example.edu`) that may embed the wizard or call its API.
    pub allowed_origins: Vec<String>,
    /// Logs as JSON lines rather than text.
    pub json_logs: bool,
    /// Where each stored action is delivered, if anywhere.
    pub webhook: Option<Webhook>,
    /// The address people reach the server at (such as `https://signpost.example.edu`), if known.
    pub public_url: Option<String>,
    /// How long clients may take, and how many may be connected at once.
    pub limits: Limits,
    /// The classroom rooms' limits.
    pub classroom: Classroom,
}

/// How large classroom rooms may be and how long they last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classroom {
    /// Distinct attendees one room takes; the next to join is refused.
    pub max_attendees: u32,
    /// Hours after its last change that a room ends by itself.
    pub idle_hours: u64,
}

impl Default for Classroom {
    fn default() -> Classroom {
        Classroom {
            max_attendees: 500,
            idle_hours: 4,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: ([127, 0, 0, 1], 8080).into(),
            database_url: "sqlite://data/signpost.db".into(),
            dist: "dist".into(),
            flows: FlowSource::Shipped,
            organisation: Organisation::example(),
            admin_tokens: Vec::new(),
            rate_limit_per_minute: 60,
            trusted_proxies: TrustedProxies::default(),
            allowed_origins: Vec::new(),
            json_logs: false,
            webhook: None,
            public_url: None,
            limits: Limits::default(),
            classroom: Classroom::default(),
        }
    }
}

impl Config {
    /// Whether people reach the server over HTTPS, so browsers may be told to use nothing else.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }
}

/// The config file's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    server: ServerSection,
    organisation: Option<Organisation>,
    #[serde(default)]
    admin: AdminSection,
    #[serde(default)]
    webhook: WebhookSection,
    #[serde(default)]
    classroom: ClassroomSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassroomSection {
    max_attendees: Option<u64>,
    idle_hours: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    addr: Option<SocketAddr>,
    database_url: Option<String>,
    dist: Option<PathBuf>,
    flows: Option<PathBuf>,
    rate_limit_per_minute: Option<u32>,
    trusted_proxies: Option<Vec<String>>,
    allowed_origins: Option<Vec<String>>,
    log_format: Option<String>,
    public_url: Option<String>,
    header_timeout_secs: Option<u64>,
    body_timeout_secs: Option<u64>,
    idle_timeout_secs: Option<u64>,
    max_connections: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookSection {
    url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdminSection {
    #[serde(default)]
    tokens: Vec<String>,
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
    #[error("SIGNPOST_RATE_LIMIT is not a whole number: {0}")]
    RateLimit(String),
    #[error("a trusted proxy must be an address or a CIDR such as 10.0.0.0/8, not {0:?}")]
    TrustedProxy(String),
    #[error("{name} must be a whole number above 0, not {value}")]
    Positive { name: &'static str, value: String },
    #[error("the public URL must start with https:// or http://, not {0}")]
    PublicUrl(String),
    #[error("an allowed origin must look like https://intranet.example.edu, not {0}")]
    Origin(String),
    #[error("an admin token must be at least 16 characters long")]
    WeakToken,
    #[error("the webhook URL must start with https:// (or http:// on this machine), not {0}")]
    WebhookUrl(String),
}

impl Config {
    /// Reads the file named by `SIGNPOST_CONFIG`, if any, then the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let file = match std::env::var_os("SIGNPOST_CONFIG") {
            Some(path) => read_file(Path::new(&path))?,
            None => File::default(),
        };
        let env = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let list = |text: String| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let defaults = Config::default();
        let addr = match env("SIGNPOST_ADDR") {
            Some(text) => text.parse().map_err(|_| ConfigError::Addr(text))?,
            None => file.server.addr.unwrap_or(defaults.addr),
        };
        let rate_limit_per_minute = match env("SIGNPOST_RATE_LIMIT") {
            Some(text) => text.parse().map_err(|_| ConfigError::RateLimit(text))?,
            None => file
                .server
                .rate_limit_per_minute
                .unwrap_or(defaults.rate_limit_per_minute),
        };
        let trusted_proxies = TrustedProxies::new(
            &env("SIGNPOST_TRUSTED_PROXIES")
                .map(list)
                .or(file.server.trusted_proxies)
                .unwrap_or_default(),
        )?;
        let allowed_origins = env("SIGNPOST_ALLOWED_ORIGINS")
            .map(list)
            .or(file.server.allowed_origins)
            .unwrap_or_default();
        if let Some(bad) = allowed_origins.iter().find(|o| !is_origin(o)) {
            return Err(ConfigError::Origin(bad.clone()));
        }
        let admin_tokens = env("SIGNPOST_ADMIN_TOKENS")
            .map(list)
            .unwrap_or(file.admin.tokens);
        if admin_tokens.iter().any(|t| t.len() < 16) {
            return Err(ConfigError::WeakToken);
        }
        let log_format = env("SIGNPOST_LOG_FORMAT").or(file.server.log_format);
        let webhook_url = env("SIGNPOST_WEBHOOK_URL").or(file.webhook.url);
        if let Some(url) = webhook_url.as_ref().filter(|u| !is_webhook_url(u)) {
            return Err(ConfigError::WebhookUrl(url.clone()));
        }
        let webhook = webhook_url.map(|url| Webhook {
            url,
            first_pause: std::time::Duration::from_secs(2),
        });
        let public_url = env("SIGNPOST_PUBLIC_URL").or(file.server.public_url);
        if let Some(url) = public_url
            .as_ref()
            .filter(|u| !u.starts_with("https://") && !u.starts_with("http://"))
        {
            return Err(ConfigError::PublicUrl(url.clone()));
        }
        let positive = |name: &'static str, in_file: Option<u64>, default: u64| {
            let value = env(name).or(in_file.map(|n| n.to_string()));
            match value {
                None => Ok(default),
                Some(text) => match text.parse() {
                    Ok(n) if n > 0 => Ok(n),
                    _ => Err(ConfigError::Positive { name, value: text }),
                },
            }
        };
        let seconds = |name, in_file, default: std::time::Duration| {
            positive(name, in_file, default.as_secs()).map(std::time::Duration::from_secs)
        };
        let limits = Limits {
            header_timeout: seconds(
                "SIGNPOST_HEADER_TIMEOUT_SECS",
                file.server.header_timeout_secs,
                defaults.limits.header_timeout,
            )?,
            body_timeout: seconds(
                "SIGNPOST_BODY_TIMEOUT_SECS",
                file.server.body_timeout_secs,
                defaults.limits.body_timeout,
            )?,
            idle_timeout: seconds(
                "SIGNPOST_IDLE_TIMEOUT_SECS",
                file.server.idle_timeout_secs,
                defaults.limits.idle_timeout,
            )?,
            max_connections: positive(
                "SIGNPOST_MAX_CONNECTIONS",
                file.server.max_connections,
                defaults.limits.max_connections as u64,
            )?
            .try_into()
            .unwrap_or(usize::MAX),
        };
        let classroom = Classroom {
            max_attendees: positive(
                "SIGNPOST_ROOM_MAX_ATTENDEES",
                file.classroom.max_attendees,
                defaults.classroom.max_attendees.into(),
            )?
            .try_into()
            .unwrap_or(u32::MAX),
            idle_hours: positive(
                "SIGNPOST_ROOM_IDLE_HOURS",
                file.classroom.idle_hours,
                defaults.classroom.idle_hours,
            )?,
        };
        Ok(Config {
            addr,
            database_url: env("DATABASE_URL")
                .or(file.server.database_url)
                .unwrap_or(defaults.database_url),
            dist: env("SIGNPOST_DIST")
                .map(PathBuf::from)
                .or(file.server.dist)
                .unwrap_or(defaults.dist),
            flows: env("SIGNPOST_FLOWS")
                .map(PathBuf::from)
                .or(file.server.flows)
                .map_or(FlowSource::Shipped, FlowSource::Folder),
            organisation: file.organisation.unwrap_or(defaults.organisation),
            admin_tokens,
            rate_limit_per_minute,
            trusted_proxies,
            allowed_origins,
            json_logs: log_format.as_deref() == Some("json"),
            webhook,
            public_url,
            limits,
            classroom,
        })
    }
}

/// The load balancers in front of the server, by address or range: only a request from one of
/// them is believed about the client it forwards.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// The proxies `entries` name, each an address (`10.0.0.1`, `2001:db8::1`) or a CIDR
    /// (`10.0.0.0/8`, `2001:db8::/32`); the first entry that is neither is refused.
    pub fn new(entries: &[impl AsRef<str>]) -> Result<TrustedProxies, ConfigError> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| ConfigError::TrustedProxy(entry.to_owned()))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// `scheme://host[:port]` with nothing after it, as browsers send in `Origin`.
fn is_origin(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|host| {
        !host.is_empty() && !host.contains('/') && !host.contains(char::is_whitespace)
    })
}

/// HTTPS anywhere; plain HTTP only to this machine.
fn is_webhook_url(url: &str) -> bool {
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
    url.starts_with("https://")
        || local.iter().any(|l| {
            url.strip_prefix(l)
                .is_some_and(|r| r.is_empty() || r.starts_with([':', '/']))
        })
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
        let organisation = file.organisation.unwrap();
        assert_eq!(organisation.email_domain, "example.edu");
        // The example file is the example organisation, teams and all.
        assert_eq!(organisation, Organisation::example());
        // And it spells out the classroom's defaults.
        let defaults = Classroom::default();
        let classroom = file.classroom;
        assert_eq!(classroom.max_attendees, Some(defaults.max_attendees.into()));
        assert_eq!(classroom.idle_hours, Some(defaults.idle_hours));
    }

    #[test]
    fn the_classroom_table_is_read_and_unknown_keys_are_refused() {
        let file: File = toml::from_str("[classroom]\nmax_attendees = 30\n").unwrap();
        assert_eq!(file.classroom.max_attendees, Some(30));
        assert_eq!(file.classroom.idle_hours, None);
        assert!(toml::from_str::<File>("[classroom]\nseats = 30\n").is_err());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges_and_anything_else_is_refused() {
        let proxies = TrustedProxies::new(&["10.0.0.0/8", " 192.0.2.1", "2001:db8::/32"]).unwrap();
        assert!(proxies.contains(IpAddr::from([10, 1, 2, 3])));
        assert!(proxies.contains(IpAddr::from([192, 0, 2, 1])));
        assert!(!proxies.contains(IpAddr::from([192, 0, 2, 2])));
        assert!(proxies.contains(IpAddr::from([0x2001, 0xdb8, 0, 0, 0, 0, 0, 9])));
        for bad in ["10.0.0.0/33", "proxy.example.edu", "10.0.0"] {
            let error = TrustedProxies::new(&[bad]).unwrap_err();
            assert!(error.to_string().contains(bad), "{error}");
        }
    }
}
