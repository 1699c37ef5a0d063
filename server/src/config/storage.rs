//! Where documents are stored, from the environment. Without `QY_S3_BUCKET`, files under
//! `QY_DATA_DIR/documents` (one instance). With it, an S3-compatible bucket that every
//! instance shares:
//!
//! - `QY_S3_BUCKET` — the bucket (created beforehand);
//! - `QY_S3_ACCESS_KEY_ID`, `QY_S3_SECRET_ACCESS_KEY` — required with the bucket;
//! - `QY_S3_ENDPOINT` — for a store other than AWS (`https://cos.ap-shanghai.myqcloud.com`,
//!   MinIO…; `http://` only to loopback);
//! - `QY_S3_REGION` (default `us-east-1`), `QY_S3_PREFIX` (default `documents`);
//! - `QY_S3_PATH_STYLE` — `https://endpoint/bucket/key` addressing; on by default with a
//!   custom endpoint, off for AWS.

use service::platform::storage::S3Settings;

use super::error::ConfigError;
use super::values::{endpoint, flag_or};

pub fn s3_settings(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<S3Settings>, ConfigError> {
    let value = |name: &str| {
        lookup(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let Some(bucket) = value("QY_S3_BUCKET") else {
        return Ok(None);
    };
    let required = |name: &'static str| {
        value(name).ok_or(ConfigError::Missing {
            name,
            because: "QY_S3_BUCKET",
        })
    };
    let endpoint = match value("QY_S3_ENDPOINT") {
        None => None,
        Some(raw) => {
            endpoint("QY_S3_ENDPOINT", &raw)?;
            Some(raw)
        }
    };
    let access_key_id = required("QY_S3_ACCESS_KEY_ID")?;
    let secret = required("QY_S3_SECRET_ACCESS_KEY")?;
    let mut settings = S3Settings::new(&bucket, endpoint.as_deref(), &access_key_id, &secret);
    if let Some(region) = value("QY_S3_REGION") {
        settings.region = region;
    }
    if let Some(prefix) = value("QY_S3_PREFIX") {
        settings.prefix = prefix;
    }
    settings.path_style = flag_or(lookup, "QY_S3_PATH_STYLE", settings.path_style)?;
    Ok(Some(settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Option<S3Settings>, ConfigError> {
        s3_settings(&|name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    const BUCKET: &[(&str, &str)] = &[
        ("QY_S3_BUCKET", "contracts"),
        ("QY_S3_ACCESS_KEY_ID", "AKID"),
        ("QY_S3_SECRET_ACCESS_KEY", "secret"),
    ];

    #[test]
    fn local_files_unless_a_bucket_is_named() {
        assert_eq!(settings(&[]).unwrap(), None);
        let s3 = settings(BUCKET).unwrap().unwrap();
        assert_eq!(
            (s3.bucket.as_str(), s3.region.as_str(), s3.prefix.as_str()),
            ("contracts", "us-east-1", "documents")
        );
        assert!(!s3.path_style, "AWS addresses buckets by host name");
        assert!(!format!("{s3:?}").contains("secret"), "no secret in logs");
    }

    #[test]
    fn credentials_are_required_and_endpoints_are_safe() {
        let missing = settings(&BUCKET[..2]).unwrap_err();
        assert!(
            missing.to_string().contains("QY_S3_SECRET_ACCESS_KEY"),
            "{missing}"
        );
        let with = |endpoint: &'static str| {
            let mut vars = BUCKET.to_vec();
            vars.push(("QY_S3_ENDPOINT", endpoint));
            settings(&vars)
        };
        let local = with("http://127.0.0.1:9000/").unwrap().unwrap();
        assert_eq!(local.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert!(local.path_style, "S3-compatible servers address by path");
        assert!(with("https://cos.ap-shanghai.myqcloud.com").is_ok());
        for bad in ["http://s3.example.com", "ftp://127.0.0.1", "https://h/path"] {
            assert!(
                matches!(with(bad), Err(ConfigError::BadEndpoint { .. })),
                "{bad}"
            );
        }
    }
}
