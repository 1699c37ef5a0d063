//! 合同验证 (public, server-rendered, works without JavaScript): a plain multipart form
//! posted to `POST /verify`, which checks the document and redirects to the result page.

use domain::calendar::format_cst_minute;
use domain::verification::HashVerdict;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verify::get_verification;
use crate::components::load_error::error_alert;
use crate::components::public::PublicLayout;
use crate::error::AppError;
use crate::i18n::{tr, Catalog};

/// The message for `field` given the error code the form handler redirected with.
fn field_error(t: &Catalog, code: &str, field: &str) -> Option<String> {
    match (field, code) {
        ("number", "number") => Some(t.verify_bad_number.into()),
        ("file", "document") => Some(t.verify_no_document.into()),
        ("file", "too_large") => Some((t.verify_too_large)(domain::verification::MAX_UPLOAD_MIB)),
        ("sha256", "sha") => Some(t.verify_bad_sha.into()),
        _ => None,
    }
}

#[component]
pub fn VerifyPage() -> impl IntoView {
    let t = tr();
    let query = use_query_map();
    let number = query.read_untracked().get("number").unwrap_or_default();
    let error = query.read_untracked().get("error").unwrap_or_default();
    let [number_error, file_error, sha_error] =
        ["number", "file", "sha256"].map(|field| field_error(t, &error, field));
    let error_of = |field: &'static str, message: Option<String>| {
        message.map(|m| view! { <p class="field-error" id=format!("f-{field}-error")>{m}</p> })
    };
    view! {
        <PublicLayout title=t.verify_title description=t.verify_description>
            <div class="prose">
                <h1>{t.verify_title}</h1>
                <p>{t.verify_intro}</p>
            </div>
            <section class="card">
                <div class="card-body">
                    {(error == "rate").then(|| view! {
                        <div class="alert alert-error" role="alert" id="verify-rate">{t.verify_rate_limited}</div>
                    })}
                    <form class="form" method="post" action="/verify" enctype="multipart/form-data">
                        <div class="field">
                            <label for="f-number">{t.verify_field_number}<span class="required" aria-hidden="true">"*"</span></label>
                            <input class="input mono" id="f-number" name="number" value=number placeholder="QY-20261123-000042"
                                aria-invalid=number_error.as_ref().map(|_| "true")/>
                            {error_of("number", number_error)}
                        </div>
                        <div class="field">
                            <label for="f-file">{t.verify_field_file}</label>
                            <input class="input" id="f-file" name="file" type="file" accept="application/pdf,.pdf"
                                aria-invalid=file_error.as_ref().map(|_| "true")/>
                            {error_of("file", file_error)}
                        </div>
                        <div class="field">
                            <label for="f-sha256">{t.verify_field_sha}</label>
                            <input class="input mono" id="f-sha256" name="sha256" maxlength="64" autocomplete="off"
                                aria-invalid=sha_error.as_ref().map(|_| "true")/>
                            {error_of("sha256", sha_error)}
                        </div>
                        <div class="form-actions">
                            <button class="btn btn-primary" type="submit">{t.verify_submit}</button>
                        </div>
                    </form>
                    <p class="small"><a class="tap-target" href="/verify/ca.pem" rel="external" download>{t.verify_ca_link}</a></p>
                </div>
            </section>
        </PublicLayout>
    }
}

#[component]
pub fn VerifyResultPage() -> impl IntoView {
    let t = tr();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let report = crate::resource::data(move || token.clone(), get_verification);
    view! {
        <PublicLayout title=t.verify_result_title description=t.verify_description>
            <div class="prose"><h1>{t.verify_result_title}</h1></div>
            <Suspense fallback=|| view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => {
                            let class = match r.verdict {
                                HashVerdict::Genuine => "alert alert-success",
                                HashVerdict::NoLongerEffective | HashVerdict::Draft => "alert alert-warning",
                                HashVerdict::NoMatch => "alert alert-error",
                            };
                            let text = (t.verdict)(r.verdict);
                            view! {
                                <div class=class role="status" id="verdict">{text}</div>
                                <section class="card">
                                    <div class="card-body">
                                        <dl class="kv" id="verify-details">
                                            <dt>{t.verify_field_number}</dt><dd class="mono">{r.number}</dd>
                                            {r.kind.map(|k| view! { <dt>{t.field_kind}</dt><dd>{(t.contract_type)(k)}</dd> })}
                                            {r.party_a_masked.map(|p| view! { <dt>{t.party_a}</dt><dd>{p}</dd> })}
                                            {r.provider.map(|p| view! { <dt>{t.party_b}</dt><dd>{p}</dd> })}
                                            {r.effective_at.map(|at| view! { <dt>{t.effective_at}</dt><dd>{format_cst_minute(at)}</dd> })}
                                            {r.expires_at.map(|at| view! { <dt>{t.expires_at}</dt><dd>{format_cst_minute(at)}</dd> })}
                                            {r.signature.map(|s| view! {
                                                <dt>{t.signature_label}</dt><dd id="signature">{(t.signature_check)(s)}</dd>
                                            })}
                                            {r.seal.map(|seal| view! {
                                                <dt>{t.seal_level_label}</dt><dd id="seal-level">{(t.seal_level)(seal.level)}</dd>
                                                {seal.trusted_time.map(|at| view! {
                                                    <dt>{t.trusted_time_label}</dt><dd id="trusted-time">{format_cst_minute(at)}</dd>
                                                })}
                                                {seal.tsa.map(|tsa| view! {
                                                    <dt>{t.tsa_label}</dt><dd id="tsa" translate="no">{tsa}</dd>
                                                })}
                                            })}
                                            {r.revision.map(|rev| view! {
                                                <dt>{t.revision_label}</dt>
                                                <dd id="revision">{t.revision_of.replace("{n}", &rev.seq.to_string()).replace("{of}", &rev.of.to_string())}</dd>
                                            })}
                                            <dt>{t.hash_label}</dt><dd class="mono small">{r.sha256}</dd>
                                        </dl>
                                    </div>
                                </section>
                            }.into_any()
                        }
                        Err(AppError::NotFound) => view! { <div class="alert alert-error">{t.not_found_body}</div> }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
            <p><a class="btn" href="/verify">{t.verify_again}</a></p>
        </PublicLayout>
    }
}
