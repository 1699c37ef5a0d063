//! The session cookie's names, for the session layer that sets it and for the answers
//! that must know whether a request is signed in (pages cached per visitor).

/// The session cookie's name; HttpOnly, SameSite=Lax. Served over HTTPS (the default,
/// `Config::secure_cookies`) it is Secure and named with the `__Host-` prefix, which
/// browsers accept only from a secure origin, for the whole host and no domain: a
/// sibling subdomain or a plain-HTTP page cannot plant or shadow it.
pub const SESSION_COOKIE: &str = "qy_session";
pub const SECURE_SESSION_COOKIE: &str = "__Host-qy_session";

pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}
