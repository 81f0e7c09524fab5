//! `signpost-flows`: checks flow files, draws them and compares their versions, for the people
//! who write flows and those who approve them.
//!
//! - `signpost-flows check [DIR]` loads every flow in DIR (default `flows`) with the same checks
//!   as the build and prints each flow's size and version.
//! - `signpost-flows mermaid FILE` prints one flow as a Mermaid flowchart.
//! - `signpost-flows paths FILE` lists every route of one flow, from the start to an outcome,
//!   in words.
//! - `signpost-flows diff OLD NEW` says in words what changed between two versions of a flow
//!   file, or of a folder of flows (matched by flow id; a flow in only one folder is reported
//!   as added or removed whole). It exits with 1 when a route leads somewhere else, and with 0
//!   when only wording changed or nothing did.
//!
//! Every command exits with 2 when a file or folder cannot be read or checked.

use std::path::Path;
use std::process::ExitCode;

use signpost_flow::{diff, folder, Flow, Lang};

const USAGE: &str = "usage: signpost-flows check [DIR] | mermaid FILE | paths FILE | diff OLD NEW
  diff compares two flow files, or two folders of flows matched by flow id";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["check"] => check(Path::new("flows")),
        ["check", dir] => check(Path::new(dir)),
        ["mermaid", file] => mermaid(Path::new(file)),
        ["paths", file] => paths(Path::new(file)),
        ["diff", old, new] => compare(Path::new(old), Path::new(new)),
        _ => Err(USAGE.to_owned()),
    };
    result.unwrap_or_else(|message| {
        eprintln!("{message}");
        ExitCode::from(2)
    })
}

fn check(dir: &Path) -> Result<ExitCode, String> {
    let flows = load_dir(dir)?;
    for flow in &flows {
        println!(
            "{}: {} nodes, {} paths, version {}",
            flow.id(),
            flow.nodes().len(),
            flow.paths().len(),
            flow.version().as_str()
        );
    }
    println!("{} flows are valid", flows.len());
    Ok(ExitCode::SUCCESS)
}

fn mermaid(file: &Path) -> Result<ExitCode, String> {
    print!("{}", load_file(file)?.to_mermaid());
    Ok(ExitCode::SUCCESS)
}

fn paths(file: &Path) -> Result<ExitCode, String> {
    for route in diff::routes(&load_file(file)?) {
        println!("{route}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints what changed from `old` to `new`, two files or two folders; 1 if routing changed.
fn compare(old: &Path, new: &Path) -> Result<ExitCode, String> {
    let mut reports = Vec::new();
    let mut routing_changed = false;
    let mut report = |before: &Flow, after: &Flow| {
        let diff = diff::diff(before, after);
        routing_changed |= diff.routing_changed();
        reports.push(diff.to_string());
    };
    match (old.is_dir(), new.is_dir()) {
        (false, false) => report(&load_file(old)?, &load_file(new)?),
        (true, true) => {
            let (old_flows, new_flows) = (load_dir(old)?, load_dir(new)?);
            let find = |flows: &[Flow], id: &str| flows.iter().position(|f| f.id() == id);
            let mut whole = Vec::new();
            for before in &old_flows {
                match find(&new_flows, before.id()) {
                    Some(i) => report(before, &new_flows[i]),
                    None => whole.push(whole_flow(before, "removed")),
                }
            }
            for after in new_flows
                .iter()
                .filter(|f| find(&old_flows, f.id()).is_none())
            {
                whole.push(whole_flow(after, "added"));
            }
            routing_changed |= !whole.is_empty();
            reports.extend(whole);
        }
        _ => {
            return Err(format!(
                "{} and {}: compare two flow files, or two folders of flows",
                old.display(),
                new.display()
            ))
        }
    }
    println!("{}", reports.join("\n\n"));
    Ok(match routing_changed {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    })
}

/// A flow that only one folder has, with the routes it takes there.
fn whole_flow(flow: &Flow, what: &str) -> String {
    let title = flow.title().get(Lang::En);
    let mut lines = vec![format!(
        "flow \"{}\": {what} (\"{title}\"), with its routes:",
        flow.id()
    )];
    lines.extend(
        diff::routes(flow)
            .into_iter()
            .map(|route| format!("  {route}")),
    );
    lines.join("\n")
}

/// One flow file, parsed and checked.
fn load_file(file: &Path) -> Result<Flow, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let raw = folder::parse_file(file, &text).map_err(|e| e.to_string())?;
    Flow::from_raw(&raw).map_err(|e| format!("{}: {e}", file.display()))
}

/// Every flow file of a folder, parsed and checked, in file-name order.
fn load_dir(dir: &Path) -> Result<Vec<Flow>, String> {
    let raws = folder::read_dir(dir).map_err(|e| e.to_string())?;
    raws.iter()
        .map(|raw| Flow::from_raw(raw).map_err(|e| format!("flow \"{}\": {e}", raw.id)))
        .collect()
}
