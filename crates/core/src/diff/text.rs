//! Free text, read twice: as words, and for the typed values hidden in it.
//!
//! Two partners rarely write the same sentence, so an exact match says little. This step keeps
//! the content words (for a similarity score and a word-level difference) and pulls out the
//! numbers, amounts, percentages, dates, durations and frequencies the text mentions, so that
//! "a webinar every quarter with 100 guests" and "monthly webinars, 40 guests" are caught as
//! different rhythms and sizes, not merely as different words. It does no stemming, spelling
//! correction or synonym matching: anything cleverer would be a guess the user cannot check.

use std::borrow::Cow;

use crate::time::{format_date, parse_date};

/// A free-text answer, analysed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextN<'a> {
    /// Content words, lower case, in order of first appearance, without repeats (borrowed from
    /// the answer when it is already lower case).
    pub words: Vec<Cow<'a, str>>,
    pub facts: Vec<Fact>,
    /// The text itself, cut at about 80 characters, for display.
    pub preview: Cow<'a, str>,
}

/// A typed value found in text. Facts with the same `key` are comparable.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fact {
    /// `EUR`, `%`, `date`, `times a year`, `days`, or the noun a number counts (`guest`).
    pub key: Cow<'static, str>,
    pub value: f64,
    pub shown: String,
}

/// Words too common to say anything about what a partner wants (a `match`, so the check is a
/// length test and a few byte compares rather than a scan of the list).
fn is_stopword(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "and"
            | "or"
            | "of"
            | "to"
            | "in"
            | "on"
            | "for"
            | "with"
            | "by"
            | "at"
            | "is"
            | "are"
            | "be"
            | "we"
            | "our"
            | "us"
            | "it"
            | "its"
            | "this"
            | "that"
            | "will"
            | "should"
            | "from"
            | "as"
            | "per"
            | "each"
            | "both"
            | "their"
            | "they"
            | "them"
            | "would"
            | "can"
            | "than"
            | "have"
            | "has"
            | "i"
            | "you"
            | "your"
            | "the"
            | "so"
            | "if"
            | "into"
            | "about"
            | "which"
            | "who"
            | "what"
            | "there"
            | "been"
            | "was"
            | "were"
            | "do"
            | "does"
            | "not"
            | "no"
            | "yes"
            | "all"
            | "any"
            | "some"
            | "more"
            | "less"
            | "also"
            | "just"
    )
}

fn number(token: &str) -> Option<f64> {
    let t = token.trim_matches(|c: char| matches!(c, '€' | '$' | '£' | '%'));
    if !t.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let (body, mult) = match t.strip_suffix(['k', 'K']) {
        Some(b) => (b, 1_000.0),
        None => match t.strip_suffix(['m', 'M']) {
            Some(b) if !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit() || c == b'.') => {
                (b, 1_000_000.0)
            }
            _ => (t, 1.0),
        },
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return None;
    }
    let parsed = if body.contains(',') {
        body.replace(',', "").parse::<f64>().ok()
    } else {
        body.parse::<f64>().ok()
    };
    parsed.map(|v| v * mult)
}

const CURRENCIES: [(&str, &str); 13] = [
    ("eur", "EUR"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("€", "EUR"),
    ("usd", "USD"),
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("$", "USD"),
    ("gbp", "GBP"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("£", "GBP"),
    ("chf", "CHF"),
];

fn currency(token: &str) -> Option<&'static str> {
    CURRENCIES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(token))
        .map(|(_, code)| *code)
}

fn leading_currency(token: &str) -> Option<&'static str> {
    match token.chars().next()? {
        '€' => Some("EUR"),
        '$' => Some("USD"),
        '£' => Some("GBP"),
        _ => None,
    }
}

fn period_per_year(word: &str) -> Option<f64> {
    match word.trim_end_matches('s') {
        "day" => Some(365.0),
        "week" => Some(52.0),
        "fortnight" => Some(26.0),
        "month" => Some(12.0),
        "quarter" => Some(4.0),
        "year" => Some(1.0),
        _ => None,
    }
}

fn duration_days(word: &str) -> Option<f64> {
    match word.trim_end_matches('s') {
        "day" => Some(1.0),
        "week" => Some(7.0),
        "month" => Some(365.25 / 12.0),
        "year" => Some(365.25),
        _ => None,
    }
}

fn frequency_word(word: &str) -> Option<f64> {
    match word {
        "daily" => Some(365.0),
        "weekly" => Some(52.0),
        "fortnightly" | "biweekly" => Some(26.0),
        "monthly" => Some(12.0),
        "quarterly" => Some(4.0),
        "yearly" | "annually" | "annual" => Some(1.0),
        _ => None,
    }
}

pub(crate) fn fmt_num(v: f64) -> String {
    Num(v).to_string()
}

/// A number as the reports write it (thousands separated, at most two decimals), written
/// straight into whatever is being formatted instead of into a string of its own.
#[derive(Clone, Copy)]
pub(crate) struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rounded = (self.0 * 100.0).round() / 100.0;
        let abs = rounded.abs();
        let int = abs.trunc() as u64;
        let cents = ((abs - abs.trunc()) * 100.0).round() as u64;
        let mut digits = [0u8; 20];
        let mut n = 0;
        let mut rest = int;
        loop {
            digits[n] = b'0' + (rest % 10) as u8;
            n += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        // At most a sign, 20 digits, 6 separators, a point and two decimals.
        let mut buf = [0u8; 32];
        let mut len = 0;
        let mut push = |b: u8| {
            buf[len] = b;
            len += 1;
        };
        if rounded < 0.0 {
            push(b'-');
        }
        for i in (0..n).rev() {
            push(digits[i]);
            if i > 0 && i % 3 == 0 {
                push(b',');
            }
        }
        if cents > 0 {
            push(b'.');
            push(b'0' + (cents / 10) as u8);
            if !cents.is_multiple_of(10) {
                push(b'0' + (cents % 10) as u8);
            }
        }
        f.write_str(std::str::from_utf8(&buf[..len]).map_err(|_| std::fmt::Error)?)
    }
}

/// Times a year in words: "monthly (12 a year)".
pub(crate) fn per_year_shown(per_year: f64) -> String {
    const NAMED: [(f64, &str); 9] = [
        (365.0, "daily"),
        (104.0, "twice a week"),
        (52.0, "weekly"),
        (26.0, "every two weeks"),
        (24.0, "twice a month"),
        (12.0, "monthly"),
        (4.0, "quarterly"),
        (2.0, "twice a year"),
        (1.0, "yearly"),
    ];
    let named = NAMED
        .iter()
        .find(|(n, _)| (n - per_year).abs() < 1e-9)
        .map(|(_, name)| *name);
    match named {
        Some(n) => format!("{n} ({} a year)", Num(per_year)),
        None => format!("{} times a year", Num(per_year)),
    }
}

fn singular(word: &str) -> String {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// One token, trimmed of punctuation and in lower case; borrowed unless it had to be lowered.
fn token(raw: &str) -> Cow<'_, str> {
    let t =
        raw.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '%' | '€' | '$' | '£')));
    if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

/// The text with runs of whitespace as single spaces, cut after about 80 characters.
fn preview(text: &str) -> Cow<'_, str> {
    let mut spaced = true;
    let plain = !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && text.chars().all(|c| {
            let ok = !c.is_whitespace() || (c == ' ' && !spaced);
            spaced = c == ' ';
            ok
        });
    if plain && text.chars().nth(80).is_none() {
        return Cow::Borrowed(text);
    }
    let mut preview = String::with_capacity(text.len().min(90));
    for (n, w) in text.split_whitespace().enumerate() {
        if n > 0 {
            preview.push(' ');
        }
        preview.push_str(w);
        if preview.len() > 80 {
            break;
        }
    }
    if let Some((i, _)) = preview.char_indices().nth(80) {
        preview.truncate(i);
        preview.push('…');
    }
    Cow::Owned(preview)
}

/// Splits, lowers and reads a free-text answer.
pub(crate) fn analyse(text: &str) -> TextN<'_> {
    let raw: Vec<Cow<'_, str>> = text
        .split_whitespace()
        .map(token)
        .filter(|t| !t.is_empty())
        .collect();
    let facts = facts(&raw);
    let mut words: Vec<Cow<'_, str>> = Vec::with_capacity(raw.len());
    for t in raw {
        if !is_stopword(&t) && !words.contains(&t) {
            words.push(t);
        }
    }
    TextN {
        facts,
        words,
        preview: preview(text),
    }
}

fn facts(tokens: &[Cow<'_, str>]) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &*tokens[i];
        let next = tokens.get(i + 1).map_or("", |x| &**x);
        let after = tokens.get(i + 2).map_or("", |x| &**x);
        if let Some(day) = parse_date(t) {
            out.push(Fact {
                key: "date".into(),
                value: day as f64,
                shown: format_date(day),
            });
        } else if let Some(py) = frequency_word(t) {
            out.push(freq(py));
        } else if t == "every" {
            if let Some(py) = period_per_year(next) {
                out.push(freq(py));
                i += 1;
            } else if let (Some(n), Some(py)) = (number(next), period_per_year(after)) {
                if n > 0.0 {
                    out.push(freq(py / n));
                }
                i += 2;
            }
        } else if let Some(n) = number(t)
            .or_else(|| (t == "once").then_some(1.0))
            .or_else(|| (t == "twice").then_some(2.0))
        {
            let count = if next == "times" { Some(after) } else { None };
            let (per_word, skip) = match count {
                Some(_) => (tokens.get(i + 3).map_or("", |x| &**x), 3),
                None => (after, 2),
            };
            let period_follows = matches!(count.unwrap_or(next), "a" | "per" | "every");
            if period_follows && (count.is_some() || t == "once" || t == "twice") {
                if let Some(py) = period_per_year(per_word) {
                    out.push(freq(n * py));
                    i += skip + 1;
                    continue;
                }
            }
            if t == "once" || t == "twice" {
                i += 1;
                continue;
            }
            if let Some(cur) = leading_currency(t).or_else(|| currency(next)) {
                out.push(Fact {
                    key: cur.into(),
                    value: n,
                    shown: format!("{} {cur}", Num(n)),
                });
            } else if t.ends_with('%') || next == "percent" || next == "%" {
                out.push(Fact {
                    key: "%".into(),
                    value: n,
                    shown: format!("{}%", Num(n)),
                });
            } else if let Some(d) = duration_days(next) {
                out.push(Fact {
                    key: "days".into(),
                    value: n * d,
                    shown: format!("{} {next}", Num(n)),
                });
            } else if let Some(cur) = currency(t.get(..3).unwrap_or("")) {
                out.push(Fact {
                    key: cur.into(),
                    value: n,
                    shown: format!("{} {cur}", Num(n)),
                });
            } else if !next.is_empty()
                && next.chars().all(char::is_alphabetic)
                && !is_stopword(next)
            {
                let noun = singular(next);
                out.push(Fact {
                    key: Cow::Owned(noun),
                    value: n,
                    shown: format!("{} {next}", Num(n)),
                });
            }
        } else if let Some(cur) = currency(t) {
            if let Some(n) = number(next) {
                out.push(Fact {
                    key: cur.into(),
                    value: n,
                    shown: format!("{} {cur}", Num(n)),
                });
                i += 1;
            }
        }
        i += 1;
    }
    out
}

fn freq(per_year: f64) -> Fact {
    Fact {
        key: "times a year".into(),
        value: per_year,
        shown: per_year_shown(per_year),
    }
}

/// Similarity, the words only each side used, and the typed values that disagree as
/// `(key, shown in a, shown in b)`.
pub(crate) struct TextComparison {
    pub similarity: f64,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    pub clashes: Vec<(String, String, String)>,
}

pub(crate) fn compare(a: &TextN, b: &TextN) -> TextComparison {
    // Word lists are short and already free of repeats: scanning them beats hashing.
    let common = a.words.iter().filter(|w| b.words.contains(w)).count();
    let union = a.words.len() + b.words.len() - common;
    let similarity = if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    };
    let only = |x: &TextN, other: &TextN| -> Vec<String> {
        x.words
            .iter()
            .filter(|w| !other.words.contains(w))
            .take(12)
            .map(|w| w.to_string())
            .collect()
    };
    let mut clashes = Vec::new();
    for (n, fact) in a.facts.iter().enumerate() {
        let key = &*fact.key;
        if a.facts[..n].iter().any(|f| f.key == key) {
            continue;
        }
        let va: Vec<&Fact> = a.facts.iter().filter(|f| f.key == key).collect();
        let vb: Vec<&Fact> = b.facts.iter().filter(|f| f.key == key).collect();
        if vb.is_empty() {
            continue;
        }
        let same = va.len() == vb.len()
            && va
                .iter()
                .all(|x| vb.iter().any(|y| (x.value - y.value).abs() < 1e-6));
        if !same {
            let show = |v: &[&Fact]| {
                v.iter()
                    .map(|f| f.shown.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            clashes.push((key.to_string(), show(&va), show(&vb)));
        }
    }
    TextComparison {
        similarity,
        only_a: only(a, b),
        only_b: only(b, a),
        clashes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        analyse(text)
            .facts
            .into_iter()
            .map(|f| (f.key.into_owned(), f.shown))
            .collect()
    }

    #[test]
    fn finds_typed_values_in_text() {
        let f = keys("A webinar every quarter, 100 guests, budget €20k and 50% of leads by 2027-03-01 for 18 months; meet twice a month");
        let want = [
            ("times a year", "quarterly (4 a year)"),
            ("guest", "100 guests"),
            ("EUR", "20,000 EUR"),
            ("%", "50%"),
            ("date", "2027-03-01"),
            ("days", "18 months"),
            ("times a year", "twice a month (24 a year)"),
        ];
        let got: Vec<(&str, &str)> = f.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(
            keys("monthly calls, 3 times per year review")[1].1,
            "3 times a year"
        );
        assert_eq!(keys("EUR 5,000 upfront")[0].1, "5,000 EUR");
    }

    #[test]
    fn compares_words_and_values() {
        let a = analyse("Monthly webinars with 40 guests");
        let b = analyse("Quarterly webinars with 100 guests");
        let c = compare(&a, &b);
        assert!(c.similarity > 0.2 && c.similarity < 0.6);
        assert_eq!(c.only_a, ["monthly", "40"]);
        assert_eq!(c.clashes.len(), 2);
        assert_eq!(c.clashes[0].1, "monthly (12 a year)");
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(fmt_num(1234567.0), "1,234,567");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(0.25), "0.25");
        assert_eq!(fmt_num(-1000.0), "-1,000");
    }
}
