//! The browser bundle's files and the caching of what we serve. `scripts/build.sh` names
//! the bundle after a hash of its content and writes the name to `bundle.txt`; its files
//! are served precompressed (brotli, gzip) by `Accept-Encoding` and may be kept for a year
//! (`immutable`: a new build is a new name). HTML is revalidated on every visit.

use std::path::Path;

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, VARY};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::session_cookie::{SECURE_SESSION_COOKIE, SESSION_COOKIE};

/// The bundle's name when the site has no `bundle.txt` (built before hashing, or not
/// built at all, as in the server's own tests).
pub const PLAIN_BUNDLE: &str = "qianyue";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The bundle's base name, such as `3f2a09c1d4e5b6a7/qianyue` (a folder named after the
/// hash of its files): the page loads `pkg/<name>.js`, `pkg/<name>_bg.wasm` and
/// `pkg/<name>.css`, and the pages' pieces beside them.
pub fn bundle_name(site_root: &Path) -> String {
    std::fs::read_to_string(site_root.join("bundle.txt"))
        .ok()
        .map(|name| name.trim().to_string())
        .filter(|name| {
            // Plain path segments only: nothing that leaves `pkg/` or breaks the HTML.
            name.split('/').all(|segment| {
                !segment.is_empty()
                    && !segment.starts_with('.')
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            })
        })
        .unwrap_or_else(|| PLAIN_BUNDLE.to_string())
}

/// `/pkg/…`: the bundle's files, precompressed variants preferred, cached for good.
pub fn bundle_files<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", files)
        .layer(middleware::map_response(cached_for_good))
}

/// Only what was found: a 404 under `/pkg` must not be cached for a year. The answer
/// depends on `Accept-Encoding`, which shared caches must know (ServeDir does not say).
async fn cached_for_good(mut response: Response) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Pages gzip'ed for browsers that accept it (the landing page 3.6 → 1.7 KB, the contract
/// home 6.6 → 2.4 KB); the bundle is compressed at build time (`bundle_files`),
/// PDFs are compressed inside, and JSON answers are small. gzip only: every browser
/// offers it, and brotli at request time would cost more CPU than it saves bytes here.
pub fn pages_compressed() -> CompressionLayer<impl Predicate> {
    let html = |_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions| is_page(headers);
    CompressionLayer::new().compress_when(DefaultPredicate::new().and(html))
}

/// An HTML page (what the two layers above and below treat apart from files and JSON).
fn is_page(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Pages are revalidated on every visit (`no-cache`), so a new build or a changed
/// contract shows at once; a signed-in visitor's page also stays out of shared caches
/// (`private`). Answers that chose their own caching (downloads: `no-store`) keep it.
pub async fn pages_revalidated(request: Request, next: Next) -> Response {
    let signed_in = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .any(|c| {
            [SESSION_COOKIE, SECURE_SESSION_COOKIE].iter().any(|name| {
                c.trim_start()
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with('='))
            })
        });
    let mut response = next.run(request).await;
    if is_page(response.headers()) && !response.headers().contains_key(CACHE_CONTROL) {
        let policy = if signed_in {
            "private, no-cache"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_name_comes_from_the_build_or_is_the_plain_one() {
        let dir = std::env::temp_dir().join(format!("qy_assets_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(bundle_name(&dir), PLAIN_BUNDLE);
        std::fs::write(dir.join("bundle.txt"), "0123456789abcdef/qianyue\n").unwrap();
        assert_eq!(bundle_name(&dir), "0123456789abcdef/qianyue");
        // Never a name that could leave the folder or break the HTML.
        for bad in [
            "../x",
            "a/../../x",
            "/etc/x",
            "a//b",
            "x\"><script>",
            ".hidden/x",
            "",
        ] {
            std::fs::write(dir.join("bundle.txt"), bad).unwrap();
            assert_eq!(bundle_name(&dir), PLAIN_BUNDLE, "{bad}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
