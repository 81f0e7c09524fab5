//! `signpost-flows`: checks flow files and draws them, for the people who write them.
//!
//! `signpost-flows check [DIR]` loads every flow in DIR (default `flows`) with the same checks
//! as the build and prints each flow's size and version; `signpost-flows mermaid FILE` prints
//! one flow as a Mermaid flowchart.

use std::path::Path;
use std::process::ExitCode;

use signpost_flow::bundle;
use signpost_flow::Flow;

const USAGE: &str = "usage: signpost-flows check [DIR] | signpost-flows mermaid FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["check"] => check(Path::new("flows")),
        ["check", dir] => check(Path::new(dir)),
        ["mermaid", file] => mermaid(Path::new(file)),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn check(dir: &Path) -> Result<(), String> {
    let raws = bundle::read_dir(dir).map_err(|e| e.to_string())?;
    for raw in &raws {
        let flow = Flow::from_raw(raw).map_err(|e| e.to_string())?;
        let paths = flow.paths();
        println!(
            "{}: {} nodes, {} paths, version {}",
            flow.id(),
            flow.nodes().len(),
            paths.len(),
            flow.version().as_str()
        );
    }
    println!("{} flows are valid", raws.len());
    Ok(())
}

fn mermaid(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let raw = bundle::parse_file(file, &text).map_err(|e| e.to_string())?;
    let flow = Flow::from_raw(&raw).map_err(|e| e.to_string())?;
    print!("{}", flow.to_mermaid());
    Ok(())
}
