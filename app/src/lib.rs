#![recursion_limit = "256"]
//! Qianyue's pages, components and server functions. Compiled twice: with `ssr` into the
//! server (rendering HTML, running server functions) and with `hydrate` into the browser
//! bundle (making the same HTML interactive).

pub mod api;
mod bundle_script;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csp;
mod current_user;
pub mod dto;
pub mod error;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod resource;
mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::toast::Toasts;
use crate::pages::{ContractsHomePage, LoginPage, NotFoundPage, RegisterPage};
use crate::routes::*;
pub use current_user::CurrentUser;

/// The HTML document around the app (server-side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::send_page_policy();
    // The browser reads the language back from <html lang> (`i18n::page_lang`).
    let lang = i18n::page_lang();
    #[cfg(feature = "ssr")]
    ssr::send_language_headers(lang);
    #[cfg(feature = "ssr")]
    let alternates = ssr::hreflang_alternates();
    #[cfg(not(feature = "ssr"))]
    let alternates: Vec<(&str, String)> = Vec::new();
    #[cfg(feature = "ssr")]
    let hydrates = !ssr::is_plain_html_page();
    #[cfg(not(feature = "ssr"))]
    let hydrates = true;
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // The bundle's name carries its content hash (scripts/build.sh).
                <link rel="stylesheet" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)/>
                {alternates.into_iter().map(|(hreflang, href)| view! {
                    <link rel="alternate" hreflang=hreflang href=href/>
                }).collect_view()}
                // Public pages are plain HTML (`ssr::is_plain_html_page`): no bundle.
                {hydrates.then(|| view! { <bundle_script::BundleScript options/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::page_lang());
    provide_context(CurrentUser(crate::resource::data(
        || (),
        |_| api::auth::whoami(),
    )));
    provide_context(Toasts::default());

    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view={Lazy::<LandingRoute>::new()}/>
                <Route path=path!("/guide") view={Lazy::<GuideRoute>::new()}/>
                <Route path=path!("/faq") view={Lazy::<FaqRoute>::new()}/>
                <Route path=path!("/templates") view={Lazy::<TemplatesRoute>::new()}/>
                <Route path=path!("/verify") view={Lazy::<VerifyRoute>::new()}/>
                <Route path=path!("/verify/result/:token") view={Lazy::<VerifyResultRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/register") view=RegisterPage/>
                // The console renders in Async mode: the whole page is in the first HTML,
                // painted before the bundle arrives (which starts after load:
                // bundle_script.rs), and hydration repaints nothing.
                <Route path=path!("/contracts") view=ContractsHomePage ssr=SsrMode::Async/>
                <Route path=path!("/contracts/new/:kind") view={Lazy::<NewContractRoute>::new()} ssr=SsrMode::Async/>
                // Before the contract page: "archive" is no contract number.
                <Route path=path!("/contracts/archive") view={Lazy::<ArchiveRoute>::new()} ssr=SsrMode::Async/>
                // Async: the page knows the contract exists before the status line goes
                // out, so another account's contract answers 404, not 200.
                <Route path=path!("/contracts/:number") view={Lazy::<ContractDetailRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/party-a") view={Lazy::<PartyARoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/esign") view={Lazy::<EsignRoute>::new()} ssr=SsrMode::Async/>
                // Async, so a customer opening the console gets a real 404 status.
                <Route path=path!("/ops") view={Lazy::<OpsRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/ops/contracts/:number") view={Lazy::<OpsContractRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
