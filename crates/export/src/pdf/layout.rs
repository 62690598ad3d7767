//! Lays the summary out on A4 pages: wrapped lines of text at positions, table rules and
//! shaded header rows, page by page, so the writer only has to draw them. Tables repeat their
//! header on every page; a row moves to the next page whole unless it is taller than a page,
//! then it continues there; a heading never ends a page.
//!
//! Coordinates are PDF points from the bottom-left corner. Measuring comes from
//! [`super::font::Font`]; nothing here knows PDF syntax.

use crate::summary::{self, Row, Summary};

use super::font::Font;

pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 48.0;
const RIGHT: f32 = PAGE_WIDTH - 48.0;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = PAGE_HEIGHT - 52.0;
const BOTTOM: f32 = 58.0;
const FOOTER_BASELINE: f32 = 32.0;
const PAD: f32 = 3.0;
const LABEL_WIDTH: f32 = 104.0;

const TEXT: f32 = 8.5;
const SMALL: f32 = 7.0;
const BLACK: f32 = 0.0;
const GREY: f32 = 0.4;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// One line of text, drawn with its baseline at `y`.
pub struct Span {
    pub face: Face,
    pub size: f32,
    pub gray: f32,
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// A straight line.
pub struct Rule {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width: f32,
    pub gray: f32,
}

/// A filled rectangle, under the text.
pub struct Fill {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub gray: f32,
}

#[derive(Default)]
pub struct Page {
    pub spans: Vec<Span>,
    pub rules: Vec<Rule>,
    pub fills: Vec<Fill>,
}

pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    /// The embedded DejaVu Sans, regular and bold.
    pub fn dejavu() -> Result<Fonts, crate::ExportError> {
        Ok(Fonts {
            regular: Font::new(super::font::REGULAR, "DejaVuSans")?,
            bold: Font::new(super::font::BOLD, "DejaVuSans-Bold")?,
        })
    }

    /// Width of `text` at `size` points in `face`.
    pub fn width(&mut self, face: Face, text: &str, size: f32) -> f32 {
        self.get(face).width(text, size)
    }

    fn get(&mut self, face: Face) -> &mut Font {
        match face {
            Face::Regular => &mut self.regular,
            Face::Bold => &mut self.bold,
        }
    }

    /// `text` broken into lines no wider than `width` at `size`: at spaces, and inside a word
    /// only when the word alone is wider. Control characters count as spaces.
    fn wrap(&mut self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        let font = self.get(face);
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let space = font.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in cleaned.split_whitespace() {
            let w = font.width(word, size);
            if !line.is_empty() && line_width + space + w <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= width {
                line.push_str(word);
                line_width = w;
                continue;
            }
            // A word wider than the column: break it between characters.
            line_width = 0.0;
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let cw = font.width(c.encode_utf8(&mut buf), size);
                if !line.is_empty() && line_width + cw > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += cw;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

fn line_height(size: f32) -> f32 {
    size * 1.3
}

/// A line inside a table cell.
struct CellLine {
    face: Face,
    size: f32,
    gray: f32,
    text: String,
}

type Cells = Vec<Vec<CellLine>>;

fn cells_height(cells: &Cells) -> f32 {
    cells
        .iter()
        .map(|lines| lines.iter().map(|l| line_height(l.size)).sum::<f32>())
        .fold(0.0, f32::max)
        + 2.0 * PAD
}

/// A table being laid out: its columns and header, repeated on each new page.
struct Table<'s> {
    columns: &'s [String],
    /// Left edge of each column, and the right edge of the last.
    edges: Vec<f32>,
}

impl Table<'_> {
    fn new(columns: &[String]) -> Table<'_> {
        // Question and agreed value wider; the partners' first expectations share the rest.
        let partners = columns.len().saturating_sub(2).max(1) as f32;
        let mut fractions = vec![0.29, 0.27];
        fractions.extend(std::iter::repeat_n(0.44 / partners, columns.len() - 2));
        let mut edges = vec![LEFT];
        let mut x = LEFT;
        for f in fractions {
            x += f * WIDTH;
            edges.push(x);
        }
        Table { columns, edges }
    }

    fn width(&self, column: usize) -> f32 {
        self.edges[column + 1] - self.edges[column] - 2.0 * PAD
    }
}

pub struct Layout<'f> {
    fonts: &'f mut Fonts,
    pub pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

impl<'f> Layout<'f> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    fn ensure(&mut self, height: f32) {
        if self.room() < height && self.y < TOP {
            self.new_page();
        }
    }

    fn span(&mut self, face: Face, size: f32, gray: f32, x: f32, top: f32, text: String) {
        let span = Span {
            face,
            size,
            gray,
            x,
            y: top - size,
            text,
        };
        self.page().spans.push(span);
    }

    /// Wrapped text at `x`, `width` wide, starting at the current position.
    fn paragraph(&mut self, face: Face, size: f32, gray: f32, text: &str, x: f32, width: f32) {
        for line in self.fonts.wrap(face, size, text, width) {
            self.ensure(line_height(size));
            let top = self.y;
            self.span(face, size, gray, x, top, line);
            self.y -= line_height(size);
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn heading(&mut self, text: &str, size: f32) {
        // Keep the heading with a few lines of what follows it.
        self.gap(size * 0.9);
        self.ensure(line_height(size) + 6.0 + 5.0 * line_height(TEXT));
        self.paragraph(Face::Bold, size, BLACK, text, LEFT, WIDTH);
        let y = self.y + 1.5;
        self.page().rules.push(Rule {
            from: (LEFT, y),
            to: (RIGHT, y),
            width: 0.6,
            gray: 0.6,
        });
        self.gap(5.0);
    }

    /// A label in bold on the left, its value wrapped beside it.
    fn labelled(&mut self, label: &str, value: &str) {
        let labels = self.fonts.wrap(Face::Bold, TEXT, label, LABEL_WIDTH - 8.0);
        let values = self
            .fonts
            .wrap(Face::Regular, TEXT, value, WIDTH - LABEL_WIDTH);
        let lines = labels.len().max(values.len()).max(1);
        self.ensure(lines as f32 * line_height(TEXT));
        let top = self.y;
        for (i, line) in labels.into_iter().enumerate() {
            let t = top - i as f32 * line_height(TEXT);
            self.span(Face::Bold, TEXT, 0.25, LEFT, t, line);
        }
        for (i, line) in values.into_iter().enumerate() {
            let t = top - i as f32 * line_height(TEXT);
            self.span(Face::Regular, TEXT, BLACK, LEFT + LABEL_WIDTH, t, line);
        }
        self.y -= lines as f32 * line_height(TEXT) + 1.5;
    }

    fn table_header(&mut self, table: &Table<'_>) {
        let cells: Cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.fonts
                    .wrap(Face::Bold, SMALL + 0.5, c, table.width(i))
                    .into_iter()
                    .map(|text| CellLine {
                        face: Face::Bold,
                        size: SMALL + 0.5,
                        gray: BLACK,
                        text,
                    })
                    .collect()
            })
            .collect();
        let height = cells_height(&cells);
        self.ensure(height + 40.0);
        self.draw_row(table, &cells, height, 0.88);
    }

    /// Draws `cells` as one row of `height` at the current position, shaded if `fill` < 1.
    fn draw_row(&mut self, table: &Table<'_>, cells: &Cells, height: f32, fill: f32) {
        let top = self.y;
        if fill < 1.0 {
            self.page().fills.push(Fill {
                x: LEFT,
                y: top - height,
                width: WIDTH,
                height,
                gray: fill,
            });
        }
        for (i, lines) in cells.iter().enumerate() {
            let mut t = top - PAD;
            for line in lines {
                let x = table.edges[i] + PAD;
                self.span(line.face, line.size, line.gray, x, t, line.text.clone());
                t -= line_height(line.size);
            }
        }
        self.y -= height;
        let y = self.y;
        self.page().rules.push(Rule {
            from: (LEFT, y),
            to: (RIGHT, y),
            width: 0.4,
            gray: 0.75,
        });
    }

    /// A row spanning the table: a category's name.
    fn group_row(&mut self, table: &Table<'_>, name: &str, first_row: f32) {
        let cells = self.group_cells(name);
        let height = cells_height(&cells);
        // Never the last line of a page: keep it with (the start of) its first row.
        if self.room() < height + first_row.min(60.0) {
            self.new_page();
            self.table_header(table);
        }
        self.draw_row(table, &cells, height, 0.95);
    }

    fn group_cells(&mut self, name: &str) -> Cells {
        let lines = self
            .fonts
            .wrap(Face::Bold, TEXT + 0.5, name, WIDTH - 2.0 * PAD)
            .into_iter()
            .map(|text| CellLine {
                face: Face::Bold,
                size: TEXT + 0.5,
                gray: BLACK,
                text,
            })
            .collect();
        vec![lines]
    }

    /// A new page inside a table: the header again, and the category it is in, continued.
    fn continue_table(&mut self, table: &Table<'_>, group: Option<&str>) {
        self.new_page();
        self.table_header(table);
        if let Some(name) = group {
            let cells = self.group_cells(&format!("{name} (continued)"));
            let height = cells_height(&cells);
            self.draw_row(table, &cells, height, 0.95);
        }
    }

    fn row_cells(&mut self, table: &Table<'_>, row: &Row) -> Cells {
        let mut question = vec![CellLine {
            face: Face::Regular,
            size: SMALL,
            gray: GREY,
            text: row.id.clone(),
        }];
        for text in self
            .fonts
            .wrap(Face::Regular, TEXT, &row.question, table.width(0))
        {
            question.push(CellLine {
                face: Face::Regular,
                size: TEXT,
                gray: BLACK,
                text,
            });
        }
        let mut cells = vec![question];
        for (i, cell) in row.cells.iter().enumerate() {
            let column = i + 1;
            let face = if column == 1 {
                Face::Bold
            } else {
                Face::Regular
            };
            let mut lines: Vec<CellLine> = self
                .fonts
                .wrap(face, TEXT, &cell.text, table.width(column))
                .into_iter()
                .map(|text| CellLine {
                    face,
                    size: TEXT,
                    gray: BLACK,
                    text,
                })
                .collect();
            if let Some(note) = &cell.note {
                for text in self
                    .fonts
                    .wrap(Face::Regular, SMALL, note, table.width(column))
                {
                    lines.push(CellLine {
                        face: Face::Regular,
                        size: SMALL,
                        gray: GREY,
                        text,
                    });
                }
            }
            cells.push(lines);
        }
        cells
    }

    /// Places a row: on this page if it fits, else on the next; a row taller than a page is
    /// split between pages.
    fn row(&mut self, table: &Table<'_>, group: Option<&str>, mut cells: Cells) {
        let mut at_top = false;
        loop {
            let height = cells_height(&cells);
            if height <= self.room() {
                self.draw_row(table, &cells, height, 1.0);
                return;
            }
            if !at_top && height <= TOP - BOTTOM - 80.0 {
                self.continue_table(table, group);
                at_top = true;
                continue;
            }
            // Too tall for a page: fill this one and continue on the next.
            let room = self.room() - 2.0 * PAD;
            let mut rest: Cells = Vec::with_capacity(cells.len());
            let mut moved_any = false;
            for lines in &mut cells {
                let mut used = 0.0;
                let mut keep = 0;
                for line in lines.iter() {
                    if used + line_height(line.size) > room {
                        break;
                    }
                    used += line_height(line.size);
                    keep += 1;
                }
                // At the top of a page at least one line goes, whatever the room.
                if at_top && !moved_any && keep == 0 && !lines.is_empty() {
                    keep = 1;
                }
                moved_any |= keep > 0;
                rest.push(lines.split_off(keep));
            }
            if moved_any {
                let height = cells_height(&cells);
                self.draw_row(table, &cells, height, 1.0);
            }
            cells = rest;
            self.continue_table(table, group);
            at_top = true;
        }
    }

    fn table<'r>(
        &mut self,
        columns: &[String],
        groups: impl Iterator<Item = (Option<&'r str>, &'r [Row])>,
    ) {
        let table = Table::new(columns);
        self.table_header(&table);
        for (name, rows) in groups {
            let prepared: Vec<Cells> = rows.iter().map(|r| self.row_cells(&table, r)).collect();
            if let Some(name) = name {
                let first = prepared.first().map_or(0.0, cells_height);
                self.group_row(&table, name, first);
            }
            for cells in prepared {
                self.row(&table, name, cells);
            }
        }
        self.gap(4.0);
    }

    /// Page footers: the title on the left, the hash's start and the page number on the right.
    fn footers(&mut self, title: &str, hash: &str) {
        let count = self.pages.len();
        let short: String = hash.chars().take(16).collect();
        for i in 0..count {
            let right = format!("hash {short}… · page {} of {count}", i + 1);
            let right_width = self.fonts.regular.width(&right, SMALL);
            let left = fit(
                &mut self.fonts.regular,
                title,
                SMALL,
                WIDTH - right_width - 20.0,
            );
            let page = &mut self.pages[i];
            page.rules.push(Rule {
                from: (LEFT, FOOTER_BASELINE + 10.0),
                to: (RIGHT, FOOTER_BASELINE + 10.0),
                width: 0.4,
                gray: 0.75,
            });
            for (x, text) in [(LEFT, left), (RIGHT - right_width, right)] {
                page.spans.push(Span {
                    face: Face::Regular,
                    size: SMALL,
                    gray: GREY,
                    x,
                    y: FOOTER_BASELINE,
                    text,
                });
            }
        }
    }
}

/// `text` cut with an ellipsis to fit `width`.
fn fit(font: &mut Font, text: &str, size: f32, width: f32) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if font.width(&text, size) <= width {
        return text;
    }
    let ellipsis = font.width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let w = font.width(c.encode_utf8(&mut buf), size);
        if used + w + ellipsis > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// The summary on pages.
pub fn lay_out(s: &Summary, fonts: &mut Fonts) -> Vec<Page> {
    let mut l = Layout {
        fonts,
        pages: vec![Page::default()],
        y: TOP,
    };
    l.paragraph(Face::Bold, 17.0, BLACK, &s.title, LEFT, WIDTH);
    l.gap(6.0);
    for (label, value) in &s.facts {
        l.labelled(label, value);
    }

    l.heading(&format!("Agreed ({})", s.agreed_count), 12.5);
    if s.agreed.is_empty() {
        l.paragraph(
            Face::Regular,
            TEXT,
            BLACK,
            summary::EMPTY_AGREED,
            LEFT,
            WIDTH,
        );
    } else {
        let groups = s
            .agreed
            .iter()
            .map(|g| (Some(g.category.as_str()), g.rows.as_slice()));
        l.table(&s.agreed_columns, groups);
    }

    l.heading(&format!("Open items ({})", s.open.len()), 12.5);
    if s.open.is_empty() {
        l.paragraph(Face::Regular, TEXT, BLACK, summary::EMPTY_OPEN, LEFT, WIDTH);
    } else {
        l.table(&s.open_columns, std::iter::once((None, s.open.as_slice())));
    }

    l.heading("Balance", 12.5);
    if s.balance.is_empty() {
        l.paragraph(
            Face::Regular,
            TEXT,
            BLACK,
            summary::EMPTY_BALANCE,
            LEFT,
            WIDTH,
        );
    } else {
        l.paragraph(Face::Regular, TEXT, BLACK, s.balance_note, LEFT, WIDTH);
        l.gap(3.0);
        for (party, gain) in &s.balance {
            l.labelled(party, gain);
        }
    }

    l.heading("Review", 12.5);
    l.paragraph(Face::Regular, TEXT, BLACK, &s.review, LEFT, WIDTH);

    l.heading("Signatures", 12.5);
    if s.signatures.is_empty() {
        l.paragraph(
            Face::Regular,
            TEXT,
            BLACK,
            summary::EMPTY_SIGNATURES,
            LEFT,
            WIDTH,
        );
    } else {
        l.paragraph(
            Face::Regular,
            TEXT,
            BLACK,
            summary::SIGNATURES_NOTE,
            LEFT,
            WIDTH,
        );
        l.gap(3.0);
        for sig in &s.signatures {
            let value = format!("for {}, fingerprint {}", sig.party, sig.fingerprint);
            l.labelled(&sig.name, &value);
        }
    }

    l.gap(14.0);
    let note = summary::VERIFY_NOTE.concat();
    l.paragraph(Face::Regular, SMALL, GREY, &note, LEFT, WIDTH);

    l.footers(&s.title, &s.hash);
    l.pages
}
