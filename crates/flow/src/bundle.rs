//! Reading the `flows/` folder at build time: each file is parsed and checked, and the set is
//! written as one JSON bundle that the app and the server embed. A broken flow fails the build
//! with a message naming its file and node.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::raw::RawFlow;
use crate::{Flow, LoadError};

/// Why the flows folder could not be bundled.
#[derive(Debug, Error)]
pub enum BundleError {
    #[error("{file}: {source}")]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {source}")]
    Parse {
        file: PathBuf,
        source: toml::de::Error,
    },
    #[error("{file}: {source}")]
    Invalid { file: PathBuf, source: LoadError },
    #[error("{file}: the flow id \"{id}\" is used by another file")]
    DuplicateFlow { file: PathBuf, id: String },
}

/// Parses and checks one flow file's text.
pub fn parse_file(file: &Path, text: &str) -> Result<RawFlow, BundleError> {
    let raw: RawFlow = toml::from_str(text).map_err(|source| BundleError::Parse {
        file: file.to_owned(),
        source,
    })?;
    Flow::from_raw(&raw).map_err(|source| BundleError::Invalid {
        file: file.to_owned(),
        source,
    })?;
    Ok(raw)
}

/// Every `*.toml` in `dir`, parsed and checked, in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<RawFlow>, BundleError> {
    let read_err = |source| BundleError::Read {
        file: dir.to_owned(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut flows: Vec<RawFlow> = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|source| BundleError::Read {
            file: file.clone(),
            source,
        })?;
        let raw = parse_file(&file, &text)?;
        if flows.iter().any(|f| f.id == raw.id) {
            return Err(BundleError::DuplicateFlow { file, id: raw.id });
        }
        flows.push(raw);
    }
    Ok(flows)
}

/// For a build script: bundles `dir` into `$OUT_DIR/flows.json`, or stops the build with the
/// reason.
pub fn build_script(dir: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let flows = read_dir(dir).unwrap_or_else(|e| panic!("a flow file is broken: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let json = serde_json::to_string(&flows).expect("RawFlow always serializes");
    std::fs::write(out.join("flows.json"), json).expect("OUT_DIR is writable");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_names_the_file_node_and_field() {
        let text = r#"
id = "tiny"
title = { en = "Tiny", es = "Mínimo" }
summary = { en = "A flow for tests.", es = "Un flujo para pruebas." }
start = "q"

[[question]]
id = "q"
text = { en = "Which?", es = "¿Cuál?" }
[[question.choice]]
id = "a"
label = { en = "A", es = "A" }
next = "done"
[[question.choice]]
id = "b"
label = { en = "B" }
next = "done"

[[outcome]]
id = "done"
title = { en = "Done", es = "Hecho" }
summary = { en = "All done.", es = "Todo hecho." }
action = "info"
"#;
        let err = parse_file(Path::new("flows/9-tiny.toml"), text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "flows/9-tiny.toml: node \"q\": the label of choice \"b\" has no \"es\" text; \
             every text needs each language"
        );
    }
}
