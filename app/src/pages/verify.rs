//! 合同验证 (public, server-rendered, works without JavaScript): a plain multipart form
//! posted to `POST /verify`, which checks the document and redirects to the result page.

use domain::calendar::format_cst_minute;
use domain::text as t;
use domain::verification::HashVerdict;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verify::get_verification;
use crate::components::load_error::error_alert;
use crate::components::public::PublicLayout;
use crate::error::AppError;

/// The message for `field` given the error code the form handler redirected with.
fn field_error(code: &str, field: &str) -> Option<String> {
    match (field, code) {
        ("number", "number") => Some(t::VERIFY_BAD_NUMBER.into()),
        ("file", "document") => Some(t::VERIFY_NO_DOCUMENT.into()),
        ("file", "too_large") => Some(t::verify_too_large(domain::verification::MAX_UPLOAD_MIB)),
        ("sha256", "sha") => Some(t::VERIFY_BAD_SHA.into()),
        _ => None,
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let query = use_query_map();
    let number = query.read_untracked().get("number").unwrap_or_default();
    let error = query.read_untracked().get("error").unwrap_or_default();
    let [number_error, file_error, sha_error] =
        ["number", "file", "sha256"].map(|field| field_error(&error, field));
    let error_of = |field: &'static str, message: Option<String>| {
        message.map(|m| view! { <p class="field-error" id=format!("f-{field}-error")>{m}</p> })
    };
    view! {
        <PublicLayout title=t::VERIFY_PAGE_TITLE description=t::VERIFY_PAGE_DESCRIPTION>
            <div class="prose">
                <h1>{t::VERIFY_PAGE_TITLE}</h1>
                <p>{t::VERIFY_PAGE_INTRO}</p>
            </div>
            <section class="card">
                <div class="card-body">
                    {(error == "rate").then(|| view! {
                        <div class="alert alert-error" role="alert" id="verify-rate">{t::VERIFY_RATE_LIMITED}</div>
                    })}
                    <form class="form" method="post" action="/verify" enctype="multipart/form-data">
                        <div class="field">
                            <label for="f-number">{t::VERIFY_FIELD_NUMBER}<span class="required" aria-hidden="true">"*"</span></label>
                            <input class="input mono" id="f-number" name="number" value=number placeholder="QY-20261123-000042"
                                aria-invalid=number_error.as_ref().map(|_| "true")/>
                            {error_of("number", number_error)}
                        </div>
                        <div class="field">
                            <label for="f-file">{t::VERIFY_FIELD_FILE}</label>
                            <input class="input" id="f-file" name="file" type="file" accept="application/pdf,.pdf"
                                aria-invalid=file_error.as_ref().map(|_| "true")/>
                            {error_of("file", file_error)}
                        </div>
                        <div class="field">
                            <label for="f-sha256">{t::VERIFY_FIELD_SHA}</label>
                            <input class="input mono" id="f-sha256" name="sha256" maxlength="64" autocomplete="off"
                                aria-invalid=sha_error.as_ref().map(|_| "true")/>
                            {error_of("sha256", sha_error)}
                        </div>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit">{t::VERIFY_DOC_SUBMIT}</button>
                        </div>
                    </form>
                    <p class="small"><a class="tap-target" href="/verify/ca.pem" rel="external" download>{t::VERIFY_CA_LINK}</a></p>
                </div>
            </section>
        </PublicLayout>
    }
}

#[component]
pub fn VerifyResultPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let report = Resource::new(move || token.clone(), get_verification);
    view! {
        <PublicLayout title=t::VERIFY_RESULT_TITLE description=t::VERIFY_PAGE_DESCRIPTION>
            <div class="prose"><h1>{t::VERIFY_RESULT_TITLE}</h1></div>
            <Suspense fallback=|| view! { <p class="muted">{t::LOADING}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => {
                            let (class, text) = match r.verdict {
                                HashVerdict::Genuine => ("alert alert-success", t::VERIFY_GENUINE),
                                HashVerdict::NoLongerEffective => ("alert alert-warning", t::VERIFY_NO_LONGER_EFFECTIVE),
                                HashVerdict::Draft => ("alert alert-warning", t::VERIFY_DRAFT),
                                HashVerdict::NoMatch => ("alert alert-error", t::VERIFY_NO_MATCH),
                            };
                            view! {
                                <div class=class role="status" id="verdict">{text}</div>
                                <section class="card">
                                    <div class="card-body">
                                        <dl class="kv" id="verify-details">
                                            <dt>{t::VERIFY_FIELD_NUMBER}</dt><dd class="mono">{r.number}</dd>
                                            {r.kind.map(|k| view! { <dt>{t::COL_KIND}</dt><dd>{k.label()}</dd> })}
                                            {r.party_a_masked.map(|p| view! { <dt>{t::PARTY_A_LABEL}</dt><dd>{p}</dd> })}
                                            {r.provider.map(|p| view! { <dt>{t::PARTY_B_LABEL}</dt><dd>{p}</dd> })}
                                            {r.effective_at.map(|at| view! { <dt>{t::EFFECTIVE_AT}</dt><dd>{format_cst_minute(at)}</dd> })}
                                            {r.expires_at.map(|at| view! { <dt>{t::EXPIRES_AT}</dt><dd>{format_cst_minute(at)}</dd> })}
                                            {r.signature.map(|s| view! {
                                                <dt>{t::VERIFY_SIG_LABEL}</dt><dd id="signature">{t::signature_check_label(&s)}</dd>
                                            })}
                                            <dt>{t::VERIFY_HASH_LABEL}</dt><dd class="mono small">{r.sha256}</dd>
                                        </dl>
                                    </div>
                                </section>
                            }.into_any()
                        }
                        Err(AppError::NotFound) => view! { <div class="alert alert-error">{t::NOT_FOUND_BODY}</div> }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
            <p><a class="btn" href="/verify">{t::VERIFY_AGAIN}</a></p>
        </PublicLayout>
    }
}
