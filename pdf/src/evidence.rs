//! The evidence page of formal documents (电子签署证据页): what was signed, by whom,
//! when, and the content digest a reader can check.

use domain::money::{chinese_capital, format_yuan};

use crate::compose::value;
use crate::layout::blocks::{Align, Block};
use crate::layout::blocks::{Column, Table};
use crate::layout::Rich;
use crate::model::{ContractDocument, FormalMarks, Party};
use crate::templates::{labels, Template};

pub(crate) fn blocks(
    doc: &ContractDocument,
    template: &Template,
    marks: &FormalMarks,
    digest: &str,
) -> Vec<Block> {
    let field = |label: &str, value: Rich| Block::Field {
        label: label.into(),
        value,
        label_em: labels::EVIDENCE_LABEL_EM,
    };
    let party = |p: &Party| {
        let mut r = value(&p.name, false);
        if let Some(id) = p.id_masked.as_deref().filter(|id| !id.trim().is_empty()) {
            r.push_fixed("（").push_data(id, false).push_fixed("）");
        }
        r
    };
    let mut kind = Rich::fixed(doc.kind.label());
    kind.push_fixed("（")
        .push_fixed(template.title)
        .push_fixed("）");
    let mut blocks = vec![
        Block::PageBreak,
        Block::Title(labels::EVIDENCE_TITLE.into()),
        Block::Subtitle(labels::EVIDENCE_SUBTITLE.into()),
        Block::Subtitle(labels::EVIDENCE_SUBTITLE_EN.into()),
        Block::Heading(labels::EVIDENCE_CONTRACT.into()),
        field(labels::EVIDENCE_NUMBER, value(&doc.number, false)),
        field(labels::EVIDENCE_TYPE, kind),
        field(
            labels::EVIDENCE_VERSION,
            value(&doc.template_version, false),
        ),
        field(labels::EVIDENCE_PARTY_A, party(&doc.party_a)),
        field(labels::EVIDENCE_PROVIDER, party(&doc.provider)),
    ];
    if !doc.items.is_empty() || template.items.always_show_total {
        let mut amount = labels::total_figures(&format_yuan(doc.total_fen));
        let capitals = labels::total_capitals(&chinese_capital(doc.total_fen));
        amount.push_fixed("（");
        append(&mut amount, &capitals);
        amount.push_fixed("）");
        blocks.push(field(labels::EVIDENCE_AMOUNT, amount));
    }
    blocks.push(field(
        labels::EVIDENCE_EFFECTIVE,
        Rich::data(&labels::date_time(marks.effective_at_ms), false),
    ));
    blocks.push(Block::Heading(labels::EVIDENCE_DIGEST.into()));
    blocks.push(field(labels::EVIDENCE_ALGORITHM, "SHA-256".into()));
    // On a line of its own: 64 hex digits fit the body width, not the value column.
    blocks.push(field(labels::EVIDENCE_DIGEST_VALUE, Rich::default()));
    blocks.push(Block::Para {
        text: Rich::data(digest, false),
        indent: false,
    });
    blocks.push(Block::Note(labels::EVIDENCE_DIGEST_NOTE.into()));
    blocks.push(Block::Note(labels::EVIDENCE_DIGEST_NOTE_EN.into()));
    blocks.push(Block::Heading(labels::EVIDENCE_EVENTS.into()));
    if marks.events.is_empty() {
        blocks.push(Block::Para {
            text: labels::EVIDENCE_NO_EVENTS.into(),
            indent: false,
        });
    } else {
        let [n, time, actor, action, phone] = labels::EVIDENCE_EVENT_COLUMNS;
        let column = |header: &str, share, align| Column {
            header: header.to_string(),
            share,
            align,
        };
        let columns = vec![
            column(n, 0.6, Align::Center),
            column(time, 2.3, Align::Center),
            column(actor, 2.6, Align::Left),
            column(action, 2.2, Align::Left),
            column(phone, 1.6, Align::Center),
        ];
        let rows = marks
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                vec![
                    (i + 1).to_string(),
                    labels::date_time(e.at_ms),
                    e.actor.clone(),
                    e.action.clone(),
                    e.phone_masked
                        .clone()
                        .unwrap_or_else(|| labels::EMPTY.to_string()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
    }
    // Dual channel: party A signs too, with a signature of its own before party B's.
    let [note, note_en] = if marks.customer_signature {
        [
            labels::EVIDENCE_BOTH_SIGNATURES_NOTE,
            labels::EVIDENCE_BOTH_SIGNATURES_NOTE_EN,
        ]
    } else {
        [
            labels::EVIDENCE_SIGNATURE_NOTE,
            labels::EVIDENCE_SIGNATURE_NOTE_EN,
        ]
    };
    blocks.push(Block::Note(note.into()));
    blocks.push(Block::Note(note_en.into()));
    blocks
}

/// Appends `other` to `rich`, keeping which parts are data.
fn append(rich: &mut Rich, other: &Rich) {
    let mut start = 0;
    let mut data = false;
    for (at, _) in other.text.char_indices().chain([(other.text.len(), ' ')]) {
        let here = at < other.text.len() && other.is_data(at);
        if at == other.text.len() || here != data {
            let part = &other.text[start..at];
            if data {
                rich.push_data(part, false);
            } else {
                rich.push_fixed(part);
            }
            start = at;
            data = here;
        }
    }
}
