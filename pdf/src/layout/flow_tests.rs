//! The page flow's tests: breaks, orphans and widows, headings kept with their text.

use super::*;
use crate::layout::testing::Fixed;

fn para(chars: usize) -> Block {
    Block::Para {
        text: "字".repeat(chars).into(),
        indent: false,
    }
}

#[test]
fn paragraphs_flow_onto_new_pages() {
    // 40 chars per line at 10.5 pt in 453 pt; 39 lines per page.
    let pages = Flow::run(&Fixed, &[para(43 * 100)]);
    assert!(pages.len() >= 3);
    for page in &pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                assert!(run.y < BODY_BOTTOM && run.y > BODY_TOP);
            }
        }
    }
}

#[test]
fn keep_block_moves_whole_to_the_next_page() {
    let filler = para(43 * 36); // most of a page
    let keep = Block::Keep {
        height: 150.0,
        items: vec![
            Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: 10.0,
                y2: 0.0,
                color: Rgb::BLACK,
                width: 1.0,
            },
            Item::Line {
                x1: 0.0,
                y1: 149.0,
                x2: 10.0,
                y2: 149.0,
                color: Rgb::BLACK,
                width: 1.0,
            },
        ],
    };
    let pages = Flow::run(&Fixed, &[filler, keep]);
    assert_eq!(pages.len(), 2);
    let lines = |page: &Page| {
        page.items
            .iter()
            .filter(|i| matches!(i, Item::Line { .. }))
            .count()
    };
    assert_eq!(lines(&pages[0]), 0);
    assert_eq!(lines(&pages[1]), 2);
}

#[test]
fn headings_are_kept_with_their_text() {
    let mut blocks = vec![para(43 * 37)];
    blocks.push(Block::Heading("第二条".into()));
    blocks.push(para(100));
    let pages = Flow::run(&Fixed, &blocks);
    assert!(
        pages[1].texts().any(|t| t == "第二条"),
        "heading moved to page 2"
    );
    assert!(!pages[0].texts().any(|t| t == "第二条"));
}

#[test]
fn no_orphan_first_line() {
    let blocks = [para(43 * 38), Block::Spacer(0.0), para(43 * 5)];
    let pages = Flow::run(&Fixed, &blocks);
    let bottom_lines = pages[0].texts().count();
    let second = pages.get(1).map(|p| p.texts().count()).unwrap_or(0);
    assert!(
        second >= 2,
        "the second paragraph starts on page 2 with all of its lines"
    );
    assert!(bottom_lines > 0);
}
