//! The preview the app shows before saving: it is the export's own content (the text formats'
//! text, the PDF's laid-out pages), and the file name offered is safe on every system.
//! That poppler reads the same lines from the PDF is checked in `tools.rs`.

mod fixture;

use accord_export::{
    file_name, markdown, pdf, preview, ExportFormat, PreviewContent, MAX_EXPORT_BYTES,
};

#[test]
fn text_formats_preview_their_exact_text_and_size() {
    let agreement = fixture::signed(fixture::seminar());
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Json,
    ] {
        let shown = preview(&agreement, format).unwrap();
        let bytes = accord_export::render(&agreement, format).unwrap();
        assert_eq!(shown.bytes as usize, bytes.len(), "{format:?}");
        assert_eq!(shown.format, format);
        match shown.content {
            PreviewContent::Text { text } => assert_eq!(text.as_bytes(), bytes, "{format:?}"),
            PreviewContent::Pages { .. } => panic!("{format:?} previews as text"),
        }
    }
    assert!(matches!(
        preview(&agreement, ExportFormat::Markdown).unwrap().content,
        PreviewContent::Text { text } if text == markdown(&agreement)
    ));
}

#[test]
fn the_pdf_previews_as_its_pages_with_every_line_inside_the_page() {
    for agreement in [
        fixture::signed(fixture::seminar()),
        fixture::hostile(),
        fixture::large(300),
    ] {
        let shown = preview(&agreement, ExportFormat::Pdf).unwrap();
        assert_eq!(shown.bytes as usize, pdf(&agreement).unwrap().len());
        assert!((shown.bytes as usize) < MAX_EXPORT_BYTES);
        let PreviewContent::Pages { pages } = shown.content else {
            panic!("a PDF previews as pages");
        };
        assert!(!pages.is_empty());
        let all: String = pages
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains(&agreement.hash), "the footer shows the hash");
        assert!(
            all.contains(&agreement.review_on),
            "the review date is shown"
        );
        for page in &pages {
            assert!(page.width > 595.0 && page.height > 841.0, "A4");
            for line in &page.lines {
                assert!(line.advance > 0.0, "{:?} has a width", line.text);
                assert!(
                    line.x >= 0.0 && line.x + line.advance <= page.width - 40.0,
                    "{:?} at {} + {} runs off the page",
                    line.text,
                    line.x,
                    line.advance
                );
                assert!(line.baseline > 0.0 && line.baseline < page.height);
            }
            for b in &page.boxes {
                assert!(b.y >= 0.0 && b.y + b.height <= page.height);
            }
        }
    }
}

#[test]
fn file_names_keep_letters_of_any_script_and_drop_the_rest() {
    let mut agreement = fixture::seminar();
    agreement.number = 3;
    agreement.alliance.name = "Northwind / Lumen: Co-marketing 2027".into();
    assert_eq!(
        file_name(&agreement, ExportFormat::Pdf),
        "northwind-lumen-co-marketing-2027-agreement-3.pdf"
    );
    agreement.alliance.name = "Müller & Søn ../../etc\u{0}".into();
    assert_eq!(
        file_name(&agreement, ExportFormat::Markdown),
        "müller-søn-etc-agreement-3.md"
    );
    agreement.alliance.name = "***".into();
    assert_eq!(
        file_name(&agreement, ExportFormat::Json),
        "agreement-3.json"
    );
    agreement.alliance.name = "word ".repeat(40);
    let long = file_name(&agreement, ExportFormat::Html);
    assert!(long.chars().count() <= 80, "{long}");
    assert!(long.ends_with("-agreement-3.html"), "{long}");
}
