//! Golden sample pairs: every folder under `tests/samples/<case>/` holds two answer sheets in the
//! public format (`a.json`, `b.json`) and `expected.txt`, one readable line per question plus
//! the summary sections. This test walks the folder, checks a→b against the file, and checks
//! that b→a is exactly its mirror. A new case is one new folder; to write or refresh the
//! expected files after a deliberate change, run
//! `UPDATE_EXPECT=1 cargo test -p accord-core --test samples` and review the diff.
//!
//! Sheets that must be refused are cases too: their `expected.txt` holds the error.

use std::fmt::Write;
use std::path::Path;

use accord_core::diff::compare_sheets;
use accord_core::sheet::parse_sheet;
use accord_core::Comparison;

fn expected_text(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "set {}: {} ({}) vs {} ({})",
        c.question_set, c.a.label, c.a.respondent, c.b.label, c.b.respondent
    );
    let s = &c.overall;
    let _ = writeln!(
        o,
        "overall score={:?} conflict={} divergent={} compatible={} aligned={} unanswered={}",
        s.score, s.conflict, s.divergent, s.compatible, s.aligned, s.unanswered
    );
    let _ = writeln!(
        o,
        "\n# questions (set order; questions neither side answered omitted)"
    );
    for g in &c.gaps {
        if g.a.value.is_none() && g.b.value.is_none() {
            continue;
        }
        let _ = writeln!(
            o,
            "{}  {}  sev={}  {}",
            g.question,
            g.verdict.label(),
            g.severity,
            g.reason
        );
        if let Some(t) = &g.text_diff {
            let _ = writeln!(
                o,
                "    text similarity={} only_a=[{}] only_b=[{}]",
                t.similarity,
                t.only_a.join(" "),
                t.only_b.join(" ")
            );
        }
    }
    let _ = writeln!(o, "\n# categories");
    for cat in &c.categories {
        let s = &cat.score;
        let _ = writeln!(
            o,
            "{}  score={:?} conflict={} divergent={} compatible={} aligned={} unanswered={}",
            cat.category, s.score, s.conflict, s.divergent, s.compatible, s.aligned, s.unanswered
        );
    }
    let _ = writeln!(o, "\n# give/get (imbalanced={})", c.imbalanced);
    for p in &c.balance {
        let views: Vec<String> = p
            .views
            .iter()
            .map(|v| format!("by {}: give={:?} get={:?}", v.by, v.give, v.get))
            .collect();
        let _ = writeln!(
            o,
            "{} imbalanced={}  {}",
            p.party_name,
            p.imbalanced,
            views.join("; ")
        );
        let _ = writeln!(o, "    {}", p.reason);
    }
    let _ = writeln!(o, "\n# perception gaps");
    for p in &c.perception {
        let _ = writeln!(o, "{}  gap={}  {}", p.question, p.gap, p.reason);
    }
    let _ = writeln!(o, "\n# paper terms");
    for t in &c.paper_terms {
        let list: Vec<String> = t
            .gaps
            .iter()
            .map(|g| format!("{} {} {}", g.question, g.verdict.label(), g.severity))
            .collect();
        let _ = writeln!(
            o,
            "{} worst={} \"{}\": {}",
            t.term.0,
            t.worst,
            t.text,
            list.join(", ")
        );
    }
    o
}

fn run_case(dir: &Path) -> Result<(), String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let (ta, tb) = (read("a.json")?, read("b.json")?);
    let actual = match (parse_sheet(&ta), parse_sheet(&tb)) {
        (Err(e), _) => format!("error a.json: {e}\n"),
        (_, Err(e)) => format!("error b.json: {e}\n"),
        (Ok(a), Ok(b)) => match (compare_sheets(&a, &b), compare_sheets(&b, &a)) {
            (Ok(ab), Ok(ba)) => {
                if ba != ab.mirrored() {
                    for (x, y) in ab.gaps.iter().zip(&ba.gaps) {
                        if x.reason != y.reason
                            || x.severity != y.severity
                            || x.verdict != y.verdict
                        {
                            return Err(format!(
                                "{}: b→a differs from a→b at {}:\n  {}\n  {}",
                                dir.display(),
                                x.question,
                                x.reason,
                                y.reason
                            ));
                        }
                    }
                    return Err(format!("{}: b→a is not the mirror of a→b", dir.display()));
                }
                expected_text(&ab)
            }
            (Err(e), _) | (_, Err(e)) => format!("error: {e}\n"),
        },
    };
    let path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        return Err(format!(
            "{} is stale or wrong; run `UPDATE_EXPECT=1 cargo test -p accord-core --test samples` and review\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
    Ok(())
}

#[test]
fn sample_pairs_match_their_expected_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/samples exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        !dirs.is_empty(),
        "expected the realistic pairs and the traps, found {}",
        dirs.len()
    );
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_case(d).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
