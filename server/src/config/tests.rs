use super::*;
use std::collections::HashMap;

fn all(pairs: &[(&str, &str)]) -> Result<Config, ConfigErrors> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| map.get(k).cloned())
}

/// The first problem.
fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    all(pairs).map_err(|e| e.0.into_iter().next().expect("a problem"))
}

#[test]
fn every_problem_is_reported_one_per_line() {
    let problems = all(&[
        ("QY_ADDR", "localhost"),
        ("QY_RATE_SMS", "many"),
        ("QY_WEBHOOK_URL", "billing.internal/hooks"),
        ("QY_WEBHOOK_SECRET", "s"),
        ("QY_S3_BUCKET", "contracts"),
    ])
    .unwrap_err();
    let text = problems.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for name in [
        "QY_ADDR",
        "QY_RATE_SMS",
        "QY_WEBHOOK_URL",
        "QY_S3_ACCESS_KEY_ID",
    ] {
        assert!(text.contains(name), "{name}: {text}");
    }
    assert!(matches!(
        with(&[("QY_WEBHOOK_SECRET", "s")]),
        Err(ConfigError::Missing {
            name: "QY_WEBHOOK_URL",
            ..
        })
    ));
    let hooks = with(&[
        ("QY_WEBHOOK_URL", "https://billing.internal/hooks"),
        ("QY_WEBHOOK_SECRET", "s"),
    ])
    .unwrap();
    assert!(hooks.webhook.is_some());
}

#[test]
fn defaults_run_the_embedded_database_without_demo_mode() {
    let config = with(&[]).unwrap();
    assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
    assert!(config.database_url.expose().starts_with("sqlite://"));
    assert!(!config.demo);
    assert!(config.secure_cookies);
    assert_eq!((config.draft_delay_ms, config.sign_delay_ms), (3000, 5000));
    assert_eq!(config.provider, Provider::demo());
}

#[test]
fn bad_values_are_reported_not_guessed() {
    assert!(matches!(
        with(&[("QY_ADDR", "localhost")]),
        Err(ConfigError::BadAddr { .. })
    ));
    assert!(matches!(
        with(&[("QY_DEMO", "yes")]),
        Err(ConfigError::BadFlag { .. })
    ));
    assert!(matches!(
        with(&[("QY_SIGN_DELAY_SECS", "-1")]),
        Err(ConfigError::BadSeconds { .. })
    ));
    assert!(matches!(
        with(&[("QY_SIGN_DELAY_SECS", "soon")]),
        Err(ConfigError::BadSeconds { .. })
    ));
    assert!(with(&[("QY_DEMO", "1")]).unwrap().demo);
    assert_eq!(
        with(&[("QY_DRAFT_DELAY_SECS", "0.5")])
            .unwrap()
            .draft_delay_ms,
        500
    );
}

#[test]
fn cookies_are_secure_unless_turned_off() {
    // Loopback too: a TLS proxy on the same host reaches the server there.
    assert!(
        with(&[("QY_ADDR", "127.0.0.1:3000")])
            .unwrap()
            .secure_cookies
    );
    assert!(with(&[("QY_ADDR", "[::1]:3000")]).unwrap().secure_cookies);
    assert!(with(&[("QY_ADDR", "0.0.0.0:3000")]).unwrap().secure_cookies);
    assert!(with(&[("QY_ADDR", "10.0.0.5:80")]).unwrap().secure_cookies);
    let plain = with(&[("QY_ADDR", "0.0.0.0:3000"), ("QY_SECURE_COOKIES", "0")]);
    assert!(!plain.unwrap().secure_cookies);
    let forced = with(&[("QY_SECURE_COOKIES", "1")]);
    assert!(forced.unwrap().secure_cookies);
}

#[test]
fn rate_limits_and_trusted_proxies_are_configuration() {
    let defaults = with(&[]).unwrap();
    assert_eq!(defaults.rates.sign_in.get(), 20);
    assert!(defaults.trusted_proxies.is_empty());
    let set = with(&[
        ("QY_RATE_SMS", "3"),
        ("QY_TRUSTED_PROXIES", "10.0.0.2, ::1"),
    ])
    .unwrap();
    assert_eq!(set.rates.sms.get(), 3);
    assert_eq!(set.trusted_proxies.len(), 2);
    for bad in ["0", "-1", "many", "1000001"] {
        assert!(
            matches!(
                with(&[("QY_RATE_SIGN_IN", bad)]),
                Err(ConfigError::BadCount { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        with(&[("QY_TRUSTED_PROXIES", "10.0.0.2, proxy.local")]),
        Err(ConfigError::BadProxies { .. })
    ));
}

#[test]
fn webhooks_go_over_https_and_plain_http_only_to_loopback_or_when_allowed() {
    let hook = |url: &str, extra: &[(&str, &str)]| {
        let mut pairs = vec![("QY_WEBHOOK_URL", url), ("QY_WEBHOOK_SECRET", "whsec-9")];
        pairs.extend_from_slice(extra);
        with(&pairs)
    };
    assert!(hook("https://billing.example.com/hooks", &[]).is_ok());
    assert!(hook("http://127.0.0.1:9000/hooks", &[]).is_ok());
    assert!(hook("http://localhost:9000/hooks", &[]).is_ok());
    assert!(matches!(
        hook("http://10.0.0.9:8080/hooks", &[]),
        Err(ConfigError::PlainWebhookUrl(_))
    ));
    let allowed = hook(
        "http://10.0.0.9:8080/hooks",
        &[("QY_WEBHOOK_ALLOW_HTTP", "1")],
    );
    assert!(allowed.unwrap().webhook.is_some());
    assert!(matches!(
        hook("ftp://10.0.0.9/hooks", &[]),
        Err(ConfigError::BadWebhookUrl(_))
    ));
    let ca = hook(
        "https://b.example/h",
        &[("QY_WEBHOOK_CA_FILE", "/etc/qy/ca.pem")],
    );
    assert_eq!(
        ca.unwrap().webhook.unwrap().ca_file,
        Some(PathBuf::from("/etc/qy/ca.pem"))
    );
}

/// Secrets never reach a log line through the configuration's debug output.
#[test]
fn secrets_are_not_in_the_debug_output() {
    let config = with(&[
        (
            "QY_WEBHOOK_URL",
            "https://hook:url-secret-3@billing.example.com/hooks?token=url-secret-4",
        ),
        ("QY_WEBHOOK_SECRET", "whsec-very-secret-1"),
        ("QY_S3_BUCKET", "contracts"),
        ("QY_S3_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("QY_S3_SECRET_ACCESS_KEY", "s3-very-secret-2"),
        (
            "DATABASE_URL",
            "postgres://qy:pg-very-secret-5@db.internal/qy",
        ),
        ("QY_DEMO", "1"),
    ])
    .unwrap();
    let shown = format!("{config:?}");
    for secret in [
        "whsec-very-secret-1",
        "s3-very-secret-2",
        "url-secret-3",
        "url-secret-4",
        "pg-very-secret-5",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(
        shown.contains("https://billing.example.com/hooks"),
        "{shown}"
    );
}

#[test]
fn a_time_stamped_level_needs_a_tsa_when_the_certificate_is_the_providers_own() {
    let own = [("QY_SIGNING_CERT", "c.pem"), ("QY_SIGNING_KEY", "k.pem")];
    // The default, b-lta, and every level from b-t up.
    for level in ["", "b-t", "b-lt", "B-LTA"] {
        let problem = with(&[own[0], own[1], ("QY_PADES_LEVEL", level)]).unwrap_err();
        assert!(matches!(problem, ConfigError::TsaRequired(_)), "{level}");
        assert!(problem.to_string().contains("QY_TSA_URLS"));
    }
    let b_b = with(&[own[0], own[1], ("QY_PADES_LEVEL", "b-b")]).unwrap();
    assert_eq!(b_b.pades.level, pdf::Level::BB);
    let with_tsa = with(&[
        own[0],
        own[1],
        (
            "QY_TSA_URLS",
            " https://tsa.example/, http://127.0.0.1:8080/tsa ,",
        ),
        ("QY_TSA_TIMEOUT_SECS", "2.5"),
    ])
    .unwrap();
    assert_eq!(with_tsa.pades.level, pdf::Level::BLTA);
    assert_eq!(
        with_tsa.pades.tsa_urls,
        ["https://tsa.example/", "http://127.0.0.1:8080/tsa"]
    );
    assert_eq!(with_tsa.pades.timeout_ms, 2500);
    // The demo's development CA answers itself.
    let demo = with(&[("QY_DEMO", "1")]).unwrap();
    assert_eq!(demo.pades.level, pdf::Level::BLTA);
    assert!(demo.pades.tsa_urls.is_empty());
    assert!(matches!(
        with(&[("QY_PADES_LEVEL", "lta")]),
        Err(ConfigError::BadChoice {
            name: "QY_PADES_LEVEL",
            ..
        })
    ));
    assert!(matches!(
        with(&[("QY_TSA_URLS", "ftp://tsa.example/")]),
        Err(ConfigError::BadTsaUrl(_))
    ));
}

#[test]
fn the_event_ca_comes_with_its_key_and_responder_url() {
    assert_eq!(with(&[]).unwrap().event_ca, None);
    let full = with(&[
        ("QY_EVENT_CA_CERT", "ca.pem"),
        ("QY_EVENT_CA_KEY", "ca-key.pem"),
        ("QY_EVENT_OCSP_URL", "https://pki.example.cn/ocsp"),
    ])
    .unwrap();
    assert_eq!(
        full.event_ca,
        Some(EventCaSetting {
            chain: "ca.pem".into(),
            key: "ca-key.pem".into(),
            ocsp_url: "https://pki.example.cn/ocsp".into(),
        })
    );
    assert!(matches!(
        with(&[("QY_EVENT_CA_CERT", "ca.pem"), ("QY_EVENT_CA_KEY", "k.pem")]),
        Err(ConfigError::Missing {
            name: "QY_EVENT_OCSP_URL",
            because: "QY_EVENT_CA_CERT",
        })
    ));
    assert!(matches!(
        with(&[("QY_EVENT_CA_KEY", "k.pem")]),
        Err(ConfigError::Missing {
            name: "QY_EVENT_CA_CERT",
            because: "QY_EVENT_CA_KEY",
        })
    ));
}

#[test]
fn the_signing_certificate_and_key_come_together() {
    assert!(with(&[]).unwrap().signing.is_none());
    let both = with(&[
        ("QY_SIGNING_CERT", "c.pem"),
        ("QY_SIGNING_KEY", "k.pem"),
        ("QY_PADES_LEVEL", "b-b"),
    ]);
    assert!(both.unwrap().signing.is_some());
    assert!(matches!(
        with(&[("QY_SIGNING_CERT", "c.pem"), ("QY_DEMO", "1")]),
        Err(ConfigError::Missing {
            name: "QY_SIGNING_KEY",
            ..
        })
    ));
    assert!(matches!(
        with(&[("QY_SIGNING_KEY", "k.pem")]),
        Err(ConfigError::Missing {
            name: "QY_SIGNING_CERT",
            ..
        })
    ));
}

#[test]
fn slow_clients_and_backend_waits_are_bounded_by_configuration() {
    let defaults = with(&[]).unwrap();
    assert_eq!(
        defaults.connections,
        crate::serve::ConnectionLimits::default()
    );
    assert_eq!(defaults.verify_uploads, 8);
    assert_eq!(defaults.backend_timeout_ms, 5000);
    let set = with(&[
        ("QY_MAX_CONNECTIONS", "50"),
        ("QY_HEADER_TIMEOUT_SECS", "2"),
        ("QY_BODY_TIMEOUT_SECS", "1.5"),
        ("QY_VERIFY_UPLOADS", "3"),
        ("QY_BACKEND_TIMEOUT_SECS", "2"),
    ])
    .unwrap();
    assert_eq!(set.connections.max_connections, 50);
    assert_eq!(set.connections.header_timeout.as_millis(), 2000);
    assert_eq!(set.connections.body_idle_timeout.as_millis(), 1500);
    assert_eq!(set.verify_uploads, 3);
    assert_eq!(set.backend_timeout_ms, 2000);
    for name in [
        "QY_HEADER_TIMEOUT_SECS",
        "QY_BODY_TIMEOUT_SECS",
        "QY_BACKEND_TIMEOUT_SECS",
    ] {
        assert!(
            matches!(with(&[(name, "0")]), Err(ConfigError::BadSeconds { .. })),
            "{name}"
        );
    }
}

#[test]
fn the_provider_is_configuration() {
    let config = with(&[("QY_PROVIDER_NAME", "某某云有限公司")]).unwrap();
    assert_eq!(config.provider.name, "某某云有限公司");
    assert_eq!(config.provider.uscc, Provider::demo().uscc);
}
