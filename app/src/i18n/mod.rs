//! The languages of the pages: zh-CN (the default) and English. One catalog per language
//! and kind of page — [`Catalog`] for the public pages, [`console::Console`] for the
//! console and the operator console — each a struct, so a text missing in one language
//! fails the build. The language of a request comes from `?lang=`, else the `lang`
//! cookie, else `Accept-Language`, else zh-CN ([`domain::Lang::negotiate`]). The server
//! renders `<html lang>` from it and the browser reads it back from there, so the
//! server's HTML and the hydrated page always agree.

pub mod console;
mod en;
#[cfg(feature = "ssr")]
pub mod negotiate;
mod zh_cn;

use domain::ContractType;
use leptos::prelude::*;

pub use en::EN;
pub use zh_cn::ZH_CN;

pub use domain::Lang;

/// The catalogs of a language.
pub trait LangTexts {
    fn catalog(self) -> &'static Catalog;
    fn console(self) -> &'static console::Console;
}

impl LangTexts for Lang {
    fn catalog(self) -> &'static Catalog {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }

    fn console(self) -> &'static console::Console {
        match self {
            Lang::ZhCn => &console::ZH_CN,
            Lang::En => &console::EN,
        }
    }
}

/// The language of this page: provided by `App` (see [`page_lang`]).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The catalog of this page's language.
pub fn tr() -> &'static Catalog {
    use_lang().catalog()
}

/// The console's texts in this page's language.
pub fn console_text() -> &'static console::Console {
    use_lang().console()
}

/// The language the page is rendered in. On the server: negotiated from the request
/// ([`negotiate::request_lang`]). In the browser: the `<html lang>` the
/// server rendered, so hydration renders the same text.
#[cfg(feature = "ssr")]
pub fn page_lang() -> Lang {
    negotiate::request_lang()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn page_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|tag| Lang::parse(&tag))
        .unwrap_or_default()
}

/// Neither side (the crate's own unit tests): the default.
#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn page_lang() -> Lang {
    Lang::default()
}

/// Every text of the translated pages, one field each. Texts that state a rule's number
/// (an item limit, the postpaid cutoff) are functions that format it from the rule's
/// constant, so no copy of a limit lives in any text.
pub struct Catalog {
    pub lang: Lang,
    // The frame of the public pages.
    pub app_name: &'static str,
    pub brand_public: &'static str,
    pub nav_label: &'static str,
    pub nav_guide: &'static str,
    pub nav_templates: &'static str,
    pub nav_faq: &'static str,
    pub nav_verify: &'static str,
    pub nav_console: &'static str,
    pub language_label: &'static str,
    pub footer: &'static str,
    // Landing page.
    pub landing_title: &'static str,
    pub landing_description: &'static str,
    pub landing_heading: &'static str,
    pub landing_lead: &'static str,
    pub landing_cta_console: &'static str,
    pub landing_cta_guide: &'static str,
    pub landing_features_label: &'static str,
    pub landing_features: fn(&Rules) -> Vec<(String, String)>,
    // Guide.
    pub guide_title: &'static str,
    pub guide_description: &'static str,
    pub guide_intro: &'static str,
    pub guide_diagram_title: &'static str,
    pub guide_diagram_caption: &'static str,
    pub guide_steps: &'static [(&'static str, &'static str)],
    pub guide_sections: fn(&Rules) -> Vec<(String, String)>,
    // Templates.
    pub templates_title: &'static str,
    pub templates_description: &'static str,
    pub templates_intro: &'static str,
    pub template_version: &'static str,
    pub template_view: &'static str,
    pub contract_type: fn(ContractType) -> &'static str,
    pub template_summary: fn(ContractType, &Rules) -> String,
    // FAQ.
    pub faq_title: &'static str,
    pub faq_description: &'static str,
    pub faq_items: fn(&Rules) -> Vec<(String, String)>,
    // Contract verification (/verify and its result).
    pub verify_title: &'static str,
    pub verify_description: &'static str,
    pub verify_intro: &'static str,
    pub verify_field_number: &'static str,
    pub verify_field_file: &'static str,
    pub verify_field_sha: &'static str,
    pub verify_submit: &'static str,
    pub verify_bad_number: &'static str,
    pub verify_no_document: &'static str,
    pub verify_bad_sha: &'static str,
    pub verify_too_large: fn(usize) -> String,
    pub verify_rate_limited: &'static str,
    pub verify_ca_link: &'static str,
    pub verify_result_title: &'static str,
    pub verdict: fn(domain::verification::HashVerdict) -> &'static str,
    pub field_kind: &'static str,
    pub party_a: &'static str,
    pub party_b: &'static str,
    pub effective_at: &'static str,
    pub expires_at: &'static str,
    pub signature_label: &'static str,
    /// The signature check's token (`valid`, `altered` …) as a sentence.
    pub signature_check: fn(domain::verification::SignatureVerdict) -> &'static str,
    pub hash_label: &'static str,
    /// The PAdES level a valid signature's file is at, and what it means for a holder.
    pub seal_level_label: &'static str,
    pub seal_level: fn(domain::verification::SealLevel) -> &'static str,
    /// The signature's time by a time-stamping authority's word, and that authority.
    pub trusted_time_label: &'static str,
    pub tsa_label: &'static str,
    /// Which revision of the signed document the file is: the label, and the value
    /// with `{n}` and `{of}` to fill in (on the verification page, a piece of its own).
    pub revision_label: &'static str,
    pub revision_of: &'static str,
    pub verify_again: &'static str,
    pub loading: &'static str,
    // Not found.
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,
}

/// The numbers the texts state, read from the rules themselves.
pub struct Rules {
    pub orders: usize,
    pub filings: usize,
    pub recharges: usize,
    /// The postpaid cutoff (R5), as the date both languages write: 2018-09-01.
    pub postpaid_cutoff: String,
}

impl Rules {
    pub fn current() -> Rules {
        let limit = |kind: ContractType| kind.item_limit().unwrap_or_default();
        Rules {
            orders: limit(ContractType::Order),
            filings: limit(ContractType::Filing),
            recharges: limit(ContractType::Recharge),
            postpaid_cutoff: domain::calendar::format_cst_date(
                domain::eligibility::POSTPAID_CUTOFF_MS,
            ),
        }
    }
}

#[cfg(test)]
mod tests;
