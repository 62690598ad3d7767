//! The two typefaces the PDF uses (DejaVu Sans and DejaVu Sans Bold, vendored in `fonts/` with
//! their licence): measuring text for line breaking, turning text into the codes the page
//! content shows, and writing each font into the PDF as an embedded subset.
//!
//! Each distinct character used gets its own code (CID), in order of first use, so the PDF's
//! ToUnicode map gives every code back its character: text extraction (pdftotext, copy and
//! paste, search) returns exactly what was written, even for a character the font has no glyph
//! for (it shows as the font's empty box). A CIDToGIDMap maps the codes to the subset's glyphs.
//! Nothing here depends on the clock or on hash order, so the same text gives the same bytes.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::{Face, GlyphId};

use crate::ExportError;

pub const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// More distinct characters than this in one font share the code of U+FFFD.
const MAX_CODES: usize = u16::MAX as usize - 1;

pub struct Font {
    face: Face<'static>,
    data: &'static [u8],
    family: &'static str,
    units_per_em: f32,
    /// Advance widths of Latin-1 characters, in font units, filled on first use.
    latin: [Option<u16>; 256],
    advances: HashMap<char, u16>,
    codes: HashMap<char, u16>,
    /// For code `i + 1`: the character and its glyph in the full font.
    used: Vec<(char, GlyphId)>,
}

impl Font {
    pub fn new(data: &'static [u8], family: &'static str) -> Result<Font, ExportError> {
        let face = Face::parse(data, 0).map_err(|e| ExportError::Font(e.to_string()))?;
        Ok(Font {
            units_per_em: f32::from(face.units_per_em()),
            face,
            data,
            family,
            latin: [None; 256],
            advances: HashMap::new(),
            codes: HashMap::new(),
            used: Vec::new(),
        })
    }

    fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    fn advance(&mut self, c: char) -> u16 {
        let n = u32::from(c);
        if n < 256 {
            if let Some(w) = self.latin[n as usize] {
                return w;
            }
        } else if let Some(&w) = self.advances.get(&c) {
            return w;
        }
        let w = self.face.glyph_hor_advance(self.glyph(c)).unwrap_or(0);
        if n < 256 {
            self.latin[n as usize] = Some(w);
        } else {
            self.advances.insert(c, w);
        }
        w
    }

    /// Width of `text` at `size` points.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size / self.units_per_em
    }

    /// `text` as the two-byte codes the page content shows (Identity-H).
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            out.extend_from_slice(&self.code(c).to_be_bytes());
        }
        out
    }

    fn code(&mut self, c: char) -> u16 {
        if let Some(&code) = self.codes.get(&c) {
            return code;
        }
        if self.used.len() >= MAX_CODES && c != '\u{FFFD}' {
            return self.code('\u{FFFD}');
        }
        self.used.push((c, self.glyph(c)));
        let code = self.used.len() as u16;
        self.codes.insert(c, code);
        code
    }

    /// Writes the font as a Type0 font with an embedded TrueType subset: the font dictionary at
    /// `refs.font`, the others at the following ids.
    pub fn write(&self, pdf: &mut Pdf, refs: FontRefs) -> Result<(), ExportError> {
        let mut remapper = subsetter::GlyphRemapper::new();
        for &(_, glyph) in &self.used {
            remapper.remap(glyph.0);
        }
        let subset = subsetter::subset(self.data, 0, &remapper)
            .map_err(|e| ExportError::Font(e.to_string()))?;
        let base_font = format!("{}+{}", self.subset_tag(), self.family);
        let base_font = Name(base_font.as_bytes());
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };

        pdf.type0_font(refs.font)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);

        let scale = 1000.0 / self.units_per_em;
        let mut cid = pdf.cid_font(refs.cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(system_info)
            .font_descriptor(refs.descriptor)
            .cid_to_gid_map_stream(refs.cid_to_gid);
        let widths: Vec<f32> = self
            .used
            .iter()
            .map(|&(_, g)| f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * scale)
            .collect();
        cid.widths().consecutive(1, widths);
        cid.finish();

        let bbox = self.face.global_bounding_box();
        let mut flags = FontFlags::NON_SYMBOLIC;
        flags.set(FontFlags::FORCE_BOLD, self.family.ends_with("Bold"));
        pdf.font_descriptor(refs.descriptor)
            .name(base_font)
            .flags(flags)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(self.face.ascender()) * scale)
            .descent(f32::from(self.face.descender()) * scale)
            .cap_height(f32::from(self.face.capital_height().unwrap_or(0)) * scale)
            .stem_v(if self.family.ends_with("Bold") {
                120.0
            } else {
                80.0
            })
            .font_file2(refs.font_file);

        let mut map = Vec::with_capacity((self.used.len() + 1) * 2);
        map.extend_from_slice(&0u16.to_be_bytes());
        for &(_, glyph) in &self.used {
            let new = remapper.get(glyph.0).unwrap_or(0);
            map.extend_from_slice(&new.to_be_bytes());
        }
        let map = super::deflate(&map);
        pdf.stream(refs.cid_to_gid, &map)
            .filter(Filter::FlateDecode);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (i, &(c, _)) in self.used.iter().enumerate() {
            cmap.pair(i as u16 + 1, c);
        }
        let cmap = super::deflate(&cmap.finish().into_vec());
        pdf.cmap(refs.to_unicode, &cmap).filter(Filter::FlateDecode);

        let compressed = super::deflate(&subset);
        pdf.stream(refs.font_file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        Ok(())
    }

    /// Six capital letters naming the subset, from the glyphs it holds (the same glyphs give
    /// the same tag, as PDF asks).
    fn subset_tag(&self) -> String {
        let mut h: u32 = 0x811c_9dc5;
        for &(c, g) in &self.used {
            for byte in u32::from(c)
                .to_le_bytes()
                .into_iter()
                .chain(g.0.to_le_bytes())
            {
                h = (h ^ u32::from(byte)).wrapping_mul(0x0100_0193);
            }
        }
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
            .collect()
    }
}

/// Object ids of one embedded font.
#[derive(Clone, Copy)]
pub struct FontRefs {
    pub font: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub cid_to_gid: Ref,
    pub to_unicode: Ref,
    pub font_file: Ref,
}

impl FontRefs {
    /// Six consecutive ids from `first`.
    pub fn from(first: i32) -> FontRefs {
        FontRefs {
            font: Ref::new(first),
            cid_font: Ref::new(first + 1),
            descriptor: Ref::new(first + 2),
            cid_to_gid: Ref::new(first + 3),
            to_unicode: Ref::new(first + 4),
            font_file: Ref::new(first + 5),
        }
    }
}
