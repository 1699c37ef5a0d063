//! `GET /templates/{kind}.pdf`: the public sample of a contract type's current template
//! (SPEC "Pages": contract templates by type), rendered once per type and then served
//! from memory.

use std::sync::{Arc, OnceLock};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use domain::ContractType;

use crate::downloads::pdf_response;
use crate::renderer::PdfRenderer;

/// The renderer and the samples it has made (one per contract type).
pub struct Samples {
    renderer: Arc<PdfRenderer>,
    rendered: [OnceLock<Bytes>; ContractType::ALL.len()],
}

impl Samples {
    pub fn new(renderer: Arc<PdfRenderer>) -> Self {
        Self {
            renderer,
            rendered: Default::default(),
        }
    }

    /// The sample of `kind`, rendered on first use (a few milliseconds, on the blocking
    /// pool); two first requests at once may both render, and one result is kept.
    async fn get(self: &Arc<Self>, kind: ContractType) -> Result<Bytes, String> {
        // ALL is in declaration order, so the discriminant is the index.
        let slot = &self.rendered[kind as usize];
        if let Some(pdf) = slot.get() {
            return Ok(pdf.clone());
        }
        let samples = self.clone();
        let now = service::platform::clock::wall_clock_ms();
        let pdf = tokio::task::spawn_blocking(move || samples.renderer.sample(kind, now))
            .await
            .map_err(|e| e.to_string())??;
        Ok(slot.get_or_init(|| Bytes::from(pdf)).clone())
    }
}

/// `{kind}.pdf` → the type; anything else is not a template.
fn parse_file(file: &str) -> Option<ContractType> {
    ContractType::parse(file.strip_suffix(".pdf")?)
}

pub async fn sample(State(samples): State<Arc<Samples>>, Path(file): Path<String>) -> Response {
    let Some(kind) = parse_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match samples.get(kind).await {
        Ok(pdf) => {
            let filename = format!(
                "{}-{}-{}.pdf",
                domain::text::TEMPLATES_TITLE,
                kind.label(),
                kind.template_version()
            );
            pdf_response(pdf, &filename, true, "public, max-age=3600")
        }
        Err(e) => {
            tracing::error!("template sample {file}: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_types_are_templates() {
        assert_eq!(parse_file("order.pdf"), Some(ContractType::Order));
        assert_eq!(parse_file("framework.pdf"), Some(ContractType::Framework));
        assert_eq!(parse_file("order"), None);
        assert_eq!(parse_file("../order.pdf"), None);
        assert_eq!(parse_file("invoice.pdf"), None);
    }
}
