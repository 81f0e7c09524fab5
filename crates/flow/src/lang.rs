//! The languages the wizard speaks, and texts written in each of them: every flow text a
//! person reads is a [`Text`], so no language can be left out of a flow.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language of the wizard, written as its code (`en`, `es`) where the API names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language's code, as flow files and URLs write it: `en` or `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language with this code, exactly as [`Lang::code`] writes it.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for a browser's language tag (`es-MX`, `en-GB`, `fr`): Spanish for any
    /// Spanish, English for everything else.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.eq_ignore_ascii_case("es") {
            true => Lang::Es,
            false => Lang::En,
        }
    }

    /// The language's name in that language, as a switcher shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The page's heading, "Example University: Amazon Business help", given the organisation's
    /// name in this language. The app and the server's first screen both say it.
    pub fn masthead(self, organisation: &str) -> String {
        match self {
            Lang::En => format!("{organisation}: Amazon Business help"),
            Lang::Es => format!("{organisation}: ayuda de Amazon Business"),
        }
    }

    /// What the language switcher is called for screen readers.
    pub fn switcher_label(self) -> &'static str {
        match self {
            Lang::En => "Language",
            Lang::Es => "Idioma",
        }
    }

    /// "Question 3 · at most 2 more", given the questions left counting this one (at least 1).
    pub fn progress(self, number: usize, left: usize) -> String {
        match (self, left) {
            (Lang::En, 1) => format!("Question {number} · the last one"),
            (Lang::En, _) => format!("Question {number} · at most {} more", left - 1),
            (Lang::Es, 1) => format!("Pregunta {number} · la última"),
            (Lang::Es, 2) => format!("Pregunta {number} · como mucho 1 más"),
            (Lang::Es, _) => format!("Pregunta {number} · como mucho {} más", left - 1),
        }
    }

    /// A number as this language writes it: "0.8" in English, "0,8" in Spanish.
    pub fn number(self, value: f64) -> String {
        let text = crate::format_number(value);
        match self {
            Lang::En => text,
            Lang::Es => text.replace('.', ","),
        }
    }

    /// A percentage as this language writes it: "0.8 %", "0,8 %".
    pub fn percent(self, value: f64) -> String {
        format!("{} %", self.number(value))
    }

    /// The words of the list of flows, which the app and the server's first screen both say.
    pub const fn home(self) -> &'static HomeWords {
        match self {
            Lang::En => &HomeWords::ENGLISH,
            Lang::Es => &HomeWords::SPANISH,
        }
    }

    /// "Yes:" or "No:" in this language, before the statement it answers.
    pub fn answer_to(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Lang::En, true) => "Yes:",
            (Lang::En, false) => "No:",
            (Lang::Es, true) => "Sí:",
            (Lang::Es, false) => "No:",
        }
    }
}

/// The list of flows' words in one language ([`Lang::home`]).
pub struct HomeWords {
    pub choose_flow: &'static str,
    pub search_label: &'static str,
    pub search_help: &'static str,
    /// Heads the topics a flow's card names.
    pub topics: &'static str,
    pub start: &'static str,
    /// The field for a classroom session's code, and its button.
    pub room_code: &'static str,
    pub join_room: &'static str,
}

impl HomeWords {
    pub const ENGLISH: HomeWords = HomeWords {
        choose_flow: "What do you need to do?",
        search_label: "Search for your topic",
        search_help: "Type a few words, such as “forgot password” or “stop Buy with \
            Prime”. The results open the guide at its first question.",
        topics: "Topics:",
        start: "Start",
        room_code: "In a classroom session? Type the code the trainer shows",
        join_room: "Join",
    };

    pub const SPANISH: HomeWords = HomeWords {
        choose_flow: "¿Qué necesitas hacer?",
        search_label: "Busca tu tema",
        search_help: "Escribe unas palabras, como «olvidé la contraseña» o «cancelar \
            Buy with Prime». Los resultados abren la guía en su primera pregunta.",
        topics: "Temas:",
        start: "Empezar",
        room_code: "¿En una sesión de clase? Escribe el código que muestra el formador",
        join_room: "Unirme",
    };
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text a person reads, in every language. Built by the loader, which checks that no
/// language is missing, or read back from the checked flow the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    en: String,
    es: String,
}

impl Text {
    #[cfg(feature = "load")]
    pub(crate) fn new(en: String, es: String) -> Text {
        Text { en, es }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("ES"), None);
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn any_spanish_browser_gets_spanish_and_every_other_english() {
        for tag in ["es", "es-ES", "es-MX", "es-419", "ES_ar"] {
            assert_eq!(Lang::from_tag(tag), Lang::Es, "{tag}");
        }
        for tag in ["en-US", "en", "fr-FR", "pt-BR", "", "esperanto"] {
            assert_eq!(Lang::from_tag(tag), Lang::En, "{tag}");
        }
    }

    #[test]
    fn spanish_writes_a_decimal_comma() {
        assert_eq!(Lang::En.percent(0.8), "0.8 %");
        assert_eq!(Lang::Es.percent(0.8), "0,8 %");
        assert_eq!(Lang::Es.percent(4.0), "4 %");
    }
}
