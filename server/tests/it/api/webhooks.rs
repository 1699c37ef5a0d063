//! Webhooks: signed, retried after a failing receiver, delivered over HTTPS with the
//! certificate checked.

#[allow(unused_imports)]
use super::*;

/// A receiver that refuses the first delivery and records every one.
#[derive(Clone, Default)]
struct Receiver {
    calls: Arc<Mutex<Vec<Delivered>>>,
}

#[async_trait::async_trait]
impl service::billing::webhooks::WebhookTransport for Receiver {
    async fn post(&self, _url: &str, body: Vec<u8>, signature: String) -> Result<u16, String> {
        let mut calls = self.calls.lock().unwrap();
        calls.push((body, signature));
        Ok(if calls.len() == 1 { 500 } else { 204 })
    }
}

#[tokio::test]
async fn webhooks_are_signed_and_retried_after_a_failing_receiver() {
    let (_app, ctx, _key) = app().await;
    let ent = service::identity::accounts::find_by_login(&ctx.db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;
    service::contracts::create_contract(
        &ctx,
        ent,
        &framework(),
        &service::platform::audit::Actor::customer(ent, None),
    )
    .await
    .unwrap();
    let receiver = Receiver::default();
    let hooks = service::billing::webhooks::Webhooks {
        db: ctx.db.clone(),
        url: "http://127.0.0.1:9/hooks".into(),
        secret: "whsec-test".into(),
        transport: Arc::new(receiver.clone()),
    };
    use service::billing::webhooks::Delivery;
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Failed);
    // Not skipped: the same event is delivered again, and then accepted.
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Delivered(1));
    assert_eq!(hooks.deliver_once().await.unwrap(), Delivery::Idle);
    let calls = receiver.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].0, calls[1].0);
    for (body, signature) in &calls {
        assert!(service::billing::webhooks::verify(
            "whsec-test",
            signature,
            body,
            service::platform::clock::wall_clock_ms(),
            service::billing::webhooks::TOLERANCE_MS
        ));
        assert!(!service::billing::webhooks::verify(
            "wrong-secret",
            signature,
            body,
            service::platform::clock::wall_clock_ms(),
            service::billing::webhooks::TOLERANCE_MS
        ));
    }
    let payload: Value = serde_json::from_slice(&calls[1].0).unwrap();
    assert_eq!(payload["events"][0]["sub_status"], "generating");
}

/// The production transport against a real local receiver: the request arrives with its
/// signature header and body.
#[tokio::test]
async fn the_http_transport_posts_the_signed_body() {
    use service::billing::webhooks::WebhookTransport;
    let got: Arc<Mutex<Option<Delivered>>> = Arc::default();
    let sink = got.clone();
    let receiver = Router::new().route(
        "/hooks",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let sink = sink.clone();
                async move {
                    let signature = headers[service::billing::webhooks::SIGNATURE_HEADER]
                        .to_str()
                        .unwrap()
                        .to_string();
                    *sink.lock().unwrap() = Some((body.to_vec(), signature));
                    StatusCode::NO_CONTENT
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });
    let transport = server::webhook_client::HyperTransport::new(None).unwrap();
    let status = transport
        .post(
            &format!("http://{addr}/hooks"),
            b"{\"events\":[]}".to_vec(),
            "t=1,v1=ab".into(),
        )
        .await
        .unwrap();
    assert_eq!(status, 204);
    let (body, signature) = got.lock().unwrap().clone().unwrap();
    assert_eq!(signature, "t=1,v1=ab");
    assert_eq!(body, b"{\"events\":[]}");
    // Nobody listening: an error, not a panic.
    assert!(transport
        .post("http://127.0.0.1:9/hooks", vec![], String::new())
        .await
        .is_err());
}

/// A certificate authority and a certificate for 127.0.0.1 it issued, made with the
/// `openssl` command (P-256): `(ca.pem, cert.pem, key.pem)` under `dir`.
fn tls_receiver_certificates(dir: &std::path::Path) -> [std::path::PathBuf; 3] {
    std::fs::create_dir_all(dir).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("the openssl command (scripts/setup.sh installs it)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec,
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=Qianyue test receiver CA",
        ],
    ]
    .concat());
    run(&[
        &["req"][..],
        &ec,
        &[
            "-keyout",
            "key.pem",
            "-out",
            "cert.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    ]
    .concat());
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "cert.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
    ["ca.pem", "cert.pem", "key.pem"].map(|f| dir.join(f))
}

/// Issue 29: `https://` receivers are reached over TLS with their certificate checked:
/// a certificate of an unknown CA is refused (never delivered to), and one the operator
/// trusts (`QY_WEBHOOK_CA_FILE`) is delivered to.
#[tokio::test]
async fn webhooks_are_delivered_over_https_with_the_certificate_checked() {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use service::billing::webhooks::WebhookTransport;

    let dir = crate::common::scratch_path("qy_tls_receiver");
    let [ca, cert, key] = tls_receiver_certificates(&dir);
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        CertificateDer::pem_file_iter(&cert)
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap(),
        PrivateKeyDer::from_pem_file(&key).unwrap(),
    )
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let (acceptor, sink) = (acceptor.clone(), sink.clone());
            tokio::spawn(async move {
                // A client that refuses our certificate ends the handshake: nothing served.
                let Ok(stream) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let sink = sink.clone();
                        async move {
                            let signature = req.headers()
                                [service::billing::webhooks::SIGNATURE_HEADER]
                                .to_str()
                                .unwrap()
                                .to_string();
                            sink.lock().unwrap().push(signature);
                            let mut ok =
                                hyper::Response::new(http_body_util::Empty::<bytes::Bytes>::new());
                            *ok.status_mut() = StatusCode::NO_CONTENT;
                            Ok::<_, std::convert::Infallible>(ok)
                        }
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    let url = format!("https://{addr}/hooks");

    let public_roots_only = server::webhook_client::HyperTransport::new(None).unwrap();
    let refused = public_roots_only
        .post(&url, b"{}".to_vec(), "t=1,v1=aa".into())
        .await
        .unwrap_err();
    assert!(refused.to_lowercase().contains("certificate"), "{refused}");
    assert!(
        received.lock().unwrap().is_empty(),
        "nothing reached a receiver we cannot trust"
    );

    let trusting = server::webhook_client::HyperTransport::new(Some(&ca)).unwrap();
    let status = trusting
        .post(&url, b"{}".to_vec(), "t=2,v1=bb".into())
        .await
        .unwrap();
    assert_eq!(status, 204);
    assert_eq!(*received.lock().unwrap(), vec!["t=2,v1=bb".to_string()]);
    // A file without certificates is a configuration error, said at start.
    std::fs::write(dir.join("empty.pem"), "").unwrap();
    assert!(server::webhook_client::HyperTransport::new(Some(&dir.join("empty.pem"))).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
