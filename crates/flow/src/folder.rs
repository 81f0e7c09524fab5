//! Reading a folder of flow files: each file is parsed and checked, and a set with any broken
//! file is refused whole, with a message naming the file, the node and the field.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::raw::RawFlow;
use crate::{Flow, LoadError};

/// Why a folder of flows, or one of its files, was refused.
#[derive(Debug, Error)]
pub enum FolderError {
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
    #[error("{0}: holds no flow file (*.toml)")]
    Empty(PathBuf),
    #[error("flow \"{0}\" has outcomes of kind \"request\", but the organisation config names no team to act on them: add [[organisation.teams]] with flow = \"{0}\", its name and what it does next")]
    NoTeam(String),
}

/// Parses and checks one flow file's text.
pub fn parse_file(file: &Path, text: &str) -> Result<RawFlow, FolderError> {
    let raw: RawFlow = toml::from_str(text).map_err(|source| FolderError::Parse {
        file: file.to_owned(),
        source,
    })?;
    Flow::from_raw(&raw).map_err(|source| FolderError::Invalid {
        file: file.to_owned(),
        source,
    })?;
    Ok(raw)
}

/// Every `*.toml` in `dir`, parsed and checked, in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<RawFlow>, FolderError> {
    let read_err = |source| FolderError::Read {
        file: dir.to_owned(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|source| FolderError::Read {
            file: file.clone(),
            source,
        })?;
        texts.push((file, text));
    }
    if texts.is_empty() {
        return Err(FolderError::Empty(dir.to_owned()));
    }
    read_texts(
        texts
            .iter()
            .map(|(file, text)| (file.as_path(), text.as_str())),
    )
}

/// Flow files given as (name, text), such as those embedded in a binary: each parsed and
/// checked, and no two with the same flow id.
pub fn read_texts<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> Result<Vec<RawFlow>, FolderError> {
    let mut flows: Vec<RawFlow> = Vec::new();
    for (file, text) in files {
        let raw = parse_file(file, text)?;
        if flows.iter().any(|f| f.id == raw.id) {
            return Err(FolderError::DuplicateFlow {
                file: file.to_owned(),
                id: raw.id,
            });
        }
        flows.push(raw);
    }
    Ok(flows)
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
kind = "self_service"
"#;
        let err = parse_file(Path::new("flows/9-tiny.toml"), text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "flows/9-tiny.toml: node \"q\": the label of choice \"b\" has no \"es\" text; \
             every text needs each language"
        );
    }
}
