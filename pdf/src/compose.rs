//! From a [`ContractDocument`] and its template to layout blocks: the contract body
//! (also the input of the content digest), then the signature block and, for formal
//! documents, the evidence page. Template wording is `Rich::fixed`, contract values
//! are `Rich::data` (sanitised, drawn with the data font embedding).

use domain::money::{chinese_capital, format_yuan};

use crate::layout::blocks::Block;
use crate::layout::blocks::{Column, Table};
use crate::layout::Rich;
use crate::model::{ContractDocument, ItemRow, Party};
use crate::templates::{labels, Field, Template};

/// The body: title through the closing paragraphs, everything before the signature block.
pub(crate) fn body(doc: &ContractDocument, template: &Template) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(64 + doc.items.len());
    blocks.push(Block::Title(template.title.into()));
    blocks.push(Block::Subtitle(labels::subtitle(
        &doc.number,
        &doc.template_version,
        doc.created_at_ms,
    )));

    party(&mut blocks, labels::PARTY_A_HEADING, &doc.party_a);
    party(&mut blocks, labels::PROVIDER_HEADING, &doc.provider);
    blocks.push(Block::Spacer(6.0));

    for text in template.preamble {
        blocks.push(Block::Para {
            text: (*text).into(),
            indent: true,
        });
    }
    if let Some(renews) = &doc.renews {
        blocks.push(Block::Para {
            text: labels::renewal(&renews.number, renews.term_starts_at_ms),
            indent: true,
        });
    }
    for (i, clause) in template.clauses.iter().enumerate() {
        blocks.push(Block::Heading(
            labels::clause_heading(i + 1, clause.heading).into(),
        ));
        for (j, text) in clause.paragraphs.iter().enumerate() {
            blocks.push(Block::Para {
                text: labels::clause_paragraph(i + 1, j + 1, text).into(),
                indent: true,
            });
        }
    }

    let spec = &template.items;
    if !doc.items.is_empty() {
        blocks.push(Block::Heading(spec.heading.into()));
        blocks.push(Block::Para {
            text: spec.intro.into(),
            indent: true,
        });
        let columns = spec
            .columns
            .iter()
            .map(|c| Column {
                header: c.header.to_string(),
                share: c.share,
                align: c.align,
            })
            .collect();
        let rows = doc
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                spec.columns
                    .iter()
                    .map(|c| cell(c.field, i, item))
                    .collect()
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
        blocks.push(Block::field(
            labels::ITEM_COUNT,
            labels::item_count(doc.items.len(), doc.kind.item_unit()),
        ));
    }
    if !doc.items.is_empty() || spec.always_show_total {
        blocks.push(Block::field(
            labels::TOTAL_FIGURES,
            labels::total_figures(&format_yuan(doc.total_fen)),
        ));
        blocks.push(Block::field(
            labels::TOTAL_CAPITALS,
            labels::total_capitals(&chinese_capital(doc.total_fen)),
        ));
        blocks.push(Block::Spacer(4.0));
    }
    for text in template.closing {
        blocks.push(Block::Para {
            text: (*text).into(),
            indent: true,
        });
    }
    blocks
}

/// A value, or "—" when empty.
pub(crate) fn value(text: &str, multiline: bool) -> Rich {
    let rich = Rich::data(text, multiline);
    if rich.text.is_empty() {
        Rich::fixed(labels::EMPTY)
    } else {
        rich
    }
}

fn party(blocks: &mut Vec<Block>, heading: &str, party: &Party) {
    blocks.push(Block::Heading(heading.into()));
    let mut field = |label: &str, text: &str| {
        blocks.push(Block::field(label, value(text, true)));
    };
    field(labels::NAME, &party.name);
    if let Some(id) = &party.id_masked {
        field(labels::ID_NUMBER, id);
    }
    field(labels::ADDRESS, &party.address);
    field(labels::CONTACT, &party.contact);
    field(labels::PHONE, &party.phone);
    field(labels::EMAIL, &party.email);
    field(labels::POSTCODE, &party.postcode);
}

/// Table cells are contract data (sanitised by the table layout).
fn cell(field: Field, index: usize, item: &ItemRow) -> String {
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            labels::EMPTY.to_string()
        } else {
            s.to_string()
        }
    };
    match field {
        Field::Index => (index + 1).to_string(),
        Field::Reference => or_dash(&item.reference),
        Field::Description => or_dash(&item.description),
        Field::Detail => or_dash(&item.detail),
        Field::Amount => item
            .amount_fen
            .map(format_yuan)
            .unwrap_or_else(|| labels::EMPTY.to_string()),
        Field::Date => labels::short_date(item.date_ms),
        Field::DateTime => labels::date_minute(item.date_ms),
    }
}
