//! What every page carries besides the flow: the running header (title and contract
//! number), the footer (第 N 页 共 M 页) and, for drafts, the diagonal watermark.

use super::flow::baseline;
use super::{
    shape, text_width, Item, Metrics, Page, Rgb, Rich, Source, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH,
};
use crate::fonts::Weight;

pub struct Chrome<'a> {
    pub header_left: Rich,
    pub header_right: Rich,
    /// Footer text for page `n` of `m` (1-based).
    pub footer: &'a dyn Fn(usize, usize) -> Rich,
    /// Diagonal watermark text, drawn as outlines (not extractable) on every page.
    pub watermark: Option<&'a str>,
}

const SIZE: f32 = 8.5;
const HEADER_TOP: f32 = 40.0;
const FOOTER_TOP: f32 = PAGE_HEIGHT - 48.0;
const WATERMARK_SIZE: f32 = 130.0;

pub fn decorate(pages: &mut [Page], metrics: &impl Metrics, chrome: &Chrome) {
    let total = pages.len();
    let right_edge = PAGE_WIDTH - MARGIN_X;
    let y = baseline(HEADER_TOP, 14.0, SIZE);
    for (index, page) in pages.iter_mut().enumerate() {
        let mut items = Vec::with_capacity(6);
        let left = &chrome.header_left;
        items.push(Item::Text(shape(
            metrics,
            left.text.clone(),
            Source::Rich(left, 0),
            Weight::Regular,
            SIZE,
            MARGIN_X,
            y,
            Rgb::GREY,
            None,
        )));
        let right = &chrome.header_right;
        let x = right_edge - text_width(metrics, &right.text, Weight::Regular, SIZE);
        items.push(Item::Text(shape(
            metrics,
            right.text.clone(),
            Source::Rich(right, 0),
            Weight::Regular,
            SIZE,
            x,
            y,
            Rgb::GREY,
            None,
        )));
        items.push(Item::Line {
            x1: MARGIN_X,
            y1: HEADER_TOP + 18.0,
            x2: right_edge,
            y2: HEADER_TOP + 18.0,
            color: Rgb::RULE,
            width: 0.5,
        });
        let footer = (chrome.footer)(index + 1, total);
        let x = (PAGE_WIDTH - text_width(metrics, &footer.text, Weight::Regular, SIZE)) / 2.0;
        let fy = baseline(FOOTER_TOP, 14.0, SIZE);
        items.push(Item::Text(shape(
            metrics,
            footer.text.clone(),
            Source::Rich(&footer, 0),
            Weight::Regular,
            SIZE,
            x,
            fy,
            Rgb::GREY,
            None,
        )));
        if let Some(mark) = chrome.watermark {
            items.push(watermark(metrics, mark));
        }
        // Header and footer first (under the body); the watermark last (over it, faint).
        let body = std::mem::take(&mut page.items);
        let mark = if chrome.watermark.is_some() {
            items.pop()
        } else {
            None
        };
        page.items = items;
        page.items.extend(body);
        page.items.extend(mark);
    }
}

/// The text rotated 45° (rising to the right) about the page centre.
fn watermark(metrics: &impl Metrics, text: &str) -> Item {
    let width = text_width(metrics, text, Weight::Bold, WATERMARK_SIZE);
    let mut run = shape(
        metrics,
        text.to_string(),
        Source::Fixed,
        Weight::Bold,
        WATERMARK_SIZE,
        -width / 2.0,
        0.38 * WATERMARK_SIZE,
        Rgb::WATERMARK,
        None,
    );
    let (s, c) = (-std::f32::consts::FRAC_PI_4).sin_cos();
    run.transform = Some([c, s, -s, c, PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0]);
    run.outlined = true;
    run.opacity = 0.35;
    Item::Text(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testing::Fixed;

    #[test]
    fn every_page_gets_header_footer_and_watermark() {
        let mut pages = vec![Page::default(), Page::default(), Page::default()];
        let footer = |n: usize, m: usize| Rich::from(format!("第 {n} 页 共 {m} 页"));
        let chrome = Chrome {
            header_left: "框架协议".into(),
            header_right: "合同编号：QY-1".into(),
            footer: &footer,
            watermark: Some("草稿"),
        };
        decorate(&mut pages, &Fixed, &chrome);
        for (i, page) in pages.iter().enumerate() {
            let texts: Vec<&str> = page.texts().collect();
            assert!(texts.contains(&"合同编号：QY-1"));
            assert!(texts.contains(&format!("第 {} 页 共 3 页", i + 1).as_str()));
            let marks = page
                .items
                .iter()
                .filter(|i| matches!(i, Item::Text(r) if r.outlined && r.text == "草稿"))
                .count();
            assert_eq!(marks, 1);
        }
    }
}
