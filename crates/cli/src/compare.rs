//! `accord compare`, `accord questions`, `accord sheet new` and `accord demo`: answer sheets
//! and their comparison, on files, without the database.
//!
//! Reading files and choosing colour are done here; parsing, comparing and rendering are
//! `accord-core`'s. Every error names the file it came from.

use std::io::{IsTerminal, Write};
use std::path::Path;

use accord_core::questions::{builtin_set, set_names};
use accord_core::report::{render_markdown, render_text};
use accord_core::sheet::{blank_sheet, Respondent};
use accord_core::{
    diff::compare_sheets, sheet::parse_sheet, AnswerSheet, Comparison, Party, PartyId, MAX_PARTIES,
    MIN_PARTIES,
};
use anyhow::{bail, Context};

use crate::flags::{Format, SheetCommand};
use crate::output;

/// Largest answer sheet read, so a wrong file (a video, a disk image) fails fast.
const MAX_SHEET_BYTES: usize = 16 * 1024 * 1024;

pub fn compare_files(
    a: &Path,
    b: &Path,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let sheet_a = read_sheet(a)?;
    let sheet_b = read_sheet(b)?;
    let comparison = compare_sheets(&sheet_a, &sheet_b)
        .with_context(|| format!("{} and {} cannot be compared", a.display(), b.display()))?;
    print_comparison(&comparison, format, out)
}

pub fn demo(format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    print_comparison(&accord_core::demo::demo_comparison(), format, out)
}

pub fn print_comparison(
    comparison: &Comparison,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => output::json(out, comparison),
        Format::Markdown => Ok(out.write_all(render_markdown(comparison).as_bytes())?),
        _ => Ok(out.write_all(render_text(comparison, use_colour()).as_bytes())?),
    }
}

/// Colour only for a terminal, and never when NO_COLOR is set.
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn read_sheet(path: &Path) -> anyhow::Result<AnswerSheet> {
    let bytes = accord_store::files::read_bytes(path, MAX_SHEET_BYTES, "an answer sheet")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (byte {} is not), so it is not an answer sheet; save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    parse_sheet(&text).with_context(|| path.display().to_string())
}

pub fn questions(set: &str, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(set) = builtin_set(set) else {
        bail!(
            "unknown question set {set:?}; built-in sets are {}",
            set_names().join(", ")
        );
    };
    match format {
        Format::Json => output::json(out, &set),
        Format::Markdown => {
            bail!("--format markdown is for compare and demo; questions print text or json")
        }
        _ => {
            writeln!(out, "{} ({} questions)", set.title, set.questions.len())?;
            let rows: Vec<Vec<String>> = set
                .questions
                .iter()
                .map(|q| {
                    vec![
                        q.id.to_string(),
                        set.category_title(&q.category).to_string(),
                        q.kind.tag().to_string(),
                        q.text.to_string(),
                    ]
                })
                .collect();
            output::table(out, &["ID", "CATEGORY", "TYPE", "QUESTION"], &rows)
        }
    }
}

pub fn sheet(
    command: SheetCommand,
    db: Option<std::path::PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        SheetCommand::New {
            alliance: Some(alliance),
            as_party,
            respondent,
            ..
        } => {
            let now = crate::alliance::now();
            let mut store = crate::alliance::open_store(db, now)?;
            let id = store.resolve_id(&alliance)?;
            let alliance = store.alliance(&id)?;
            let set = store.question_set(&id, now)?.set;
            let me = match as_party {
                Some(n) => alliance
                    .parties
                    .get(n.wrapping_sub(1))
                    .map(|p| p.id.clone())
                    .with_context(|| {
                        format!(
                            "--as {n}: choose a partner between 1 and {}",
                            alliance.parties.len()
                        )
                    })?,
                None => store
                    .exchange_state(&id, now)?
                    .me
                    .context("say which partner the sheet is for with --as N, or bind your identity first: accord identity bind ID --party N --me")?,
            };
            let respondent = Respondent {
                name: respondent,
                role: None,
            };
            let mut sheet = blank_sheet(&set, &alliance.parties, &me, respondent);
            sheet.alliance = Some(id.0);
            output::json(out, &sheet)
        }
        SheetCommand::New {
            set,
            partners,
            as_party,
            respondent,
            alliance: None,
        } => {
            let as_party = as_party.unwrap_or(1);
            let Some(set) = builtin_set(&set) else {
                bail!(
                    "unknown question set {set:?}; built-in sets are {}",
                    set_names().join(", ")
                );
            };
            let names = if partners.is_empty() {
                vec!["Partner A".to_string(), "Partner B".to_string()]
            } else {
                partners
            };
            if !(MIN_PARTIES..=MAX_PARTIES).contains(&names.len()) {
                bail!(
                    "a sheet needs {MIN_PARTIES} to {MAX_PARTIES} partners, {} given",
                    names.len()
                );
            }
            if as_party == 0 || as_party > names.len() {
                bail!(
                    "--as {as_party}: choose a partner between 1 and {}",
                    names.len()
                );
            }
            let parties: Vec<Party> = names
                .iter()
                .enumerate()
                .map(|(i, name)| Party {
                    id: PartyId(format!("p{}", i + 1)),
                    name: name.trim().to_string(),
                })
                .collect();
            let me = parties[as_party - 1].id.clone();
            let respondent = Respondent {
                name: respondent,
                role: None,
            };
            let sheet = blank_sheet(&set, &parties, &me, respondent);
            output::json(out, &sheet)
        }
    }
}
