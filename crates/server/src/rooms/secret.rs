//! A new room's code and trainer token, drawn from the operating system's CSPRNG.

use signpost_flow::api::{ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH};

/// Random bytes for a trainer token: 256 bits.
const TOKEN_BYTES: usize = 32;

/// [`ROOM_CODE_LENGTH`] characters, each drawn uniformly from [`ROOM_CODE_ALPHABET`].
pub fn code() -> String {
    let alphabet = ROOM_CODE_ALPHABET.as_bytes();
    // Bytes at or above the largest multiple of the alphabet's size are drawn again, so that
    // every character is as likely as any other.
    let fair = u8::try_from(256 / alphabet.len() * alphabet.len()).unwrap_or(u8::MAX);
    let mut code = String::with_capacity(ROOM_CODE_LENGTH);
    while code.len() < ROOM_CODE_LENGTH {
        let mut bytes = [0u8; ROOM_CODE_LENGTH * 2];
        getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
        for byte in bytes.into_iter().filter(|b| *b < fair) {
            if code.len() < ROOM_CODE_LENGTH {
                code.push(char::from(alphabet[usize::from(byte) % alphabet.len()]));
            }
        }
    }
    code
}

/// A trainer token: [`TOKEN_BYTES`] random bytes as hex.
pub fn token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
    hex(&bytes)
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_tokens_are_long() {
        for _ in 0..200 {
            let code = code();
            assert_eq!(code.len(), ROOM_CODE_LENGTH);
            assert!(
                code.chars().all(|c| ROOM_CODE_ALPHABET.contains(c)),
                "{code}"
            );
        }
        let token = token();
        assert_eq!(token.len(), TOKEN_BYTES * 2);
        assert_ne!(token, super::token());
    }
}
