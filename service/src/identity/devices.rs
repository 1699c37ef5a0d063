//! Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a
//! browser that signed in to a login before carries a signed token naming that login,
//! and its attempts on that login are limited on their own ([`crate::identity::throttle`]) — never
//! by the per-login cap, which strangers from many addresses can fill to lock the owner
//! out.
//!
//! A token is a random nonce and an HMAC of the login and the nonce, under a key derived
//! from the SMS-code key (every instance has the same file, and no new secret needs
//! configuring). The login itself is not in the cookie: a token only says "this nonce was
//! given to whoever signed in to the login it is checked against". One cookie holds the
//! tokens of a few logins (a customer and an operator sharing a browser).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Tokens one cookie keeps: the most recent sign-ins' logins.
pub const MAX_TOKENS: usize = 4;

/// The cookie lasts this long after the last sign-in that renewed it (OWASP: long-lived).
pub const MAX_AGE_SECS: i64 = 180 * 24 * 60 * 60;

const NONCE: usize = 16;
const TAG: usize = 16;
/// Hex digits of one token.
const TOKEN_LEN: usize = 2 * (NONCE + TAG);

/// The device a recognised token stands for: its nonce, which keys its own attempt
/// counter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Device([u8; NONCE]);

impl Device {
    /// The counter's key in the throttle table.
    pub fn subject(&self) -> String {
        format!("device|{}", crate::platform::storage::hex(&self.0))
    }
}

impl std::fmt::Debug for Device {
    // The nonce is half of a credential: not for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Device(…)")
    }
}

/// Issues and recognises device tokens.
#[derive(Clone)]
pub struct DeviceKey([u8; 32]);

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(…)")
    }
}

impl DeviceKey {
    /// The key for device tokens, derived from the SMS-code key (a separate purpose, so
    /// neither key's outputs can stand in for the other's).
    pub fn derive(code_key: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(code_key).expect("HMAC takes any key");
        mac.update(b"qianyue device cookie v1");
        DeviceKey(mac.finalize().into_bytes().into())
    }

    fn mac(&self, login: &str, nonce: &[u8; NONCE]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(login.as_bytes());
        mac.update(&[0]);
        mac.update(nonce);
        mac
    }

    fn tag(&self, login: &str, nonce: &[u8; NONCE]) -> [u8; TAG] {
        let full = self.mac(login, nonce).finalize().into_bytes();
        let mut tag = [0; TAG];
        tag.copy_from_slice(&full[..TAG]);
        tag
    }

    /// The device of the first token in `cookie` that was issued for `login` (the
    /// normalised login), if any. Tags are compared in constant time.
    pub fn recognise(&self, login: &str, cookie: &str) -> Option<Device> {
        tokens(cookie).find_map(|(nonce, tag)| {
            self.mac(login, &nonce)
                .verify_truncated_left(&tag)
                .ok()
                .map(|()| Device(nonce))
        })
    }

    /// The cookie's value after a sign-in to `login`: a fresh token for it first, then
    /// the tokens of other logins the cookie held, up to [`MAX_TOKENS`].
    pub fn renew(&self, login: &str, cookie: Option<&str>) -> String {
        let mut nonce = [0; NONCE];
        OsRng.fill_bytes(&mut nonce);
        let fresh = encode(&nonce, &self.tag(login, &nonce));
        let others = tokens(cookie.unwrap_or(""))
            .filter(|(nonce, tag)| self.tag(login, nonce) != *tag)
            .map(|(nonce, tag)| encode(&nonce, &tag));
        std::iter::once(fresh)
            .chain(others)
            .take(MAX_TOKENS)
            .collect::<Vec<_>>()
            .join(".")
    }
}

fn encode(nonce: &[u8; NONCE], tag: &[u8; TAG]) -> String {
    let mut bytes = [0; NONCE + TAG];
    bytes[..NONCE].copy_from_slice(nonce);
    bytes[NONCE..].copy_from_slice(tag);
    crate::platform::storage::hex(&bytes)
}

/// The well-formed tokens of a cookie value (anything else in it is ignored).
fn tokens(cookie: &str) -> impl Iterator<Item = ([u8; NONCE], [u8; TAG])> + '_ {
    cookie
        .split('.')
        .take(MAX_TOKENS)
        .filter(|t| t.len() == TOKEN_LEN)
        .filter_map(|token| {
            let mut bytes = [0u8; NONCE + TAG];
            for (i, pair) in token.as_bytes().chunks(2).enumerate() {
                let digits = std::str::from_utf8(pair).ok()?;
                bytes[i] = u8::from_str_radix(digits, 16).ok()?;
            }
            let (mut nonce, mut tag) = ([0; NONCE], [0; TAG]);
            nonce.copy_from_slice(&bytes[..NONCE]);
            tag.copy_from_slice(&bytes[NONCE..]);
            Some((nonce, tag))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DeviceKey {
        DeviceKey::derive(&[7; 32])
    }

    #[test]
    fn a_token_is_recognised_for_its_login_only() {
        let cookie = key().renew("ent_demo", None);
        assert!(key().recognise("ent_demo", &cookie).is_some());
        assert!(key().recognise("ops_demo", &cookie).is_none());
        // Another server's key (another deployment) does not know it.
        assert!(DeviceKey::derive(&[8; 32])
            .recognise("ent_demo", &cookie)
            .is_none());
    }

    #[test]
    fn forged_or_damaged_tokens_are_not_recognised() {
        let cookie = key().renew("ent_demo", None);
        let mut flipped = cookie.clone().into_bytes();
        flipped[TOKEN_LEN - 1] = if flipped[TOKEN_LEN - 1] == b'0' {
            b'1'
        } else {
            b'0'
        };
        let flipped = String::from_utf8(flipped).unwrap();
        for bad in [
            "",
            "zz",
            &cookie[..TOKEN_LEN - 2],
            &flipped,
            &"g".repeat(TOKEN_LEN),
        ] {
            assert!(key().recognise("ent_demo", bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn one_cookie_keeps_a_few_logins_newest_first() {
        let k = key();
        let mut cookie = k.renew("a_login", None);
        let first_a = k.recognise("a_login", &cookie).unwrap();
        for login in ["b_login", "c_login", "d_login"] {
            cookie = k.renew(login, Some(&cookie));
        }
        for login in ["a_login", "b_login", "c_login", "d_login"] {
            assert!(k.recognise(login, &cookie).is_some(), "{login}");
        }
        // Signing in to a again replaces its token (a new device id), keeps the others.
        cookie = k.renew("a_login", Some(&cookie));
        assert_ne!(k.recognise("a_login", &cookie), Some(first_a));
        assert_eq!(cookie.split('.').count(), MAX_TOKENS);
        // A fifth login pushes out the oldest.
        cookie = k.renew("e_login", Some(&cookie));
        assert_eq!(cookie.split('.').count(), MAX_TOKENS);
        assert!(k.recognise("b_login", &cookie).is_none());
        assert!(k.recognise("e_login", &cookie).is_some());
    }
}
