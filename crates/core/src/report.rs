//! Renders a [`Comparison`] as terminal text or Markdown, and a question set as text, as plain
//! strings.
//!
//! The CLI prints these and exports may embed the Markdown; neither format computes anything
//! the comparison does not already hold, so every figure shown traces back to it. Colour is
//! ANSI and only on request (`color: true`, when stdout is a terminal): deciding that is the
//! caller's job, as is writing the string anywhere. JSON output is `serde_json` on the
//! comparison itself and needs nothing here.

use std::fmt::Write;

use crate::comparison::{Comparison, Gap, Score, Verdict};
use crate::question::{Balance, QuestionKind, QuestionSet};

const RESET: &str = "\x1b[0m";

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}{RESET}")
    } else {
        s.to_string()
    }
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflict => "1;31",
        Verdict::Divergent => "33",
        Verdict::Compatible => "36",
        Verdict::Aligned => "32",
        Verdict::Unanswered => "2",
    }
}

fn counts(s: &Score) -> String {
    let mut parts = Vec::new();
    for (n, label) in [
        (s.conflict, "conflict"),
        (s.divergent, "divergent"),
        (s.compatible, "compatible"),
        (s.aligned, "aligned"),
        (s.unanswered, "unanswered"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    if parts.is_empty() {
        "no questions".into()
    } else {
        parts.join(", ")
    }
}

fn score_shown(s: &Score) -> String {
    s.score.map_or("–".into(), |v| format!("{v}/100"))
}

fn neither_answered(g: &Gap) -> bool {
    g.verdict == Verdict::Unanswered && g.a.value.is_none() && g.b.value.is_none()
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

/// The comparison for a terminal: headline, questions in severity order with aligned columns,
/// categories, give/get, perception gaps and paper terms.
pub fn render_text(c: &Comparison, color: bool) -> String {
    let mut o = String::new();
    let bold = |s: &str| paint(color, "1", s);
    let _ = writeln!(o, "{}", bold(&format!("Accord comparison: {}", c.title)));
    let _ = writeln!(
        o,
        "A: {}{}    B: {}{}",
        c.a.party_name,
        by(&c.a.respondent),
        c.b.party_name,
        by(&c.b.respondent)
    );
    let _ = writeln!(
        o,
        "Overall {}: {}",
        score_shown(&c.overall),
        counts(&c.overall)
    );

    let gaps: Vec<&Gap> = c
        .by_severity()
        .into_iter()
        .filter(|g| !neither_answered(g))
        .collect();
    let skipped = c.gaps.len() - gaps.len();
    let qw = gaps
        .iter()
        .map(|g| g.question.0.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        bold(&format!(
            "{:>3}  {:<10}  {}  REASON",
            "SEV",
            "VERDICT",
            pad("QUESTION", qw)
        ))
    );
    for g in &gaps {
        let _ = writeln!(
            o,
            "{:>3}  {}  {}  {}",
            g.severity,
            paint(color, verdict_code(g.verdict), &pad(g.verdict.label(), 10)),
            pad(&g.question.0, qw),
            g.reason
        );
    }
    if skipped > 0 {
        let _ = writeln!(
            o,
            "({skipped} questions neither side answered are not listed)"
        );
    }

    let _ = writeln!(o);
    let _ = writeln!(o, "{}", bold("Categories"));
    let cw = c
        .categories
        .iter()
        .map(|x| x.title.chars().count())
        .max()
        .unwrap_or(10);
    for cat in &c.categories {
        let _ = writeln!(
            o,
            "  {}  {:>7}  {}",
            pad(&cat.title, cw),
            score_shown(&cat.score),
            counts(&cat.score)
        );
    }

    if !c.balance.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            bold("Give and get (share of the whole, by each side's answers)")
        );
        for p in &c.balance {
            let flag = if p.imbalanced {
                paint(color, "1;31", "IMBALANCED")
            } else {
                paint(color, "32", "balanced")
            };
            let _ = writeln!(o, "  {}: {flag}", p.party_name);
            for v in &p.views {
                let f = |x: Option<f64>| {
                    x.map_or("–".into(), |x| format!("{}%", crate::diff::fmt_pct(x)))
                };
                let _ = writeln!(o, "    by {}: gives {}, gets {}", v.by, f(v.give), f(v.get));
            }
            if p.imbalanced {
                let _ = writeln!(o, "    {}", p.reason);
            }
        }
        if c.imbalanced {
            let _ = writeln!(
                o,
                "  Imbalanced alliances fail far more often than balanced ones; settle this first"
            );
        }
    }

    if !c.perception.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            bold("Perception gaps (a guess of the partner's answer against the real one)")
        );
        for p in &c.perception {
            let _ = writeln!(
                o,
                "  {:>3}  {}  {}",
                p.gap,
                pad(&p.question.0, qw),
                p.reason
            );
        }
    }

    let diverging: Vec<_> = c
        .paper_terms
        .iter()
        .filter(|t| !t.gaps.is_empty())
        .collect();
    if !c.paper_terms.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            bold("Paper terms: agreed on paper, divergent in practice")
        );
        for t in &diverging {
            let _ = writeln!(o, "  {} \"{}\"", t.term.0, t.text);
            for g in &t.gaps {
                let _ = writeln!(
                    o,
                    "    {:>3}  {}  {}",
                    g.severity,
                    paint(color, verdict_code(g.verdict), &pad(g.verdict.label(), 10)),
                    g.question
                );
            }
        }
        let holding = c.paper_terms.len() - diverging.len();
        if holding > 0 {
            let _ = writeln!(
                o,
                "  {holding} other terms show no divergence in the answers"
            );
        }
    }
    o
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// " (respondent)" after a party's name, or nothing when the sheet names no respondent.
fn by(respondent: &str) -> String {
    if respondent.trim().is_empty() {
        String::new()
    } else {
        format!(" ({respondent})")
    }
}

/// The comparison as a Markdown document with tables.
pub fn render_markdown(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Accord comparison: {}\n", c.title);
    let _ = writeln!(
        o,
        "- A: **{}**{}\n- B: **{}**{}\n- Overall: **{}**, {}\n",
        c.a.party_name,
        by(&c.a.respondent),
        c.b.party_name,
        by(&c.b.respondent),
        score_shown(&c.overall),
        counts(&c.overall)
    );
    let _ = writeln!(o, "## Questions by severity\n");
    let _ = writeln!(
        o,
        "| Severity | Verdict | Question | Reason |\n|---:|---|---|---|"
    );
    let mut skipped = 0;
    for g in c.by_severity() {
        if neither_answered(g) {
            skipped += 1;
            continue;
        }
        let _ = writeln!(
            o,
            "| {} | {} | `{}` {} | {} |",
            g.severity,
            g.verdict.label(),
            g.question,
            md_escape(&g.text),
            md_escape(&g.reason)
        );
    }
    if skipped > 0 {
        let _ = writeln!(
            o,
            "\n{skipped} questions neither side answered are not listed."
        );
    }
    let _ = writeln!(
        o,
        "\n## Categories\n\n| Category | Score | Verdicts |\n|---|---:|---|"
    );
    for cat in &c.categories {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            cat.title,
            score_shown(&cat.score),
            counts(&cat.score)
        );
    }
    if !c.balance.is_empty() {
        let _ = writeln!(
            o,
            "\n## Give and get\n\n| Party | According to | Gives | Gets |\n|---|---|---:|---:|"
        );
        for p in &c.balance {
            for v in &p.views {
                let f = |x: Option<f64>| {
                    x.map_or("–".into(), |x| format!("{}%", crate::diff::fmt_pct(x)))
                };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    p.party_name,
                    v.by,
                    f(v.give),
                    f(v.get)
                );
            }
        }
        for p in c.balance.iter().filter(|p| p.imbalanced) {
            let _ = writeln!(
                o,
                "\n**Imbalance ({}):** {}",
                p.party_name,
                md_escape(&p.reason)
            );
        }
    }
    if !c.perception.is_empty() {
        let _ = writeln!(
            o,
            "\n## Perception gaps\n\n| Gap | Question | What was guessed |\n|---:|---|---|"
        );
        for p in &c.perception {
            let _ = writeln!(
                o,
                "| {} | `{}` | {} |",
                p.gap,
                p.question,
                md_escape(&p.reason)
            );
        }
    }
    if !c.paper_terms.is_empty() {
        let _ = writeln!(
            o,
            "\n## Paper terms: agreed on paper, divergent in practice\n"
        );
        for t in &c.paper_terms {
            if t.gaps.is_empty() {
                let _ = writeln!(o, "- **{}**: no divergence found", md_escape(&t.text));
            } else {
                let list: Vec<String> = t
                    .gaps
                    .iter()
                    .map(|g| format!("`{}` {} {}", g.question, g.verdict.label(), g.severity))
                    .collect();
                let _ = writeln!(o, "- **{}**: {}", md_escape(&t.text), list.join(", "));
            }
        }
    }
    o
}

/// A question set for a terminal (`accord questions`): categories in order, each question's id,
/// answer type and text, with options, scale ends, paper term and markers for scenarios and
/// give/get questions.
pub fn render_question_set(set: &QuestionSet) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({}, {} questions)",
        set.title,
        set.id,
        set.questions.len()
    );
    let iw = set
        .questions
        .iter()
        .map(|q| q.id.0.chars().count())
        .max()
        .unwrap_or(8);
    for cat in &set.categories {
        let qs: Vec<_> = set
            .questions
            .iter()
            .filter(|q| *q.category == *cat.id)
            .collect();
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{}", cat.title);
        for q in qs {
            let mut marks = String::new();
            if q.scenario {
                marks.push_str(" [scenario]");
            }
            match q.balance {
                Some(Balance::Contribution) => marks.push_str(" [give]"),
                Some(Balance::Benefit) => marks.push_str(" [get]"),
                None => {}
            }
            if let Some(t) = &q.term {
                let _ = write!(marks, " [term {}]", t.0);
            }
            let _ = writeln!(
                o,
                "  {}  {:<9}  {}{marks}",
                pad(&q.id.0, iw),
                q.kind.tag(),
                q.text
            );
            let detail = match &q.kind {
                QuestionKind::Choice { options, .. } | QuestionKind::Set { options } => Some(
                    options
                        .iter()
                        .map(|c| format!("{} = {}", c.id, c.label))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                QuestionKind::Scale {
                    min,
                    max,
                    low,
                    high,
                } => Some(format!("{min} = {low} … {max} = {high}")),
                QuestionKind::Number { unit, per } => match (unit, per) {
                    (Some(u), Some(p)) => Some(format!("in {u} per {}", p.noun())),
                    (Some(u), None) => Some(format!("in {u}")),
                    (None, Some(p)) => Some(format!("per {}", p.noun())),
                    (None, None) => None,
                },
                QuestionKind::Share
                | QuestionKind::Duration
                | QuestionKind::Frequency
                | QuestionKind::Date
                | QuestionKind::Party
                | QuestionKind::YesNo
                | QuestionKind::Text => None,
            };
            if let Some(d) = detail {
                let _ = writeln!(o, "  {}             {d}", " ".repeat(iw));
            }
        }
    }
    if !set.terms.is_empty() {
        let _ = writeln!(o, "\nPaper terms");
        for t in &set.terms {
            let _ = writeln!(o, "  {:<4} {}", t.id.0, t.text);
        }
    }
    o
}

fn origin_words(origin: &crate::negotiate::Origin, a: &str, b: &str) -> String {
    use crate::negotiate::{Origin, Side};
    let name = |side: &Side| if *side == Side::A { a } else { b };
    match origin {
        Origin::FirstChoice(side) | Origin::FirmerPartner(side) => {
            format!("{}'s first choice", name(side))
        }
        Origin::Alternative(side) => format!("an alternative {} named", name(side)),
        Origin::Overlap => "in both acceptable zones".into(),
        Origin::Midpoint => "halfway".into(),
        Origin::Intersection => "what both named".into(),
        Origin::Union => "what either named".into(),
    }
}

/// Suggested resolutions as plain text: the packages first (the Nash solution on top), then
/// each disputed question with its options, best for both first.
pub fn render_suggestions(s: &crate::negotiate::Suggestions) -> String {
    let mut o = String::new();
    let percent = |u: f64| format!("{:.0}%", u * 100.0);
    if s.disputed.is_empty() {
        let _ = writeln!(
            o,
            "No divergent or conflicting questions: nothing to negotiate."
        );
        return o;
    }
    let _ = writeln!(
        o,
        "Suggested packages ({} disputed questions; A: {}, B: {})",
        s.disputed.len(),
        s.a,
        s.b
    );
    for (n, p) in s.packages.iter().enumerate() {
        let title = if n == 0 {
            "Best for both (largest product of gains)".to_string()
        } else {
            format!("Alternative {n}")
        };
        let _ = writeln!(
            o,
            "\n{}. {title}: {} {}, {} {}",
            n + 1,
            s.a,
            percent(p.gain_a),
            s.b,
            percent(p.gain_b)
        );
        for (d, &pick) in s.disputed.iter().zip(&p.picks) {
            let r = &d.options[pick];
            let _ = writeln!(
                o,
                "   - {}: {} ({})",
                d.question.0,
                r.shown,
                origin_words(&r.origin, &s.a, &s.b)
            );
        }
        let _ = writeln!(o, "   Why: {}", p.why);
    }
    let _ = writeln!(o, "\nBy question (severity order):");
    let mut by_severity: Vec<&crate::negotiate::Disputed> = s.disputed.iter().collect();
    by_severity.sort_by_key(|d| std::cmp::Reverse(d.severity));
    for d in by_severity {
        let _ = writeln!(
            o,
            "\n{} ({}, severity {}): {}",
            d.question.0,
            d.verdict.label(),
            d.severity,
            d.text
        );
        let _ = writeln!(
            o,
            "  A: {}   B: {}",
            d.a_shown.as_deref().unwrap_or("-"),
            d.b_shown.as_deref().unwrap_or("-")
        );
        for r in &d.options {
            let _ = writeln!(
                o,
                "  * {} [A {}, B {}] {}",
                r.shown,
                percent(r.utility_a),
                percent(r.utility_b),
                r.why
            );
        }
    }
    o
}

/// A partner's drift from an agreement, worst first, as plain text.
pub fn render_drift(drift: &crate::revisit::Drift, name: &str) -> String {
    let mut o = String::new();
    let as_of = drift.as_of.map_or_else(
        || "no check-in yet".to_string(),
        |t| format!("as of {}", t.to_date()),
    );
    let _ = writeln!(
        o,
        "{name} against agreement {} ({as_of}): {} drifted, {} holding",
        drift.agreement,
        drift.items.len(),
        drift.holding
    );
    for item in &drift.items {
        let _ = writeln!(
            o,
            "{:>3}  {:<10}  {}  since {}\n     agreed: {}\n     now:    {}\n     {}",
            item.severity,
            item.verdict.label(),
            item.question.0,
            item.since.to_date(),
            item.agreed,
            item.current.as_deref().unwrap_or("(no answer)"),
            item.reason
        );
    }
    o
}

/// The alignment timeline as plain text: one line per round or check-in with the overall
/// score and each category's.
pub fn render_timeline(points: &[crate::revisit::TimelinePoint]) -> String {
    let mut o = String::new();
    let shown = |s: &Score| s.score.map_or_else(|| "-".to_string(), |v| v.to_string());
    for p in points {
        let categories = p
            .categories
            .iter()
            .map(|c| format!("{} {}", c.category, shown(&c.score)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            o,
            "{}  {:<32}  overall {:>3}  ({categories})",
            p.at.to_date(),
            p.label,
            shown(&p.overall)
        );
    }
    o
}

/// What changed between two agreement versions, as plain text.
pub fn render_version_changes(
    older: u32,
    newer: u32,
    changes: &[crate::revisit::VersionChange],
) -> String {
    use crate::revisit::VersionChange;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Agreement {older} -> {newer}: {} change(s)",
        changes.len()
    );
    for c in changes {
        let _ = match c {
            VersionChange::Agreed { question, now, .. } => {
                writeln!(o, "  + {}: now agreed on {now}", question.0)
            }
            VersionChange::Changed {
                question,
                before,
                now,
                ..
            } => writeln!(o, "  ~ {}: {before} -> {now}", question.0),
            VersionChange::Reopened {
                question, before, ..
            } => writeln!(o, "  - {}: was {before}, now open", question.0),
        };
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_comparison;

    #[test]
    fn text_lists_questions_most_severe_first_in_aligned_columns() {
        let c = demo_comparison();
        let text = render_text(&c, false);
        assert!(!text.contains('\x1b'), "no colour unless asked");
        let rows: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("SEV"))
            .skip(1)
            .take_while(|l| !l.is_empty() && !l.starts_with('('))
            .collect();
        let sevs: Vec<u8> = rows
            .iter()
            .map(|l| l[..3].trim().parse().expect("severity column"))
            .collect();
        assert!(sevs.windows(2).all(|w| w[0] >= w[1]), "{sevs:?}");
        let qw = rows
            .iter()
            .map(|l| l[17..].split(' ').next().map_or(0, str::len))
            .max()
            .unwrap_or(0);
        for row in &rows {
            let at = 17 + qw;
            assert_eq!(&row[at..at + 2], "  ", "{row}");
            assert_ne!(
                row.as_bytes()[at + 2],
                b' ',
                "reason column not aligned: {row}"
            );
        }
        assert!(text.contains("event-leads"));
        assert!(text.contains("IMBALANCED"));
        assert!(text.contains("Paper terms: agreed on paper, divergent in practice"));
    }

    #[test]
    fn question_sets_list_every_question_under_its_category() {
        let set = crate::questions::builtin_set("consortium").expect("built in");
        let text = render_question_set(&set);
        for q in &set.questions {
            assert!(text.contains(&q.id.0), "{} missing", q.id);
        }
        assert!(text.contains("Consortium governance"));
        assert!(text.contains("one-vote = one member, one vote"));
        assert!(text.contains("[scenario]"));
    }

    #[test]
    fn colour_only_when_asked() {
        let c = demo_comparison();
        let text = render_text(&c, true);
        assert!(text.contains("\x1b[1;31mconflict"));
        assert!(text.contains(RESET));
    }

    #[test]
    fn markdown_has_tables_and_escapes_pipes() {
        let mut c = demo_comparison();
        c.gaps[0].reason = "a | b".into();
        c.gaps[0].severity = 100;
        let md = render_markdown(&c);
        assert!(md.starts_with("# Accord comparison: "));
        assert!(md.contains("| Severity | Verdict | Question | Reason |"));
        assert!(md.contains("a \\| b"));
        assert!(md.contains("## Paper terms: agreed on paper, divergent in practice"));
    }
}
