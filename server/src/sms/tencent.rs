//! Tencent Cloud SMS (API 3.0, `SendSms` of version 2021-01-11): one signed HTTPS POST per
//! message, a registered template and its variables. The provider answers HTTP 200 for its
//! own refusals too; the verdict is in the body, per number.

use std::time::Duration;

use bytes::Bytes;
use domain::Lang;
use http_body_util::{BodyExt, Full, Limited};
use hyper::Uri;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use service::sms::{SmsError, SmsKind, SmsMessage, SmsSender};

use super::tc3;

/// The action and version this adapter speaks.
const ACTION: &str = "SendSms";
const VERSION: &str = "2021-01-11";
const CONTENT_TYPE: &str = "application/json; charset=utf-8";
/// A provider that has not answered by then is down, as far as a waiting customer cares.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Its answers are a few hundred bytes; anything far larger is not an answer.
const MAX_ANSWER: usize = 64 * 1024;

/// The account's settings, from `QY_TENCENT_SMS_*` (see `super::setting`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TencentSms {
    /// `https://sms.tencentcloudapi.com` unless configured (a regional endpoint, or a
    /// local stub in tests).
    pub endpoint: Uri,
    pub region: String,
    pub secret_id: String,
    pub secret_key: Secret,
    pub sdk_app_id: String,
    /// The approved signature (签名) shown as 【…】.
    pub sign_name: String,
    pub templates: Templates,
}

/// The approved template ids of each message kind: the Chinese ones, and the English ones
/// where the operator registered them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    pub signing_code: String,
    pub activation_code: String,
    pub approval_code: String,
    pub reminder: String,
    /// Optional (`QY_TENCENT_SMS_TEMPLATE_EXPIRY_NOTICE`): without it expiry notices are
    /// not sent by SMS (the event and the banners still are).
    pub expiry_notice: Option<String>,
    /// `QY_TENCENT_SMS_TEMPLATE_*_EN`: a message to an English reader uses these; a kind
    /// without one goes out with its Chinese template.
    pub english: EnglishTemplates,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnglishTemplates {
    pub signing_code: Option<String>,
    pub activation_code: Option<String>,
    pub approval_code: Option<String>,
    pub reminder: Option<String>,
    pub expiry_notice: Option<String>,
}

impl Templates {
    /// The template of `kind` in `lang`; none for a kind the operator registered none for.
    pub(crate) fn id(&self, kind: SmsKind, lang: Lang) -> Option<&str> {
        let (chinese, english) = match kind {
            SmsKind::SigningCode => (Some(&self.signing_code), &self.english.signing_code),
            SmsKind::ActivationCode => (Some(&self.activation_code), &self.english.activation_code),
            SmsKind::ApprovalCode => (Some(&self.approval_code), &self.english.approval_code),
            SmsKind::Reminder => (Some(&self.reminder), &self.english.reminder),
            SmsKind::ExpiryNotice => (self.expiry_notice.as_ref(), &self.english.expiry_notice),
        };
        match (lang, english) {
            (Lang::En, Some(id)) => Some(id),
            _ => chinese.map(String::as_str),
        }
    }
}

/// A secret that `{:?}` never shows (the configuration is logged as a whole on errors).
pub use service::platform::secret::Secret;

pub struct TencentSender {
    settings: TencentSms,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl TencentSender {
    pub fn new(settings: TencentSms) -> Self {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .expect("ring supports rustls' default protocol versions")
            // Plain HTTP only reaches loopback (a stub): `setting` refuses it elsewhere.
            .https_or_http()
            .enable_http1()
            .build();
        Self {
            settings,
            client: Client::builder(TokioExecutor::new()).build(connector),
        }
    }

    fn request(&self, message: &SmsMessage, timestamp: i64) -> hyper::Request<Full<Bytes>> {
        let s = &self.settings;
        let template = s.templates.id(message.text.kind(), message.lang);
        let body = serde_json::json!({
            "PhoneNumberSet": [e164(&message.phone)],
            "SmsSdkAppId": s.sdk_app_id,
            "SignName": s.sign_name,
            "TemplateId": template,
            "TemplateParamSet": message.text.params(),
        })
        .to_string();
        let host = s
            .endpoint
            .authority()
            .map(|a| a.as_str())
            .unwrap_or_default();
        let authorization = tc3::authorization(
            &s.secret_id,
            s.secret_key.expose(),
            &tc3::Request {
                service: "sms",
                host,
                content_type: CONTENT_TYPE,
                body: body.as_bytes(),
                timestamp,
            },
        );
        hyper::Request::post(s.endpoint.clone())
            .header("content-type", CONTENT_TYPE)
            .header("host", host)
            .header("x-tc-action", ACTION)
            .header("x-tc-version", VERSION)
            .header("x-tc-timestamp", timestamp.to_string())
            .header("x-tc-region", &s.region)
            .header("authorization", authorization)
            .body(Full::new(Bytes::from(body)))
            .expect("the endpoint and headers were validated with the configuration")
    }
}

#[async_trait::async_trait]
impl SmsSender for TencentSender {
    async fn send(&self, message: &SmsMessage) -> Result<(), SmsError> {
        if self
            .settings
            .templates
            .id(message.text.kind(), message.lang)
            .is_none()
        {
            return Err(SmsError::NotConfigured);
        }
        let timestamp = service::platform::clock::wall_clock_ms() / 1000;
        let request = self.request(message, timestamp);
        let answer = tokio::time::timeout(TIMEOUT, async {
            let response = self.client.request(request).await.map_err(unavailable)?;
            let status = response.status();
            let body = Limited::new(response.into_body(), MAX_ANSWER)
                .collect()
                .await
                .map_err(unavailable)?
                .to_bytes();
            Ok::<_, SmsError>((status, body))
        })
        .await
        .map_err(|_| SmsError::Unavailable(format!("no answer within {TIMEOUT:?}")))??;
        let (status, body) = answer;
        if !status.is_success() {
            return Err(SmsError::Unavailable(format!("HTTP {status}")));
        }
        verdict(&body)
    }
}

fn unavailable(e: impl std::fmt::Display) -> SmsError {
    SmsError::Unavailable(e.to_string())
}

/// Mainland numbers are stored as 11 digits; the API takes E.164.
fn e164(phone: &str) -> String {
    if phone.starts_with('+') {
        phone.to_string()
    } else {
        format!("+86{phone}")
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Answer,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "Error")]
    error: Option<Status>,
    #[serde(rename = "SendStatusSet", default)]
    send_status_set: Vec<Status>,
    #[serde(rename = "RequestId", default)]
    request_id: String,
}

#[derive(Deserialize)]
struct Status {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// The provider's answer for our one number.
fn verdict(body: &[u8]) -> Result<(), SmsError> {
    let Envelope { response } = serde_json::from_slice(body)
        .map_err(|e| SmsError::Unavailable(format!("unreadable answer: {e}")))?;
    let status = match (response.error, response.send_status_set.into_iter().next()) {
        (Some(error), _) => error,
        (None, Some(status)) => status,
        (None, None) => {
            return Err(SmsError::Unavailable(format!(
                "no send status (request {})",
                response.request_id
            )))
        }
    };
    if status.code == "Ok" {
        return Ok(());
    }
    let detail = format!(
        "{}: {} (request {})",
        status.code, status.message, response.request_id
    );
    Err(classify(&status.code, detail))
}

/// Tencent's error codes, by whose problem they are: the number's own limits
/// (`LimitExceeded.PhoneNumber…`, `…DeliveryFrequencyLimit`) and a number the provider
/// cannot deliver to are the customer's to fix or wait out; our application's quotas
/// (`LimitExceeded.App…`), credentials and templates are ours.
fn classify(code: &str, detail: String) -> SmsError {
    if code.starts_with("LimitExceeded.App") {
        SmsError::Unavailable(detail)
    } else if code.starts_with("LimitExceeded.") {
        SmsError::RateLimited(detail)
    } else if code.contains("PhoneNumber") {
        SmsError::BadNumber(detail)
    } else {
        SmsError::Unavailable(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: &str) -> Vec<u8> {
        format!(
            r#"{{"Response":{{"SendStatusSet":[{{"SerialNo":"","PhoneNumber":"+8613900000001","Fee":0,"SessionContext":"","Code":"{code}","Message":"m","IsoCode":"CN"}}],"RequestId":"r-1"}}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn reads_the_verdict_for_the_number() {
        assert_eq!(verdict(&answer("Ok")), Ok(()));
        assert!(matches!(
            verdict(&answer("LimitExceeded.PhoneNumberOneHourLimit")),
            Err(SmsError::RateLimited(_))
        ));
        assert!(matches!(
            verdict(&answer("InvalidParameterValue.IncorrectPhoneNumber")),
            Err(SmsError::BadNumber(_))
        ));
        assert!(matches!(
            verdict(&answer("FailedOperation.PhoneNumberInBlacklist")),
            Err(SmsError::BadNumber(_))
        ));
        // Our application's quota is not the customer's fault.
        assert!(matches!(
            verdict(&answer("LimitExceeded.AppDailyLimit")),
            Err(SmsError::Unavailable(_))
        ));
        let error = br#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r-2"}}"#;
        match verdict(error) {
            Err(SmsError::Unavailable(detail)) => {
                assert!(detail.contains("AuthFailure.SignatureFailure") && detail.contains("r-2"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(verdict(b"<html>"), Err(SmsError::Unavailable(_))));
        assert!(matches!(
            verdict(br#"{"Response":{"RequestId":"r"}}"#),
            Err(SmsError::Unavailable(_))
        ));
    }

    #[test]
    fn numbers_go_out_in_e164() {
        assert_eq!(e164("13900000001"), "+8613900000001");
        assert_eq!(e164("+85291234567"), "+85291234567");
    }

    #[test]
    fn the_secret_never_shows_in_debug() {
        let shown = format!("{:?}", Secret::from("very-secret"));
        assert!(!shown.contains("very-secret"), "{shown}");
    }
}
