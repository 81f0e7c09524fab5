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
    EmailInvalid {
        domain: String,
    },
    EmailWrongDomain {
        domain: String,
    },
    NoteTooLong,
    CardNumber,
    /// A control character, or (in a name) a character that shows nothing or turns the text
    /// around, which could make a name read as another in the administrators' queue.
    Invisible(Field),
}

/// A text a person types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Note,
    /// The name an administrator records a status change under.
    By,
}

impl Field {
    fn words(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Field::Name | Field::By) => "your name",
            (Lang::En, Field::Email) => "your email address",
            (Lang::En, Field::Note) => "your note",
            (Lang::Es, Field::Name | Field::By) => "tu nombre",
            (Lang::Es, Field::Email) => "tu correo electrónico",
            (Lang::Es, Field::Note) => "tu nota",
        }
    }
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
            (Lang::En, Invisible(field)) => format!(
                "Please remove the invisible character from {}: it may have come with text \
                 you pasted.",
                field.words(lang)
            ),
            (Lang::Es, Invisible(field)) => format!(
                "Quita el carácter invisible de {}: puede haber llegado con un texto pegado.",
                field.words(lang)
            ),
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
    check_text(Field::Name, name)?;
    check_text(Field::Email, email)?;
    if let Some(note) = note {
        check_text(Field::Note, note)?;
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(ContactError::NameMissing);
    }
    if name.chars().count() > MAX_NAME {
        return Err(ContactError::NameTooLong);
    }
    let invalid = || ContactError::EmailInvalid {
        domain: domain.to_owned(),
    };
    let email = email.trim();
    if email.len() > MAX_EMAIL || email.chars().any(char::is_whitespace) {
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

/// Checks what a person says did not work on a self-service outcome, with a note's rules: at
/// most [`MAX_NOTE`] characters and no card number.
pub fn check_comment(comment: &str) -> Result<(), ContactError> {
    check_text(Field::Note, comment)?;
    if comment.trim().chars().count() > MAX_NOTE {
        return Err(ContactError::NoteTooLong);
    }
    if has_card_number(comment) {
        return Err(ContactError::CardNumber);
    }
    Ok(())
}

/// Refuses control characters in any text (a note keeps its line breaks and tabs), and in a
/// name also the characters that show nothing or reverse the text around them.
pub fn check_text(field: Field, text: &str) -> Result<(), ContactError> {
    let allowed = |c: char| field == Field::Note && matches!(c, '\n' | '\r' | '\t');
    let refused = |c: char| {
        (c.is_control() && !allowed(c))
            || (matches!(field, Field::Name | Field::By) && is_invisible(c))
    };
    match text.chars().any(refused) {
        true => Err(ContactError::Invisible(field)),
        false => Ok(()),
    }
}

/// Zero-width characters and the marks that change the direction of the text after them.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// Whether `text` holds a payment card number: 13 to 19 digits passing the Luhn check, either
/// in one run or grouped as cards print them (4-4-4-4, 4-6-5, ...) with spaces, dashes, dots or
/// slashes between the groups, wherever the number starts ("room 5 4111 1111 1111 1111").
/// Full-width digits and separators count as their plain forms, as NFKC reads them.
pub fn has_card_number(text: &str) -> bool {
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut group: Vec<u32> = Vec::new();
    for c in text.chars().map(plain).chain(std::iter::once('x')) {
        if let Some(digit) = c.to_digit(10) {
            group.push(digit);
            continue;
        }
        if !group.is_empty() {
            groups.push(std::mem::take(&mut group));
        }
        if !matches!(c, ' ' | '-' | '.' | '/') {
            if holds_card(&groups) {
                return true;
            }
            groups.clear();
        }
    }
    false
}

/// The plain digit or separator a full-width (or otherwise compatible) one stands for.
fn plain(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '\u{FF0D}' | '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{FF0E}' => '.',
        '\u{FF0F}' => '/',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => ' ',
        c => c,
    }
}

/// Whether some consecutive groups of digits are grouped as a card prints its number and
/// pass the Luhn check.
fn holds_card(groups: &[Vec<u32>]) -> bool {
    (0..groups.len()).any(|start| {
        (start + 1..=groups.len()).any(|end| {
            let window = &groups[start..end];
            let sizes: Vec<usize> = window.iter().map(Vec::len).collect();
            let digits: Vec<u32> = window.concat();
            (13..=19).contains(&digits.len()) && card_grouping(&sizes) && luhn(&digits)
        })
    })
}

/// One run, or groups of four (the last may be shorter), or the 4-6-5 and 4-6-4 of American
/// Express and Diners Club.
fn card_grouping(sizes: &[usize]) -> bool {
    match sizes {
        [_] => true,
        [4, 6, 5] | [4, 6, 4] => true,
        [fours @ .., last] => fours.iter().all(|s| *s == 4) && (1..=4).contains(last),
        [] => false,
    }
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
            ContactError::Invisible(Field::Name),
            ContactError::Invisible(Field::Note),
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

    #[test]
    fn a_card_number_disguised_by_separators_digits_or_a_digit_before_is_refused() {
        for note in [
            "4111.1111.1111.1111",
            "4111/1111/1111/1111",
            "４１１１ １１１１ １１１１ １１１１",
            "room 5 4111 1111 1111 1111",
            "3782 822463 10005",
            "4111111111111111",
        ] {
            assert!(has_card_number(note), "{note}");
        }
        for note in [
            "order 112-1234567-1234567 and 113-7654321-7654321",
            "call 1-888-281-3847 or 1-888-281-3847",
            "room 5 4111 1111 1111 1112",
        ] {
            assert!(!has_card_number(note), "{note}");
        }
    }

    #[test]
    fn control_and_invisible_characters_are_refused_and_the_field_named() {
        let d = "example.edu";
        assert_eq!(
            check("A", "a@example.edu", Some("line\u{0}break"), d),
            Err(ContactError::Invisible(Field::Note))
        );
        assert_eq!(
            check("A", "a@example.edu", Some("first line\n\tsecond\r\n"), d),
            Ok(())
        );
        assert_eq!(
            check("Ada\u{7}", "a@example.edu", None, d),
            Err(ContactError::Invisible(Field::Name))
        );
        // Shown right to left, "Ada \u{202E}nalA" reads as another name.
        assert_eq!(
            check("Ada \u{202E}nalA", "a@example.edu", None, d),
            Err(ContactError::Invisible(Field::Name))
        );
        assert_eq!(
            check("Ada\u{200B}", "a@example.edu", None, d),
            Err(ContactError::Invisible(Field::Name))
        );
        assert_eq!(
            check_text(Field::By, "Grace\u{2066}"),
            Err(ContactError::Invisible(Field::By))
        );
        assert_eq!(
            check_text(Field::Note, "a \u{200B} in a note is harmless"),
            Ok(())
        );
        assert!(ContactError::Invisible(Field::Name)
            .message(Lang::En)
            .contains("remove the invisible character from your name"));
    }
}
