//! The OpenAPI document covers every route; bad requests get the ApiError shape in the
//! caller's language.

#[allow(unused_imports)]
use super::*;

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let (app, _, key) = app().await;
    // Readable without a key.
    let (status, doc) = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    documented.sort();
    let expected = [
        ("GET", "/api/v1/accounts/{external_id}/contracts"),
        ("GET", "/api/v1/contracts/{number}"),
        ("GET", "/api/v1/contracts/{number}/document"),
        ("GET", "/api/v1/events"),
        ("POST", "/api/v1/filings"),
        ("POST", "/api/v1/orders"),
        ("POST", "/api/v1/recharges"),
        ("PUT", "/api/v1/accounts/{external_id}"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, expected);
    // Every documented route is served (a route without a handler would be 404/405).
    for (method, path) in &documented {
        let concrete = path
            .replace("{number}", "QY-20261130-000001")
            .replace("{external_id}", "ext-x")
            .replace("/document", "/document?kind=formal");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let body = (method != Method::GET).then(|| json!({}));
        let (status, _) = call(&app, method.clone(), &concrete, Some(&key), body).await;
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED
                && !(status == StatusCode::NOT_FOUND && method != Method::GET),
            "{method} {path}: {status}"
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// Every refusal is JSON in the `ApiError` shape with a stable code — a body without
/// `application/json`, one that is not JSON, JSON of the wrong shape, a query parameter
/// the operation does not take — and the OpenAPI document lists each status.
#[tokio::test]
async fn bad_requests_get_the_api_error_shape_and_are_documented() {
    let (app, _, key) = app().await;
    let raw = |content_type: Option<&str>, body: &'static str| {
        let mut req = Request::post("/api/v1/orders")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::AUTHORIZATION, format!("Bearer {key}"));
        if let Some(content_type) = content_type {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        req.body(Body::from(body)).unwrap()
    };
    let cases = [
        (
            raw(None, r#"{"items": []}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            raw(Some("application/json"), "{items"),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (
            raw(Some("application/json"), r#"{"items": [{"order_no": 1}]}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
        ),
    ];
    for (req, status, code) in cases {
        let res = send(&app, req).await;
        assert_eq!(res.status(), status);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
        let body: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(body["error"], code, "{body}");
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
    }
    // A parameter the operation does not take, and a value of the wrong type.
    // Out of the documented ranges: refused, not clamped.
    for query in [
        "after=0&bogus=1",
        "after=soon",
        "after=-1",
        "limit=0",
        "limit=501",
    ] {
        let path = format!("/api/v1/events?{query}");
        let (status, body) = call(&app, Method::GET, &path, Some(&key), None).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid")),
            "{body}"
        );
    }

    let (_, doc) = call(&app, Method::GET, "/api/v1/openapi.json", None, None).await;
    let orders = &doc["paths"]["/api/v1/orders"]["post"]["responses"];
    for status in ["200", "400", "401", "415", "422"] {
        assert!(
            orders.get(status).is_some(),
            "POST /orders documents {status}: {orders}"
        );
    }
    assert!(doc["paths"]["/api/v1/events"]["get"]["responses"]
        .get("400")
        .is_some());
    let batch = doc["components"]["schemas"].to_string();
    assert!(
        batch.contains("\"minItems\":1") && batch.contains("\"maxItems\":1000"),
        "{batch}"
    );
    let events = doc["paths"]["/api/v1/events"]["get"]["parameters"].to_string();
    assert!(!events.contains("\"path\""), "query parameters: {events}");

    // The document's constraints are the domain's (attribute literals there, constants
    // here): each item schema names them.
    use domain::billing::{
        AMOUNT_MAX_FEN, REFERENCE_PATTERN, TEXT_PATTERN, TIME_MAX_MS, TIME_MIN_MS,
    };
    let schemas = &doc["components"]["schemas"];
    for (schema, reference, text, time) in [
        ("Filing", "filing_no", "site_name", "created_at"),
        ("Recharge", "record_no", "channel", "paid_at"),
    ] {
        let properties = &schemas[schema]["properties"];
        assert_eq!(
            properties[reference]["pattern"], REFERENCE_PATTERN,
            "{schema}"
        );
        assert_eq!(
            properties["account"]["pattern"], REFERENCE_PATTERN,
            "{schema}"
        );
        assert_eq!(properties[text]["pattern"], TEXT_PATTERN, "{schema}");
        assert_eq!(properties[time]["minimum"], TIME_MIN_MS, "{schema}");
        assert_eq!(properties[time]["maximum"], TIME_MAX_MS, "{schema}");
    }
    assert_eq!(
        schemas["Recharge"]["properties"]["amount_fen"]["maximum"],
        AMOUNT_MAX_FEN
    );
    // R15 in the Order schema: a refund at most 0, anything else at least 0.
    let cases = schemas["Order"]["oneOf"].as_array().unwrap();
    let bound = |mode: &str, side: &str| {
        cases
            .iter()
            .find(|c| {
                c["properties"]["billing_mode"]["enum"]
                    .as_array()
                    .unwrap()
                    .contains(&json!(mode))
            })
            .map(|c| c["properties"]["amount_fen"][side].clone())
    };
    assert_eq!(bound("refund", "maximum"), Some(json!(0)));
    assert_eq!(bound("refund", "minimum"), Some(json!(-AMOUNT_MAX_FEN)));
    assert_eq!(bound("prepaid", "minimum"), Some(json!(0)));
    assert_eq!(bound("prepaid", "maximum"), Some(json!(AMOUNT_MAX_FEN)));
    assert_eq!(
        schemas["Batch_Order"]["properties"]["items"]["items"]["oneOf"],
        schemas["Order"]["oneOf"]
    );
    // A contract's type, channel and state in an answer are the domain's tokens, every
    // one listed (an event's state may also be null).
    let tokens = |values: Vec<&str>| json!(values);
    for schema in ["Contract", "AccountContract"] {
        let properties = &schemas[schema]["properties"];
        assert_eq!(
            properties["kind"]["enum"],
            tokens(domain::ContractType::ALL.map(|k| k.as_str()).to_vec()),
            "{schema}"
        );
        assert_eq!(
            properties["channel"]["enum"],
            tokens(domain::Channel::ALL.map(|c| c.as_str()).to_vec()),
            "{schema}"
        );
        assert_eq!(
            properties["status"]["enum"],
            tokens(domain::Status::ALL.map(|s| s.as_str()).to_vec()),
            "{schema}"
        );
        assert_eq!(
            properties["sub_status"]["enum"],
            tokens(domain::SubStatus::ALL.map(|s| s.as_str()).to_vec()),
            "{schema}"
        );
    }
    let event_status = schemas["Event"]["properties"]["status"]["enum"].to_string();
    assert!(
        event_status.contains("\"effective\"") && event_status.contains("null"),
        "{event_status}"
    );
    // Refusals answer a stable code; the document lists every one.
    let codes = &schemas["ApiError"]["properties"]["code"]["enum"];
    assert_eq!(codes, &json!(domain::Refused::all_codes()));
    // So do an item's and a field's problems.
    let billing = domain::billing::Problem::ALL.map(|p| p.code());
    let documented = |schema: &str| -> Vec<String> {
        serde_json::from_value(schemas[schema]["properties"]["code"]["enum"].clone()).unwrap()
    };
    assert_eq!(documented("ItemProblem"), documented("FieldProblem"));
    let fields = documented("FieldProblem");
    for code in billing.into_iter().chain(domain::FieldProblem::all_codes()) {
        assert!(fields.iter().any(|c| c == code), "{code} is not documented");
    }
    let mut unique = fields.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fields.len(), "each code once");
    assert!(codes
        .as_array()
        .unwrap()
        .contains(&json!("framework_exists")));
}

/// Accept-Language: English or Chinese messages (Chinese without the header), the same
/// status and the same stable tokens either way; the answer names its language.
#[tokio::test]
async fn messages_follow_accept_language_with_the_same_status_and_codes() {
    let (app, _, key) = app().await;
    link_ent_demo(&app, &key).await;
    let ask = |accept: Option<&'static str>, method: Method, path: &str, auth: bool, body: &str| {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/json");
        if auth {
            req = req.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        if let Some(accept) = accept {
            req = req.header(header::ACCEPT_LANGUAGE, accept);
        }
        req.body(Body::from(body.to_string())).unwrap()
    };
    let refund_up = json!({ "items": [order("API-LANG-1", "ext-ent-1", 100)] });
    let mut refund_up_body = refund_up.clone();
    refund_up_body["items"][0]["billing_mode"] = json!("refund");
    let refund_up_body = refund_up_body.to_string();
    // (method, path, with key, body, status, the English and the Chinese message start)
    let cases = [
        (
            Method::GET,
            "/api/v1/events",
            false,
            "",
            StatusCode::UNAUTHORIZED,
            "a valid API key",
            "需要有效的 API 密钥",
        ),
        (
            Method::GET,
            "/api/v1/contracts/QY-NONE",
            true,
            "",
            StatusCode::NOT_FOUND,
            "not found",
            "不存在",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            "{items",
            StatusCode::BAD_REQUEST,
            "the body is not valid JSON",
            "请求体不是合法的 JSON",
        ),
        (
            Method::GET,
            "/api/v1/events?limit=0",
            true,
            "",
            StatusCode::BAD_REQUEST,
            "the query parameters",
            "查询参数",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            r#"{"items": []}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the request has invalid fields",
            "请求中有不符合要求的字段",
        ),
        (
            Method::POST,
            "/api/v1/orders",
            true,
            refund_up_body.as_str(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "1 item problem(s)",
            "1 项有问题",
        ),
    ];
    for (method, path, auth, body, status, english, chinese) in cases {
        let mut seen = Vec::new();
        for (accept, lang, start) in [
            (Some("en-GB,en;q=0.9,zh;q=0.5"), "en", english),
            (Some("zh-CN,zh;q=0.9"), "zh-CN", chinese),
            (None, "zh-CN", chinese),
            // A language the API does not speak: the default.
            (Some("fr-FR"), "zh-CN", chinese),
        ] {
            let res = send(&app, ask(accept, method.clone(), path, auth, body)).await;
            assert_eq!(res.status(), status, "{path} {accept:?}");
            assert_eq!(res.headers()[header::CONTENT_LANGUAGE], lang, "{path}");
            assert!(res.headers().get_all(header::VARY).iter().any(|v| v
                .to_str()
                .unwrap()
                .to_ascii_lowercase()
                .contains("accept-language")));
            let answer: Value = serde_json::from_slice(
                &axum::body::to_bytes(res.into_body(), 1 << 16)
                    .await
                    .unwrap(),
            )
            .unwrap();
            let message = answer["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(start), "{path} {accept:?}: {answer}");
            // The tokens are the language's business no more than the status is.
            let mut tokens = answer.clone();
            tokens["message"] = Value::Null;
            for list in ["items", "fields"] {
                if let Some(entries) = tokens[list].as_array_mut() {
                    for entry in entries {
                        entry["message"] = Value::Null;
                    }
                }
            }
            seen.push(tokens);
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{path}: {seen:?}");
    }

    // The item's and the field's own problem, typed: one code, a sentence per language.
    let item = |accept: &'static str| {
        let req = ask(
            Some(accept),
            Method::POST,
            "/api/v1/orders",
            true,
            &refund_up_body,
        );
        async { send(&app, req).await }
    };
    for (accept, words) in [
        ("en", "refunds must be negative"),
        ("zh", "退款金额须为负数"),
    ] {
        let res = item(accept).await;
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(answer["items"][0]["code"], "amount_sign", "{answer}");
        assert!(
            answer["items"][0]["message"]
                .as_str()
                .unwrap()
                .contains(words),
            "{answer}"
        );
    }
    for (accept, words) in [
        ("en", "a batch holds 1 to 1000 items"),
        ("zh", "每批 1 至 1000 项"),
    ] {
        let res = send(
            &app,
            ask(
                Some(accept),
                Method::POST,
                "/api/v1/orders",
                true,
                r#"{"items": []}"#,
            ),
        )
        .await;
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(answer["fields"][0]["field"], "items", "{answer}");
        assert_eq!(answer["fields"][0]["code"], "batch_size", "{answer}");
        assert_eq!(answer["fields"][0]["message"], words, "{answer}");
    }
    // An account's problems too: every field at once, typed.
    let bad = json!({ "login": "ent_demo", "kind": "enterprise", "verified": true, "subject_name": "x", "id_number": "123" });
    for (accept, name, id) in [
        (
            "en",
            "2-100 characters expected",
            "an identifier has 18 characters",
        ),
        ("zh-CN", "认证主体名称为 2–100 个字", "证件号码应为 18 位"),
    ] {
        let res = send(
            &app,
            ask(
                Some(accept),
                Method::PUT,
                "/api/v1/accounts/ext-new",
                true,
                &bad.to_string(),
            ),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let answer: Value = serde_json::from_slice(
            &axum::body::to_bytes(res.into_body(), 1 << 16)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            answer["fields"],
            json!([
                { "field": "subject_name", "code": "subject_name_length", "message": name },
                { "field": "id_number", "code": "id_wrong_length", "message": id },
            ]),
            "{answer}"
        );
    }
    let taken = json!({ "login": "ent_demo", "kind": "individual", "verified": false });
    let res = send(
        &app,
        ask(
            Some("en"),
            Method::PUT,
            "/api/v1/accounts/ext-new-2",
            true,
            &taken.to_string(),
        ),
    )
    .await;
    // Well-formed, but another account holds the login: a conflict.
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let answer: Value = serde_json::from_slice(
        &axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(answer["fields"][0]["code"], "login_taken", "{answer}");
}
