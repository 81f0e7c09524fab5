//! The server process and its flow folder: a broken flow stops the start with the file and node
//! named, and `SIGHUP` publishes the folder again, a good set whole and a broken one not at all.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Every wait is bounded, so a fault fails the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(20);

/// A sentence only the join flow's file holds (a warning of the migrate outcome).
const WARNING: &str = "Do not migrate if the account has any personal purchases";

/// A place for one server: its flow folder (a copy of `flows/`), built app and database.
struct Place {
    dir: tempfile::TempDir,
    flows: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("dist")).unwrap();
        std::fs::write(
            dir.path().join("dist/index.html"),
            "<html><head></head></html>",
        )
        .unwrap();
        Place {
            dir,
            flows: common::flow_folder(),
        }
    }

    /// What the server wrote to its standard output and error.
    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// Replaces `from` with `to` in the join flow.
    fn edit_join(&self, from: &str, to: &str) {
        common::edit_join(self.flows.path(), from, to);
    }

    fn command(&self, port: u16) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_signpost-server"));
        command
            .env_clear()
            .env("SIGNPOST_ADDR", format!("127.0.0.1:{port}"))
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", self.dir.path().join("signpost.db").display()),
            )
            .env("SIGNPOST_DIST", self.dir.path().join("dist"))
            .env("SIGNPOST_FLOWS", self.flows.path())
            .env("RUST_LOG", "info")
            .stdin(Stdio::null());
        command
    }
}

/// A running server, killed when dropped.
struct Running {
    child: Child,
    url: String,
}

impl Running {
    async fn start(place: &Place) -> Running {
        let port = free_port();
        let log = std::fs::File::create(place.log()).unwrap();
        let child = place
            .command(port)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut running = Running {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + PATIENCE;
        while reqwest::get(format!("{}/healthz", running.url))
            .await
            .is_err()
        {
            assert!(
                running.child.try_wait().unwrap().is_none(),
                "the server stopped"
            );
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        running
    }

    fn hang_up(&self) {
        let status = Command::new("kill")
            .args(["-HUP", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    async fn text(&self, path: &str) -> String {
        let response = reqwest::get(format!("{}{path}", self.url)).await.unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.text().await.unwrap()
    }

    /// Waits until `path` answers a text that `done` accepts, and returns it.
    async fn until(&self, path: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text(path).await;
            if done(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "{path} never changed: {text}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn a_broken_flow_stops_the_start_naming_its_file_node_and_field() {
    let place = Place::new();
    place.edit_join("text.es = \"¿Con qué necesitas ayuda?\"", "");
    let Output {
        status,
        stdout,
        stderr,
    } = place.command(free_port()).output().unwrap();
    assert!(!status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    );
    assert!(said.contains("1-join.toml"), "{said}");
    assert!(
        said.contains("node \"topic\": the text has no \"es\" text"),
        "{said}"
    );
}

#[tokio::test]
async fn sighup_publishes_a_good_folder_and_refuses_a_broken_one() {
    let place = Place::new();
    let server = Running::start(&place).await;
    assert!(server.text("/api/flows/join").await.contains(WARNING));

    place.edit_join(WARNING, "Never migrate an account with personal purchases");
    server.hang_up();
    let page = server
        .until("/?flow=join", |page| {
            page.contains("Never migrate an account")
        })
        .await;
    assert!(!page.contains(WARNING));

    place.edit_join("next = \"invitation\"", "next = \"nowhere\"");
    server.hang_up();
    server
        .until("/metrics", |m| {
            m.contains("signpost_flow_reload_failures_total 1")
        })
        .await;
    // Still serving the last good set, and the log says which file and node were wrong.
    let flow = server.text("/api/flows/join").await;
    assert!(flow.contains("Never migrate an account"));
    let log = std::fs::read_to_string(place.log()).unwrap();
    assert!(
        log.contains("1-join.toml") && log.contains("\"nowhere\", which does not exist"),
        "{log}"
    );
}
