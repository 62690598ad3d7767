//! `accord checkin`, `accord drift`, `accord history` and `accord diff-versions`: keeping an
//! agreement alive as expectations shift. The rules are the store's and the core's.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use crate::alliance::{now, open_store, short};
use crate::flags::Format;
use crate::negotiate::acting_in;
use crate::output;

pub fn checkin(
    alliance: &str,
    sheet: Option<PathBuf>,
    print: bool,
    as_party: Option<String>,
    db: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let answers = sheet
        .as_deref()
        .map(|path| crate::compare::read_sheet(path).map(|answers| (path, answers)))
        .transpose()?;
    let (mut store, id, _, actor) = acting_in(db, now, alliance, as_party)?;
    if print {
        let sheet = store.check_in_sheet(&id, &actor.acting())?;
        return output::json(out, &sheet);
    }
    let (path, answers) = answers.context("give --sheet FILE, or --print to start from")?;
    let revision = store
        .check_in(&id, &actor.acting(), &answers, now)
        .with_context(|| format!("{} was not checked in", path.display()))?;
    let drift = store.my_drift(&id, &actor.acting())?;
    writeln!(
        out,
        "Checked in (revision {revision}): {} agreed item(s) drifted, {} holding. Details: accord drift {}",
        drift.items.len(),
        drift.holding,
        short(&id)
    )?;
    Ok(())
}

pub fn drift(
    alliance: &str,
    as_party: Option<String>,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (store, id, alliance, actor) = acting_in(db, now(), alliance, as_party)?;
    let drift = store.my_drift(&id, &actor.acting())?;
    if format == Format::Json {
        return output::json(out, &drift);
    }
    let name = alliance
        .parties
        .iter()
        .find(|p| p.id == drift.party)
        .map_or(drift.party.0.clone(), |p| p.name.clone());
    out.write_all(accord_core::report::render_drift(&drift, &name).as_bytes())?;
    Ok(())
}

pub fn history(
    alliance: &str,
    as_party: Option<String>,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (store, id, alliance, actor) = acting_in(db, now(), alliance, as_party)?;
    let timeline = store.timeline(&id, &actor.acting())?;
    let agreements = store.agreements(&id)?;
    if format == Format::Json {
        return output::json(
            out,
            &serde_json::json!({
                "timeline": timeline,
                "agreements": agreements.iter().map(|a| serde_json::json!({
                    "number": a.number, "round": a.round, "agreed_on": a.agreed_on,
                    "review_on": a.review_on, "hash": a.hash,
                    "agreed": a.items.len(), "open": a.open.len(),
                    "signatures": a.signatures.len(),
                })).collect::<Vec<_>>(),
                "review_interval_days": store.review_interval(&id)?,
            }),
        );
    }
    writeln!(out, "{}", alliance.name)?;
    writeln!(out, "\nAgreements:")?;
    if agreements.is_empty() {
        writeln!(out, "  none yet")?;
    }
    for a in &agreements {
        writeln!(
            out,
            "  {}  round {}, agreed {}, review {}: {} agreed, {} open, {} signature(s)  {}",
            a.number,
            a.round,
            a.agreed_on,
            a.review_on,
            a.items.len(),
            a.open.len(),
            a.signatures.len(),
            &a.hash[..12.min(a.hash.len())]
        )?;
    }
    writeln!(out, "\nAlignment over time:")?;
    out.write_all(accord_core::report::render_timeline(&timeline).as_bytes())?;
    Ok(())
}

pub fn diff_versions(
    alliance: &str,
    older: u32,
    newer: u32,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let store = open_store(db, now())?;
    let id = store.resolve_id(alliance)?;
    let (a, b) = (store.agreement(&id, older)?, store.agreement(&id, newer)?);
    let changes = accord_core::revisit::diff_versions(&a, &b);
    if format == Format::Json {
        return output::json(out, &changes);
    }
    out.write_all(accord_core::report::render_version_changes(older, newer, &changes).as_bytes())?;
    Ok(())
}
