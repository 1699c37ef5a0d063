//! The frame of the public, server-rendered pages (readable without JavaScript).

use domain::text as t;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PublicLayout(
    title: &'static str,
    description: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=format!("{title} · {}", t::APP_NAME)/>
        <Meta name="description" content=description/>
        <div class="public">
            <header class="public-header">
                <a class="brand" href="/"><span class="brand-mark">"◆"</span>{t::BRAND_PUBLIC}</a>
                <nav class="public-nav" aria-label=t::NAV_LABEL>
                    <a href="/guide">{t::NAV_GUIDE}</a>
                    <a href="/templates">{t::NAV_TEMPLATES}</a>
                    <a href="/faq">{t::NAV_FAQ}</a>
                    <a href="/verify">{t::VERIFY_PAGE_TITLE}</a>
                    <a class="btn btn-primary" href="/contracts">{t::NAV_CONSOLE}</a>
                </nav>
            </header>
            <main class="public-main" id="main">{children()}</main>
            <footer class="public-footer">{t::FOOTER}</footer>
        </div>
    }
}
