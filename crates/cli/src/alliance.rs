//! `accord alliance ...`: alliances in the store, as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use accord_core::alliance_file::{parse_alliance_file, MAX_ALLIANCE_FILE_BYTES};
use accord_core::{Alliance, AllianceDraft, AllianceId, AllianceKind, Timestamp};
use accord_store::{Listing, Store};
use anyhow::Context;

use crate::flags::{AllianceCommand, Format};
use crate::output;

/// Characters of an id shown in tables; any unique prefix of 4 or more is accepted back.
const SHORT_ID: usize = 8;

pub fn run(
    command: AllianceCommand,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if format == Format::Markdown {
        anyhow::bail!(
            "--format markdown is for compare and demo; alliance commands print text or json"
        );
    }
    let now = now();
    // Validate what was typed before the database is even opened.
    let draft = match &command {
        AllianceCommand::Create {
            name,
            kind,
            partners,
            terms,
        } => {
            let kind: AllianceKind = kind.parse()?;
            let draft = AllianceDraft {
                name: name.clone(),
                kind,
                parties: partners.clone(),
                terms: terms.clone(),
            };
            draft.normalize()?;
            Some(draft)
        }
        _ => None,
    };

    let mut store = open_store(db, now)?;

    match command {
        AllianceCommand::List { all, deleted } => {
            let listing = match (all, deleted) {
                (true, _) => Listing::All,
                (false, true) => Listing::Deleted,
                (false, false) => Listing::Active,
            };
            let alliances = store.list_alliances(listing)?;
            match format {
                Format::Json => output::json(out, &alliances),
                _ if alliances.is_empty() => {
                    writeln!(
                        out,
                        "No alliances yet. Create one with: accord alliance create --name NAME --partner A --partner B"
                    )?;
                    Ok(())
                }
                _ => list_text(out, &alliances),
            }
        }
        AllianceCommand::Show { id } => {
            let id = store.resolve_id(&id)?;
            let alliance = store.alliance(&id)?;
            print_alliance(out, format, &alliance)
        }
        AllianceCommand::Create { .. } => {
            let draft = draft.context("internal: create without a draft")?;
            let alliance = store.create_alliance(new_id(), &draft, now)?;
            print_alliance(out, format, &alliance)
        }
        AllianceCommand::Rename { id, name } => {
            let id = store.resolve_id(&id)?;
            let alliance = store.rename_alliance(&id, &name, now)?;
            print_alliance(out, format, &alliance)
        }
        AllianceCommand::Delete { id } => {
            let id = store.resolve_id(&id)?;
            let alliance = store.delete_alliance(&id, now)?;
            match format {
                Format::Json => output::json(out, &alliance),
                _ => {
                    writeln!(
                        out,
                        "Deleted {:?}. Undo with: accord alliance restore {}",
                        alliance.name,
                        short(&alliance.id)
                    )?;
                    Ok(())
                }
            }
        }
        AllianceCommand::Restore { id } => {
            let id = store.resolve_id(&id)?;
            let alliance = store.restore_alliance(&id, now)?;
            print_alliance(out, format, &alliance)
        }
        AllianceCommand::Export {
            id,
            out: file,
            force,
        } => {
            let id = store.resolve_id(&id)?;
            let text = store.export_alliance(&id, now)?.to_json() + "\n";
            match file {
                None => Ok(out.write_all(text.as_bytes())?),
                Some(path) => {
                    crate::files::write_text(&path, &text, force)?;
                    writeln!(
                        out,
                        "Wrote the alliance and its questions to {}. Your partner imports it with: accord alliance import FILE",
                        path.display()
                    )?;
                    Ok(())
                }
            }
        }
        AllianceCommand::Import { file } => {
            let text =
                accord_store::files::read_text(&file, MAX_ALLIANCE_FILE_BYTES, "an alliance file")?;
            let parsed = parse_alliance_file(&text)
                .with_context(|| format!("{} was refused", file.display()))?;
            let imported = store.import_alliance(&parsed, now)?;
            if format == Format::Json {
                return output::json(out, &imported.alliance);
            }
            let what = match (imported.created, imported.questions_updated) {
                (true, _) => "Imported",
                (false, true) => "Updated the questions of",
                (false, false) => "Already up to date:",
            };
            writeln!(out, "{what} {:?}.", imported.alliance.name)?;
            writeln!(
                out,
                "Next: say which partner you are: accord identity bind {} --party N --me",
                short(&imported.alliance.id)
            )?;
            Ok(())
        }
        AllianceCommand::History { id } => {
            let id = store.resolve_id(&id)?;
            let history = store.alliance_history(&id)?;
            match format {
                Format::Json => output::json(out, &history),
                _ => {
                    let rows: Vec<Vec<String>> = history
                        .iter()
                        .map(|r| {
                            vec![
                                r.revision.to_string(),
                                r.recorded_at.to_display(),
                                r.change.to_string(),
                            ]
                        })
                        .collect();
                    output::table(out, &["REV", "WHEN", "CHANGE"], &rows)
                }
            }
        }
    }
}

fn list_text(out: &mut dyn Write, alliances: &[Alliance]) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = alliances
        .iter()
        .map(|a| {
            let mut name = a.name.clone();
            if a.deleted {
                name.push_str(" (deleted)");
            }
            vec![
                short(&a.id),
                name,
                a.kind.slug().to_string(),
                a.parties
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                a.terms.len().to_string(),
                a.updated_at.to_date(),
            ]
        })
        .collect();
    output::table(
        out,
        &["ID", "NAME", "KIND", "PARTNERS", "TERMS", "UPDATED"],
        &rows,
    )
}

fn print_alliance(out: &mut dyn Write, format: Format, alliance: &Alliance) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(out, alliance);
    }
    writeln!(out, "{}", alliance.name)?;
    if alliance.deleted {
        writeln!(
            out,
            "  (deleted; restore with: accord alliance restore {})",
            short(&alliance.id)
        )?;
    }
    writeln!(out, "  id:        {}", alliance.id)?;
    writeln!(out, "  kind:      {}", alliance.kind.label())?;
    writeln!(out, "  revision:  {}", alliance.revision)?;
    writeln!(out, "  created:   {}", alliance.created_at.to_display())?;
    writeln!(out, "  updated:   {}", alliance.updated_at.to_display())?;
    writeln!(out, "  partners:")?;
    for party in &alliance.parties {
        writeln!(out, "    - {}", party.name)?;
    }
    if alliance.terms.is_empty() {
        writeln!(out, "  paper terms: none")?;
    } else {
        writeln!(out, "  paper terms:")?;
        for (i, term) in alliance.terms.iter().enumerate() {
            writeln!(out, "    {}. {}", i + 1, term.text)?;
        }
    }
    Ok(())
}

/// Opens the database the user chose (or the default one), saying so if it was upgraded.
pub fn open_store(db: Option<PathBuf>, now: Timestamp) -> anyhow::Result<Store> {
    let path = accord_store::default_db_path(db)?;
    let store = Store::open(&path, now)?;
    if let Some(backup) = store.backup_path() {
        eprintln!(
            "accord: upgraded {} (a copy of the old file is at {})",
            path.display(),
            backup.display()
        );
    }
    Ok(store)
}

pub fn short(id: &AllianceId) -> String {
    id.0.chars().take(SHORT_ID).collect()
}

/// The clock, read once per command.
pub fn now() -> Timestamp {
    Timestamp::from_system_time(std::time::SystemTime::now())
}

fn new_id() -> AllianceId {
    AllianceId(uuid::Uuid::new_v4().to_string())
}
