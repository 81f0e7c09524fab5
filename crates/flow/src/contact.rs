//! The rules for the contact details a person gives when confirming, shared by the app (to
//! say what is wrong before sending) and the server (which never trusts the app).

use thiserror::Error;

/// The longest name, email or note accepted, in characters.
pub const MAX_NAME: usize = 100;
pub const MAX_EMAIL: usize = 254;
pub const MAX_NOTE: usize = 1000;

/// What is wrong with a person's contact details, worded for that person.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContactError {
    #[error("Please enter your name.")]
    NameMissing,
    #[error("Please shorten your name to at most {MAX_NAME} characters.")]
    NameTooLong,
    #[error("Please enter your work email address, like name@{domain}.")]
    EmailInvalid { domain: String },
    #[error("Please use your work email address ending in @{domain}.")]
    EmailWrongDomain { domain: String },
    #[error("Please shorten your note to at most {MAX_NOTE} characters.")]
    NoteTooLong,
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
    Ok(())
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
}
