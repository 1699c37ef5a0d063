//! Public verification of a contract document (/verify): is this file (or SHA-256) the
//! genuine effective document of contract N? Details — type, masked party A, effective
//! date — only when the hash is one of that contract's documents, i.e. to someone who
//! holds the document already; any other question gets the same `NoMatch`, whether the
//! number exists or not.

pub use domain::verification::{
    DocumentRevision, HashVerdict, SealLevel, SealReport, SignatureVerdict, VerificationReport,
};
use domain::Check;
use domain::ContractType;
use sqlx::Row;

use crate::error::{ServiceError, ServiceResult};
use crate::platform::db::Db;

/// A name with its middle hidden: 星河示例数字科技（上海）有限公司 → 星河**********公司.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        3 | 4 => format!(
            "{}{}{}",
            chars[0],
            "*".repeat(chars.len() - 2),
            chars[chars.len() - 1]
        ),
        n => format!(
            "{}{}{}",
            chars[..2].iter().collect::<String>(),
            "*".repeat(n - 4),
            chars[n - 2..].iter().collect::<String>()
        ),
    }
}

pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == domain::verification::SHA256_HEX_DIGITS && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Records one check and returns nothing but success; the report is read back by token.
pub async fn record(
    db: &Db,
    token: &str,
    number: &str,
    sha256: &str,
    signature: Option<SignatureVerdict>,
    seal: Option<&SealReport>,
) -> ServiceResult<()> {
    if !is_sha256_hex(sha256) {
        return Err(ServiceError::field("sha256", Check::VerifyBadSha));
    }
    sqlx::query(
        "INSERT INTO verifications (token, number, sha256, signature, created_at, seal_level, \
         trusted_time, tsa) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(token)
    .bind(number.trim())
    .bind(sha256.to_ascii_lowercase())
    .bind(signature.map(SignatureVerdict::as_str))
    .bind(db.now())
    .bind(seal.map(|s| s.level.as_str()))
    .bind(seal.and_then(|s| s.trusted_time))
    .bind(seal.and_then(|s| s.tsa.clone()))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The report of one verification. When the hash matched one of a contract's documents it
/// describes the contract (R20): type, both parties (party A masked; party B, the
/// `provider`, is public), its dates; otherwise only the verdict.
pub async fn report(db: &Db, token: &str, provider: &str) -> ServiceResult<VerificationReport> {
    let row = sqlx::query(
        "SELECT number, sha256, signature, seal_level, trusted_time, tsa FROM verifications \
         WHERE token = $1",
    )
    .bind(token)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(ServiceError::NotFound)?;
    let number: String = row.try_get(0)?;
    let sha256: String = row.try_get(1)?;
    // A token this build does not know reads as a signature that could not be read.
    let signature = row
        .try_get::<Option<String>, _>(2)?
        .map(|token| SignatureVerdict::parse(&token).unwrap_or(SignatureVerdict::Malformed));
    let seal = row
        .try_get::<Option<String>, _>(3)?
        .as_deref()
        .and_then(SealLevel::parse)
        .map(|level| -> ServiceResult<SealReport> {
            Ok(SealReport {
                level,
                trusted_time: row.try_get(4)?,
                tsa: row.try_get(5)?,
            })
        })
        .transpose()?;
    let contract = sqlx::query(
        "SELECT kind, status, party_a_name, effective_at, draft_pdf_sha256, formal_pdf_sha256, expires_at, id \
         FROM contracts WHERE number = $1 AND status <> 'deleted'",
    )
    .bind(&number)
    .fetch_optional(&db.pool)
    .await?;
    let mut report = VerificationReport {
        number,
        sha256,
        verdict: HashVerdict::NoMatch,
        signature,
        kind: None,
        party_a_masked: None,
        provider: None,
        effective_at: None,
        expires_at: None,
        seal,
        revision: None,
    };
    let Some(c) = contract else { return Ok(report) };
    let status: String = c.try_get(1)?;
    let draft: Option<String> = c.try_get(4)?;
    let formal: Option<String> = c.try_get(5)?;
    let held = |hash: &Option<String>| hash.as_deref() == Some(report.sha256.as_str());
    // The newest revision, or an earlier one (before an archive renewal): both genuine.
    let contract_id: i64 = c.try_get(7)?;
    let seq = match formal {
        Some(_) => crate::esign::revisions::seq_of(db, contract_id, &report.sha256).await?,
        None => None,
    };
    let signed = held(&formal) || seq.is_some();
    if let Some(seq) = seq {
        let of = crate::esign::revisions::count(db, contract_id).await?;
        report.revision = Some(DocumentRevision { seq, of });
    }
    report.verdict = if signed && status == "effective" {
        HashVerdict::Genuine
    } else if signed {
        HashVerdict::NoLongerEffective
    } else if held(&draft) {
        HashVerdict::Draft
    } else {
        return Ok(report);
    };
    report.kind = ContractType::parse(&c.try_get::<String, _>(0)?);
    report.party_a_masked = Some(mask_name(&c.try_get::<String, _>(2)?));
    report.provider = Some(provider.to_string());
    report.effective_at = c.try_get(3)?;
    report.expires_at = c.try_get(6)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_in_the_middle() {
        assert_eq!(
            mask_name("星河示例数字科技（上海）有限公司"),
            "星河************公司"
        );
        assert_eq!(mask_name("王小明"), "王*明");
        assert_eq!(mask_name("王明"), "王*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn sha256_must_be_64_hex_digits() {
        assert!(is_sha256_hex(&"a".repeat(64)));
        assert!(!is_sha256_hex(&"a".repeat(63)));
        assert!(!is_sha256_hex(&"g".repeat(64)));
    }
}
