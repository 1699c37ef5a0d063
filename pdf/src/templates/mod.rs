//! Contract templates: every piece of Chinese contract text the engine prints.
//!
//! Templates are versioned ("framework-2026.1"): a contract stores the version it was
//! created with (R10) and is always re-rendered with exactly that text. A wording
//! change is a new module and a new entry in [`ALL`]; old versions stay.
//! Fixed labels shared by all templates (party blocks, signature block, evidence page,
//! header and footer) are in [`labels`].

mod filing_2026_1;
mod framework_2026_1;
pub mod labels;
mod order_2026_1;
mod recharge_2026_1;

use domain::contract::ContractType;

use crate::error::PdfError;
use crate::layout::blocks::Align;

/// One versioned contract text.
#[derive(Debug)]
pub struct Template {
    pub version: &'static str,
    pub kind: ContractType,
    pub title: &'static str,
    /// Paragraphs after the party blocks, before the clauses.
    pub preamble: &'static [&'static str],
    /// Numbered clauses (第一条 …); paragraphs are numbered 1.1, 1.2 … by the composer.
    pub clauses: &'static [Clause],
    /// The item table (orders, filings, recharge records). Framework contracts carry
    /// no items; their annex table is printed only when items are given.
    pub items: ItemsSpec,
    /// Paragraphs after the item table and totals.
    pub closing: &'static [&'static str],
}

#[derive(Debug)]
pub struct Clause {
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
}

#[derive(Debug)]
pub struct ItemsSpec {
    pub heading: &'static str,
    pub intro: &'static str,
    pub columns: &'static [ColumnSpec],
    /// Print the totals (in figures and capitals) even without items.
    pub always_show_total: bool,
}

#[derive(Debug)]
pub struct ColumnSpec {
    pub header: &'static str,
    pub share: f32,
    pub field: Field,
    pub align: Align,
}

/// Which value of an item row a column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 1, 2, 3 …
    Index,
    Reference,
    Description,
    Detail,
    Amount,
    /// CST date.
    Date,
    /// CST date and time to the minute.
    DateTime,
}

/// Every template version ever issued, newest last per type.
pub static ALL: &[&Template] = &[
    &framework_2026_1::TEMPLATE,
    &order_2026_1::TEMPLATE,
    &filing_2026_1::TEMPLATE,
    &recharge_2026_1::TEMPLATE,
];

/// The version new contracts of `kind` are created with.
pub fn current_version(kind: ContractType) -> &'static str {
    ALL.iter()
        .rev()
        .find(|t| t.kind == kind)
        .map(|t| t.version)
        .unwrap_or("")
}

/// The template of a stored version.
pub fn find(version: &str) -> Option<&'static Template> {
    ALL.iter().copied().find(|t| t.version == version)
}

/// The template a document names, checked against its type.
pub fn for_document(version: &str, kind: ContractType) -> Result<&'static Template, PdfError> {
    let template = find(version).ok_or_else(|| PdfError::UnknownTemplate(version.to_string()))?;
    if template.kind != kind {
        return Err(PdfError::TemplateKindMismatch {
            version: version.to_string(),
            kind: kind.as_str(),
        });
    }
    Ok(template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_current_template() {
        for kind in ContractType::ALL {
            let version = current_version(kind);
            assert!(version.starts_with(kind.as_str()), "{version}");
            assert_eq!(for_document(version, kind).unwrap().kind, kind);
        }
    }

    #[test]
    fn versions_are_unique_and_mismatches_refused() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.version, b.version);
            }
        }
        assert!(matches!(
            for_document("nope-1", ContractType::Order),
            Err(PdfError::UnknownTemplate(_))
        ));
        assert!(matches!(
            for_document(current_version(ContractType::Order), ContractType::Filing),
            Err(PdfError::TemplateKindMismatch { .. })
        ));
    }
}
