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

    /// The layout version and the agreement file from the last marker in `text`.
    pub fn read(&self, text: &str) -> Result<(String, String), ExportError> {
        let missing = || ExportError::NoEmbeddedAgreement {
            format: self.format,
        };
        let start = text.rfind(self.open).ok_or_else(missing)? + self.open.len();
        let rest = &text[start..];
        let layout_end = rest.find(self.open_end).ok_or_else(missing)?;
        let layout = rest[..layout_end].to_string();
        let body = &rest[layout_end + self.open_end.len()..];
        let body = &body[..body.find(self.close).ok_or_else(missing)?];
        let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let damaged = |what: &str| ExportError::DamagedEmbedding {
            format: self.format,
            what: what.to_string(),
        };
        let bytes = B64
            .decode(compact.as_bytes())
            .map_err(|_| damaged("its base64 is broken"))?;
        let json = String::from_utf8(bytes).map_err(|_| damaged("it is not UTF-8 text"))?;
        Ok((layout, json))
    }
}
