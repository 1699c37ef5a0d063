//! `QY_SMS_PROVIDER` and the provider's settings, validated at start.

use super::tencent::{EnglishTemplates, Secret, Templates, TencentSms};
use crate::config::ConfigError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsSetting {
    /// No provider: sends are refused.
    Off,
    /// The `sms_outbox` table and `/dev/outbox`: demo mode only.
    Outbox,
    Tencent(Box<TencentSms>),
}

const DEFAULT_ENDPOINT: &str = "https://sms.tencentcloudapi.com";

/// `QY_SMS_PROVIDER` = `outbox` | `tencent` | `none`; by default the outbox in demo mode
/// and none otherwise. The outbox outside demo mode is refused: it keeps every code in
/// plain text.
pub fn sms_setting(
    lookup: &impl Fn(&str) -> Option<String>,
    demo: bool,
) -> Result<SmsSetting, ConfigError> {
    let name = "QY_SMS_PROVIDER";
    let chosen = lookup(name).filter(|v| !v.trim().is_empty());
    match chosen.as_deref().map(str::trim) {
        None if demo => Ok(SmsSetting::Outbox),
        None | Some("none") => Ok(SmsSetting::Off),
        Some("outbox") if demo => Ok(SmsSetting::Outbox),
        Some("outbox") => Err(ConfigError::OutboxOutsideDemo),
        Some("tencent") => tencent(lookup).map(|t| SmsSetting::Tencent(Box::new(t))),
        Some(other) => Err(ConfigError::BadChoice {
            name,
            value: other.into(),
            choices: "outbox, tencent, none",
        }),
    }
}

fn tencent(lookup: &impl Fn(&str) -> Option<String>) -> Result<TencentSms, ConfigError> {
    let required = |name: &'static str| {
        lookup(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .ok_or(ConfigError::Missing {
                name,
                because: "QY_SMS_PROVIDER=tencent",
            })
    };
    let optional = |name: &str| {
        lookup(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let endpoint_value = lookup("QY_TENCENT_SMS_ENDPOINT")
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_ENDPOINT.into());
    Ok(TencentSms {
        endpoint: crate::config::values::endpoint("QY_TENCENT_SMS_ENDPOINT", &endpoint_value)?,
        region: lookup("QY_TENCENT_SMS_REGION")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "ap-guangzhou".into()),
        secret_id: required("QY_TENCENT_SECRET_ID")?,
        secret_key: Secret::from(required("QY_TENCENT_SECRET_KEY")?),
        sdk_app_id: required("QY_TENCENT_SMS_SDK_APP_ID")?,
        sign_name: required("QY_TENCENT_SMS_SIGN_NAME")?,
        templates: Templates {
            signing_code: required("QY_TENCENT_SMS_TEMPLATE_SIGNING_CODE")?,
            activation_code: required("QY_TENCENT_SMS_TEMPLATE_ACTIVATION_CODE")?,
            approval_code: required("QY_TENCENT_SMS_TEMPLATE_APPROVAL_CODE")?,
            reminder: required("QY_TENCENT_SMS_TEMPLATE_REMINDER")?,
            expiry_notice: optional("QY_TENCENT_SMS_TEMPLATE_EXPIRY_NOTICE"),
            english: EnglishTemplates {
                signing_code: optional("QY_TENCENT_SMS_TEMPLATE_SIGNING_CODE_EN"),
                activation_code: optional("QY_TENCENT_SMS_TEMPLATE_ACTIVATION_CODE_EN"),
                approval_code: optional("QY_TENCENT_SMS_TEMPLATE_APPROVAL_CODE_EN"),
                reminder: optional("QY_TENCENT_SMS_TEMPLATE_REMINDER_EN"),
                expiry_notice: optional("QY_TENCENT_SMS_TEMPLATE_EXPIRY_NOTICE_EN"),
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENCENT: &[(&str, &str)] = &[
        ("QY_SMS_PROVIDER", "tencent"),
        ("QY_TENCENT_SECRET_ID", "AKIDexample"),
        ("QY_TENCENT_SECRET_KEY", "example-key"),
        ("QY_TENCENT_SMS_SDK_APP_ID", "1400000001"),
        ("QY_TENCENT_SMS_SIGN_NAME", "签约"),
        ("QY_TENCENT_SMS_TEMPLATE_SIGNING_CODE", "1"),
        ("QY_TENCENT_SMS_TEMPLATE_ACTIVATION_CODE", "2"),
        ("QY_TENCENT_SMS_TEMPLATE_APPROVAL_CODE", "3"),
        ("QY_TENCENT_SMS_TEMPLATE_REMINDER", "4"),
    ];

    fn with(pairs: &[(&str, &str)], demo: bool) -> Result<SmsSetting, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        sms_setting(
            &|name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
            demo,
        )
    }

    fn tencent_with(extra: &[(&str, &str)]) -> Result<SmsSetting, ConfigError> {
        let mut pairs: Vec<(&str, &str)> = TENCENT.to_vec();
        for (k, v) in extra {
            pairs.retain(|(name, _)| name != k);
            pairs.push((k, v));
        }
        with(&pairs, false)
    }

    #[test]
    fn the_outbox_is_for_demo_mode_only() {
        assert_eq!(with(&[], true).unwrap(), SmsSetting::Outbox);
        assert_eq!(with(&[], false).unwrap(), SmsSetting::Off);
        assert_eq!(
            with(&[("QY_SMS_PROVIDER", "none")], true).unwrap(),
            SmsSetting::Off
        );
        assert!(matches!(
            with(&[("QY_SMS_PROVIDER", "outbox")], false),
            Err(ConfigError::OutboxOutsideDemo)
        ));
        assert!(matches!(
            with(&[("QY_SMS_PROVIDER", "aliyun")], false),
            Err(ConfigError::BadChoice { .. })
        ));
    }

    #[test]
    fn tencent_needs_every_setting_and_a_safe_endpoint() {
        let Ok(SmsSetting::Tencent(settings)) = tencent_with(&[]) else {
            panic!("complete settings are accepted")
        };
        assert_eq!(
            settings.endpoint.to_string(),
            "https://sms.tencentcloudapi.com/"
        );
        assert_eq!(settings.region, "ap-guangzhou");
        assert_eq!(settings.templates.reminder, "4");
        assert!(!format!("{settings:?}").contains("example-key"));

        for (name, _) in &TENCENT[1..] {
            match tencent_with(&[(name, " ")]) {
                Err(ConfigError::Missing { name: missing, .. }) => assert_eq!(missing, *name),
                other => panic!("{name}: {other:?}"),
            }
        }
        for endpoint in [
            "http://sms.tencentcloudapi.com",
            "ftp://127.0.0.1/",
            "https://sms.tencentcloudapi.com/other",
            "not a url",
        ] {
            assert!(
                matches!(
                    tencent_with(&[("QY_TENCENT_SMS_ENDPOINT", endpoint)]),
                    Err(ConfigError::BadEndpoint { .. })
                ),
                "{endpoint}"
            );
        }
        for endpoint in [
            "http://127.0.0.1:9000",
            "http://[::1]:9000/",
            "https://sms.ap-shanghai.tencentcloudapi.com",
        ] {
            assert!(
                tencent_with(&[("QY_TENCENT_SMS_ENDPOINT", endpoint)]).is_ok(),
                "{endpoint}"
            );
        }
    }
}
