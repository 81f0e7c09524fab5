//! The organisation's own words: flow text names them as `{placeholders}` and the
//! organisation's config file fills them in, so the flows fit any organisation.

use serde::{Deserialize, Serialize};

use crate::Lang;

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
    /// Who acts on each flow's requests (`[[organisation.teams]]`, one per flow): a flow with
    /// an outcome of kind `request` needs one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// The same words in Spanish, where they differ (`[organisation.es]`): a Spanish page fills
    /// its placeholders with these, and with the words above for any left out.
    #[serde(default, skip_serializing_if = "Words::is_empty")]
    pub es: Words,
}

/// An organisation's words in another language. Each is optional: one left out reads the
/// same in every language (a phone number, a tile named after a product).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `{organisation}` inside a sentence, with the article the language puts before it ("la
    /// Universidad de Ejemplo"), where that differs from `name`, which headings show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_in_sentence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchasing_system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub punchout_tile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_link: Option<String>,
    /// The teams in this language; a flow left out reads as above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
}

/// The team that acts on a flow's requests, as the request's outcome introduces it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The id of the flow whose requests the team acts on.
    pub flow: String,
    /// Who the team is, as a sentence names it: "the purchasing team".
    pub name: String,
    /// What the team does next with a request, as a sentence: "The purchasing team will send
    /// you a new invitation within two working days."
    pub next: String,
}

impl Words {
    fn is_empty(&self) -> bool {
        *self == Words::default()
    }
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
            teams: vec![Team {
                flow: "join".into(),
                name: "the purchasing team".into(),
                next: "The purchasing team will send you a new invitation within two working days."
                    .into(),
            }],
            es: Words {
                name: Some("Universidad de Ejemplo".into()),
                name_in_sentence: Some("la Universidad de Ejemplo".into()),
                purchasing_system: Some("el portal de compras".into()),
                punchout_tile: None,
                admin_contact: Some("el equipo de compras (purchasing@example.edu)".into()),
                support_link: None,
                teams: vec![Team {
                    flow: "join".into(),
                    name: "el equipo de compras".into(),
                    next:
                        "El equipo de compras te enviará una nueva invitación en un plazo de dos \
                        días laborables."
                            .into(),
                }],
            },
        }
    }

    /// The team that acts on the requests of the flow `flow`, in `lang`.
    pub fn team<'t>(&'t self, flow: &str, lang: Lang) -> Option<&'t Team> {
        let of = |teams: &'t [Team]| teams.iter().find(|t| t.flow == flow);
        let translated = match lang {
            Lang::En => None,
            Lang::Es => of(&self.es.teams),
        };
        translated.or_else(|| of(&self.teams))
    }

    /// `text` with each `{placeholder}` replaced by this organisation's value, in English.
    pub fn fill(&self, text: &str) -> String {
        self.fill_in(text, Lang::En)
    }

    /// `text` with each `{placeholder}` replaced by this organisation's value in `lang`.
    pub fn fill_in(&self, text: &str, lang: Lang) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_placeholder(rest) {
            out.push_str(before);
            match self.value(name, lang) {
                Some(value) if lang == Lang::Es => {
                    let value = contract_article(&mut out, value);
                    out.push_str(value);
                }
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

    /// The organisation's name in `lang`, as a heading shows it.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name,
            Lang::Es => self.es.name.as_deref().unwrap_or(&self.name),
        }
    }

    fn value(&self, name: &str, lang: Lang) -> Option<&str> {
        let words = match lang {
            Lang::En => None,
            Lang::Es => Some(&self.es),
        };
        let translated = words.and_then(|w| match name {
            "organisation" => w.name_in_sentence.as_deref().or(w.name.as_deref()),
            "purchasing_system" => w.purchasing_system.as_deref(),
            "punchout_tile" => w.punchout_tile.as_deref(),
            "admin_contact" => w.admin_contact.as_deref(),
            "support_link" => w.support_link.as_deref(),
            _ => None,
        });
        if translated.is_some() {
            return translated;
        }
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

/// Spanish writes "de el" and "a el" as "del" and "al": when a value beginning with the article
/// "el" follows either word at the end of `out`, the article joins it. Returns the rest of the
/// value to write.
fn contract_article<'v>(out: &mut String, value: &'v str) -> &'v str {
    let Some(rest) = value.strip_prefix("el ") else {
        return value;
    };
    let joins = ["de ", "De ", "a ", "A "].iter().any(|word| {
        out.strip_suffix(word)
            .is_some_and(|before| !before.ends_with(char::is_alphanumeric))
    });
    if !joins {
        return value;
    }
    out.pop();
    out.push_str("l ");
    rest
}

/// The first `{name}` in `text` that is neither one of [`PLACEHOLDERS`] nor in `also`.
pub fn unknown_placeholder<'t>(text: &'t str, also: &[&str]) -> Option<&'t str> {
    placeholders(text)
        .into_iter()
        .find(|name| !PLACEHOLDERS.contains(name) && !also.contains(name))
}

/// Every `{name}` in `text`, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some((_, name, after)) = next_placeholder(rest) {
        names.push(name);
        rest = after;
    }
    names
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
    fn spanish_fills_in_the_spanish_words_and_the_others_as_they_are() {
        let org = Organisation::example();
        let text = "Contacta con {admin_contact} o llama al {support_phone} ({organisation}).";
        assert_eq!(
            org.fill_in(text, Lang::Es),
            "Contacta con el equipo de compras (purchasing@example.edu) o llama al 1-888-281-3847 \
             (la Universidad de Ejemplo)."
        );
        let without = Organisation {
            es: Words::default(),
            ..org
        };
        assert!(without
            .fill_in(text, Lang::Es)
            .contains("Example University"));
    }

    #[test]
    fn spanish_sentences_name_the_organisation_with_its_article_and_contract_de_el() {
        let org = Organisation::example();
        assert_eq!(
            org.fill_in("Únete a la cuenta de {organisation}.", Lang::Es),
            "Únete a la cuenta de la Universidad de Ejemplo."
        );
        assert_eq!(org.name_in(Lang::Es), "Universidad de Ejemplo");
        assert_eq!(
            org.fill_in(
                "Ve a {purchasing_system}. Sal de {purchasing_system}.",
                Lang::Es
            ),
            "Ve al portal de compras. Sal del portal de compras."
        );
        assert_eq!(
            org.fill_in("De {purchasing_system} a la cuenta.", Lang::Es),
            "Del portal de compras a la cuenta."
        );
        // Only the words "de" and "a" join the article, and only in Spanish.
        assert_eq!(
            org.fill_in(
                "Entra en {purchasing_system}; nada {purchasing_system}",
                Lang::Es
            ),
            "Entra en el portal de compras; nada el portal de compras"
        );
        assert_eq!(
            org.fill_in("Go to {purchasing_system}.", Lang::En),
            "Go to the purchasing portal."
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
