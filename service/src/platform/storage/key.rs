//! A stored document's key: its SHA-256 in lower-case hexadecimal, parsed once where one
//! comes in (a database row), so nothing else can reach a path or an object name.

use std::fmt;

use super::{sha256_hex, StorageError};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentKey(String);

impl DocumentKey {
    /// The key of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(sha256_hex(bytes))
    }

    /// A key read back (64 hex digits), or [`StorageError::BadKey`].
    pub fn parse(key: &str) -> Result<Self, StorageError> {
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StorageError::BadKey(key.to_string()));
        }
        Ok(Self(key.to_ascii_lowercase()))
    }

    /// As stored in a row and named in the store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocumentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_sixty_four_hex_digits_and_nothing_else() {
        let key = DocumentKey::of(b"contract");
        assert_eq!(DocumentKey::parse(key.as_str()).unwrap(), key);
        assert_eq!(
            DocumentKey::parse(&key.as_str().to_ascii_uppercase()).unwrap(),
            key
        );
        for bad in [
            "",
            "../etc/passwd",
            "documents/../x",
            &"g".repeat(64),
            &"a".repeat(63),
        ] {
            assert!(
                matches!(DocumentKey::parse(bad), Err(StorageError::BadKey(_))),
                "{bad:?}"
            );
        }
    }
}
