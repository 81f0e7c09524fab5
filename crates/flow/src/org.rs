//! The organisation's own words: flow text names them as `{placeholders}` and the
//! organisation's config file fills them in, so the flows fit any organisation.

use serde::{Deserialize, Serialize};

/// What an organisation configures. The server reads it from its config file and gives it to
/// the app, which fills every flow text with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// `{organisation}`: the organisation's name, e.g. "Example University".
    pub name: String,
    /// `{email_domain}`: the work email domain; confirmations must use it.
    pub email_domain: String,
    /// `{purchasing_system}`: where people start shopping, e.g. "the purchasing portal".
    pub purchasing_system: String,
    /// `{punchout_tile}`: the Amazon Business tile in that system.
    pub punchout_tile: String,
    /// `{support_phone}`: Amazon Business Customer Service's phone number.
    pub support_phone: String,
    /// `{admin_contact}`: who administers the organisation's Amazon Business account.
    pub admin_contact: String,
    /// `{support_link}`: the organisation's own help page.
    pub support_link: String,
    /// Whether the app reports anonymous "step reached" counts for the drop-off funnel.
    #[serde(default = "yes")]
    pub step_events: bool,
}

fn yes() -> bool {
    true
}

/// The placeholder names a flow text may use.
pub const PLACEHOLDERS: [&str; 7] = [
    "organisation",
    "email_domain",
    "purchasing_system",
    "punchout_tile",
    "support_phone",
    "admin_contact",
    "support_link",
];

impl Organisation {
    /// A generic organisation, used when no config file is given.
    pub fn example() -> Organisation {
        Organisation {
            name: "Example University".into(),
            email_domain: "example.edu".into(),
            purchasing_system: "the purchasing portal".into(),
            punchout_tile: "Amazon Business".into(),
            support_phone: "1-888-281-3847".into(),
            admin_contact: "the purchasing team (purchasing@example.edu)".into(),
            support_link: "https://intranet.example.edu/purchasing/amazon".into(),
            step_events: true,
        }
    }

    /// `text` with each `{placeholder}` replaced by this organisation's value.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_placeholder(rest) {
            out.push_str(before);
            match self.value(name) {
                Some(value) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn value(&self, name: &str) -> Option<&str> {
        Some(match name {
            "organisation" => &self.name,
            "email_domain" => &self.email_domain,
            "purchasing_system" => &self.purchasing_system,
            "punchout_tile" => &self.punchout_tile,
            "support_phone" => &self.support_phone,
            "admin_contact" => &self.admin_contact,
            "support_link" => &self.support_link,
            _ => return None,
        })
    }
}

/// The first `{name}` in `text` that is neither one of [`PLACEHOLDERS`] nor in `also`.
pub fn unknown_placeholder<'t>(text: &'t str, also: &[&str]) -> Option<&'t str> {
    let mut rest = text;
    while let Some((_, name, after)) = next_placeholder(rest) {
        if !PLACEHOLDERS.contains(&name) && !also.contains(&name) {
            return Some(name);
        }
        rest = after;
    }
    None
}

/// Splits `text` around its first `{name}`: (before, name, after).
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let open = text.find('{')?;
    let close = open + text[open..].find('}')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_known_placeholder() {
        let org = Organisation::example();
        let text = "Ask {admin_contact} or call {support_phone}.";
        assert_eq!(
            org.fill(text),
            "Ask the purchasing team (purchasing@example.edu) or call 1-888-281-3847."
        );
    }

    #[test]
    fn unknown_placeholder_is_named() {
        assert_eq!(unknown_placeholder("Hello {organisation}", &[]), None);
        assert_eq!(
            unknown_placeholder("Call {helpdesk} now", &[]),
            Some("helpdesk")
        );
        assert_eq!(unknown_placeholder("You typed {value}", &["value"]), None);
    }
}
