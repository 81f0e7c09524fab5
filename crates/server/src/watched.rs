//! A file of the built app, and what the server makes of it, made again whenever a new build
//! changes the file on disk (the server keeps serving across `scripts/build`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A file and something derived from its text, kept until the file changes.
pub struct Watched<T> {
    path: PathBuf,
    make: Box<dyn Fn(&str) -> T + Send + Sync>,
    cached: Mutex<Option<(Option<SystemTime>, Arc<T>)>>,
}

impl<T> Watched<T> {
    /// Watches `path`; `make` turns its text (empty while the file is missing) into a `T`.
    pub fn new(path: PathBuf, make: impl Fn(&str) -> T + Send + Sync + 'static) -> Watched<T> {
        Watched {
            path,
            make: Box::new(make),
            cached: Mutex::new(None),
        }
    }

    /// What the file on disk now makes.
    pub fn current(&self) -> Arc<T> {
        let modified = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        let mut cached = self.cached.lock().expect("never poisoned");
        match cached.as_ref() {
            Some((at, made)) if *at == modified && modified.is_some() => made.clone(),
            _ => {
                let text = std::fs::read_to_string(&self.path).unwrap_or_default();
                let made = Arc::new((self.make)(&text));
                *cached = Some((modified, made.clone()));
                made
            }
        }
    }
}
