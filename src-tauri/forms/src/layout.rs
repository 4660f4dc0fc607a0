//! Layout primitives for printed forms: measured and wrapped text, labelled field boxes, checkboxes, tables
//! that flow across pages with their header row repeated, and the running header and footer of every page.
//!
//! Positions are millimetres from the page's top-left corner, as a form is designed; conversion to PDF's
//! bottom-left points happens only when an operation is emitted.

use printpdf::{
    Color, FontId, Op, PaintMode, PdfFontHandle, PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix,
    TextRenderingMode,
};

use crate::fonts::{FormFont, Measure};

pub(crate) const PAGE_WIDTH: f32 = 210.0;
pub(crate) const PAGE_HEIGHT: f32 = 297.0;
pub(crate) const LEFT: f32 = 15.0;
pub(crate) const RIGHT: f32 = PAGE_WIDTH - 15.0;
pub(crate) const CONTENT_WIDTH: f32 = RIGHT - LEFT;
pub(crate) const FIRST_PAGE_TOP: f32 = 14.0;
/// Later pages start below the running header.
const CONTINUATION_TOP: f32 = 22.0;
/// Content ends here; the footer sits below.
const CONTENT_BOTTOM: f32 = 280.0;
const FOOTER_RULE: f32 = 284.0;

/// Padding inside boxes and table cells.
const PAD: f32 = 1.6;
/// Line widths in points: hairlines for inner rules, a firmer line for outer frames.
const RULE: f32 = 0.5;

/// Stands in for the font's name until the document's text is known (see [`FormFont::subset_id`]).
const FONT_PLACEHOLDER: &str = "FONT";

pub(crate) fn pt(mm: f32) -> Pt {
    Pt(mm * 72.0 / 25.4)
}

fn mm_from_pt(points: f32) -> f32 {
    points * 25.4 / 72.0
}

/// The few colours of the form: near-black text, grey labels and rules, one dark accent for the part bands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    Text,
    Muted,
    Rule,
    Accent,
    OnAccent,
    HeaderFill,
    ShadeFill,
}

impl Ink {
    fn color(self) -> Color {
        let (r, g, b) = match self {
            Ink::Text => (0.09, 0.09, 0.09),
            Ink::Muted => (0.36, 0.38, 0.40),
            Ink::Rule => (0.55, 0.57, 0.60),
            Ink::Accent => (0.11, 0.24, 0.38),
            Ink::OnAccent => (1.0, 1.0, 1.0),
            Ink::HeaderFill => (0.89, 0.92, 0.95),
            Ink::ShadeFill => (0.95, 0.95, 0.95),
        };
        Color::Rgb(Rgb {
            r,
            g,
            b,
            icc_profile: None,
        })
    }
}

/// Size (points), weight and colour of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
}

impl Style {
    pub const VALUE: Style = Style {
        size: 9.5,
        bold: false,
        ink: Ink::Text,
    };
    pub const LABEL: Style = Style {
        size: 7.0,
        bold: false,
        ink: Ink::Muted,
    };
    pub const BODY: Style = Style {
        size: 8.5,
        bold: false,
        ink: Ink::Text,
    };
    pub const CELL: Style = Style {
        size: 8.0,
        bold: false,
        ink: Ink::Text,
    };
    pub const CELL_NOTE: Style = Style {
        size: 7.0,
        bold: false,
        ink: Ink::Muted,
    };
    pub const HEADER_CELL: Style = Style {
        size: 7.0,
        bold: true,
        ink: Ink::Text,
    };

    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }

    pub const fn ink(self, ink: Ink) -> Style {
        Style { ink, ..self }
    }

    pub const fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Line pitch in mm: generous enough for ideographs, which fill the whole em.
    pub fn line_height(self) -> f32 {
        mm_from_pt(self.size * 1.32)
    }

    /// From the top of a line box to its baseline, in mm: half the leading plus the ideographic ascent.
    fn baseline_offset(self) -> f32 {
        mm_from_pt(self.size * 1.02)
    }
}

/// A bilingual label: English first, then Traditional Chinese, as Hong Kong government forms print them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Label {
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Label { en, zh }
    }

    pub fn joined(self) -> String {
        format!("{}  {}", self.en, self.zh)
    }
}

/// A labelled box on the form holding one value as typed; empty boxes stay open for handwriting.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub label: Label,
    pub value: String,
    pub width: f32,
    pub min_height: f32,
}

impl Field {
    pub fn new(label: Label, value: impl Into<String>, width: f32) -> Self {
        Field {
            label,
            value: value.into(),
            width,
            min_height: 0.0,
        }
    }

    /// A box with room to sign, stamp or write in.
    pub fn tall(mut self, min_height: f32) -> Self {
        self.min_height = min_height;
        self
    }
}

/// A table cell: paragraphs (say, English name, Chinese name, a grey note), each wrapped to the cell's width.
pub(crate) type Cell = Vec<(String, Style)>;

pub(crate) struct Column {
    pub label: Label,
    pub width: f32,
}

pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// Grey background, e.g. for a location listed but not included in the application.
    pub shaded: bool,
}

/// Lines ready to draw: wrapped text in one style.
struct Para {
    lines: Vec<String>,
    style: Style,
}

impl Para {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.style.line_height()
    }
}

/// What every page after the first repeats at its top, and every page at its foot.
pub(crate) struct PageFrame {
    pub title: String,
    pub reference: String,
}

/// Places content down the pages, starting a new page whenever the next block would cross the footer.
pub(crate) struct Composer<'f> {
    measure: Measure<'f>,
    frame: PageFrame,
    pages: Vec<Vec<Op>>,
    /// Where the next block starts on the current page, in mm from the top.
    y: f32,
    /// The page drawn on when not the last one: footers are added once the page count is known.
    target: Option<usize>,
}

impl<'f> Composer<'f> {
    pub fn new(font: &'f FormFont, frame: PageFrame) -> Self {
        Composer {
            measure: font.measure(),
            frame,
            pages: vec![Vec::new()],
            y: FIRST_PAGE_TOP,
            target: None,
        }
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    pub fn advance(&mut self, by: f32) {
        self.y += by;
    }

    /// Starts a new page unless `height` more millimetres fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM && !self.at_page_top() {
            self.new_page();
        }
    }

    fn at_page_top(&self) -> bool {
        let top = if self.pages.len() == 1 {
            FIRST_PAGE_TOP
        } else {
            CONTINUATION_TOP
        };
        self.y <= top + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTINUATION_TOP;
        self.running_header();
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let index = self
            .target
            .unwrap_or(self.pages.len() - 1)
            .min(self.pages.len() - 1);
        &mut self.pages[index]
    }

    // ----- measuring and wrapping -----

    pub fn width(&self, text: &str, style: Style) -> f32 {
        mm_from_pt(self.measure.width_pt(text, style.size))
    }

    /// Breaks `text` into lines no wider than `width` mm: at spaces in Latin text, between ideographs in
    /// Chinese, and inside a word only when the word alone is wider than the line. Typed line breaks are kept.
    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        // A tab or a stray control character pasted into a field prints as the space it looks like.
        let text = text.replace(|c: char| c.is_control() && c != '\n', " ");
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            self.wrap_paragraph(paragraph.trim_end(), width, style, &mut lines);
        }
        lines
    }

    fn wrap_paragraph(&self, text: &str, width: f32, style: Style, lines: &mut Vec<String>) {
        // Widths add up (one glyph per character, no kerning), so the line's width is kept as a running sum
        // instead of measuring the line again for every word.
        let mut line = String::new();
        let mut line_width = 0.0;
        for token in break_units(text) {
            let trimmed = token.trim_end();
            if line.is_empty() || line_width + self.width(trimmed, style) <= width {
                line.push_str(&token);
                line_width += self.width(&token, style);
            } else {
                lines.push(line.trim_end().to_owned());
                line = token.trim_start().to_owned();
                line_width = self.width(&line, style);
            }
            // A single unit wider than the line (a long e-mail address, a URL) is cut where it must be.
            while line_width > width && self.width(line.trim_end(), style) > width {
                let cut = self.longest_fitting_prefix(&line, width, style);
                if cut == 0 || cut >= line.len() {
                    break;
                }
                lines.push(line[..cut].trim_end().to_owned());
                line = line[cut..].to_owned();
                line_width = self.width(&line, style);
            }
        }
        if !line.trim().is_empty() || lines.is_empty() {
            lines.push(line.trim_end().to_owned());
        }
    }

    /// The byte length of the longest prefix of `text` (at least one character) that fits in `width`.
    fn longest_fitting_prefix(&self, text: &str, width: f32, style: Style) -> usize {
        let mut end = 0;
        for (index, ch) in text.char_indices() {
            let next = index + ch.len_utf8();
            if end > 0 && self.width(&text[..next], style) > width {
                break;
            }
            end = next;
        }
        end
    }

    fn para(&self, text: &str, width: f32, style: Style) -> Para {
        Para {
            lines: self.wrap(text, width, style),
            style,
        }
    }

    // ----- drawing -----

    /// One line of text with its baseline at `baseline` mm from the top.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let text = self.measure.printable(text).into_owned();
        let color = style.ink.color();
        let mut ops = Vec::with_capacity(12);
        if style.bold {
            // One regular face serves for headings too: stroking the outline thickens the strokes slightly.
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: color.clone() });
            ops.push(Op::SetOutlineThickness {
                pt: Pt(style.size * 0.035),
            });
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(FONT_PLACEHOLDER.to_owned())),
            size: Pt(style.size),
        });
        ops.push(Op::SetFillColor { col: color });
        if style.bold {
            ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::FillStroke,
            });
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(pt(x), pt(PAGE_HEIGHT - baseline)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text)],
        });
        ops.push(Op::EndTextSection);
        if style.bold {
            ops.push(Op::RestoreGraphicsState);
        }
        self.ops().extend(ops);
    }

    pub fn text_right(&mut self, right: f32, baseline: f32, text: &str, style: Style) {
        let x = right - self.width(text, style);
        self.text(x, baseline, text, style);
    }

    pub fn text_centred(&mut self, centre: f32, baseline: f32, text: &str, style: Style) {
        let x = centre - self.width(text, style) / 2.0;
        self.text(x, baseline, text, style);
    }

    fn draw_para(&mut self, x: f32, top: f32, para: &Para) -> f32 {
        let mut line_top = top;
        for line in &para.lines {
            self.text(x, line_top + para.style.baseline_offset(), line, para.style);
            line_top += para.style.line_height();
        }
        line_top
    }

    pub fn fill_rect(&mut self, x: f32, top: f32, width: f32, height: f32, ink: Ink) {
        self.rect(x, top, width, height, ink, PaintMode::Fill, 0.0);
    }

    pub fn stroke_rect(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        ink: Ink,
        thickness: f32,
    ) {
        self.rect(x, top, width, height, ink, PaintMode::Stroke, thickness);
    }

    #[allow(clippy::too_many_arguments)] // a rectangle, its colour and how to paint it
    fn rect(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        ink: Ink,
        mode: PaintMode,
        thickness: f32,
    ) {
        let mut rect =
            Rect::from_xywh(pt(x), pt(PAGE_HEIGHT - top - height), pt(width), pt(height));
        rect.mode = Some(mode);
        let ops = self.ops();
        match mode {
            PaintMode::Stroke => {
                ops.push(Op::SetOutlineColor { col: ink.color() });
                ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            }
            _ => ops.push(Op::SetFillColor { col: ink.color() }),
        }
        ops.push(Op::DrawRectangle { rectangle: rect });
    }

    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, ink: Ink, thickness: f32) {
        self.stroke_rect(x1, y, x2 - x1, 0.0, ink, thickness);
    }

    /// A square to tick; ticked boxes carry a check mark that text extraction sees as "✓".
    pub fn checkbox(&mut self, x: f32, top: f32, size: f32, ticked: bool) {
        self.stroke_rect(x, top, size, size, Ink::Text, 0.8);
        if ticked {
            let style = Style {
                size: 9.5,
                bold: true,
                ink: Ink::Accent,
            };
            self.text_centred(x + size / 2.0, top + size - 0.9, "✓", style);
        }
    }

    // ----- blocks that flow -----

    /// A part's title band across the page, kept with the first lines of what follows it.
    pub fn part_band(&mut self, part: Label, title: Label) {
        let height = 7.5;
        self.ensure(height + 30.0);
        let top = self.y;
        self.fill_rect(LEFT, top, CONTENT_WIDTH, height, Ink::Accent);
        let style = Style {
            size: 10.5,
            bold: true,
            ink: Ink::OnAccent,
        };
        let baseline = top + height / 2.0 + mm_from_pt(style.size * 0.36);
        let en = format!("{}   {}", part.en, title.en);
        self.text(LEFT + 2.5, baseline, &en, style);
        let zh = format!("{}   {}", part.zh, title.zh);
        self.text_right(RIGHT - 2.5, baseline, &zh, style);
        self.y = top + height + 2.5;
    }

    /// A heading inside a part, with a rule under it.
    pub fn heading(&mut self, label: Label, keep_with: f32) {
        let style = Style {
            size: 9.5,
            bold: true,
            ink: Ink::Accent,
        };
        let height = style.line_height() + 1.2;
        self.ensure(height + keep_with);
        let top = self.y;
        self.text(LEFT, top + style.baseline_offset(), &label.joined(), style);
        self.hline(LEFT, RIGHT, top + height - 0.4, Ink::Accent, 0.6);
        self.y = top + height + 1.0;
    }

    /// Running text across `width` mm from `x`, broken across pages between lines if it must be.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, style: Style) {
        let para = self.para(text, width, style);
        for line in &para.lines {
            self.ensure(style.line_height());
            let top = self.y;
            self.text(x, top + style.baseline_offset(), line, style);
            self.y = top + style.line_height();
        }
    }

    /// The height rows of field boxes will take, so a caller can keep them together with a heading.
    pub fn fields_height(&self, rows: &[Vec<Field>]) -> f32 {
        rows.iter().map(|row| self.field_row_layout(row).1).sum()
    }

    fn field_row_layout(&self, row: &[Field]) -> (Vec<(Para, Para)>, f32) {
        let boxes: Vec<(Para, Para)> = row
            .iter()
            .map(|field| {
                let inner = field.width - 2.0 * PAD;
                let label = self.para(&field.label.joined(), inner, Style::LABEL);
                let mut value = self.para(&field.value, inner, Style::VALUE);
                if value.lines.is_empty() {
                    value.lines.push(String::new());
                }
                (label, value)
            })
            .collect();
        let height = row
            .iter()
            .zip(&boxes)
            .map(|(field, (label, value))| {
                (PAD + label.height() + 0.6 + value.height() + PAD).max(field.min_height)
            })
            .fold(0.0, f32::max);
        (boxes, height)
    }

    /// Rows of labelled boxes; boxes in a row share its height and their borders touch, as on a paper form.
    pub fn field_rows(&mut self, rows: &[Vec<Field>]) {
        for row in rows {
            let (boxes, height) = self.field_row_layout(row);
            self.ensure(height);
            let top = self.y;
            let mut x = LEFT;
            for (field, (label, value)) in row.iter().zip(&boxes) {
                self.stroke_rect(x, top, field.width, height, Ink::Rule, RULE);
                let after_label = self.draw_para(x + PAD, top + PAD * 0.7, label);
                self.draw_para(x + PAD, after_label + 0.6, value);
                x += field.width;
            }
            self.y = top + height;
        }
    }

    /// A checkbox followed by an English statement and its Chinese, kept together on one page.
    pub fn declaration(&mut self, ticked: bool, en: &str, zh: &str) {
        let box_size = 4.0;
        let indent = box_size + 3.0;
        let width = CONTENT_WIDTH - indent;
        let en = self.para(en, width, Style::BODY);
        let zh = self.para(zh, width, Style::BODY);
        let height = en.height() + zh.height() + 0.5;
        self.ensure(height.max(box_size));
        let top = self.y;
        self.checkbox(LEFT, top + 0.3, box_size, ticked);
        let after = self.draw_para(LEFT + indent, top, &en);
        self.draw_para(LEFT + indent, after + 0.5, &zh);
        self.y = top + height.max(box_size);
    }

    /// A table whose rows never split; when the next row does not fit, it continues on a new page under the
    /// `continued` caption and a repeated header row.
    pub fn table(&mut self, columns: &[Column], rows: &[Row], continued: &str) {
        let header: Vec<Cell> = columns
            .iter()
            .map(|c| {
                vec![
                    (c.label.en.to_owned(), Style::HEADER_CELL),
                    (c.label.zh.to_owned(), Style::HEADER_CELL),
                ]
            })
            .collect();
        let header = self.row_layout(columns, &header);
        let bodies: Vec<(Vec<Vec<Para>>, f32)> = rows
            .iter()
            .map(|row| self.row_layout(columns, &row.cells))
            .collect();

        let first_row = bodies.first().map_or(0.0, |(_, h)| *h);
        self.ensure(header.1 + first_row);
        self.draw_row(columns, &header, Some(Ink::HeaderFill));
        for (row, body) in rows.iter().zip(&bodies) {
            if self.y + body.1 > CONTENT_BOTTOM {
                self.new_page();
                let style = Style::LABEL;
                self.text(LEFT, self.y + style.baseline_offset(), continued, style);
                self.y += style.line_height() + 0.8;
                self.draw_row(columns, &header, Some(Ink::HeaderFill));
            }
            self.draw_row(columns, body, row.shaded.then_some(Ink::ShadeFill));
        }
    }

    fn row_layout(&self, columns: &[Column], cells: &[Cell]) -> (Vec<Vec<Para>>, f32) {
        let paras: Vec<Vec<Para>> = columns
            .iter()
            .zip(cells)
            .map(|(column, cell)| {
                cell.iter()
                    .filter(|(text, _)| !text.trim().is_empty())
                    .map(|(text, style)| self.para(text, column.width - 2.0 * PAD, *style))
                    .collect()
            })
            .collect();
        let height = paras
            .iter()
            .map(|cell| {
                2.0 * PAD
                    + cell.iter().map(Para::height).sum::<f32>()
                    + 0.4 * cell.len().saturating_sub(1) as f32
            })
            .fold(0.0, f32::max);
        (paras, height)
    }

    fn draw_row(
        &mut self,
        columns: &[Column],
        (cells, height): &(Vec<Vec<Para>>, f32),
        fill: Option<Ink>,
    ) {
        let top = self.y;
        if let Some(ink) = fill {
            let width = columns.iter().map(|c| c.width).sum();
            self.fill_rect(LEFT, top, width, *height, ink);
        }
        let mut x = LEFT;
        for (column, cell) in columns.iter().zip(cells) {
            self.stroke_rect(x, top, column.width, *height, Ink::Rule, RULE);
            let mut para_top = top + PAD * 0.8;
            for para in cell {
                para_top = self.draw_para(x + PAD, para_top, para) + 0.4;
            }
            x += column.width;
        }
        self.y = top + height;
    }

    // ----- the frame of every page -----

    fn running_header(&mut self) {
        let style = Style::LABEL;
        let title = self.frame.title.clone();
        let reference = self.frame.reference.clone();
        self.text(LEFT, 13.0, &title, style);
        self.text_right(
            RIGHT,
            13.0,
            &reference,
            Style {
                size: 8.5,
                bold: true,
                ink: Ink::Text,
            },
        );
        self.hline(LEFT, RIGHT, 15.5, Ink::Rule, RULE);
    }

    /// Adds "Page n of N" and the reference to every page, names the font after the text it must show, and
    /// hands back the pages and that name.
    pub fn finish(mut self) -> (Vec<PdfPage>, FontId) {
        let total = self.pages.len();
        let reference = self.frame.reference.clone();
        let style = Style {
            size: 7.5,
            bold: false,
            ink: Ink::Muted,
        };
        let baseline = FOOTER_RULE + 4.5;
        for number in 1..=total {
            self.target = Some(number - 1);
            self.hline(LEFT, RIGHT, FOOTER_RULE, Ink::Rule, RULE);
            self.text(
                LEFT,
                baseline,
                &format!("Reference  參考編號  {reference}"),
                style,
            );
            let page = format!("Page {number} of {total}  /  第 {number} 頁，共 {total} 頁");
            self.text_right(RIGHT, baseline, &page, style);
        }
        self.target = None;

        let font_id = FormFont::subset_id(self.pages.iter().flatten().filter_map(|op| match op {
            Op::ShowText { items } => items.first().and_then(|item| match item {
                TextItem::Text(text) => Some(text.as_str()),
                _ => None,
            }),
            _ => None,
        }));
        let pages = self
            .pages
            .into_iter()
            .map(|mut ops| {
                for op in &mut ops {
                    if let Op::SetFont { font, .. } = op {
                        *font = PdfFontHandle::External(font_id.clone());
                    }
                }
                printpdf::PdfPage::new(printpdf::Mm(PAGE_WIDTH), printpdf::Mm(PAGE_HEIGHT), ops)
            })
            .collect();
        (pages, font_id)
    }
}

/// Splits text into the units a line may break between: a word with the spaces after it, or one ideograph
/// (with any closing punctuation that must not start a line, and after any opening bracket that must not end
/// one).
fn break_units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for ch in text.chars() {
        let breaks_before = match previous {
            None => false,
            Some(prev) if prev.is_whitespace() => !ch.is_whitespace(),
            Some(prev) => {
                (is_wide(prev) || is_wide(ch))
                    && !ch.is_whitespace()
                    && !NO_LINE_START.contains(&ch)
                    && !NO_LINE_END.contains(&prev)
            }
        };
        if breaks_before && !current.is_empty() {
            units.push(std::mem::take(&mut current));
        }
        current.push(ch);
        previous = Some(ch);
    }
    if !current.is_empty() {
        units.push(current);
    }
    units
}

/// Ideographs, kana, hangul and full-width forms: a line may break on either side of them.
fn is_wide(ch: char) -> bool {
    matches!(u32::from(ch),
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Punctuation that must not begin a line (it stays with the character before it).
const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '》', '〉', '】', '・', '…', ',',
    '.', ';', ':', ')', '%',
];
/// Punctuation that must not end a line (it moves with the character after it).
const NO_LINE_END: &[char] = &['（', '「', '『', '《', '〈', '【', '('];

#[cfg(test)]
mod tests {
    use super::*;

    fn composer(font: &FormFont) -> Composer<'_> {
        Composer::new(
            font,
            PageFrame {
                title: "T".into(),
                reference: "R".into(),
            },
        )
    }

    #[test]
    fn breaks_between_words_and_between_ideographs() {
        assert_eq!(break_units("Mon–Fri 09:00"), ["Mon–Fri ", "09:00"]);
        assert_eq!(break_units("海港（上環）"), ["海", "港", "（上", "環）"]);
        assert_eq!(break_units("陳大文，CHAN"), ["陳", "大", "文，", "CHAN"]);
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_character() {
        let font = FormFont::load().unwrap();
        let c = composer(&font);
        let text = "Room 1203, 12/F, Harbour Commercial Building, 122 Connaught Road Central 海港家庭醫療中心（上環） \
                    registration@harbourfamily.com.hk";
        for width in [12.0, 25.0, 40.0, 80.0] {
            let lines = c.wrap(text, width, Style::VALUE);
            for line in &lines {
                assert!(
                    c.width(line, Style::VALUE) <= width + 0.01,
                    "{line:?} wider than {width}"
                );
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(strip(&lines.concat()), strip(text), "at {width} mm");
        }
        assert_eq!(c.wrap("CHAN Tai Man", 80.0, Style::VALUE), ["CHAN Tai Man"]);
        assert_eq!(c.wrap("", 80.0, Style::VALUE), [""]);
        assert_eq!(
            c.wrap("Shop 8\tG/F\r\nSha Tin", 80.0, Style::VALUE),
            ["Shop 8 G/F", "Sha Tin"]
        );
    }

    #[test]
    fn a_page_breaks_before_a_block_that_would_cross_the_footer() {
        let font = FormFont::load().unwrap();
        let mut c = composer(&font);
        c.set_y(CONTENT_BOTTOM - 5.0);
        c.ensure(4.0);
        assert_eq!(c.pages.len(), 1);
        c.ensure(6.0);
        assert_eq!(c.pages.len(), 2);
        assert_eq!(c.y(), CONTINUATION_TOP);
        // At the top of a page a block taller than the page is placed anyway rather than looping.
        c.ensure(400.0);
        assert_eq!(c.pages.len(), 2);
    }
}
