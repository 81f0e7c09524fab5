//! The queue's filters and page, kept in the address bar so a reload or a shared link shows the
//! same requests (the token never goes there).

use web_sys::UrlSearchParams;

/// What the administrator narrowed the queue to. Empty means any.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    pub flow: String,
    pub action: String,
    pub status: String,
    /// First day included, `YYYY-MM-DD`.
    pub from: String,
    /// Last day included, `YYYY-MM-DD`.
    pub to: String,
    /// Part of a name or email.
    pub text: String,
    /// Counted from 1.
    pub page: u32,
}

impl Default for Filters {
    fn default() -> Filters {
        Filters {
            flow: String::new(),
            action: String::new(),
            status: String::new(),
            from: String::new(),
            to: String::new(),
            text: String::new(),
            page: 1,
        }
    }
}

impl Filters {
    /// The filters in the address bar.
    pub fn from_address() -> Filters {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = UrlSearchParams::new_with_str(&search) else {
            return Filters::default();
        };
        let get = |name: &str| params.get(name).unwrap_or_default();
        Filters {
            flow: get("flow"),
            action: get("action"),
            status: get("status"),
            from: get("from"),
            to: get("to"),
            text: get("q"),
            page: get("page").parse().unwrap_or(1).max(1),
        }
    }

    /// Puts the filters in the address bar, replacing the current entry.
    pub fn show_in_address(&self) {
        let query = self.query();
        let Some(window) = web_sys::window() else {
            return;
        };
        let path = window.location().pathname().unwrap_or_default();
        let url = match query.is_empty() {
            true => path,
            false => format!("{path}?{query}"),
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// The query string for this page of the queue.
    pub fn query(&self) -> String {
        let page = (self.page > 1).then(|| self.page.to_string());
        encode(&[("page", page.as_deref().unwrap_or_default())], self)
    }

    /// The query string for every matching action (the export).
    pub fn query_all_pages(&self) -> String {
        encode(&[], self)
    }

    /// Just the date range, for the charts.
    pub fn dates(&self) -> String {
        encode_pairs(&[("from", &self.from), ("to", &self.to)])
    }
}

fn encode(extra: &[(&str, &str)], filters: &Filters) -> String {
    let mut pairs = vec![
        ("flow", filters.flow.as_str()),
        ("action", &filters.action),
        ("status", &filters.status),
        ("from", &filters.from),
        ("to", &filters.to),
        ("q", filters.text.trim()),
    ];
    pairs.extend_from_slice(extra);
    encode_pairs(&pairs)
}

/// `name=value&...` for the pairs whose value is not empty, encoded.
fn encode_pairs(pairs: &[(&str, &str)]) -> String {
    let params = UrlSearchParams::new().expect("URLSearchParams exists");
    for (name, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        params.append(name, value);
    }
    params.to_string().into()
}
