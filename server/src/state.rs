//! Builds the shared state from configuration: database, document storage, the PDF
//! renderer with the provider's signing identity, and the background delays.

use std::sync::Arc;

use app::ssr::ServerState;
use service::storage::Storage;
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
}

pub fn build_state(config: &Config, db: Db) -> Result<Built, String> {
    let key_dir = config.data_dir.join("keys");
    let signing = config
        .signing
        .as_ref()
        .map(|(cert, key)| (cert.as_path(), key.as_path()));
    let (renderer, created) =
        PdfRenderer::load(&config.font_dir, signing, &key_dir, config.provider.clone())
            .map_err(|e| format!("PDF engine: {e}"))?;
    if created {
        tracing::warn!(
            "no signing certificate configured: created a self-signed development CA under {}; \
             formal PDFs are signed by it",
            key_dir.display()
        );
    }
    let identity = renderer.identity();
    let renderer = Arc::new(renderer);
    let ctx = Ctx {
        db,
        storage: Storage::new(config.data_dir.join("documents")),
        renderer: renderer.clone(),
        delays: Delays {
            draft_ms: config.draft_delay_ms,
            sign_ms: config.sign_delay_ms,
        },
        sms: Arc::new(service::sms::OutboxSender),
        code_key: Arc::from(load_or_create_key(&key_dir.join("sms-code.key"))?),
    };
    Ok(Built {
        state: ServerState {
            ctx,
            provider: config.provider.clone(),
            demo: config.demo,
        },
        identity,
        renderer,
    })
}

/// A 32-byte secret in a file of its own (created on first start, readable by the owner
/// only), so it lives outside the database it protects.
fn load_or_create_key(path: &std::path::Path) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(key) if key.len() == 32 => return Ok(key),
        Ok(_) => return Err(format!("{}: expected 32 bytes", path.display())),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", path.display()))
        }
        Err(_) => {}
    }
    let key: [u8; 32] = rand::random();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, &key));
    match written {
        Ok(()) => Ok(key.to_vec()),
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create_key(path),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_key_is_created_once_then_reused() {
        let dir = std::env::temp_dir().join(format!("qy-key-{}", std::process::id()));
        let path = dir.join("keys").join("sms-code.key");
        let first = load_or_create_key(&path).unwrap();
        assert_eq!(first.len(), 32);
        assert_eq!(load_or_create_key(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by the owner only");
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(load_or_create_key(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
