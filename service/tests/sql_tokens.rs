//! Every token that a query or a migration spells as a literal (`status = 'effective'`)
//! is one of its column's typed values. Queries bind typed tokens where they can; the
//! literals that stay are the predicates of partial indexes (reminders, expiry, the
//! framework gate, open stampings): PostgreSQL matches a partial index only against a
//! predicate spelled out, and a bound value in a prepared statement's generic plan never
//! matches. This test keeps those literals in step with the enums they stand for.

use std::path::{Path, PathBuf};

use domain::account::{AccountKind, RealNameStatus};
use domain::esign::SignerStatus;
use domain::paper::{PaperStatus, StampingStatus};
use domain::{AuditAction, ContractType, Status, SubStatus};
use service::ops::exports::ExportState;
use service::platform::jobs::JobKind;

/// Whether `token` is a typed value of a column named `column`; `None` for a column
/// this test does not know (its literals are not tokens of ours).
fn known(column: &str, token: &str) -> Option<bool> {
    Some(match column {
        "status" => {
            Status::parse(token).is_some()
                || PaperStatus::parse(token).is_some()
                || StampingStatus::parse(token).is_some()
                || SignerStatus::parse(token).is_some()
                || ExportState::parse(token).is_some()
        }
        "sub_status" => SubStatus::parse(token).is_some(),
        "kind" => {
            ContractType::parse(token).is_some()
                || AccountKind::parse(token).is_some()
                || JobKind::parse(token).is_some()
        }
        "item_kind" => ContractType::parse(token).is_some(),
        "realname_status" => RealNameStatus::parse(token).is_some(),
        "action" => AuditAction::parse(token).is_some(),
        _ => return None,
    })
}

/// `(column, token)` for each `column = 'token'` (or `<>`, `!=`) in `text`. A token with
/// a `{` is a `format!` placeholder, filled from a typed value.
fn literals(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find('\'') {
        let quote = at + offset;
        let Some(len) = text[quote + 1..].find('\'') else {
            break;
        };
        let token = &text[quote + 1..quote + 1 + len];
        at = quote + len + 2;
        let before = text[..quote].trim_end();
        let Some(before) = ["<>", "!=", "="]
            .iter()
            .find_map(|op| before.strip_suffix(op))
            .map(str::trim_end)
        else {
            continue;
        };
        let start = before
            .bytes()
            .rposition(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
            .map_or(0, |i| i + 1);
        let column = before[start..].rsplit('.').next().unwrap_or_default();
        if column.starts_with(|c: char| c.is_ascii_lowercase()) && !token.contains('{') {
            found.push((column.to_string(), token.to_string()));
        }
    }
    found
}

fn files(dir: &Path, ext: &str, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            files(&path, ext, into);
        } else if path.extension().is_some_and(|e| e == ext) {
            into.push(path);
        }
    }
}

#[test]
fn the_scan_finds_a_misspelled_token() {
    let found = literals("WHERE c.status = 'efective' AND kind <> 'filing' AND $1 = ''");
    assert_eq!(
        found,
        [
            ("status".to_string(), "efective".to_string()),
            ("kind".to_string(), "filing".to_string())
        ]
    );
    assert_eq!(known("status", "efective"), Some(false));
    assert_eq!(known("kind", "filing"), Some(true));
    assert_eq!(known("name", "contract_number"), None);
}

#[test]
fn every_literal_token_in_queries_and_migrations_is_a_typed_value() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("src"), "rs", &mut sources);
    files(&root.join("../migrations"), "sql", &mut sources);
    let mut checked = 0;
    let mut unknown = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).expect("readable source");
        for (column, token) in literals(&text) {
            match known(&column, &token) {
                Some(true) => checked += 1,
                Some(false) => unknown.push(format!("{}: {column} '{token}'", path.display())),
                None => {}
            }
        }
    }
    assert!(unknown.is_empty(), "tokens no enum knows: {unknown:#?}");
    // The partial indexes and the queries that use them spell out at least these.
    assert!(
        checked >= 20,
        "only {checked} literal tokens found: is the scan broken?"
    );
}
