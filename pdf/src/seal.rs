//! Round red seals drawn as vector graphics: a ring, the owner's name along the upper
//! arc (each character upright towards the rim), a five-pointed star in the centre
//! and the caption ("合同专用章") below it. The lettering is outlined, not text, so it
//! never mixes into the extracted contract text.

use std::f32::consts::{PI, TAU};

use crate::fonts::Weight;
use crate::layout::{sanitize, shape, Item, Metrics, PathCmd, Rgb, Source};

const OPACITY: f32 = 0.88;
/// The most characters the arc holds; longer names are cut with "…".
const MAX_CHARS: usize = 40;

/// The seal centred at (cx, cy) with outer radius `r`.
pub fn seal(
    metrics: &impl Metrics,
    name: &str,
    caption: &str,
    cx: f32,
    cy: f32,
    r: f32,
) -> Vec<Item> {
    let mut items = Vec::with_capacity(MAX_CHARS + 4);
    let ring = r * 0.045;
    items.push(Item::Path {
        cmds: circle(cx, cy, r - ring / 2.0),
        fill: None,
        stroke: Some((Rgb::SEAL_RED, ring)),
        opacity: OPACITY,
    });
    items.push(Item::Path {
        cmds: star(cx, cy, r * 0.27),
        fill: Some(Rgb::SEAL_RED),
        stroke: None,
        opacity: OPACITY,
    });

    // Name on the arc.
    let mut chars: Vec<char> = sanitize(name, false)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if chars.len() > MAX_CHARS {
        chars.truncate(MAX_CHARS - 1);
        chars.push('…');
    }
    if !chars.is_empty() {
        let n = chars.len() as f32;
        let text_radius = r * 0.72;
        let max_span = 250f32.to_radians();
        let mut size = (r * 0.23).min(max_span * text_radius / (n * 1.12));
        size = size.max(r * 0.06);
        // Spread short names over at least 180°, never more than 250°.
        let step = (size * 1.12 / text_radius).max(PI / n).min(max_span / n);
        let start = -step * (n - 1.0) / 2.0;
        for (i, ch) in chars.iter().enumerate() {
            let angle = start + step * i as f32;
            let (s, c) = angle.sin_cos();
            let (px, py) = (cx + text_radius * s, cy - text_radius * c);
            let glyph = ch.to_string();
            let advance = metrics.advance(*ch, Weight::Bold) * size;
            // Local frame: the glyph's em box centred on the origin, top towards the rim.
            let mut run = shape(
                metrics,
                glyph,
                Source::Fixed,
                Weight::Bold,
                size,
                -advance / 2.0,
                0.38 * size,
                Rgb::SEAL_RED,
                None,
            );
            run.transform = Some([c, s, -s, c, px, py]);
            run.outlined = true;
            run.opacity = OPACITY;
            items.push(Item::Text(run));
        }
    }

    // Caption under the star.
    let caption = sanitize(caption, false);
    if !caption.is_empty() {
        let size = r * 0.15;
        let width: f32 = caption
            .chars()
            .map(|c| metrics.advance(c, Weight::Bold))
            .sum::<f32>()
            * size;
        let mut run = shape(
            metrics,
            caption,
            Source::Fixed,
            Weight::Bold,
            size,
            cx - width / 2.0,
            cy + r * 0.58,
            Rgb::SEAL_RED,
            None,
        );
        run.outlined = true;
        run.opacity = OPACITY;
        items.push(Item::Text(run));
    }
    items
}

/// A circle from four cubic Béziers.
pub fn circle(cx: f32, cy: f32, r: f32) -> Vec<PathCmd> {
    let k = 0.552_284_8 * r;
    vec![
        PathCmd::Move(cx + r, cy),
        PathCmd::Cubic(cx + r, cy + k, cx + k, cy + r, cx, cy + r),
        PathCmd::Cubic(cx - k, cy + r, cx - r, cy + k, cx - r, cy),
        PathCmd::Cubic(cx - r, cy - k, cx - k, cy - r, cx, cy - r),
        PathCmd::Cubic(cx + k, cy - r, cx + r, cy - k, cx + r, cy),
        PathCmd::Close,
    ]
}

/// A five-pointed star with one point up.
pub fn star(cx: f32, cy: f32, r: f32) -> Vec<PathCmd> {
    let inner = r * 0.382;
    let mut cmds = Vec::with_capacity(11);
    for i in 0..10 {
        let radius = if i % 2 == 0 { r } else { inner };
        let angle = -PI / 2.0 + i as f32 * TAU / 10.0;
        let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
        cmds.push(if i == 0 {
            PathCmd::Move(x, y)
        } else {
            PathCmd::Line(x, y)
        });
    }
    cmds.push(PathCmd::Close);
    cmds
}

/// A drawn signature: strokes of normalised points (0..1, origin top left) scaled into
/// the box. Non-finite points are dropped and the rest clamped to the box.
pub fn ink(strokes: &[Vec<(f32, f32)>], x: f32, y: f32, w: f32, h: f32) -> Vec<Item> {
    strokes
        .iter()
        .filter_map(|stroke| {
            let points: Vec<(f32, f32)> = stroke
                .iter()
                .filter(|(px, py)| px.is_finite() && py.is_finite())
                .map(|(px, py)| (x + px.clamp(0.0, 1.0) * w, y + py.clamp(0.0, 1.0) * h))
                .collect();
            let (&first, rest) = points.split_first()?;
            let mut cmds = vec![PathCmd::Move(first.0, first.1)];
            if rest.is_empty() {
                cmds.push(PathCmd::Line(first.0 + 0.01, first.1)); // a dot
            }
            cmds.extend(rest.iter().map(|&(px, py)| PathCmd::Line(px, py)));
            Some(Item::Path {
                cmds,
                fill: None,
                stroke: Some((Rgb::INK, 1.6)),
                opacity: 1.0,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testing::Fixed;

    fn lettering(items: &[Item]) -> Vec<&crate::layout::TextRun> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn seal_has_ring_star_name_and_caption() {
        let items = seal(
            &Fixed,
            "示例云计算有限公司",
            "合同专用章",
            100.0,
            100.0,
            50.0,
        );
        let runs = lettering(&items);
        assert_eq!(runs.len(), 9 + 1);
        assert!(runs.iter().all(|r| r.outlined && r.color == Rgb::SEAL_RED));
        assert_eq!(runs.last().unwrap().text, "合同专用章");
        // Name characters sit on the upper arc, left to right, inside the ring.
        let centres: Vec<(f32, f32)> = runs[..9]
            .iter()
            .map(|r| {
                let t = r.transform.unwrap();
                (t[4], t[5])
            })
            .collect();
        assert!(centres
            .windows(2)
            .all(|w| w[0].0 < w[1].0 || w[0].1 > w[1].1));
        for (x, y) in centres {
            let d = ((x - 100.0).powi(2) + (y - 100.0).powi(2)).sqrt();
            assert!(d < 50.0 && d > 25.0);
        }
    }

    #[test]
    fn long_names_are_shrunk_and_cut() {
        let items = seal(&Fixed, &"很".repeat(500), "合同专用章", 0.0, 0.0, 50.0);
        assert_eq!(lettering(&items).len(), MAX_CHARS + 1);
        assert!(seal(&Fixed, "", "", 0.0, 0.0, 50.0).len() == 2);
    }

    #[test]
    fn ink_ignores_bad_points() {
        let strokes = vec![
            vec![(0.0, 0.0), (f32::NAN, 1.0), (2.0, -1.0)],
            vec![],
            vec![(0.5, 0.5)],
        ];
        let items = ink(&strokes, 10.0, 10.0, 100.0, 50.0);
        assert_eq!(items.len(), 2);
        if let Item::Path { cmds, .. } = &items[0] {
            assert_eq!(cmds[1], PathCmd::Line(110.0, 10.0));
        }
    }
}
