//! How Markdown and HTML exports carry the agreement they show: the agreement file (the JSON
//! export, signatures included) as base64 between two markers, at the end of the document,
//! where a reader sees nothing of it (an HTML comment in Markdown, an inert `<template>` in
//! HTML). Base64 holds no `-`, `<`, `>` or `&`, so it can neither end the comment nor be read
//! as markup, whatever the agreement's text contains.
//!
//! The markers also name the layout version of the renderer that wrote the document, so a
//! reader knows whether re-rendering can reproduce it. This module knows nothing of what the
//! documents look like.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use accord_core::agreement::MAX_AGREEMENT_BYTES;

use crate::ExportError;

/// Base64 line length, as in MIME.
const LINE: usize = 76;

/// Where a format puts its embedded agreement.
pub struct Carrier {
    pub format: &'static str,
    /// Written right before the layout version.
    pub open: &'static str,
    /// Ends the opening marker, after the layout version.
    pub open_end: &'static str,
    pub close: &'static str,
}

pub const MARKDOWN: Carrier = Carrier {
    format: "Markdown",
    open: "<!-- accord-agreement layout=",
    open_end: "\n",
    close: "-->",
};

pub const HTML: Carrier = Carrier {
    format: "HTML",
    open: "<template id=\"accord-agreement\" data-layout=\"",
    open_end: "\">\n",
    close: "</template>",
};

impl Carrier {
    /// Appends the opening marker, the agreement file as base64 lines, and the closing marker.
    pub fn write(&self, out: &mut String, layout: u32, agreement_json: &str) {
        out.push_str(self.open);
        out.push_str(&layout.to_string());
        out.push_str(self.open_end);
        let encoded = B64.encode(agreement_json.as_bytes());
        for line in encoded.as_bytes().chunks(LINE) {
            // Base64 is ASCII, so every chunk is valid UTF-8.
            out.push_str(std::str::from_utf8(line).unwrap_or_default());
            out.push('\n');
        }
        out.push_str(self.close);
        out.push('\n');
    }

    /// The layout version and the agreement file from the last marker in `text`, whose lines
    /// may end in `\n` or `\r\n` (editors and mail change them).
    ///
    /// A block too long to hold an agreement of at most [`MAX_AGREEMENT_BYTES`] is refused
    /// before it is decoded, so a hostile document costs no more memory than its own size.
    pub fn read(&self, text: &str) -> Result<(String, String), ExportError> {
        let missing = || ExportError::NoEmbeddedAgreement {
            format: self.format,
        };
        let damaged = |what: &str| ExportError::DamagedEmbedding {
            format: self.format,
            what: what.to_string(),
        };
        let start = text.rfind(self.open).ok_or_else(missing)? + self.open.len();
        let rest = &text[start..];
        // The opening marker ends its line: `layout=1` or `data-layout="1">`.
        let line_end = rest.find('\n').ok_or_else(missing)?;
        let line = rest[..line_end]
            .strip_suffix('\r')
            .unwrap_or(&rest[..line_end]);
        let layout = line
            .strip_suffix(self.open_end.trim_end_matches('\n'))
            .ok_or_else(missing)?
            .to_string();
        let body = &rest[line_end + 1..];
        let body = &body[..body.find(self.close).ok_or_else(missing)?];
        if body.len() > max_block_len() {
            return Err(damaged("it is longer than any agreement can be"));
        }
        let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let bytes = B64
            .decode(compact.as_bytes())
            .map_err(|_| damaged("its base64 is broken"))?;
        let json = String::from_utf8(bytes).map_err(|_| damaged("it is not UTF-8 text"))?;
        Ok((layout, json))
    }
}

/// The longest block an agreement of at most [`MAX_AGREEMENT_BYTES`] is written as: its base64
/// in lines of [`LINE`] characters, each ended by `\r\n` at worst and indented by up to four
/// spaces (an editor's doing). A longer block cannot hold an agreement.
fn max_block_len() -> usize {
    let encoded = MAX_AGREEMENT_BYTES.div_ceil(3) * 4;
    let lines = encoded.div_ceil(LINE) + 1;
    encoded + lines * 6
}
