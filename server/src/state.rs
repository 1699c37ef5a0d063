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
    let ctx = Ctx {
        db,
        storage: Storage::new(config.data_dir.join("documents")),
        renderer: Arc::new(renderer),
        delays: Delays {
            draft_ms: config.draft_delay_ms,
            sign_ms: config.sign_delay_ms,
        },
        sms: Arc::new(service::sms::OutboxSender),
    };
    Ok(Built {
        state: ServerState {
            ctx,
            provider: config.provider.clone(),
            demo: config.demo,
        },
        identity,
    })
}
