//! Every contract type, draft and formal (signed), checked with poppler: it parses,
//! its text is extractable, its font is embedded and subset, its pages are not blank.

mod common;
#[path = "common/tools.rs"]
mod tools;

use std::path::PathBuf;
use std::sync::OnceLock;

use domain::contract::ContractType;
use domain::money::chinese_capital;
use pdf::{ContractDocument, DocumentMode};
use tools::squash;

struct Sample {
    doc: ContractDocument,
    file: PathBuf,
    bytes: Vec<u8>,
}

/// All eight documents, rendered (and the formal ones signed) once per test binary.
fn samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let fonts = common::fonts();
        let dir = tools::temp_dir("documents");
        let (identity, _) =
            pdf::SigningIdentity::load_or_create(&dir.join("identity"), "示例云计算有限公司")
                .unwrap();
        let mut samples = Vec::new();
        for kind in ContractType::ALL {
            for formal in [false, true] {
                let doc = common::document(kind, formal);
                let mut bytes = pdf::render(&fonts, &doc).unwrap();
                if formal {
                    bytes = pdf::sign(&bytes, &identity, common::CREATED + 2_400_000).unwrap();
                }
                let file = dir.join(format!(
                    "{}-{}.pdf",
                    kind.as_str(),
                    if formal { "formal" } else { "draft" }
                ));
                std::fs::write(&file, &bytes).unwrap();
                samples.push(Sample { doc, file, bytes });
            }
        }
        samples
    })
}

fn name(s: &Sample) -> String {
    s.file.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_document_parses() {
    for s in samples() {
        let doc =
            lopdf::Document::load_mem(&s.bytes).unwrap_or_else(|e| panic!("{}: {e}", name(s)));
        assert!(!doc.get_pages().is_empty(), "{}", name(s));
        assert_eq!(
            doc.get_pages().len(),
            tools::page_count(&s.file),
            "{}",
            name(s)
        );
    }
}

#[test]
fn text_has_parties_items_and_total_in_capitals() {
    for s in samples() {
        let text = squash(&tools::pdftotext(&s.file, None));
        let doc = &s.doc;
        for needle in [
            &doc.party_a.name,
            &doc.provider.name,
            &doc.number,
            &doc.template_version,
        ] {
            assert!(
                text.contains(&squash(needle)),
                "{}: missing {needle}",
                name(s)
            );
        }
        for item in &doc.items {
            assert!(
                text.contains(&squash(&item.reference)),
                "{}: missing item {}",
                name(s),
                item.reference
            );
        }
        if doc.kind != ContractType::Framework {
            let capitals = format!("人民币{}", chinese_capital(doc.total_fen));
            assert!(text.contains(&capitals), "{}: missing {capitals}", name(s));
            assert!(
                text.contains(&domain::money::format_yuan(doc.total_fen)),
                "{}",
                name(s)
            );
        }
        // Clause text and punctuation survive extraction.
        assert!(text.contains("第一条"), "{}", name(s));
    }
}

#[test]
fn watermark_and_seals_are_outlines_not_text() {
    for s in samples() {
        let pages = tools::page_count(&s.file);
        // The evidence page of formal documents mentions drafts in its note.
        let body_pages = if matches!(s.doc.mode, DocumentMode::Formal(_)) {
            pages - 1
        } else {
            pages
        };
        for page in 1..=body_pages {
            let text = tools::pdftotext(&s.file, Some(page));
            assert!(!text.contains("草稿"), "{} page {page}", name(s));
            assert!(!text.contains("合同专用章"), "{} page {page}", name(s));
        }
    }
}

#[test]
fn every_page_carries_the_number_and_page_count() {
    for s in samples() {
        let pages = tools::page_count(&s.file);
        for page in 1..=pages {
            let text = squash(&tools::pdftotext(&s.file, Some(page)));
            assert!(text.contains(&s.doc.number), "{} page {page}", name(s));
            assert!(
                text.contains(&format!("第{page}页共{pages}页")),
                "{} page {page}: {text}",
                name(s)
            );
        }
    }
}

#[test]
fn formal_documents_end_with_the_evidence_page() {
    for s in samples()
        .iter()
        .filter(|s| matches!(s.doc.mode, DocumentMode::Formal(_)))
    {
        let last = tools::page_count(&s.file);
        let text = squash(&tools::pdftotext(&s.file, Some(last)));
        assert!(text.contains("电子签署证据页"), "{}", name(s));
        // Every label in both languages (tests/layout.rs: each fits its column).
        for label in [
            "合同编号 Contract No.",
            "模板版本 Template version",
            "生效时间 Effective at",
            "内容摘要 Content digest",
            "签署记录 Signing record",
            "Evidence of electronic signing",
            "upload the file on the contract verification page",
        ] {
            assert!(text.contains(&squash(label)), "{}: {label}", name(s));
        }
        assert!(
            text.contains(&pdf::content_digest(&s.doc)),
            "{}: digest",
            name(s)
        );
        assert!(
            text.contains("9133**********7X2K"),
            "{}: masked id",
            name(s)
        );
        let DocumentMode::Formal(marks) = &s.doc.mode else {
            unreachable!()
        };
        // Whose signatures the file carries: party A's too on the dual channel.
        assert_eq!(
            text.contains(&squash("both parties' PDF digital signatures")),
            marks.customer_signature,
            "{}: signature note",
            name(s)
        );
        for event in &marks.events {
            assert!(
                text.contains(&squash(&event.action)),
                "{}: event {}",
                name(s),
                event.action
            );
            if let Some(phone) = &event.phone_masked {
                assert!(text.contains(phone), "{}: phone", name(s));
            }
        }
        assert!(
            text.contains("2026-11-2310:40:00"),
            "{}: effective time in CST",
            name(s)
        );
    }
}

#[test]
fn font_is_embedded_and_subset() {
    for s in samples() {
        let out = tools::pdffonts(&s.file);
        let fonts: Vec<&str> = out
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(!fonts.is_empty(), "{}: no fonts\n{out}", name(s));
        for line in fonts {
            assert!(line.contains("NotoSansHans"), "{}: {line}", name(s));
            // Columns: name type encoding emb sub uni object ID.
            let cols: Vec<&str> = line.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                (cols[n - 5], cols[n - 4]),
                ("yes", "yes"),
                "{}: emb/sub in {line}",
                name(s)
            );
            assert!(
                cols[0].as_bytes()[6] == b'+',
                "{}: subset tag in {line}",
                name(s)
            );
        }
        assert!(
            s.bytes.len() < 400_000,
            "{}: {} bytes: the font is not subset",
            name(s),
            s.bytes.len()
        );
    }
}

#[test]
fn pages_are_not_blank_and_seals_only_on_formal_documents() {
    for s in samples() {
        let pages = tools::rasterize(&s.file, 30);
        assert_eq!(pages.len(), tools::page_count(&s.file));
        for (i, page) in pages.iter().enumerate() {
            assert!(page.width > 100 && page.height > 150);
            assert!(
                page.inked() > 300,
                "{} page {} looks blank ({} inked pixels)",
                name(s),
                i + 1,
                page.inked()
            );
        }
        let red: usize = pages.iter().map(|p| p.red()).sum();
        match s.doc.mode {
            DocumentMode::Draft | DocumentMode::Sample => {
                assert_eq!(red, 0, "{}: a draft carries no seal", name(s))
            }
            DocumentMode::Formal(_) => assert!(red > 100, "{}: the seal is missing", name(s)),
        }
    }
}

#[test]
fn drafts_are_watermarked_on_every_page() {
    // A draft's pages are its formal version's pages plus the grey diagonal 草稿: count
    // pixels that are white in the formal version and neutral grey in the draft.
    for pair in samples().chunks(2) {
        let (draft, formal) = (&pair[0], &pair[1]);
        assert!(
            matches!(draft.doc.mode, DocumentMode::Draft)
                && matches!(formal.doc.mode, DocumentMode::Formal(_))
        );
        let draft_pages = tools::rasterize(&draft.file, 30);
        let formal_pages = tools::rasterize(&formal.file, 30);
        for (i, (d, f)) in draft_pages.iter().zip(&formal_pages).enumerate() {
            let watermark = d
                .pixels()
                .zip(f.pixels())
                .filter(|&((r, g, b), (fr, fg, fb))| {
                    let white = fr > 245 && fg > 245 && fb > 245;
                    let grey = (150..240).contains(&r) && r.abs_diff(g) < 8 && g.abs_diff(b) < 8;
                    white && grey
                })
                .count();
            assert!(
                watermark > 400,
                "{} page {}: no watermark ({watermark} pixels)",
                name(draft),
                i + 1
            );
        }
    }
}

#[test]
fn a_template_sample_is_a_draft_watermarked_differently() {
    // The public template samples (/templates) must never pass for a contract: the same
    // text as the draft, no seal, and another watermark (样本, not 草稿) on every page.
    let fonts = common::fonts();
    let dir = tools::temp_dir("sample");
    let mut files = Vec::new();
    for mode in [DocumentMode::Draft, DocumentMode::Sample] {
        let mut doc = common::document(ContractType::Order, false);
        doc.mode = mode;
        let file = dir.join(format!("{:?}.pdf", doc.mode));
        std::fs::write(&file, pdf::render(&fonts, &doc).unwrap()).unwrap();
        files.push(file);
    }
    let (draft, sample) = (&files[0], &files[1]);
    assert_eq!(
        tools::pdftotext(draft, None),
        tools::pdftotext(sample, None)
    );
    let draft_pages = tools::rasterize(draft, 30);
    let sample_pages = tools::rasterize(sample, 30);
    assert_eq!(draft_pages.len(), sample_pages.len());
    for (i, (d, s)) in draft_pages.iter().zip(&sample_pages).enumerate() {
        assert_eq!(s.red(), 0, "page {}: a sample carries no seal", i + 1);
        let differing = d.pixels().zip(s.pixels()).filter(|(a, b)| a != b).count();
        assert!(
            differing > 400,
            "page {}: the watermark is the draft's ({differing} pixels differ)",
            i + 1
        );
    }
}

#[test]
fn a_renewal_says_its_year_runs_from_the_renewed_contracts_end() {
    // R25: the printed term must agree with the stored one (from the old contract's end,
    // not from the renewal's own signing), in China time.
    let fonts = common::fonts();
    let dir = tools::temp_dir("renewal");
    let mut doc = common::document(ContractType::Filing, false);
    let starts = domain::calendar::cst_midnight_ms(2028, 1, 1) + 7 * 3_600_000;
    doc.renews = Some(pdf::Renews {
        number: "QY-20261206-000042".into(),
        term_starts_at_ms: starts,
    });
    let file = dir.join("renewal.pdf");
    std::fs::write(&file, pdf::render(&fonts, &doc).unwrap()).unwrap();
    let text = squash(&tools::pdftotext(&file, None));
    assert!(
        text.contains("QY-20261206-000042的备案合同的续签合同"),
        "{text}"
    );
    assert!(
        text.contains("2028-01-0107:00（原合同期满之时）起计算"),
        "{text}"
    );
    let plain = squash(&tools::pdftotext(
        &samples()
            .iter()
            .find(|s| s.doc.kind == ContractType::Filing)
            .unwrap()
            .file,
        None,
    ));
    assert!(!plain.contains("续签合同"), "only a renewal says so");
}
