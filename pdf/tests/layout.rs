//! Layout with the real fonts: pagination of long tables, the signature block kept
//! together, hostile user text, determinism and the content digest.

mod common;

use domain::contract::ContractType;
use pdf::layout::{Item, Page, PAGE_WIDTH};
use pdf::templates::labels;
use pdf::{ContractDocument, DocumentMode, PdfError};

fn header_count(page: &Page, header: &str) -> usize {
    page.texts().filter(|t| *t == header).count()
}

#[test]
fn long_tables_repeat_their_header_on_every_page() {
    let fonts = common::fonts();
    for rows in [30, 120] {
        let mut doc = common::document(ContractType::Order, false);
        doc.items = common::order_items(rows);
        let pages = pdf::layout_pages(&fonts, &doc).unwrap();
        let with_rows: Vec<&Page> = pages
            .iter()
            .filter(|p| p.texts().any(|t| t.starts_with("ORD-")))
            .collect();
        assert!(
            with_rows.len() >= if rows == 30 { 2 } else { 4 },
            "{rows} rows on {} pages",
            with_rows.len()
        );
        for page in &with_rows {
            assert_eq!(
                header_count(page, "订单号"),
                1,
                "{rows} rows: header on every page"
            );
        }
        let seen: usize = pages
            .iter()
            .map(|p| p.texts().filter(|t| t.starts_with("ORD-")).count())
            .sum();
        assert_eq!(seen, rows, "every row once");
    }
}

/// Whatever precedes it, the signature block is on one page.
#[test]
fn the_signature_block_is_never_split() {
    let fonts = common::fonts();
    for rows in 0..=30 {
        let mut doc = common::document(ContractType::Order, true);
        doc.items = common::order_items(rows);
        let pages = pdf::layout_pages(&fonts, &doc).unwrap();
        let page_of = |text: &str| -> Vec<usize> {
            pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.texts().any(|t| t.starts_with(text)))
                .map(|(i, _)| i)
                .collect()
        };
        let heading = page_of(labels::SIGN_PARTY_A);
        let dates = page_of(labels::SIGN_DATE);
        assert_eq!(heading.len(), 1, "{rows} rows");
        assert_eq!(
            dates,
            vec![heading[0]],
            "{rows} rows: heading and dates on one page"
        );
        // The seal is on that page too (red paths).
        let page = &pages[heading[0]];
        assert!(page.items.iter().any(
            |i| matches!(i, Item::Path { fill: Some(c), .. } if *c == pdf::layout::Rgb::SEAL_RED)
        ));
    }
}

fn hostile() -> ContractDocument {
    let mut doc = common::document(ContractType::Filing, true);
    let long = "超长的公司名称".repeat(60);
    doc.party_a.name =
        format!("{long}\u{0}\u{7}\t\r\n<script>alert(1)</script> %PDF-1.7 ) ( \\ 😀");
    doc.party_a.address = "x".repeat(2000);
    doc.party_a.email = format!("{}@example.com", "a".repeat(300));
    doc.provider.name = "（（（（（（（（（（".repeat(30);
    doc.items = (0..150)
        .map(|i| pdf::ItemRow {
            reference: format!("京ICP备{:08}号-{}", i, "9".repeat(i % 40)),
            description: "很长的网站名称".repeat(i % 30) + "。，、；：",
            detail: "\n\n\n".into(),
            amount_fen: Some(if i % 2 == 0 { i64::MAX } else { i64::MIN }),
            date_ms: if i % 2 == 0 { i64::MAX } else { i64::MIN },
        })
        .collect();
    doc.total_fen = i64::MIN;
    doc.created_at_ms = i64::MIN;
    doc.renews = Some(pdf::Renews {
        number: format!("{long}\u{0}<b>)"),
        term_starts_at_ms: i64::MIN,
    });
    if let DocumentMode::Formal(marks) = &mut doc.mode {
        marks.effective_at_ms = i64::MAX;
        marks.provider_seal_text = "印".repeat(500);
        marks.customer_mark = Some(pdf::CustomerMark::Signature {
            strokes: vec![
                vec![(f32::NAN, f32::INFINITY), (-5.0, 7.0)],
                vec![],
                vec![(0.5, 0.5); 5000],
            ],
        });
        marks.events = (0..80)
            .map(|i| pdf::SigningEvent {
                at_ms: i,
                actor: "人".repeat(i as usize * 3),
                action: "动作".into(),
                phone_masked: None,
            })
            .collect();
    }
    doc
}

#[test]
fn hostile_text_wraps_inside_the_page_and_never_panics() {
    let fonts = common::fonts();
    let doc = hostile();
    let bytes = pdf::render(&fonts, &doc).unwrap();
    assert!(lopdf::Document::load_mem(&bytes).is_ok());
    let pages = pdf::layout_pages(&fonts, &doc).unwrap();
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(run) = item {
                if run.transform.is_none() {
                    let right = run.x + run.width();
                    assert!(
                        run.x >= 0.0 && right <= PAGE_WIDTH - 60.0,
                        "page {n}: {:?} runs to {right}",
                        run.text
                    );
                    assert!(
                        run.y > 0.0 && run.y < pdf::layout::PAGE_HEIGHT,
                        "page {n}: y {}",
                        run.y
                    );
                }
            }
        }
    }
    // The text is drawn as given (control characters become spaces), never interpreted.
    let all: String = pages
        .iter()
        .flat_map(|p| p.texts().map(str::to_string))
        .collect();
    assert!(all.contains("<script>alert(1)</script>"));
    assert!(all.contains("%PDF-1.7"));
    assert!(!all.contains('\u{0}'));
    // A draft of it, too.
    let mut draft = doc.clone();
    draft.mode = DocumentMode::Draft;
    pdf::render(&fonts, &draft).unwrap();
}

#[test]
fn empty_values_render() {
    let fonts = common::fonts();
    for kind in ContractType::ALL {
        let mut doc = common::document(kind, true);
        doc.party_a = pdf::Party::default();
        doc.provider = pdf::Party::default();
        doc.number.clear();
        if let DocumentMode::Formal(marks) = &mut doc.mode {
            marks.provider_seal_text.clear();
            marks.events.clear();
            marks.customer_mark = Some(pdf::CustomerMark::EnterpriseSeal {
                name: String::new(),
            });
        }
        pdf::render(&fonts, &doc).unwrap();
    }
}

#[test]
fn rendering_is_deterministic() {
    let fonts = common::fonts();
    for kind in ContractType::ALL {
        for formal in [false, true] {
            let doc = common::document(kind, formal);
            assert_eq!(
                pdf::render(&fonts, &doc).unwrap(),
                pdf::render(&fonts, &doc).unwrap(),
                "{kind:?} {formal}"
            );
        }
    }
}

#[test]
fn content_digest_covers_the_body_only() {
    let draft = common::document(ContractType::Order, false);
    let formal = common::document(ContractType::Order, true);
    let digest = pdf::content_digest(&draft);
    assert_eq!(digest.len(), 64);
    assert!(digest
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(
        digest,
        pdf::content_digest(&formal),
        "draft and formal share the digest"
    );
    let mut changed = draft.clone();
    changed.items[3].amount_fen = Some(1);
    assert_ne!(pdf::content_digest(&changed), digest);
    let mut renamed = draft.clone();
    renamed.party_a.address.push('号');
    assert_ne!(pdf::content_digest(&renamed), digest);
    let mut unknown = draft.clone();
    unknown.template_version = "order-1999.1".into();
    assert_ne!(pdf::content_digest(&unknown), digest);
    assert_eq!(
        pdf::sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn unknown_or_mismatched_templates_are_refused() {
    let fonts = common::fonts();
    let mut doc = common::document(ContractType::Order, false);
    doc.template_version = "order-1999.1".into();
    assert!(matches!(
        pdf::render(&fonts, &doc),
        Err(PdfError::UnknownTemplate(_))
    ));
    doc.template_version = pdf::templates::current_version(ContractType::Filing).into();
    assert!(matches!(
        pdf::render(&fonts, &doc),
        Err(PdfError::TemplateKindMismatch { .. })
    ));
}

#[test]
fn missing_fonts_are_a_typed_error() {
    let err = pdf::Fonts::load(std::path::Path::new("/nonexistent")).unwrap_err();
    assert!(matches!(err, PdfError::FontMissing { .. }), "{err}");
}

#[test]
fn the_framework_agreement_is_about_six_pages() {
    let fonts = common::fonts();
    let pages =
        pdf::layout_pages(&fonts, &common::document(ContractType::Framework, false)).unwrap();
    assert!((5..=7).contains(&pages.len()), "{} pages", pages.len());
}

/// The template embedding draws the same glyphs in the same first-use order whatever
/// the contract data: that is what lets krilla reuse its subset across documents.
#[test]
fn template_text_uses_glyphs_in_the_same_order_for_every_customer() {
    let fonts = common::fonts();
    let order = |doc: &ContractDocument| -> Vec<(bool, u16)> {
        let mut seen = std::collections::HashSet::new();
        let mut order = Vec::new();
        for page in pdf::layout_pages(&fonts, doc).unwrap() {
            for item in &page.items {
                if let Item::Text(run) = item {
                    if run.outlined {
                        continue;
                    }
                    let bold = run.weight == pdf::FontWeight::Bold;
                    for g in run.glyphs.iter().filter(|g| !g.data) {
                        if seen.insert((bold, g.id)) {
                            order.push((bold, g.id));
                        }
                    }
                }
            }
        }
        order
    };
    let first = order(&common::bench_document(0));
    for n in [1, 5, 77] {
        assert_eq!(order(&common::bench_document(n)), first, "customer {n}");
    }
    let mut fewer = common::bench_document(3);
    fewer.items.truncate(2);
    assert_eq!(order(&fewer), first, "item count does not matter");
}

/// The evidence page prints the 64-character digest on one line, whatever its digits.
#[test]
fn any_digest_fits_on_one_line() {
    use pdf::layout::Metrics;
    let fonts = common::fonts();
    let widest = "0123456789abcdef"
        .chars()
        .map(|c| fonts.advance(c, pdf::FontWeight::Regular))
        .fold(0.0f32, f32::max);
    let value_width = pdf::layout::BODY_WIDTH;
    assert!(
        64.0 * widest * 10.5 <= value_width,
        "{} > {value_width}",
        64.0 * widest * 10.5
    );
}

/// The evidence page's bilingual labels each fit the label column on one line, so no
/// label runs into its value.
#[test]
fn evidence_labels_fit_their_column() {
    let fonts = common::fonts();
    let doc = common::document(ContractType::Order, true);
    let pages = pdf::layout_pages(&fonts, &doc).unwrap();
    let column_end = pdf::layout::MARGIN_X + labels::EVIDENCE_LABEL_EM * 10.5;
    for label in [
        labels::EVIDENCE_NUMBER,
        labels::EVIDENCE_TYPE,
        labels::EVIDENCE_VERSION,
        labels::EVIDENCE_PARTY_A,
        labels::EVIDENCE_PROVIDER,
        labels::EVIDENCE_AMOUNT,
        labels::EVIDENCE_EFFECTIVE,
        labels::EVIDENCE_ALGORITHM,
        labels::EVIDENCE_DIGEST_VALUE,
    ] {
        let run = pages
            .iter()
            .flat_map(|page| &page.items)
            .find_map(|item| match item {
                Item::Text(run) if run.text == label => Some(run),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{label} is on the evidence page, whole"));
        assert!(
            run.x + run.width() <= column_end,
            "{label}: ends at {} > {column_end}",
            run.x + run.width()
        );
    }
}
