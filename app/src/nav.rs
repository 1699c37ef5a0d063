//! Navigation helpers shared by pages.

/// Where to go after signing in: a path on our own origin only, so the `next` parameter
/// cannot be used as an open redirect. Browsers drop tabs and line breaks from a URL and
/// read a backslash as `/`, so `/\t/evil.example` would become `//evil.example`, another
/// host: any control, whitespace or backslash character refuses the path as a whole.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if is_own_path(&path) => path,
        _ => "/contracts".to_string(),
    }
}

fn is_own_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
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
        assert_eq!(
            safe_next(Some("/contracts/QY-1?x=1".into())),
            "/contracts/QY-1?x=1"
        );
    }

    /// `next=/%09/evil.example` and friends, as the router hands them over (decoded).
    #[test]
    fn control_and_whitespace_characters_cannot_smuggle_another_host() {
        for next in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "/\u{85}/evil.example",
            "\t//evil.example",
            "//evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(next.into())), "/contracts", "{next:?}");
        }
    }
}
