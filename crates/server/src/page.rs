//! The wizard's page: Trunk's `index.html` with the data its first screen needs written in as
//! a JSON data block (the organisation's words, the flow list, and the flow the address names),
//! so the first question shows without a call to the API. A data block is not script: the
//! Content-Security-Policy needs no `unsafe-inline` for it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use serde::Deserialize;
use signpost_flow::api::PAGE_DATA_ID;
use signpost_flow::{Flow, Lang};

use crate::first_screen::{self, Shown};
use crate::watched::Watched;
use crate::{caching, AppState, Catalogue};

/// The page as built (the employee's and the trainer's), and what fills it.
#[derive(Clone)]
pub struct Page {
    html: Arc<Watched<Arc<str>>>,
    /// The same page with trainer mode's tools, a bundle of its own.
    trainer_html: Arc<Watched<Arc<str>>>,
    state: AppState,
    /// The organisation's words as JSON, made once.
    organisation: Arc<str>,
}

impl Page {
    /// The pages in `dist` (Trunk's `index.html` and `trainer/index.html`), filled from
    /// `state`.
    pub fn new(dist: &Path, state: AppState) -> Page {
        let organisation = serde_json::to_string(state.organisation.as_ref())
            .expect("an Organisation always serializes");
        Page {
            html: watched(dist.join("index.html")),
            trainer_html: watched(dist.join(TRAINER_PAGE)),
            state,
            organisation: organisation.into(),
        }
    }
}

/// The text of the page at `path`, read again whenever a build changes it.
fn watched(path: PathBuf) -> Arc<Watched<Arc<str>>> {
    Arc::new(Watched::new(path, |text: &str| Arc::from(text)))
}

/// Where in `dist` the trainer's page is.
pub const TRAINER_PAGE: &str = "trainer/index.html";

/// The part of the page's address the server reads: everything else is the app's.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    flow: Option<String>,
    /// `trainer` for trainer mode, whose page loads the trainer's bundle.
    mode: Option<String>,
    /// The version a walk in progress began on.
    v: Option<String>,
    /// A classroom room's code: joining it is in the trainer's bundle too.
    room: Option<String>,
    /// The answers given so far, `received/used`.
    answers: Option<String>,
    lang: Option<String>,
    embed: Option<String>,
    /// A step to open at, or one a search pointed to: the app works out where these stand.
    to: Option<String>,
    toward: Option<String>,
}

impl PageQuery {
    /// Whether the address asks for the trainer's bundle: trainer mode, or a room to join.
    pub fn trainer(&self) -> bool {
        self.mode.as_deref() == Some("trainer") || self.room.is_some()
    }
}

/// `GET /` (and any path that is not a file): the page with its data block, and the question
/// the address stands at (or the list of flows) drawn in.
pub async fn wizard(
    State(page): State<Page>,
    Query(query): Query<PageQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let catalogue = page.state.flows.current();
    let flow = match query.flow.as_deref() {
        Some(id) => opened(&page.state, &catalogue, id, query.v.as_deref()).await,
        None => None,
    };
    let json = flow.as_ref().map(|(_, json)| json.as_ref());
    let data = data_block(&page.organisation, &catalogue.list_json(), json);
    let html = if query.trainer() {
        page.trainer_html.current()
    } else {
        page.html.current()
    };
    let shown = Shown {
        lang: page_lang(&query, &headers),
        embed: query.embed.as_deref() == Some("1"),
    };
    // The app alone draws what the server cannot know the same way: trainer mode, where a
    // link points, and the notice that a newer version is live.
    let live = |flow: &Arc<Flow>| {
        let id = query.flow.as_deref().unwrap_or_default();
        catalogue.get(id).is_some_and(|l| Arc::ptr_eq(l, flow))
    };
    let query_text = raw.as_deref().unwrap_or_default();
    let drawn = !query.trainer() && query.to.is_none() && query.toward.is_none();
    let home = (drawn && query.flow.is_none()).then(|| {
        let flows = &catalogue.list().flows;
        first_screen::home(&page.state.organisation, flows, query_text, shown)
    });
    let first = flow
        .filter(|(flow, _)| live(flow))
        .filter(|_| drawn)
        .and_then(|(flow, _)| {
            let answers: Vec<String> = (query.answers.as_deref().unwrap_or_default())
                .split('/')
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            first_screen::question(&page.state.organisation, &flow, &answers, query_text, shown)
        })
        .or(home);
    let filled = fill(&html, &data, first.as_deref(), shown.lang);
    // The data block follows each publish, so the page is checked every time.
    let mut response = caching::tagged(
        &headers,
        caching::REVALIDATE,
        "text/html; charset=utf-8",
        filled,
    );
    // Without `lang=`, the first screen speaks the browser's language: a cache must not give
    // one language's page to a browser that asks for another.
    response.headers_mut().append(
        header::VARY,
        header::HeaderValue::from_static("accept-language"),
    );
    response
}

/// The language the app will speak: the address's, else the browser's first.
fn page_lang(query: &PageQuery, headers: &HeaderMap) -> Lang {
    query
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            let accepted = headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            Lang::from_tag(accepted.split([',', ';']).next().unwrap_or_default().trim())
        })
}

/// The built page with the data block at the end of its head, the first screen at the start of
/// its body, and its language. Where there is a first screen, the page does not preload the
/// app's wasm: the loader fetches it once the first screen is painted (`scripts/build-app`), so
/// the first screen does not share the connection with it.
fn fill(html: &str, data: &str, first: Option<&str>, lang: Lang) -> String {
    let html = match first {
        Some(_) => without_wasm_preload(html),
        None => html.to_owned(),
    };
    let mut filled = match html.find("</head>") {
        Some(at) => format!("{}{data}{}", &html[..at], &html[at..]),
        None => format!("{data}{html}"),
    };
    if let Some(first) = first {
        if let Some(at) = filled.find("<body>") {
            filled.insert_str(at + "<body>".len(), first);
        }
    }
    if lang != Lang::En {
        // Trunk's release build writes the attribute unquoted, its debug build quoted.
        for built in ["<html lang=en", "<html lang=\"en\""] {
            filled = filled.replacen(built, &format!("<html lang={lang}"), 1);
        }
    }
    filled
}

/// `html` without its `<link rel=preload>` of a `.wasm` file (Trunk's, quoted or not).
fn without_wasm_preload(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let link = &rest[at..end];
        let preload = link.contains("rel=preload") || link.contains("rel=\"preload\"");
        kept.push_str(&rest[..at]);
        if !(preload && link.contains(".wasm")) {
            kept.push_str(link);
        }
        rest = &rest[end..];
    }
    kept + rest
}

/// The flow the address opens, and as JSON: the version it names while the server still has
/// it (a walk in progress finishes on it), else the live one.
async fn opened(
    state: &AppState,
    catalogue: &Catalogue,
    id: &str,
    version: Option<&str>,
) -> Option<(Arc<Flow>, Arc<str>)> {
    let live = catalogue.get(id)?;
    let earlier = version.filter(|v| *v != live.version().as_str());
    if let Some(version) = earlier {
        let stored = state.store.flow_version(id, version).await.ok().flatten();
        if let Some(flow) = stored.and_then(|raw| Flow::from_raw(&raw).ok()) {
            let json = serde_json::to_string(&flow).expect("a Flow serializes");
            return Some((Arc::new(flow), json.into()));
        }
    }
    Some((live.clone(), catalogue.json(id)?.clone()))
}

/// `<script type="application/json" id="signpost-data">{...}</script>`, with every `<` written
/// as `\u003c`, so no text in the data can close the element.
fn data_block(organisation: &str, flows: &str, flow: Option<&str>) -> String {
    let flow = flow.map(|f| format!(",\"flow\":{f}")).unwrap_or_default();
    let json = format!("{{\"organisation\":{organisation},\"flows\":{flows}{flow}}}");
    format!(
        "<script type=\"application/json\" id=\"{PAGE_DATA_ID}\">{}</script>",
        json.replace('<', "\\u003c")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_in_the_data_can_close_its_element() {
        let block = data_block(r#"{"name":"</script><script>alert(1)"}"#, "[]", None);
        assert_eq!(block.matches("</script>").count(), 1);
        assert!(block.ends_with("</script>"));
        let json = block
            .trim_start_matches(&format!(
                "<script type=\"application/json\" id=\"{PAGE_DATA_ID}\">"
            ))
            .trim_end_matches("</script>");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["organisation"]["name"], "</script><script>alert(1)");
    }

    #[test]
    fn a_drawn_question_leaves_out_the_wasm_preload_and_only_it() {
        let built = "<html lang=en><head><link href=/main-1.css rel=stylesheet>\
            <link crossorigin href=/app-1.js rel=modulepreload>\
            <link as=fetch crossorigin href=/app-1_bg.wasm rel=preload type=application/wasm>\
            </head><body></body></html>";
        let drawn = fill(built, "<data>", Some("<div>question</div>"), Lang::En);
        assert!(!drawn.contains(".wasm"), "{drawn}");
        assert!(
            drawn.contains("<link href=/main-1.css rel=stylesheet>"),
            "{drawn}"
        );
        assert!(drawn.contains("rel=modulepreload>"), "{drawn}");
        assert!(
            drawn.contains("<data></head><body><div>question</div></body>"),
            "{drawn}"
        );

        let undrawn = fill(built, "<data>", None, Lang::En);
        assert!(
            undrawn.contains("href=/app-1_bg.wasm rel=preload"),
            "{undrawn}"
        );

        let quoted = r#"<link rel="preload" href="/app-1_bg.wasm" as="fetch"><p>"#;
        assert_eq!(without_wasm_preload(quoted), "<p>");
    }
}
