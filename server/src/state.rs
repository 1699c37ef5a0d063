//! Builds the shared state from configuration: database, document storage, the PDF
//! renderer with the provider's signing identity, and the background delays.

use std::sync::Arc;

use app::ssr::ServerState;
use service::platform::storage::Storage;
use service::{Ctx, Db, Delays};

use crate::config::Config;
use crate::renderer::PdfRenderer;

/// Everything the router serves from.
#[derive(Clone)]
pub struct Built {
    pub state: ServerState,
    /// The provider's signing identity (for /verify and its CA download).
    pub identity: std::sync::Arc<pdf::SigningIdentity>,
    /// The PDF engine, for the public template samples.
    pub renderer: Arc<PdfRenderer>,
    /// What `/readyz` checks; the server's worker beats its heartbeat.
    pub readiness: crate::health::Readiness,
}

pub fn build_state(config: &Config, db: Db) -> Result<Built, String> {
    let key_dir = config.data_dir.join("keys");
    let signing = config
        .signing
        .as_ref()
        .map(|(cert, key)| (cert.as_path(), key.as_path()));
    // Documents with legal weight are never signed by a key the server made up, and
    // instances must share one: outside demo mode the keys come from configuration.
    if signing.is_none() && !config.demo {
        return Err(
            "QY_SIGNING_CERT and QY_SIGNING_KEY are required outside demo mode: the provider's \
             certificate chain and ECDSA P-256 key (PEM files); a development CA is generated \
             only with QY_DEMO=1"
                .into(),
        );
    }
    // Checked when the settings are read too; here for a configuration built in code.
    if signing.is_some() && config.pades.level >= pdf::Level::BT && config.pades.tsa_urls.is_empty()
    {
        return Err(
            crate::config::ConfigError::TsaRequired(config.pades.level.as_str()).to_string(),
        );
    }
    let (renderer, created) = PdfRenderer::load(
        &config.font_dir,
        signing,
        &key_dir,
        config.provider.clone(),
        // Named in the development certificates; validators find the answers in
        // each document's own store (nothing serves this address yet).
        &format!("http://{}/pki/ocsp", config.addr),
        config.pades.level,
    )
    .map_err(|e| format!("PDF engine: {e}"))?;
    if created {
        tracing::warn!(
            "no signing certificate configured: created a development CA and TSA under {}/pki; \
             formal PDFs are signed and time-stamped by them (PAdES B-LTA)",
            key_dir.display()
        );
    }
    let identity = renderer.identity();
    let certificates = crate::certificates::CertificateWatch::new(
        identity.not_after_ms(),
        renderer.development_tsa_not_after_ms(),
    );
    // On the dual channel the customer signs too: the demo's CA issues its event
    // certificates itself; with a provider's certificate, the configured event CA does.
    let event_ca = match (&config.event_ca, &config.signing) {
        (Some(setting), Some(_)) => {
            let read = |path: &std::path::Path| {
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
            };
            let authority = pdf::LocalAuthority::event_authority(
                &read(&setting.chain)?,
                &read(&setting.key)?,
                &setting.ocsp_url,
            )
            .map_err(|e| format!("event CA (QY_EVENT_CA_CERT, QY_EVENT_CA_KEY): {e}"))?;
            Some(Arc::new(authority))
        }
        _ => None,
    };
    let renderer = match event_ca {
        Some(_) => renderer.with_event_certificates(),
        None => renderer,
    };
    if !renderer.customer_signs() {
        tracing::warn!(
            "no event CA configured (QY_EVENT_CA_CERT, QY_EVENT_CA_KEY, QY_EVENT_OCSP_URL): \
             dual-channel documents carry the provider's signature only"
        );
    }
    let renderer = Arc::new(renderer);
    let documents = match &config.storage {
        None => Storage::new(config.data_dir.join("documents")),
        Some(s3) => {
            let s3 = service::platform::storage::S3Settings {
                connect_timeout: std::time::Duration::from_millis(config.backend_timeout_ms as u64),
                ..s3.clone()
            };
            Storage::s3(&s3).map_err(|e| format!("document store: {e}"))?
        }
    };
    let readiness = crate::health::Readiness {
        db: db.clone(),
        storage: documents.clone(),
        heartbeat: Arc::default(),
        draining: Arc::default(),
        certificates: certificates.clone(),
    };
    let code_key: Arc<[u8]> = Arc::from(if config.demo {
        load_or_create_key(&config.sms_code_key)?
    } else {
        load_key(&config.sms_code_key)?
    });
    // The development CA answers its own seals; a provider's certificate is sealed with
    // the configured TSAs and the responders its certificates name.
    let trust: Arc<dyn service::esign::sealing::TrustServices> = if config.signing.is_some() {
        Arc::new(crate::trust_client::HttpTrustServices::new(
            config.pades.tsa_urls.clone(),
            std::time::Duration::from_millis(config.pades.timeout_ms as u64),
            certificates,
            event_ca,
        )?)
    } else {
        Arc::new(service::esign::sealing::NoTrustServices)
    };
    let ctx = Ctx {
        sms: crate::sms::sender(&config.sms, &db),
        db,
        storage: documents,
        renderer: renderer.clone(),
        trust,
        delays: Delays {
            draft_ms: config.draft_delay_ms,
            sign_ms: config.sign_delay_ms,
        },
        code_key: code_key.clone(),
        contracts_per_day: config.contracts_per_day,
        sms_caps: config.sms_caps,
        signing: config.signing_policy,
        lang: domain::Lang::default(),
    };
    Ok(Built {
        state: ServerState {
            ctx,
            provider: config.provider.clone(),
            demo: config.demo,
            devices: service::identity::devices::DeviceKey::derive(&code_key),
            secure_cookies: config.secure_cookies,
        },
        identity,
        renderer,
        readiness,
    })
}

/// The SMS-code key outside demo mode: it must exist (every instance reads the same
/// file); the message says how to make one.
fn load_key(path: &std::path::Path) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(key) if key.len() == 32 => {
            refuse_if_shared(path)?;
            Ok(key)
        }
        Ok(_) => Err(format!("{}: expected 32 bytes", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "the SMS-code key {} does not exist; outside demo mode it is not generated: create \
             it once (head -c 32 /dev/urandom > {p} && chmod 600 {p}) and give every instance \
             the same file (QY_SMS_CODE_KEY_FILE)",
            path.display(),
            p = path.display()
        )),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// A 32-byte secret in a file of its own (created on first start, readable by the owner
/// only), so it lives outside the database it protects. Created whole or not at all: the
/// key is written to a private temporary file, flushed, then linked into place (a link,
/// unlike a rename, fails if another process created the key meanwhile: theirs is used).
/// A key file other users can read is refused: whoever reads it can test codes offline.
fn load_or_create_key(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let shown = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    match std::fs::read(path) {
        Ok(key) if key.len() == 32 => {
            refuse_if_shared(path)?;
            return Ok(key);
        }
        Ok(_) => return Err(shown(&"expected 32 bytes")),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(shown(&e)),
        Err(_) => {}
    }
    let key: [u8; 32] = rand::random();
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tmp = dir.join(format!(".sms-code.key.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut file| {
        std::io::Write::write_all(&mut file, &key)?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            #[cfg(unix)]
            std::fs::File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            Ok(key.to_vec())
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_key(path),
        Err(e) => Err(shown(&e)),
    }
}

/// Refuses a key file that users other than its owner may read or write.
fn refuse_if_shared(path: &std::path::Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(format!(
                "{} is open to other users (mode {:o}); make it the owner's alone: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ));
        }
    }
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_key_is_created_once_then_reused() {
        let dir = std::env::temp_dir().join(format!("qy-key-{}", std::process::id()));
        let path = dir.join("keys").join("sms-code.key");
        let _ = std::fs::remove_dir_all(&dir);
        let first = load_or_create_key(&path).unwrap();
        assert_eq!(first.len(), 32);
        assert_eq!(load_or_create_key(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by the owner only");
            // Opened up to others: refused, with the fix in the message.
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let refused = load_or_create_key(&path).unwrap_err();
            assert!(refused.contains("chmod 600"), "{refused}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            assert_eq!(load_or_create_key(&path).unwrap(), first);
        }
        // No temporary file is left beside the key.
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("sms-code.key")]);
        std::fs::write(&path, b"short").unwrap();
        assert!(load_or_create_key(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
