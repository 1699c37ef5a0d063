//! `PUT /accounts/{external_id}`'s body as the server checks it, stated in the document so
//! that every body the schema allows is one the server accepts and every body it
//! refuses is one the schema rules out (Schemathesis checks both ways). utoipa's derive
//! states the fields; the rules between them are written here:
//!
//! - `login` is required (an account is created with it; an update ignores it) and is a
//!   login as `domain::account::normalize_login` reads one: 3–32 of `a–z 0–9 _ . - @`,
//!   either case, with whitespace around it;
//! - an unverified account's subject name and ID number are ignored;
//! - a verified account needs its subject name (2–100 characters once trimmed) and its ID
//!   number: a unified social credit code for an enterprise (`format: cn-uscc`, GB 32100,
//!   with its check character), a resident ID for a person (`format: cn-resident-id`,
//!   GB 11643: a real birth date from 1900 to today and the check character). A format
//!   is how a JSON Schema names a rule that a pattern cannot state (a check character);
//!   scripts/api-check-hooks.py teaches Schemathesis to generate both.

use domain::account::{LOGIN_CHARS, SUBJECT_NAME_CHARS};
use serde_json::{json, Value};

/// What Rust's `str::trim` removes (Unicode White_Space), as a regex class: `\s` differs
/// between regex dialects (Python's counts U+001C–U+001F), this does not.
const SPACE: &str = r"\t\n\x0B\f\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// A login: allowed characters in either case (`K`, the Kelvin sign, lower-cases to `k`).
fn login_pattern() -> String {
    format!(
        "^[{SPACE}]*[A-Za-z0-9_.@\\u212A-]{{{},{}}}[{SPACE}]*$",
        LOGIN_CHARS.start(),
        LOGIN_CHARS.end()
    )
}

/// A subject name: 2–100 characters between its first and last non-space, any around.
fn subject_name_pattern() -> String {
    format!(
        "^[{SPACE}]*[^{SPACE}][\\s\\S]{{{},{}}}[^{SPACE}][{SPACE}]*$",
        SUBJECT_NAME_CHARS.start() - 2,
        SUBJECT_NAME_CHARS.end() - 2
    )
}

/// Rewrites the generated `AccountBody` into a `oneOf` of its three cases.
pub fn state_account_rules(doc: &mut Value) {
    let Some(body) = doc.pointer_mut("/components/schemas/AccountBody") else {
        return;
    };
    let properties = body["properties"].clone();
    let case = |title: &str, kind: &[&str], verified: bool, id_format: Option<&str>| {
        let mut properties = properties.clone();
        properties["login"] = json!({
            "type": "string",
            "pattern": login_pattern(),
            "description": properties["login"]["description"],
        });
        properties["kind"] = json!({ "type": "string", "enum": kind });
        properties["verified"] = json!({ "type": "boolean", "enum": [verified] });
        let mut required = vec!["login", "kind", "verified"];
        if let Some(format) = id_format {
            properties["subject_name"] = json!({
                "type": "string",
                "pattern": subject_name_pattern(),
                "description": properties["subject_name"]["description"],
            });
            properties["id_number"] = json!({
                "type": "string",
                "format": format,
                "description": properties["id_number"]["description"],
            });
            required.extend(["subject_name", "id_number"]);
        }
        json!({
            "title": title,
            "type": "object",
            "required": required,
            "properties": properties,
        })
    };
    let description = body["description"].clone();
    *body = json!({
        "description": description,
        "oneOf": [
            case("unverified", &["enterprise", "individual"], false, None),
            case("verified enterprise", &["enterprise"], true, Some("cn-uscc")),
            case("verified person", &["individual"], true, Some("cn-resident-id")),
        ],
    });
}
