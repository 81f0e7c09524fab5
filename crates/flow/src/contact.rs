//! The rules for the contact details a person gives when confirming, shared by the app (to
//! say what is wrong before sending) and the server (which never trusts the app).

use thiserror::Error;

use crate::Lang;

/// The longest name, email or note accepted, in characters.
pub const MAX_NAME: usize = 100;
pub const MAX_EMAIL: usize = 254;
pub const MAX_NOTE: usize = 1000;

/// What is wrong with a person's contact details; [`ContactError::message`] words it for
/// that person, in their language (English when shown as an error).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.message(Lang::En))]
pub enum ContactError {
    NameMissing,
    NameTooLong,
    EmailInvalid { domain: String },
    EmailWrongDomain { domain: String },
    NoteTooLong,
    CardNumber,
}

impl ContactError {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ContactError::*;
        match (lang, self) {
            (Lang::En, NameMissing) => "Please enter your name.".to_owned(),
            (Lang::Es, NameMissing) => "Escribe tu nombre.".to_owned(),
            (Lang::En, NameTooLong) => {
                format!("Please shorten your name to at most {MAX_NAME} characters.")
            }
            (Lang::Es, NameTooLong) => {
                format!("Acorta tu nombre a {MAX_NAME} caracteres como máximo.")
            }
            (Lang::En, EmailInvalid { domain }) => {
                format!("Please enter your work email address, like name@{domain}.")
            }
            (Lang::Es, EmailInvalid { domain }) => {
                format!("Escribe tu correo electrónico del trabajo, como nombre@{domain}.")
            }
            (Lang::En, EmailWrongDomain { domain }) => {
                format!("Please use your work email address ending in @{domain}.")
            }
            (Lang::Es, EmailWrongDomain { domain }) => {
                format!("Usa tu correo electrónico del trabajo, que termina en @{domain}.")
            }
            (Lang::En, NoteTooLong) => {
                format!("Please shorten your note to at most {MAX_NOTE} characters.")
            }
            (Lang::Es, NoteTooLong) => {
                format!("Acorta tu nota a {MAX_NOTE} caracteres como máximo.")
            }
            (Lang::En, CardNumber) => "That looks like a card number. Never type card numbers, \
                passwords or one-time codes here: they belong on Amazon's pages only."
                .to_owned(),
            (Lang::Es, CardNumber) => "Parece un número de tarjeta. Nunca escribas aquí números \
                de tarjeta, contraseñas ni códigos de un solo uso: solo van en las páginas de \
                Amazon."
                .to_owned(),
        }
    }
}

/// Checks a name, a work email at `domain`, and an optional note.
pub fn check(
    name: &str,
    email: &str,
    note: Option<&str>,
    domain: &str,
) -> Result<(), ContactError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ContactError::NameMissing);
    }
    if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(ContactError::NameTooLong);
    }
    let invalid = || ContactError::EmailInvalid {
        domain: domain.to_owned(),
    };
    let email = email.trim();
    if email.len() > MAX_EMAIL || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, host) = email.rsplit_once('@').ok_or_else(invalid)?;
    if local.is_empty() || local.contains('@') || !host.contains('.') || host.starts_with('.') {
        return Err(invalid());
    }
    if !host.eq_ignore_ascii_case(domain) {
        return Err(ContactError::EmailWrongDomain {
            domain: domain.to_owned(),
        });
    }
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(ContactError::NoteTooLong);
    }
    if [Some(name), note]
        .into_iter()
        .flatten()
        .any(has_card_number)
    {
        return Err(ContactError::CardNumber);
    }
    Ok(())
}

/// Whether `text` holds 13 to 19 digits in a row (spaces and dashes between them allowed)
/// that pass the Luhn check, as payment card numbers do.
pub fn has_card_number(text: &str) -> bool {
    let mut digits: Vec<u32> = Vec::new();
    for c in text.chars().chain(std::iter::once('.')) {
        match c {
            '0'..='9' => digits.push(c as u32 - '0' as u32),
            ' ' | '-' if !digits.is_empty() => {}
            _ => {
                if (13..=19).contains(&digits.len()) && luhn(&digits) {
                    return true;
                }
                digits.clear();
            }
        }
    }
    false
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_email_at_the_organisation_domain_is_accepted() {
        assert_eq!(
            check("Ada Lovelace", "ada@Example.edu", None, "example.edu"),
            Ok(())
        );
    }

    #[test]
    fn each_broken_detail_is_named() {
        let d = "example.edu";
        assert_eq!(
            check("  ", "a@example.edu", None, d),
            Err(ContactError::NameMissing)
        );
        assert!(matches!(
            check("A", "not-an-email", None, d),
            Err(ContactError::EmailInvalid { .. })
        ));
        assert!(matches!(
            check("A", "a@b@example.edu", None, d),
            Err(ContactError::EmailInvalid { .. })
        ));
        assert!(matches!(
            check("A", "a@gmail.com", None, d),
            Err(ContactError::EmailWrongDomain { .. })
        ));
        let long_note = "x".repeat(MAX_NOTE + 1);
        assert_eq!(
            check("A", "a@example.edu", Some(&long_note), d),
            Err(ContactError::NoteTooLong)
        );
    }

    #[test]
    fn every_message_is_worded_in_each_language() {
        let domain = || "example.edu".to_owned();
        let all = [
            ContactError::NameMissing,
            ContactError::NameTooLong,
            ContactError::EmailInvalid { domain: domain() },
            ContactError::EmailWrongDomain { domain: domain() },
            ContactError::NoteTooLong,
            ContactError::CardNumber,
        ];
        for error in all {
            let (en, es) = (error.message(Lang::En), error.message(Lang::Es));
            assert_eq!(error.to_string(), en);
            assert_ne!(en, es);
        }
        let wrong = ContactError::EmailWrongDomain { domain: domain() };
        assert_eq!(
            wrong.message(Lang::Es),
            "Usa tu correo electrónico del trabajo, que termina en @example.edu."
        );
    }

    #[test]
    fn a_card_number_in_the_note_is_refused() {
        let d = "example.edu";
        let card = Some("my card is 4111 1111 1111 1111, please charge it");
        assert_eq!(
            check("A", "a@example.edu", card, d),
            Err(ContactError::CardNumber)
        );
        assert_eq!(
            check("A", "a@example.edu", Some("4111-1111-1111-1111"), d),
            Err(ContactError::CardNumber)
        );
        // Numbers that are not card numbers pass: a phone number, an order number, a Luhn failure.
        assert_eq!(
            check("A", "a@example.edu", Some("call 1-888-281-3847"), d),
            Ok(())
        );
        assert_eq!(
            check("A", "a@example.edu", Some("order 112-1234567-1234567"), d),
            Ok(())
        );
        assert_eq!(
            check("A", "a@example.edu", Some("4111 1111 1111 1112"), d),
            Ok(())
        );
    }
}
