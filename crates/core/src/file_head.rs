//! The first look at a JSON file from outside (an answer sheet, an alliance file, an agreement,
//! a contact card, an envelope): what its `format` and `version` say, checked before the file
//! is read into Rust types, without building the document in memory.
//!
//! Reading a file into a `serde_json::Value` first costs some 30 to 60 bytes per JSON value, so
//! 16 MB of `[0,0,0,...]` became half a gigabyte before any check could refuse it; serde's
//! tagged enums buffer values the same way. [`read_head`] walks the whole document once,
//! checking its syntax, keeping only the few top-level fields asked for and counting values,
//! and refuses a document of more than [`MAX_VALUES`] values: far above any real file, and low
//! enough that reading one into types stays within tens of megabytes.
//!
//! A leading byte order mark (which some Windows editors write) is skipped: see [`strip_bom`].

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Most JSON values (scalars, lists and objects, at any depth) a file may hold. A 10,000-question
/// alliance file holds about 200,000.
pub const MAX_VALUES: usize = 1_000_000;

/// What a top-level field holds, as far as the head reader keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Field {
    /// The field is absent (or the document is not an object).
    #[default]
    Missing,
    /// A string.
    Text(String),
    /// A non-negative integer that fits in 64 bits.
    Count(u64),
    /// Anything else, described in words ("a list", "a negative number", ...).
    Other(&'static str),
}

impl Field {
    /// The string, if the field is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Field::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The integer, if the field is a non-negative one.
    pub fn count(&self) -> Option<u64> {
        match self {
            Field::Count(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for Field {
    /// As an error message shows what was found: a string quoted (as JSON), other values in
    /// words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Missing => f.write_str("missing"),
            Field::Text(text) => write!(f, "{}", serde_json::Value::from(text.as_str())),
            Field::Count(n) => write!(f, "{n}"),
            Field::Other(what) => f.write_str(what),
        }
    }
}

/// The top-level fields asked for, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// Whether the document is a JSON object at all.
    pub is_object: bool,
    fields: Vec<(&'static str, Field)>,
}

impl Head {
    /// The field named `name` (one of those asked for).
    pub fn get(&self, name: &str) -> &Field {
        const MISSING: &Field = &Field::Missing;
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(MISSING, |(_, field)| field)
    }

    /// `format` as a string, or "" when it is missing or not a string.
    pub fn format(&self) -> &str {
        self.get("format").text().unwrap_or("")
    }
}

/// Why a head could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeadError {
    /// Not JSON: truncated, a syntax error, nesting deeper than 128 levels, a number out of
    /// range. serde_json's message, with its line and column.
    #[error("{message}")]
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    #[error("the file holds more than {max} JSON values, far more than any real one")]
    TooManyValues { max: usize },
}

/// `text` without a leading byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Reads the top-level `fields` of the JSON document `text` (after [`strip_bom`]), checking
/// the syntax of all of it and that it holds at most [`MAX_VALUES`] values.
pub fn read_head(text: &str, fields: &[&'static str]) -> Result<Head, HeadError> {
    let count = Cell::new(0usize);
    let overflow = Cell::new(false);
    let counter = Counter {
        count: &count,
        overflow: &overflow,
    };
    let mut de = serde_json::Deserializer::from_str(strip_bom(text));
    let read = (Root { counter, fields })
        .deserialize(&mut de)
        .and_then(|head| de.end().map(|()| head));
    read.map_err(|e| {
        if overflow.get() {
            HeadError::TooManyValues { max: MAX_VALUES }
        } else {
            HeadError::Syntax {
                message: e.to_string(),
                line: e.line(),
                column: e.column(),
            }
        }
    })
}

/// Counts every value it walks over and keeps none.
#[derive(Clone, Copy)]
struct Counter<'a> {
    count: &'a Cell<usize>,
    overflow: &'a Cell<bool>,
}

impl Counter<'_> {
    fn scalar<E: serde::de::Error>(self, _: Scalar<'_>) -> Result<(), E> {
        self.tick()
    }

    fn tick<E: serde::de::Error>(&self) -> Result<(), E> {
        let n = self.count.get() + 1;
        self.count.set(n);
        if n > MAX_VALUES {
            self.overflow.set(true);
            return Err(E::custom(format!("more than {MAX_VALUES} values")));
        }
        Ok(())
    }

    fn walk_seq<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn walk_map<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Counter<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A scalar JSON value, as the visitors below see it.
enum Scalar<'a> {
    Bool,
    Negative,
    Count(u64),
    Fraction,
    Text(&'a str),
    Null,
}

/// The scalar `visit_*` methods of a visitor, each handing its value to `self.scalar`.
macro_rules! scalars {
    () => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            self.scalar(Scalar::Bool)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.scalar(u64::try_from(v).map_or(Scalar::Negative, Scalar::Count))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.scalar(Scalar::Count(v))
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            self.scalar(Scalar::Fraction)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.scalar(Scalar::Text(v))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            self.scalar(Scalar::Null)
        }
    };
}

impl<'de> Visitor<'de> for Counter<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.walk_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.walk_map(map)
    }
}

/// Reads one top-level field's value into a [`Field`].
struct Keep<'a> {
    counter: Counter<'a>,
}

impl Keep<'_> {
    fn scalar<E: serde::de::Error>(self, value: Scalar<'_>) -> Result<Field, E> {
        self.counter.tick()?;
        Ok(match value {
            Scalar::Bool => Field::Other("true or false"),
            Scalar::Negative => Field::Other("a negative number"),
            Scalar::Count(n) => Field::Count(n),
            Scalar::Fraction => Field::Other("a number with a fraction"),
            Scalar::Text(text) => Field::Text(text.to_string()),
            Scalar::Null => Field::Other("null"),
        })
    }
}

impl<'de> DeserializeSeed<'de> for Keep<'_> {
    type Value = Field;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keep<'_> {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field, A::Error> {
        self.counter.walk_seq(seq)?;
        Ok(Field::Other("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
        self.counter.walk_map(map)?;
        Ok(Field::Other("an object"))
    }
}

/// The whole document: an object whose asked-for fields are kept, or anything else walked.
struct Root<'a> {
    counter: Counter<'a>,
    fields: &'a [&'static str],
}

impl<'de> DeserializeSeed<'de> for Root<'_> {
    type Value = Head;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Head, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Root<'_> {
    fn not_an_object(&self) -> Head {
        Head {
            is_object: false,
            fields: self.fields.iter().map(|n| (*n, Field::Missing)).collect(),
        }
    }
}

impl Root<'_> {
    fn scalar<E: serde::de::Error>(self, _: Scalar<'_>) -> Result<Head, E> {
        self.counter.tick()?;
        Ok(self.not_an_object())
    }
}

impl<'de> Visitor<'de> for Root<'_> {
    type Value = Head;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Head, A::Error> {
        self.counter.walk_seq(seq)?;
        Ok(self.not_an_object())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
        self.counter.tick()?;
        let mut head = Head {
            is_object: true,
            ..self.not_an_object()
        };
        // Keys are read as owned strings only to compare them; a key is at most the file.
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match head.fields.iter_mut().find(|(name, _)| **name == *key) {
                // A field given twice counts as its last value, as JSON readers usually do.
                Some((_, field)) => {
                    *field = map.next_value_seed(Keep {
                        counter: self.counter,
                    })?
                }
                None => map.next_value_seed(self.counter)?,
            }
        }
        Ok(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_asked_for_and_describes_the_others() {
        let head = read_head(
            r#"{"format":"accord.envelope","version":1,"round":-2,"x":[1,{"y":null}],"party":[1]}"#,
            &["format", "version", "round", "party", "sender"],
        )
        .unwrap();
        assert!(head.is_object);
        assert_eq!(head.format(), "accord.envelope");
        assert_eq!(head.get("version").count(), Some(1));
        assert_eq!(head.get("round"), &Field::Other("a negative number"));
        assert_eq!(head.get("party").to_string(), "a list");
        assert_eq!(head.get("sender"), &Field::Missing);
        assert_eq!(head.get("format").to_string(), "\"accord.envelope\"");
    }

    #[test]
    fn a_document_that_is_not_an_object_has_no_fields() {
        for text in ["null", "[]", "\"format\"", "12", "true", "\u{FEFF}[1,2]"] {
            let head = read_head(text, &["format"]).unwrap();
            assert!(!head.is_object, "{text}");
            assert_eq!(head.format(), "");
        }
    }

    #[test]
    fn the_whole_document_must_be_json() {
        for text in [
            "",
            "{",
            "{\"format\":\"x\"} trailing",
            "{\"format\": NaN}",
            "[1e999]",
            "{\"a\":\"\u{1b}\"}",
        ] {
            assert!(
                matches!(read_head(text, &["format"]), Err(HeadError::Syntax { .. })),
                "{text:?}"
            );
        }
        let deep = "[".repeat(10_000);
        let err = read_head(&deep, &["format"]).unwrap_err();
        assert!(err.to_string().contains("recursion limit"), "{err}");
    }

    #[test]
    fn too_many_values_are_refused_without_building_them() {
        let wide = format!("{{\"format\":\"f\",\"x\":[{}0]}}", "0,".repeat(MAX_VALUES));
        assert_eq!(
            read_head(&wide, &["format"]),
            Err(HeadError::TooManyValues { max: MAX_VALUES })
        );
        let fits = format!("[{}0]", "0,".repeat(MAX_VALUES - 2));
        assert!(read_head(&fits, &["format"]).is_ok());
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let head = read_head("\u{FEFF}{\"format\":\"f\"}", &["format"]).unwrap();
        assert_eq!(head.format(), "f");
    }
}
