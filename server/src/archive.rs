//! `GET /contracts/archive.zip?number=…&number=…`: the owner's documents, up to 50, as
//! one zip with a manifest (`service::after_signing::archive`), streamed as it is written. Every number
//! is looked up first: one that is not the account's makes the whole request a 404, and
//! nothing is sent for a refused one. A document that fails its hash part way ends the
//! response without the archive's directory, so the browser reports a failed download.
//!
//! The request comes from a plain form (the bulk download page), so a refusal is a small
//! page in the request's language with a way back. Its words live here: the bundle never
//! shows them.

use app::i18n::{Lang, LangTexts};
use app::ssr::ServerState;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use domain::calendar::format_cst_minute;
use domain::contract::ContractType;
use domain::Status;
use futures::StreamExt;
use service::after_signing::archive::{self, ArchiveError, ArchiveRefusal, ArchiveWords};
use service::contracts::documents::PdfKind;
use service::identity::session_store::ACCOUNT_KEY;
use service::ServiceError;
use tower_sessions::Session;

/// The path of the archive (a static segment: it never reads as a contract number).
pub const PATH: &str = "/contracts/archive.zip";

pub async fn download(
    State(state): State<ServerState>,
    session: Session,
    RawQuery(query): RawQuery,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = app::ssr::lang_of(&uri, &headers);
    let Ok(Some(account_id)) = session.get::<i64>(ACCOUNT_KEY).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let numbers = numbers_in(query.as_deref().unwrap_or(""));
    let entries = match archive::plan(&state.ctx.db, account_id, &numbers).await {
        Ok(entries) => entries,
        Err(ArchiveError::Refused(refusal)) => {
            return refused(
                lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                &refusal_text(lang, &refusal),
            )
        }
        Err(ArchiveError::Service(ServiceError::NotFound)) => {
            return refused(lang, StatusCode::NOT_FOUND, words(lang).not_found)
        }
        Err(ArchiveError::Service(e)) => {
            tracing::error!("archive: {e}");
            return refused(lang, StatusCode::INTERNAL_SERVER_ERROR, words(lang).failed);
        }
    };
    let mut chunks = Box::pin(archive::stream(
        state.ctx.storage.clone(),
        entries,
        Words(lang),
    ));
    // The first document is read before the answer starts: a fault there is still a
    // page that says so, not a broken download.
    let first = match chunks.next().await {
        Some(Ok(first)) => first,
        Some(Err(fault)) => {
            tracing::error!("archive: {fault}");
            return refused(lang, StatusCode::INTERNAL_SERVER_ERROR, words(lang).failed);
        }
        None => Vec::new(),
    };
    let rest = chunks.map(|chunk| {
        chunk.map_err(|fault| {
            tracing::error!("archive ended part way: {fault}");
            std::io::Error::other(fault)
        })
    });
    let body = Body::from_stream(futures::stream::once(async { Ok(first) }).chain(rest));
    let filename = format!(
        "{}-{}.zip",
        words(lang).filename,
        format_cst_minute(state.ctx.now())
            .replace(['-', ':'], "")
            .replace(' ', "-")
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    if let Ok(value) = crate::downloads::content_disposition(&filename).parse() {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The distinct `number`s of the query, in order (the form sends one per chosen
/// contract), and no more than one past the limit, so that too many is refused rather
/// than cut short.
fn numbers_in(query: &str) -> Vec<String> {
    let mut numbers: Vec<String> = Vec::new();
    for (_, value) in form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key == "number") {
        let number = value.trim();
        if !number.is_empty() && !numbers.iter().any(|n| n == number) {
            numbers.push(number.to_owned());
            if numbers.len() > archive::ARCHIVE_LIMIT {
                break;
            }
        }
    }
    numbers
}

pub(crate) struct Words(pub(crate) Lang);

impl ArchiveWords for Words {
    fn header(&self) -> [&'static str; 7] {
        words(self.0).header
    }
    fn kind(&self, kind: ContractType) -> &'static str {
        self.0.console().contract_type(kind)
    }
    fn status(&self, status: Status) -> &'static str {
        self.0.console().status(status)
    }
    fn document(&self, document: PdfKind) -> &'static str {
        let words = words(self.0);
        match document {
            PdfKind::Draft => words.draft,
            PdfKind::Formal => words.formal,
        }
    }
}

struct Text {
    header: [&'static str; 7],
    draft: &'static str,
    formal: &'static str,
    filename: &'static str,
    title: &'static str,
    back: &'static str,
    none_chosen: &'static str,
    too_many: &'static str,
    no_document: &'static str,
    not_found: &'static str,
    failed: &'static str,
}

fn words(lang: Lang) -> &'static Text {
    match lang {
        Lang::ZhCn => &Text {
            header: [
                "合同编号",
                "合同类型",
                "状态",
                "文件",
                "生效时间（北京时间）",
                "合同金额（元）",
                "SHA-256",
            ],
            draft: "草稿",
            formal: "正式合同",
            filename: "合同文件",
            title: "无法下载所选合同",
            back: "返回批量下载",
            none_chosen: "请至少选择一份合同。",
            too_many: "一次最多下载 {limit} 份合同，请减少所选合同。",
            no_document: "合同 {number} 的文件尚未生成，请取消选择后再下载。",
            not_found: "所选合同中有不存在或不属于本账号的合同。",
            failed: "文件校验未通过或暂时无法读取，请稍后重试；如仍失败请联系客服。",
        },
        Lang::En => &Text {
            header: [
                "Contract number",
                "Type",
                "Status",
                "Document",
                "Effective (China time)",
                "Total (CNY)",
                "SHA-256",
            ],
            draft: "Draft",
            formal: "Formal contract",
            filename: "contracts",
            title: "The chosen contracts cannot be downloaded",
            back: "Back to bulk download",
            none_chosen: "Choose at least one contract.",
            too_many: "At most {limit} contracts can be downloaded at once; choose fewer.",
            no_document: "Contract {number} has no document yet; leave it out and try again.",
            not_found: "A chosen contract does not exist or belongs to another account.",
            failed: "A document failed its integrity check or could not be read. Try again \
                     later, and contact support if it persists.",
        },
    }
}

fn refusal_text(lang: Lang, refusal: &ArchiveRefusal) -> String {
    let text = words(lang);
    match refusal {
        ArchiveRefusal::NoneChosen => text.none_chosen.to_owned(),
        ArchiveRefusal::TooMany { limit } => text.too_many.replace("{limit}", &limit.to_string()),
        ArchiveRefusal::NoDocument { number } => text.no_document.replace("{number}", number),
    }
}

/// A refusal as a page of its own: the browser left the form for it.
fn refused(lang: Lang, status: StatusCode, message: &str) -> Response {
    let text = words(lang);
    crate::plain_page::PlainPage {
        lang,
        title: text.title,
        message,
        alert: true,
        back: "/contracts/archive",
        back_label: text.back,
    }
    .respond(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_order_and_no_more_than_one_past_the_limit() {
        assert_eq!(
            numbers_in("number=QY-1&x=2&number=QY%2D2&number=&number=QY-1"),
            ["QY-1", "QY-2"]
        );
        // Duplicates and blanks do not push a 51st distinct number out unseen.
        let mut query = vec!["number=A".to_string(), "number=A".into(), "number=".into()];
        query.extend((1..=50).map(|i| format!("number=B{i}")));
        assert_eq!(
            numbers_in(&query.join("&")).len(),
            archive::ARCHIVE_LIMIT + 1
        );
        let same = vec!["number=A"; 500].join("&");
        assert_eq!(numbers_in(&same), ["A"]);
    }

    #[test]
    fn every_refusal_is_worded_in_both_languages_with_its_data() {
        for lang in Lang::ALL {
            let too_many = refusal_text(lang, &ArchiveRefusal::TooMany { limit: 50 });
            assert!(too_many.contains("50"), "{too_many}");
            let none = refusal_text(
                lang,
                &ArchiveRefusal::NoDocument {
                    number: "QY-20261206-000001".into(),
                },
            );
            assert!(none.contains("QY-20261206-000001"), "{none}");
            assert!(!refusal_text(lang, &ArchiveRefusal::NoneChosen).is_empty());
        }
    }
}
