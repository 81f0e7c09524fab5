//! Embeds the flow files shipped in `flows/`, which the server uses when `SIGNPOST_FLOWS`
//! names no folder of its own. They are checked at start, as any folder is, not here.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../flows");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the repository has flows/")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut list = String::from("&[\n");
    for file in &files {
        let name = file.file_name().expect("a file").to_string_lossy();
        let path = file.canonicalize().expect("the file exists");
        writeln!(
            list,
            "    (\"flows/{name}\", include_str!({:?})),",
            path.display()
        )
        .unwrap();
    }
    list.push(']');
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("shipped_flows.rs"), list).expect("OUT_DIR is writable");
}
