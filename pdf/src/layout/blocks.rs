//! What the composer hands to the layout: blocks of text, tables, and how text is set.
//! The page flow (`flow.rs`) places them; tables are its extension (`table.rs`).

use super::{Item, Rgb, Rich};
use crate::fonts::Weight;

/// What the composer hands to the layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The contract title: large, bold, centred.
    Title(Rich),
    /// A small grey centred line under the title.
    Subtitle(Rich),
    /// A section heading ("甲方（客户）") or clause heading ("第一条 定义").
    Heading(Rich),
    /// A body paragraph: justified, first line indented by two characters when `indent`.
    Para {
        text: Rich,
        indent: bool,
    },
    /// "label value", the value wrapping under itself (party blocks, totals). The label
    /// column is `label_em` body em wide (`FIELD_LABEL_EM` unless the labels are longer,
    /// as the evidence page's bilingual ones).
    Field {
        label: Rich,
        value: Rich,
        label_em: f32,
    },
    /// Small grey text.
    Note(Rich),
    Table(Table),
    Spacer(f32),
    PageBreak,
    /// A drawing that never splits. Items are relative to the body's left edge and the
    /// block's top.
    Keep {
        height: f32,
        items: Vec<Item>,
    },
}

pub(crate) struct Style {
    pub size: f32,
    pub line_height: f32,
    pub weight: Weight,
    pub color: Rgb,
}

/// Width of the label column of [`Block::Field`], in body em.
const FIELD_LABEL_EM: f32 = 7.0;

impl Block {
    /// A field with the usual label column.
    pub fn field(label: impl Into<Rich>, value: Rich) -> Block {
        Block::Field {
            label: label.into(),
            value,
            label_em: FIELD_LABEL_EM,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Share of the body width; the shares are normalised.
    pub share: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}
