//! Request ids and spans (`server::request_id`): every answer past the kept public pages
//! carries an `X-Request-Id` (a proxy's plain one kept, anything else replaced), and what
//! is logged while answering names the request's id and its route.

use axum::body::Body;
use axum::http::Request;

use crate::common::{app_with_config, get, send, HOST};
use crate::logs;

fn id_of(res: &axum::response::Response) -> Option<String> {
    res.headers()
        .get("x-request-id")
        .map(|id| id.to_str().unwrap().to_string())
}

fn with_id(path: &str, id: &str) -> Request<Body> {
    Request::get(path)
        .header("host", HOST)
        .header("x-request-id", id)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn every_answer_names_its_request_and_the_log_lines_follow_it() {
    let (log, _logging) = logs::capture_at(tracing::Level::DEBUG);
    let (app, _) = app_with_config("request_ids", true, |_| {}).await;

    // Made here, one per request.
    let first = id_of(&send(&app, get("/login", None)).await).expect("an id");
    let second = id_of(&send(&app, get("/login", None)).await).expect("an id");
    assert_ne!(first, second);

    // A proxy's plain id is kept; an odd one is replaced, never echoed.
    let res = send(&app, with_id("/api/v1/contracts/QY-1", "edge-7f3a")).await;
    assert_eq!(id_of(&res).as_deref(), Some("edge-7f3a"));
    let res = send(&app, with_id("/login", "<b>x</b>")).await;
    let replaced = id_of(&res).expect("an id");
    assert_ne!(replaced, "<b>x</b>");

    // Each request's lines are in its span: its id, method and route template.
    let text = log.text();
    let line = text
        .lines()
        .find(|l| l.contains("id=edge-7f3a") && l.contains("finished processing request"))
        .unwrap_or_else(|| panic!("no line of request edge-7f3a in:\n{text}"));
    assert!(line.contains("method=GET"), "{line}");
    assert!(line.contains("route=/api/v1/contracts/{number}"), "{line}");
    assert!(
        text.lines().any(|l| l.contains(&format!("id={first}"))),
        "{text}"
    );

    // A kept public page answers before the layer: the first visitor's id is not
    // replayed to the next.
    let rendered = send(&app, get("/", None)).await;
    let kept = send(&app, get("/", None)).await;
    assert!(id_of(&kept).is_none() || id_of(&kept) != id_of(&rendered));
    assert!(id_of(&kept).is_none(), "a kept page carries no request id");
}
