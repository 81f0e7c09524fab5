//! The question the address stands at, or the list of flows, written into the page as plain
//! HTML: the person reads it as soon as the page arrives, before the app's code has loaded, and
//! its choices are links to the next step (a flow's start, on the list), so the questions can be
//! followed even where the code never runs. The app takes its place when it starts
//! (`src/main.rs`), drawn the same, so nothing moves.

use std::fmt::Write;

use signpost_flow::api::{FlowSummary, FIRST_SCREEN_ID};
use signpost_flow::org::Organisation;
use signpost_flow::{Flow, Lang, Step, Text};

/// How the page is shown, as far as its first screen goes.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub lang: Lang,
    /// Inside an intranet page's frame: no masthead, the language switcher above the wizard.
    pub embed: bool,
}

/// The question at `answers` of `flow`, with the masthead above it, or None where the step is
/// not a question (the app alone draws the rest). `query` is the page's query string: each
/// link keeps it, with its own answers or language.
pub fn question(
    organisation: &Organisation,
    flow: &Flow,
    answers: &[String],
    query: &str,
    shown: Shown,
) -> Option<String> {
    let walk = flow.walk(answers).ok()?;
    let Step::Question(question) = walk.step else {
        return None;
    };
    let lang = shown.lang;
    let text = |t: &Text| escape(&organisation.fill_in(t.get(lang), lang));
    let mut html = format!(
        "<section class=\"wizard\" aria-labelledby=\"flow-title\">\
         <p id=\"flow-title\" class=\"flow-title\">{}</p>\
         <p class=\"progress\">{}</p>\
         <fieldset class=\"question\"><legend><h1>{}</h1></legend>",
        text(flow.title()),
        escape(&lang.progress(walk.answered.len() + 1, flow.questions_left(walk.at))),
        text(question.text()),
    );
    if let Some(help) = question.help() {
        let _ = write!(html, "<p class=\"help\">{}</p>", text(help));
    }
    html += "<ul class=\"choices\">";
    for choice in question.choices() {
        let mut next = answers.to_vec();
        next.push(choice.key().to_owned());
        let _ = write!(
            html,
            "<li><a class=\"button choice\" href=\"{}\">{}</a></li>",
            escape(&with_param(query, "answers", &answers_param(&next))),
            text(choice.label())
        );
    }
    html += "</ul></fieldset></section>";
    Some(framed(organisation, query, shown, &html))
}

/// The list of flows, as the app's start page draws it: the search box (the app does the
/// searching, and takes what was typed into it), a card per flow with a link to its start,
/// and the form for a classroom session's code.
pub fn home(
    organisation: &Organisation,
    flows: &[FlowSummary],
    query: &str,
    shown: Shown,
) -> String {
    let lang = shown.lang;
    let text = |t: &Text| escape(&organisation.fill_in(t.get(lang), lang));
    let words = lang.home();
    // The language and the frame stay if a form is sent before the app has come.
    let mut kept = String::new();
    if query.split('&').any(|pair| pair.starts_with("lang=")) {
        let _ = write!(
            kept,
            "<input type=\"hidden\" name=\"lang\" value=\"{lang}\">"
        );
    }
    if shown.embed {
        kept += "<input type=\"hidden\" name=\"embed\" value=\"1\">";
    }
    let mut html = format!(
        "<h1 tabindex=\"-1\">{}</h1>\
         <form class=\"search\" role=\"search\"><label for=\"search\">{}</label>\
         <input type=\"search\" id=\"search\" autocomplete=\"off\" aria-describedby=\"search-help\">{kept}\
         <p id=\"search-help\" class=\"help\">{}</p><p class=\"search-status\" role=\"status\"></p></form>\
         <ul class=\"flow-list\">",
        words.choose_flow, words.search_label, words.search_help,
    );
    for flow in flows {
        let _ = write!(
            html,
            "<li class=\"flow-card\"><h2>{}</h2><p>{}</p>",
            text(&flow.title),
            text(&flow.summary)
        );
        if !flow.topics.is_empty() {
            let named: Vec<String> = flow.topics.iter().map(text).collect();
            let _ = write!(
                html,
                "<p class=\"topics\">{} {}</p>",
                words.topics,
                named.join(", ")
            );
        }
        let _ = write!(
            html,
            "<a class=\"button primary\" href=\"{}\">{}</a></li>",
            escape(&with_param(query, "flow", &encode_component(&flow.id))),
            words.start
        );
    }
    let _ = write!(
        html,
        "</ul><form class=\"join-room\" method=\"get\"><label for=\"room-code-input\">{}</label>\
         <input id=\"room-code-input\" name=\"room\" required autocomplete=\"off\" autocapitalize=\"characters\" maxlength=\"12\">{kept}\
         <button type=\"submit\">{}</button></form>",
        words.room_code, words.join_room
    );
    framed(organisation, query, shown, &html)
}

/// `main` inside the first screen's block, with the masthead above it (or, inside an intranet
/// page's frame, the language switcher at its top).
fn framed(organisation: &Organisation, query: &str, shown: Shown, main: &str) -> String {
    let lang = shown.lang;
    let languages = languages(query, lang);
    let mut html = format!("<div id=\"{FIRST_SCREEN_ID}\">");
    if !shown.embed {
        let brand = lang.masthead(organisation.name_in(lang));
        let _ = write!(
            html,
            "<header class=\"masthead\"><p class=\"brand\">{}</p>{languages}</header>",
            escape(&brand)
        );
    }
    html += "<main id=\"main\" class=\"page\">";
    if shown.embed {
        html += &languages;
    }
    // The service worker (`public/sw.js`) finds this block by its id and this ending, and no
    // other div inside it, to leave it out of a kept page shown at another address.
    let _ = write!(html, "{main}</main></div>");
    html
}

/// The language switcher: a link per language, the one in use marked.
fn languages(query: &str, now: Lang) -> String {
    let links: String = Lang::ALL
        .into_iter()
        .map(|lang| {
            let current = if lang == now {
                " aria-current=\"true\""
            } else {
                ""
            };
            format!(
                "<li><a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{}</a></li>",
                escape(&with_param(query, "lang", lang.code())),
                lang.name(),
                code = lang.code(),
            )
        })
        .collect();
    format!(
        "<nav class=\"languages\" aria-label=\"{}\"><ul>{links}</ul></nav>",
        now.switcher_label()
    )
}

/// The answers as the app writes them in the address: each encoded, joined by `/`.
fn answers_param(answers: &[String]) -> String {
    answers
        .iter()
        .map(|a| encode_component(a))
        .collect::<Vec<_>>()
        .join("/")
}

/// `text` as JavaScript's `encodeURIComponent` writes it, as the app's own links do.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(byte as char),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
    out
}

/// `query` (without its `?`) with `name` set to `value` (already encoded), as a link.
fn with_param(query: &str, name: &str, value: &str) -> String {
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{name}={value}"));
    format!("?{}", pairs.join("&"))
}

/// Text made safe to write as HTML, in an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_links_keep_the_rest_of_the_address() {
        assert_eq!(
            escape(r#"<b a="1">&'"#),
            "&lt;b a=&quot;1&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            with_param("flow=join&answers=a&lang=es", "answers", "a/b"),
            "?flow=join&lang=es&answers=a/b"
        );
        assert_eq!(with_param("", "lang", "es"), "?lang=es");
        assert_eq!(answers_param(&["a b".into(), "c/d".into()]), "a%20b/c%2Fd");
    }

    #[test]
    fn the_list_of_flows_links_each_start_and_its_forms_keep_the_language_and_frame() {
        let flows: Vec<FlowSummary> = serde_json::from_str(
            r#"[{"id":"join","version":"1","title":{"en":"Join <us>","es":"Únete"},
                "summary":{"en":"S","es":"R"},"topics":[{"en":"a","es":"b"},{"en":"c","es":"d"}]}]"#,
        )
        .unwrap();
        let organisation = Organisation::example();
        let shown = |lang, embed| Shown { lang, embed };
        let framed = home(
            &organisation,
            &flows,
            "lang=es&embed=1",
            shown(Lang::Es, true),
        );
        assert!(framed.contains("<h2>Únete</h2><p>R</p><p class=\"topics\">Temas: b, d</p>"));
        assert!(framed.contains(r#"href="?lang=es&amp;embed=1&amp;flow=join">Empezar</a>"#));
        let hidden = r#"<input type="hidden" name="lang" value="es"><input type="hidden" name="embed" value="1">"#;
        assert_eq!(framed.matches(hidden).count(), 2, "{framed}");
        assert!(!framed.contains("masthead"));

        let plain = home(&organisation, &flows, "", shown(Lang::En, false));
        assert!(plain.contains("<h2>Join &lt;us&gt;</h2>"));
        assert!(plain.contains(r#"href="?flow=join">Start</a>"#));
        assert!(!plain.contains("type=\"hidden\""));
        assert!(plain.starts_with("<div id=\"signpost-first\"><header class=\"masthead\">"));
        assert!(plain.ends_with("</form></main></div>"));
    }
}
