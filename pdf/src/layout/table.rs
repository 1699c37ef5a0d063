//! Tables that split across pages between rows (or, for a row taller than a page,
//! between its lines) and repeat their header row on every page they touch.

use super::blocks::{Align, Style, Table};
use super::flow::Flow;
use super::linebreak::break_lines;
use super::{sanitize, Item, Metrics, Rgb, Source, BODY_TOP, BODY_WIDTH, MARGIN_X};
use crate::fonts::Weight;
use std::ops::Range;

const CELL: Style = Style {
    size: 9.0,
    line_height: 14.0,
    weight: Weight::Regular,
    color: Rgb::BLACK,
};
const HEAD: Style = Style {
    size: 9.0,
    line_height: 14.0,
    weight: Weight::Bold,
    color: Rgb::BLACK,
};
const PAD_Y: f32 = 4.0;
const PAD_X: f32 = 4.0;
const BORDER: (Rgb, f32) = (Rgb::RULE, 0.6);

/// A row broken into lines per cell.
struct Row {
    cells: Vec<(String, Vec<Range<usize>>)>,
    lines: usize,
}

impl<'m, M: Metrics> Flow<'m, M> {
    pub(crate) fn table(&mut self, table: &Table) {
        if table.columns.is_empty() {
            return;
        }
        let total: f32 = table
            .columns
            .iter()
            .map(|c| c.share.max(0.0))
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.share.max(0.0) / total * BODY_WIDTH)
            .collect();
        let header_cells: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
        let header = self.break_row(&header_cells, &widths, &HEAD);
        let header_height = header.lines as f32 * HEAD.line_height + 2.0 * PAD_Y;
        let rows: Vec<Row> = table
            .rows
            .iter()
            .map(|cells| self.break_row(cells, &widths, &CELL))
            .collect();

        // The header and at least the first line of the first row start together.
        if self.room() < header_height + CELL.line_height + 2.0 * PAD_Y && !self.at_top() {
            self.new_page();
        }
        self.draw_row(
            &header,
            0..header.lines,
            &widths,
            &HEAD,
            Some(Rgb::HEADER_FILL),
            table,
        );
        for row in &rows {
            let mut done = 0;
            while done < row.lines {
                let left = row.lines - done;
                let fit = ((self.room() - 2.0 * PAD_Y) / CELL.line_height + 1e-3)
                    .floor()
                    .max(0.0) as usize;
                let fresh_page_fit = ((super::BODY_BOTTOM - BODY_TOP - header_height - 2.0 * PAD_Y)
                    / CELL.line_height)
                    .floor()
                    .max(1.0) as usize;
                let take = if left <= fit {
                    left
                } else if left <= fresh_page_fit || fit == 0 {
                    // Move the row (or the rest of it) to a new page under a repeated header.
                    self.new_page();
                    self.draw_row(
                        &header,
                        0..header.lines,
                        &widths,
                        &HEAD,
                        Some(Rgb::HEADER_FILL),
                        table,
                    );
                    continue;
                } else {
                    fit // a row taller than a page: split it between lines
                };
                self.draw_row(row, done..done + take, &widths, &CELL, None, table);
                done += take;
            }
        }
        self.y += 6.0;
    }

    fn break_row(&self, cells: &[String], widths: &[f32], style: &Style) -> Row {
        let metrics = self.metrics;
        let cells: Vec<(String, Vec<Range<usize>>)> = widths
            .iter()
            .enumerate()
            .map(|(i, width)| {
                let text = sanitize(cells.get(i).map(String::as_str).unwrap_or(""), true);
                let inner = (width - 2.0 * PAD_X).max(style.size);
                let ranges = break_lines(&text, inner, inner, |c| {
                    metrics.advance(c, style.weight) * style.size
                });
                (text, ranges)
            })
            .collect();
        let lines = cells.iter().map(|(_, r)| r.len()).max().unwrap_or(1).max(1);
        Row { cells, lines }
    }

    /// Draws lines `lines` of `row` at the current position with cell borders.
    fn draw_row(
        &mut self,
        row: &Row,
        lines: Range<usize>,
        widths: &[f32],
        style: &Style,
        fill: Option<Rgb>,
        table: &Table,
    ) {
        let height = lines.len() as f32 * style.line_height + 2.0 * PAD_Y;
        let top = self.y;
        let mut x = MARGIN_X;
        for (i, (text, ranges)) in row.cells.iter().enumerate() {
            let width = widths[i];
            self.page().items.push(Item::Rect {
                x,
                y: top,
                w: width,
                h: height,
                fill,
                stroke: Some(BORDER),
            });
            let align = if fill.is_some() {
                Align::Center
            } else {
                table.columns[i].align
            };
            for (k, line) in lines.clone().enumerate() {
                if let Some(range) = ranges.get(line) {
                    let line_top = top + PAD_Y + k as f32 * style.line_height;
                    let last = align != Align::Justify || line + 1 == ranges.len();
                    // Header cells are template text; body cells are contract data.
                    let source = if fill.is_some() {
                        Source::Fixed
                    } else {
                        Source::Data
                    };
                    self.line(
                        text[range.clone()].to_string(),
                        source,
                        style,
                        align,
                        x + PAD_X,
                        width - 2.0 * PAD_X,
                        line_top,
                        last,
                    );
                }
            }
            x += width;
        }
        self.y = top + height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::blocks::{Block, Column};
    use crate::layout::testing::Fixed;
    use crate::layout::Page;

    fn table(rows: usize) -> Table {
        let column = |header: &str, share| Column {
            header: header.into(),
            share,
            align: Align::Left,
        };
        Table {
            columns: vec![
                column("订单号", 3.0),
                column("产品", 4.0),
                column("金额", 2.0),
            ],
            rows: (0..rows)
                .map(|i| vec![format!("R{i:04}"), "云服务器".into(), "100.00".into()])
                .collect(),
        }
    }

    fn count(page: &Page, text: &str) -> usize {
        page.texts().filter(|t| *t == text).count()
    }

    fn check_header_on_every_page(rows: usize) {
        let blocks = [
            Block::Para {
                text: "前言".repeat(200).into(),
                indent: true,
            },
            Block::Table(table(rows)),
        ];
        let pages = Flow::run(&Fixed, &blocks);
        let with_rows: Vec<&Page> = pages
            .iter()
            .filter(|p| p.texts().any(|t| t.starts_with('R')))
            .collect();
        assert!(with_rows.len() >= 2, "{rows} rows span pages");
        for page in &with_rows {
            assert_eq!(count(page, "订单号"), 1, "header repeated once per page");
            // The header is above every row on the page.
            let header_y = page.items.iter().find_map(|i| match i {
                Item::Text(r) if r.text == "订单号" => Some(r.y),
                _ => None,
            });
            for item in &page.items {
                if let Item::Text(r) = item {
                    if r.text.starts_with('R') {
                        assert!(r.y > header_y.unwrap());
                    }
                }
            }
        }
        // Every row appears exactly once.
        for i in 0..rows {
            let id = format!("R{i:04}");
            assert_eq!(
                pages.iter().map(|p| count(p, &id)).sum::<usize>(),
                1,
                "{id}"
            );
        }
    }

    #[test]
    fn thirty_rows_repeat_the_header() {
        check_header_on_every_page(30);
    }

    #[test]
    fn hundred_twenty_rows_repeat_the_header() {
        check_header_on_every_page(120);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_nothing_is_lost() {
        let mut t = table(2);
        t.rows[0][1] = "很长的描述".repeat(400);
        let pages = Flow::run(&Fixed, &[Block::Table(t)]);
        assert!(pages.len() >= 3);
        for page in &pages {
            assert_eq!(count(page, "订单号"), 1);
        }
        assert_eq!(pages.iter().map(|p| count(p, "R0001")).sum::<usize>(), 1);
    }
}
