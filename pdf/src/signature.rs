//! The signature block: party A on the left, the provider on the right, each with
//! name, a signing line and a date. Formal documents put the provider's seal over the
//! provider's line and the customer's mark (drawn signature or enterprise seal) over
//! party A's. It is one [`Block::Keep`]: never split across pages.

use crate::fonts::Weight;
use crate::layout::blocks::Block;
use crate::layout::flow::{baseline, BODY};
use crate::layout::linebreak::break_lines;
use crate::layout::{sanitize, shape, text_width, Item, Metrics, Rgb, Rich, Source, BODY_WIDTH};
use crate::model::{ContractDocument, CustomerMark, DocumentMode};
use crate::seal::{ink, seal};
use crate::templates::labels;

const GAP: f32 = 24.0;
const NAME_LINES: usize = 3;
const LABEL_H: f32 = 22.0;
const SIGN_TOP: f32 = LABEL_H + NAME_LINES as f32 * 17.5 + 36.0;
const SEAL_RADIUS: f32 = 56.0;
/// Tall enough for the seal below the signing line.
pub const HEIGHT: f32 = SIGN_TOP + SEAL_RADIUS + 12.0;

pub(crate) fn block(metrics: &impl Metrics, doc: &ContractDocument) -> Block {
    let column = (BODY_WIDTH - GAP) / 2.0;
    let mut items = Vec::new();
    let (party_a_date, provider_date) = match &doc.mode {
        DocumentMode::Draft | DocumentMode::Sample => (None, None),
        DocumentMode::Formal(marks) => {
            // The customer's own signing is the SMS-confirmed event (R12), the only one
            // carrying a masked phone; without a customer mark the line stays blank for
            // offline stamping (R14).
            let customer = marks.customer_mark.as_ref().map(|_| {
                marks
                    .events
                    .iter()
                    .rev()
                    .find(|e| e.phone_masked.is_some())
                    .map_or(marks.effective_at_ms, |e| e.at_ms)
            });
            (customer, Some(marks.effective_at_ms))
        }
    };
    side(
        metrics,
        &mut items,
        0.0,
        column,
        labels::SIGN_PARTY_A,
        &doc.party_a.name,
        party_a_date,
    );
    side(
        metrics,
        &mut items,
        column + GAP,
        column,
        labels::SIGN_PROVIDER,
        &doc.provider.name,
        provider_date,
    );

    if let DocumentMode::Formal(marks) = &doc.mode {
        let line_y = SIGN_TOP + 17.0;
        let provider_cx = column + GAP + column * 0.68;
        items.extend(seal(
            metrics,
            &marks.provider_seal_text,
            labels::SEAL_CAPTION,
            provider_cx,
            line_y - 8.0,
            SEAL_RADIUS,
        ));
        match &marks.customer_mark {
            Some(CustomerMark::EnterpriseSeal { name }) => {
                items.extend(seal(
                    metrics,
                    name,
                    labels::SEAL_CAPTION,
                    column * 0.68,
                    line_y - 8.0,
                    SEAL_RADIUS,
                ));
            }
            Some(CustomerMark::Signature { strokes }) => {
                let (w, h) = (column * 0.62, 48.0);
                items.extend(ink(strokes, column * 0.3, line_y - h + 4.0, w, h));
            }
            None => {}
        }
    }
    Block::Keep {
        height: HEIGHT,
        items,
    }
}

/// One column: heading, name (at most three lines), signing line, date.
#[allow(clippy::too_many_arguments)]
fn side(
    metrics: &impl Metrics,
    items: &mut Vec<Item>,
    x: f32,
    width: f32,
    heading: &str,
    name: &str,
    date: Option<i64>,
) {
    let size = BODY.size;
    let text = |items: &mut Vec<Item>, rich: &Rich, weight, x, top| {
        let y = baseline(top, BODY.line_height, size);
        let source = Source::Rich(rich, 0);
        items.push(Item::Text(shape(
            metrics,
            rich.text.clone(),
            source,
            weight,
            size,
            x,
            y,
            Rgb::BLACK,
            None,
        )));
    };
    text(items, &heading.into(), Weight::Bold, x, 0.0);
    let name = sanitize(name, false);
    let ranges = break_lines(&name, width, width, |c| {
        metrics.advance(c, Weight::Regular) * size
    });
    for (i, range) in ranges.iter().take(NAME_LINES).enumerate() {
        let mut line = name[range.clone()].to_string();
        if i + 1 == NAME_LINES && ranges.len() > NAME_LINES {
            line.pop();
            line.push('…');
        }
        text(
            items,
            &Rich::data(&line, false),
            Weight::Regular,
            x,
            LABEL_H + i as f32 * BODY.line_height,
        );
    }
    let label_w = text_width(metrics, labels::SIGN_MARK, Weight::Regular, size);
    text(
        items,
        &labels::SIGN_MARK.into(),
        Weight::Regular,
        x,
        SIGN_TOP,
    );
    let line_y = SIGN_TOP + 17.0;
    items.push(Item::Line {
        x1: x + label_w,
        y1: line_y,
        x2: x + width,
        y2: line_y,
        color: Rgb::BLACK,
        width: 0.6,
    });
    let mut date_line = Rich::fixed(labels::SIGN_DATE);
    match date {
        Some(ms) => labels::push_date(&mut date_line, ms),
        None => {
            date_line.push_fixed(labels::SIGN_DATE_BLANK);
        }
    }
    text(items, &date_line, Weight::Regular, x, SIGN_TOP + 26.0);
}
