//! A secret (an API key, a webhook's signing key, a password in a database URL) that
//! `{:?}` never shows: settings and the structs that carry them are logged whole on
//! errors and in debug output. Its text is reached through [`Secret::expose`] alone, so
//! each use of it is one search away.

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_output_never_shows_it() {
        let shown = format!("{:?}", super::Secret::from("very-secret"));
        assert!(!shown.contains("very-secret"), "{shown}");
    }
}
