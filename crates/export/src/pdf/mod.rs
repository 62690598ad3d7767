//! The agreement as a PDF: A4 pages with selectable, searchable text in embedded DejaVu Sans
//! subsets, tables that wrap long text and repeat their header, page numbers, and the agreement
//! file attached as `agreement.json` (an embedded file, as PDF viewers list attachments).
//!
//! The output is deterministic: no dates, no random ids (the file id is taken from the
//! agreement's hash), objects at fixed numbers, so the same agreement always gives the same
//! bytes. That is what lets [`read`] prove a PDF unaltered: it takes the attached agreement,
//! renders it again and compares byte for byte.
//!
//! `layout.rs` places text on pages, `font.rs` measures and embeds the fonts; this file writes
//! the PDF objects and reads the attachment back. It knows nothing of the other formats.

mod font;
pub(crate) mod layout;

use accord_core::agreement::{parse_agreement, Agreement, MAX_AGREEMENT_BYTES};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::summary::Summary;
use crate::{ExportError, LAYOUT};

use self::font::FontRefs;
use self::layout::{Face, Fonts, Page, PAGE_HEIGHT, PAGE_WIDTH};

const CATALOG: Ref = Ref::new(1);
const PAGE_TREE: Ref = Ref::new(2);
const INFO: Ref = Ref::new(3);
/// The attached agreement file; [`read`] looks it up by this number.
const ATTACHMENT: i32 = 4;
const FILE_SPEC: Ref = Ref::new(5);
const REGULAR: i32 = 6;
const BOLD: i32 = 12;
const FIRST_PAGE: i32 = 18;
const ATTACHMENT_NAME: &str = "agreement.json";
/// The key in the attachment's dictionary naming the layout version.
const LAYOUT_KEY: &[u8] = b"AccordLayout";

/// zlib-compressed, as `/FlateDecode` wants. Level 6 (zlib's default): on the 500-question
/// benchmark level 1 is twice as fast but the file 86% larger (see BENCHMARKS.md).
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// The agreement as a PDF document.
pub fn pdf(agreement: &Agreement) -> Result<Vec<u8>, ExportError> {
    let summary = Summary::of(agreement);
    let mut fonts = Fonts::dejavu()?;
    let pages = layout::lay_out(&summary, &mut fonts);

    let json = crate::json(agreement);
    let mut pdf = Pdf::with_capacity(64 * 1024 + agreement.items.len() * 1024);
    let id = hash_bytes(&agreement.hash);
    pdf.set_file_id((id.clone(), id));

    let attachment = deflate(json.as_bytes());
    let mut file = pdf.embedded_file(Ref::new(ATTACHMENT), &attachment);
    file.filter(Filter::FlateDecode);
    file.subtype(Name(b"application/json"));
    file.pair(Name(LAYOUT_KEY), LAYOUT as i32);
    file.params().size(json.len() as i32);
    file.finish();
    pdf.file_spec(FILE_SPEC)
        .path(Str(ATTACHMENT_NAME.as_bytes()))
        .unic_file(TextStr(ATTACHMENT_NAME))
        .description(TextStr(
            "The agreement this document shows, as an Accord agreement file",
        ))
        .embedded_file(Ref::new(ATTACHMENT));

    let page_refs: Vec<Ref> = (0..pages.len() as i32)
        .map(|i| Ref::new(FIRST_PAGE + 2 * i))
        .collect();
    let mut catalog = pdf.catalog(CATALOG);
    catalog.pages(PAGE_TREE).lang(TextStr("en"));
    catalog
        .names()
        .embedded_files()
        .names()
        .insert(Str(ATTACHMENT_NAME.as_bytes()), FILE_SPEC);
    catalog.finish();
    pdf.pages(PAGE_TREE)
        .kids(page_refs.iter().copied())
        .count(pages.len() as i32);
    pdf.document_info(INFO)
        .title(TextStr(&summary.title))
        .subject(TextStr(&format!("Agreement hash {}", agreement.hash)))
        .creator(TextStr("Accord"))
        .producer(TextStr(&format!("accord-export, layout {LAYOUT}")));

    let regular = FontRefs::from(REGULAR);
    let bold = FontRefs::from(BOLD);
    for (i, page) in pages.iter().enumerate() {
        let page_ref = page_refs[i];
        let content_ref = Ref::new(page_ref.get() + 1);
        let content = deflate(&draw(page, &mut fonts));
        pdf.stream(content_ref, &content)
            .filter(Filter::FlateDecode);
        let mut p = pdf.page(page_ref);
        p.parent(PAGE_TREE)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_ref);
        p.resources()
            .fonts()
            .pair(Name(b"F1"), regular.font)
            .pair(Name(b"F2"), bold.font);
        p.finish();
    }
    fonts.regular.write(&mut pdf, regular)?;
    fonts.bold.write(&mut pdf, bold)?;
    Ok(pdf.finish())
}

/// One page's content stream.
fn draw(page: &Page, fonts: &mut Fonts) -> Vec<u8> {
    let mut c = Content::new();
    for fill in &page.fills {
        c.set_fill_gray(fill.gray)
            .rect(fill.x, fill.y, fill.width, fill.height)
            .fill_nonzero();
    }
    for rule in &page.rules {
        c.set_stroke_gray(rule.gray)
            .set_line_width(rule.width)
            .move_to(rule.from.0, rule.from.1)
            .line_to(rule.to.0, rule.to.1)
            .stroke();
    }
    let mut current: Option<(Face, f32, f32)> = None;
    c.begin_text();
    for span in &page.spans {
        if current.map(|(_, _, g)| g) != Some(span.gray) {
            c.set_fill_gray(span.gray);
        }
        if current.map(|(f, s, _)| (f, s)) != Some((span.face, span.size)) {
            let name = match span.face {
                Face::Regular => Name(b"F1"),
                Face::Bold => Name(b"F2"),
            };
            c.set_font(name, span.size);
        }
        current = Some((span.face, span.size, span.gray));
        let font = match span.face {
            Face::Regular => &mut fonts.regular,
            Face::Bold => &mut fonts.bold,
        };
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, span.x, span.y]);
        c.show(Str(&font.encode(&span.text)));
    }
    c.end_text();
    c.finish().into_vec()
}

/// The first 16 bytes of a hex hash (the PDF file id); zeros where it is not hex.
fn hash_bytes(hash: &str) -> Vec<u8> {
    let digits: Vec<u8> = hash
        .bytes()
        .map(|b| (b as char).to_digit(16).unwrap_or(0) as u8)
        .collect();
    let mut id: Vec<u8> = digits
        .chunks(2)
        .take(16)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect();
    id.resize(16, 0);
    id
}

/// The agreement a PDF export carries, checked: its hash matches, and rendering it again gives
/// exactly these bytes (so neither the pages nor the attachment were altered).
pub fn read(bytes: &[u8]) -> Result<Agreement, ExportError> {
    let (layout, json) = attachment(bytes)?;
    let agreement = parse_agreement(&json)?;
    if layout != LAYOUT.to_string() {
        return Err(ExportError::OtherLayout {
            format: "PDF",
            found: layout,
            supported: LAYOUT,
        });
    }
    let expected = pdf(&agreement)?;
    if expected != bytes {
        let offset = expected
            .iter()
            .zip(bytes)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(bytes.len()));
        return Err(ExportError::PdfAltered { offset });
    }
    Ok(agreement)
}

/// The layout version and the text of the attached agreement, found through the file's
/// cross-reference table as this module writes it.
fn attachment(bytes: &[u8]) -> Result<(String, String), ExportError> {
    let damaged = |what: &str| ExportError::DamagedPdf(what.to_string());
    if !bytes.starts_with(b"%PDF-") {
        return Err(damaged("it does not start as a PDF"));
    }
    let trimmed = trim_end(bytes);
    if !trimmed.ends_with(b"%%EOF") {
        return Err(damaged("it does not end with %%EOF; the file is cut short"));
    }
    let tail_start = trimmed.len().saturating_sub(64);
    let marker = find_last(&trimmed[tail_start..], b"startxref")
        .ok_or_else(|| damaged("no startxref at its end"))?;
    let xref = number_after(trimmed, tail_start + marker + b"startxref".len())
        .ok_or_else(|| damaged("startxref gives no offset"))?;
    let table = bytes
        .get(xref..)
        .filter(|t| t.starts_with(b"xref\n0 "))
        .ok_or_else(|| damaged("startxref does not point at a cross-reference table"))?;
    let header = table
        .iter()
        .position(|&b| b == b'\n')
        .and_then(|first| {
            table[first + 1..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|n| first + 1 + n + 1)
        })
        .ok_or_else(|| damaged("the cross-reference table is cut"))?;
    let entry = header + ATTACHMENT as usize * 20;
    let object = table
        .get(entry..entry + 10)
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .and_then(|digits| digits.parse::<usize>().ok())
        .ok_or_else(|| damaged("the cross-reference table has no entry for the agreement"))?;
    let head = format!("{ATTACHMENT} 0 obj");
    let rest = bytes
        .get(object..)
        .filter(|r| r.starts_with(head.as_bytes()))
        .ok_or_else(|| damaged("the attached agreement is not where the table says"))?;
    let dict_end = find(rest, b"stream\n").ok_or_else(|| damaged("the attachment has no data"))?;
    let dict = &rest[..dict_end];
    let length = find(dict, b"/Length ")
        .and_then(|at| number_after(dict, at + b"/Length".len()))
        .ok_or_else(|| damaged("the attachment has no length"))?;
    let layout = find(dict, LAYOUT_KEY)
        .and_then(|at| number_after(dict, at + LAYOUT_KEY.len()))
        .map(|n| n.to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let data = rest
        .get(dict_end + b"stream\n".len()..)
        .and_then(|d| d.get(..length))
        .ok_or_else(|| damaged("the attachment is cut short"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(data, MAX_AGREEMENT_BYTES)
        .map_err(|_| damaged("the attachment's compressed data is broken"))?;
    let json = String::from_utf8(json).map_err(|_| damaged("the attachment is not UTF-8 text"))?;
    Ok((layout, json))
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The decimal number after `at`, past white space.
fn number_after(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let digits = rest[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    std::str::from_utf8(&rest[start..start + digits])
        .ok()?
        .parse()
        .ok()
}
