//! The frame of the public, server-rendered pages (readable without JavaScript), in the
//! page's language, with the language switcher.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::i18n::{tr, use_lang, Lang, LangTexts};

#[component]
pub fn PublicLayout(
    title: &'static str,
    description: &'static str,
    children: Children,
) -> impl IntoView {
    let t = tr();
    view! {
        <Title text=format!("{title} · {}", t.app_name)/>
        <Meta name="description" content=description/>
        <div class="public">
            <header class="public-header">
                <a class="brand" href="/"><span class="brand-mark">"◆"</span>{t.brand_public}</a>
                <nav class="public-nav" aria-label=t.nav_label>
                    <a href="/guide">{t.nav_guide}</a>
                    <a href="/templates">{t.nav_templates}</a>
                    <a href="/faq">{t.nav_faq}</a>
                    <a href="/verify">{t.nav_verify}</a>
                    <LanguageSwitch/>
                    <a class="btn btn-primary" href="/contracts">{t.nav_console}</a>
                </nav>
            </header>
            <main class="public-main" id="main">{children()}</main>
            <footer class="public-footer">{t.footer}</footer>
        </div>
    }
}

/// Links to this page in the other languages. A full page load (rel=external): the
/// server renders the page in the chosen language and keeps the choice in a cookie.
/// Each language is named in its own language (中文 on an English page), marked with
/// that language and as not to be translated.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    view! {
        <span class="lang-switch" role="group" aria-label=current.catalog().language_label>
            {Lang::ALL.into_iter().filter(|l| *l != current).map(|lang| view! {
                <a href=format!("?lang={}", lang.tag()) rel="external" hreflang=lang.tag()
                    lang=lang.tag() translate="no" id=format!("lang-{}", lang.tag())>{lang.endonym()}</a>
            }).collect_view()}
        </span>
    }
}
