//! Noto Sans SC Regular + Bold, loaded once per process.
//!
//! Besides the krilla fonts (which subset and embed), each face keeps a flat
//! character → (glyph, advance) table so that line breaking and drawing never parse
//! font tables per character. CJK text needs no shaping: one character is one glyph.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::error::PdfError;

/// File names tried, in order, for each weight (the npm package `@embedpdf/fonts-sc`
/// ships the first spelling; Google's and Adobe's distributions use the others).
const REGULAR_FILES: &[&str] = &[
    "NotoSansHans-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansCJKsc-Regular.otf",
];
const BOLD_FILES: &[&str] = &[
    "NotoSansHans-Bold.otf",
    "NotoSansSC-Bold.otf",
    "NotoSansCJKsc-Bold.otf",
];

/// Font weight used by a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// The two faces the documents use.
#[derive(Clone)]
pub struct Fonts {
    regular: Arc<Face>,
    bold: Arc<Face>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts { Noto Sans SC Regular, Bold }")
    }
}

impl Fonts {
    /// Loads Regular and Bold from `dir` (the folder holding the .otf files).
    pub fn load(dir: &Path) -> Result<Fonts, PdfError> {
        let regular = Face::load(&find(dir, REGULAR_FILES)?)?;
        let bold = Face::load(&find(dir, BOLD_FILES)?)?;
        Ok(Fonts {
            regular: Arc::new(regular),
            bold: Arc::new(bold),
        })
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

fn find(dir: &Path, names: &[&str]) -> Result<PathBuf, PdfError> {
    names
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| PdfError::FontMissing {
            dir: dir.to_path_buf(),
            candidates: names.join(", "),
        })
}

/// One face: the krilla font and the lookup table.
pub(crate) struct Face {
    /// The embedding for template text: the same glyphs in the same order for every
    /// document of a template version, so krilla's memoised subsetting is reused.
    pub(crate) font: krilla::text::Font,
    /// The embedding for contract data (names, numbers, amounts, dates).
    pub(crate) data_font: krilla::text::Font,
    /// Basic Multilingual Plane, indexed by code point: `glyph << 16 | advance`, 0 when unmapped.
    bmp: Vec<u32>,
    /// Everything above U+FFFF that the font maps.
    astral: HashMap<u32, (u16, u16)>,
    units_per_em: f32,
    notdef_advance: u16,
}

impl Face {
    fn load(path: &Path) -> Result<Face, PdfError> {
        let data = std::fs::read(path).map_err(|e| PdfError::io(path, e))?;
        let invalid = || PdfError::FontInvalid {
            path: path.to_path_buf(),
        };
        let (bmp, astral, units_per_em, notdef_advance) = {
            let font = FontRef::from_index(&data, 0).map_err(|_| invalid())?;
            let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
            let advance = |gid: skrifa::GlyphId| {
                metrics
                    .advance_width(gid)
                    .unwrap_or(0.0)
                    .clamp(0.0, f32::from(u16::MAX)) as u16
            };
            let mut bmp = vec![0u32; 0x1_0000];
            let mut astral = HashMap::new();
            for (code, gid) in font.charmap().mappings() {
                let Ok(glyph) = u16::try_from(gid.to_u32()) else {
                    continue;
                };
                if glyph == 0 {
                    continue;
                }
                if code < 0x1_0000 {
                    bmp[code as usize] = u32::from(glyph) << 16 | u32::from(advance(gid));
                } else {
                    astral.insert(code, (glyph, advance(gid)));
                }
            }
            let upem = font
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em;
            if upem == 0 || bmp['中' as usize] == 0 {
                return Err(invalid());
            }
            (
                bmp,
                astral,
                f32::from(upem),
                advance(skrifa::GlyphId::new(0)),
            )
        };
        // A second embedding for contract data: the same face, made distinct for krilla
        // by four trailing bytes (ignored by font parsers, part of krilla's font hash).
        let mut padded = Vec::with_capacity(data.len() + 4);
        padded.extend_from_slice(&data);
        padded.extend_from_slice(b"data");
        let data_font = krilla::text::Font::new(padded.into(), 0).ok_or_else(invalid)?;
        let font = krilla::text::Font::new(data.into(), 0).ok_or_else(invalid)?;
        Ok(Face {
            font,
            data_font,
            bmp,
            astral,
            units_per_em,
            notdef_advance,
        })
    }

    /// Glyph id (0 = .notdef for characters the font lacks) and advance in em.
    #[inline]
    pub(crate) fn glyph(&self, ch: char) -> (u16, f32) {
        let code = u32::from(ch);
        let (glyph, advance) = if code < 0x1_0000 {
            let packed = self.bmp[code as usize];
            ((packed >> 16) as u16, (packed & 0xFFFF) as u16)
        } else {
            self.astral.get(&code).copied().unwrap_or((0, 0))
        };
        if glyph == 0 {
            (0, f32::from(self.notdef_advance) / self.units_per_em)
        } else {
            (glyph, f32::from(advance) / self.units_per_em)
        }
    }

    /// Advance of `ch` in em.
    #[inline]
    pub(crate) fn advance(&self, ch: char) -> f32 {
        self.glyph(ch).1
    }
}
