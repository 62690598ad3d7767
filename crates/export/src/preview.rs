//! What an export will look like, for the app to show before it is saved: the PDF's pages as
//! positioned text, rules and shaded boxes (from the very layout [`crate::pdf`] draws, so the
//! preview and the file cannot disagree), and the text formats as the text they are. Also the
//! file name an export is offered under.
//!
//! Like the rest of the crate this knows nothing of files, Tauri or the UI: an agreement in,
//! plain data out.

use accord_core::agreement::Agreement;
use serde::Serialize;
use ts_rs::TS;

use crate::pdf::layout::{self, Face, Fonts, PAGE_HEIGHT, PAGE_WIDTH};
use crate::{render, ExportError, ExportFormat};

/// One PDF page, in points, with the origin at the top-left corner (as on screen).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PagePreview {
    pub width: f32,
    pub height: f32,
    /// Shaded boxes, drawn first (under the rules and text).
    pub boxes: Vec<BoxPreview>,
    pub rules: Vec<RulePreview>,
    pub lines: Vec<LinePreview>,
}

/// A filled rectangle; `y` is its top edge.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BoxPreview {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// 0 is black, 1 white.
    pub gray: f32,
}

/// A straight rule from `(x1, y1)` to `(x2, y2)`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RulePreview {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
    pub gray: f32,
}

/// One line of text with its baseline at `baseline`, `advance` wide in the embedded font, so
/// a preview in another font can be stretched to the same width.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LinePreview {
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub bold: bool,
    pub gray: f32,
    pub advance: f32,
    pub text: String,
}

/// An export ready to be looked at: its pages (PDF) or its text (Markdown, HTML, JSON), with
/// the size of the file it will write and the name it is offered under.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportPreview {
    pub format: ExportFormat,
    pub file_name: String,
    pub bytes: u32,
    pub content: PreviewContent,
}

/// What the preview shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PreviewContent {
    Pages { pages: Vec<PagePreview> },
    Text { text: String },
}

/// The preview of `agreement` exported as `format`.
pub fn preview(agreement: &Agreement, format: ExportFormat) -> Result<ExportPreview, ExportError> {
    let bytes = render(agreement, format)?;
    let content = match format {
        ExportFormat::Pdf => PreviewContent::Pages {
            pages: pdf_pages(agreement)?,
        },
        // The text formats are UTF-8 by construction; a lossy read can only be a no-op.
        _ => PreviewContent::Text {
            text: String::from_utf8_lossy(&bytes).into_owned(),
        },
    };
    Ok(ExportPreview {
        format,
        file_name: file_name(agreement, format),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        content,
    })
}

/// The PDF export's pages, laid out exactly as the PDF draws them.
pub fn pdf_pages(agreement: &Agreement) -> Result<Vec<PagePreview>, ExportError> {
    let summary = crate::summary::Summary::of(agreement);
    let mut fonts = Fonts::dejavu()?;
    let pages = layout::lay_out(&summary, &mut fonts);
    Ok(pages
        .into_iter()
        .map(|page| PagePreview {
            width: PAGE_WIDTH,
            height: PAGE_HEIGHT,
            boxes: page
                .fills
                .iter()
                .map(|f| BoxPreview {
                    x: f.x,
                    y: PAGE_HEIGHT - f.y - f.height,
                    width: f.width,
                    height: f.height,
                    gray: f.gray,
                })
                .collect(),
            rules: page
                .rules
                .iter()
                .map(|r| RulePreview {
                    x1: r.from.0,
                    y1: PAGE_HEIGHT - r.from.1,
                    x2: r.to.0,
                    y2: PAGE_HEIGHT - r.to.1,
                    thickness: r.width,
                    gray: r.gray,
                })
                .collect(),
            lines: page
                .spans
                .into_iter()
                .map(|s| LinePreview {
                    x: s.x,
                    baseline: PAGE_HEIGHT - s.y,
                    size: s.size,
                    bold: s.face == Face::Bold,
                    gray: s.gray,
                    advance: fonts.width(s.face, &s.text, s.size),
                    text: s.text,
                })
                .collect(),
        })
        .collect())
}

/// The name an export is offered under: the alliance's name in lower-case words joined by
/// hyphens (letters and digits of any script kept, everything else dropped), then
/// `agreement-N` and the extension; for example `northwind-lumen-agreement-2.pdf`.
pub fn file_name(agreement: &Agreement, format: ExportFormat) -> String {
    let mut slug = String::new();
    for word in agreement
        .alliance
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.chars().count() + word.chars().count() > 60 {
            break;
        }
        slug.push_str(&word.to_lowercase());
        slug.push('-');
    }
    format!(
        "{slug}agreement-{}.{}",
        agreement.number,
        format.extension()
    )
}
