//! Draws laid-out pages with krilla: the only module that knows the PDF writer.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::error::PdfError;
use crate::fonts::Fonts;
use crate::layout::{Item, Page, PathCmd, Rgb, TextRun, PAGE_HEIGHT, PAGE_WIDTH};

/// Document information written into the PDF.
pub(crate) struct Info {
    pub title: String,
    pub created_at_ms: i64,
}

pub(crate) fn paint(fonts: &Fonts, pages: &[Page], info: &Info) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings {
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let (y, mo, d) = domain::calendar::cst_date(info.created_at_ms);
    let mut created = DateTime::new(y.clamp(0, 9999) as u16)
        .month(mo)
        .day(d)
        .utc_offset_hour(8);
    let secs = (i128::from(info.created_at_ms) + i128::from(domain::calendar::CST_OFFSET_MS))
        .rem_euclid(i128::from(domain::calendar::MS_PER_DAY))
        / 1000;
    created = created
        .hour((secs / 3600) as u8)
        .minute((secs / 60 % 60) as u8)
        .second((secs % 60) as u8);
    document.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .creator("Qianyue".to_string())
            .language("zh-CN".to_string())
            .creation_date(created),
    );
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Write("page size".into()))?;
    for page in pages {
        let mut pdf_page = document.start_page_with(size.clone());
        let mut surface = pdf_page.surface();
        for item in &page.items {
            draw(fonts, &mut surface, item);
        }
        surface.finish();
        pdf_page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn opacity(value: f32) -> NormalizedF32 {
    NormalizedF32::new(if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        1.0
    })
    .unwrap_or(NormalizedF32::ONE)
}

fn fill(c: Rgb, alpha: f32) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: opacity(alpha),
        rule: FillRule::NonZero,
    }
}

fn stroke(c: Rgb, width: f32, alpha: f32) -> Stroke {
    Stroke {
        paint: color(c).into(),
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        opacity: opacity(alpha),
        ..Stroke::default()
    }
}

fn draw(fonts: &Fonts, surface: &mut Surface, item: &Item) {
    match item {
        Item::Text(run) => text(fonts, surface, run),
        Item::Rect {
            x,
            y,
            w,
            h,
            fill: f,
            stroke: s,
        } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(f.map(|c| fill(c, 1.0)));
                surface.set_stroke(s.map(|(c, w)| Stroke {
                    line_cap: LineCap::Butt,
                    line_join: LineJoin::Miter,
                    ..stroke(c, w, 1.0)
                }));
                surface.draw_path(&path);
            }
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            color: c,
            width,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    line_cap: LineCap::Butt,
                    ..stroke(*c, *width, 1.0)
                }));
                surface.draw_path(&path);
            }
        }
        Item::Path {
            cmds,
            fill: f,
            stroke: s,
            opacity: alpha,
        } => {
            let mut pb = PathBuilder::new();
            for cmd in cmds {
                match *cmd {
                    PathCmd::Move(x, y) => pb.move_to(x, y),
                    PathCmd::Line(x, y) => pb.line_to(x, y),
                    PathCmd::Cubic(a, b, c, d, e, g) => pb.cubic_to(a, b, c, d, e, g),
                    PathCmd::Close => pb.close(),
                }
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(f.map(|c| fill(c, *alpha)));
                surface.set_stroke(s.map(|(c, w)| stroke(c, w, *alpha)));
                surface.draw_path(&path);
            }
        }
    }
}

/// Draws a run as one glyph span per embedding: template text with the face's
/// template font, contract data with its data font (see `fonts.rs`).
fn text(fonts: &Fonts, surface: &mut Surface, run: &TextRun) {
    if run.glyphs.is_empty() || !run.size.is_finite() || run.size <= 0.0 {
        return;
    }
    let face = fonts.face(run.weight);
    surface.set_fill(Some(fill(run.color, run.opacity)));
    surface.set_stroke(None);
    if let Some([a, b, c, d, e, f]) = run.transform {
        surface.push_transform(&Transform::from_row(a, b, c, d, e, f));
    }
    let mut x = run.x;
    for span in run.glyphs.chunk_by(|a, b| a.data == b.data) {
        let start = span[0].range.start;
        let end = span[span.len() - 1].range.end;
        let glyphs: Vec<KrillaGlyph> = span
            .iter()
            .map(|g| {
                let range = g.range.start - start..g.range.end - start;
                KrillaGlyph::new(
                    GlyphId::new(u32::from(g.id)),
                    g.advance,
                    0.0,
                    0.0,
                    0.0,
                    range,
                    None,
                )
            })
            .collect();
        let font = if span[0].data {
            &face.data_font
        } else {
            &face.font
        };
        let text = run.text.get(start..end).unwrap_or("");
        surface.draw_glyphs(
            Point::from_xy(x, run.y),
            &glyphs,
            font.clone(),
            text,
            run.size,
            run.outlined,
        );
        x += span.iter().map(|g| g.advance).sum::<f32>() * run.size;
    }
    if run.transform.is_some() {
        surface.pop();
    }
}
