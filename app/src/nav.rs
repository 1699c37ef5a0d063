//! Navigation helpers shared by pages.

/// Where to go after signing in: a local path only (never `//host` or `http…`), so the
/// `next` parameter cannot be used as an open redirect.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path
        }
        _ => "/contracts".to_string(),
    }
}

/// A full page load, so every resource (the signed-in user first) is fetched afresh after
/// signing in or out.
pub fn hard_navigate(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/party-a".into())), "/party-a");
        assert_eq!(safe_next(Some("//evil.example".into())), "/contracts");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/contracts");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/contracts");
        assert_eq!(safe_next(None), "/contracts");
    }
}
