//! "Briefly unavailable": the answer to a request that cannot be served for a moment — the
//! database or the document store out of reach, all `/verify` upload slots taken — in the
//! form its caller reads: 503 with `Retry-After`, a small page in the request's language
//! for a browser's page view (never a redirect to sign-in: the session is intact), the
//! typed `AppError::Unavailable` for a server function.

use app::error::AppError;
use app::i18n::Lang;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::Response;

/// When to try again.
pub const RETRY_AFTER_SECS: i64 = app::ssr::UNAVAILABLE_RETRY_AFTER_SECS;

/// The answer for a request to `uri` with `headers`.
pub fn answer(uri: &Uri, headers: &HeaderMap) -> Response {
    let mut response = if crate::refusal::is_server_fn(uri.path()) {
        crate::refusal::server_fn_error(&AppError::Unavailable)
    } else {
        page(app::ssr::lang_of(uri, headers))
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    response
}

/// The page's words: the server writes this page itself (the browser's bundle never
/// shows it, so its words are not in the catalogs the bundle carries).
struct Words {
    title: &'static str,
    body: &'static str,
    retry: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::ZhCn => Words {
            title: "服务暂时不可用",
            body: "合同服务正在恢复中，您的数据不受影响，登录状态也会保留。请稍后刷新本页。",
            retry: "重新加载",
        },
        Lang::En => Words {
            title: "Briefly unavailable",
            body: "The contract service is recovering. Your data is safe and you stay signed \
                   in; reload this page in a moment.",
            retry: "Reload",
        },
    }
}

/// The page: plain HTML that needs nothing else from the server (no stylesheet, no
/// bundle), so it shows whatever is down.
fn page(lang: Lang) -> Response {
    let text = words(lang);
    crate::plain_page::PlainPage {
        lang,
        title: text.title,
        message: text.body,
        alert: false,
        back: "",
        back_label: text.retry,
    }
    .respond(StatusCode::SERVICE_UNAVAILABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        map
    }

    #[tokio::test]
    async fn a_page_is_told_in_its_language_and_a_server_function_in_its_encoding() {
        let res = answer(&"/contracts".parse().unwrap(), &headers(&[]));
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()[header::RETRY_AFTER], "5");
        let html = String::from_utf8(
            axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        assert!(
            html.contains("服务暂时不可用") && html.contains("lang=\"zh-CN\""),
            "{html}"
        );

        let res = answer(
            &"/contracts".parse().unwrap(),
            &headers(&[("accept-language", "en-US,en;q=0.9")]),
        );
        let html = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&html).contains("Briefly unavailable"));

        let res = answer(&"/fn/contracts/list".parse().unwrap(), &headers(&[]));
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        let error: AppError = leptos::server_fn::error::FromServerFnError::de(bytes);
        assert_eq!(error, AppError::Unavailable);
    }
}
