//! `accord identity`, `accord seal`, `accord open`, `accord reveal`, `accord exchange` and
//! `accord compare --alliance`: exchanging sealed answers with partners on other machines.
//!
//! The order of a fair exchange and every check on a partner's file are the store's
//! (`accord_store::exchange`); this module reads and writes the files, asks for the passphrase
//! and the fingerprint confirmation, and prints what happened and what to do next.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use accord_core::{Alliance, PartyId};
use accord_envelope::envelope::MAX_FILE_BYTES;
use accord_envelope::identity::MAX_CARD_BYTES;
use accord_envelope::{parse_card, Identity};
use accord_store::files::read_text;
use accord_store::{ExchangeState, Store};
use anyhow::{bail, Context};
use serde_json::json;

use crate::alliance::{now, open_store, short};
use crate::files::{check_free, confirm, passphrase, write_text};
use crate::flags::{Format, IdentityCommand};
use crate::output;

pub fn identity(
    command: IdentityCommand,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    if let IdentityCommand::Create { name } = &command {
        // Checked before the database is opened or a passphrase asked for.
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            bail!("--name: give your name, 1 to 120 characters");
        }
    }
    let mut store = open_store(db, now)?;
    match command {
        IdentityCommand::Create { name } => {
            if let Some(existing) = store.identity()? {
                bail!(
                    "this machine already has an identity: {} ({})",
                    existing.name,
                    existing.fingerprint
                );
            }
            let secret = passphrase("Passphrase for your new identity: ", true)?;
            let identity = Identity::generate(&name);
            let summary = store.create_identity(&identity, &secret, now)?;
            match format {
                Format::Json => output::json(
                    out,
                    &json!({"name": summary.name, "fingerprint": summary.fingerprint}),
                ),
                _ => {
                    writeln!(out, "Created the identity of {}.", summary.name)?;
                    writeln!(out, "  fingerprint: {}", summary.fingerprint)?;
                    writeln!(
                        out,
                        "Next: accord identity card --out my-card.json, and send it to your partners."
                    )?;
                    Ok(())
                }
            }
        }
        IdentityCommand::Show => {
            let summary = store
                .identity()?
                .context("no identity on this machine yet; create one with: accord identity create --name NAME")?;
            match format {
                Format::Json => output::json(
                    out,
                    &json!({"name": summary.name, "fingerprint": summary.fingerprint,
                            "created_at": summary.created_at}),
                ),
                _ => {
                    writeln!(out, "{}", summary.name)?;
                    writeln!(out, "  fingerprint: {}", summary.fingerprint)?;
                    writeln!(out, "  created:     {}", summary.created_at.to_display())?;
                    Ok(())
                }
            }
        }
        IdentityCommand::Card { out: file, force } => {
            let summary = store
                .identity()?
                .context("no identity on this machine yet; create one with: accord identity create --name NAME")?;
            let text = summary.card.to_json() + "\n";
            match file {
                None => Ok(out.write_all(text.as_bytes())?),
                Some(path) => {
                    write_text(&path, &text, force)?;
                    writeln!(
                        out,
                        "Wrote your card to {}. Read your fingerprint to your partner: {}",
                        path.display(),
                        summary.fingerprint
                    )?;
                    Ok(())
                }
            }
        }
        IdentityCommand::Bind {
            alliance,
            party,
            me,
            card,
            fingerprint,
        } => {
            let id = store.resolve_id(&alliance)?;
            let alliance = store.alliance(&id)?;
            let party = resolve_party(&alliance, &party)?;
            let party_name = name_of(&alliance, &party);
            if me {
                store.bind_me(&id, &party, now)?;
                writeln!(out, "You are {party_name} in {:?}.", alliance.name)?;
                return Ok(());
            }
            let path = card.context("give --me or --card FILE")?;
            let text = read_text(&path, MAX_CARD_BYTES, "a contact card")?;
            let card =
                parse_card(&text).with_context(|| format!("{} was refused", path.display()))?;
            let confirmed = match fingerprint {
                Some(typed) => {
                    if normalize_fingerprint(&typed) != normalize_fingerprint(&card.fingerprint) {
                        bail!(
                            "the card's fingerprint is {}, not the {} you confirmed; nothing was bound",
                            card.fingerprint,
                            typed.trim()
                        );
                    }
                    true
                }
                None if std::io::stdin().is_terminal() => {
                    eprintln!("Card of {}", card.name);
                    eprintln!("  fingerprint: {}", card.fingerprint);
                    confirm(&format!(
                        "Does this match the fingerprint {} gave you, and bind it to {party_name}?",
                        card.name
                    ))?
                }
                None => false,
            };
            if !confirmed {
                bail!(
                    "not confirmed; nothing was bound. Check the fingerprint {} with {} and pass it with --fingerprint",
                    card.fingerprint,
                    card.name
                );
            }
            store.bind_card(&id, &party, &card, now)?;
            writeln!(
                out,
                "Bound {}'s card ({}) to {party_name} in {:?}.",
                card.name, card.fingerprint, alliance.name
            )?;
            Ok(())
        }
    }
}

pub fn seal(
    alliance: &str,
    sheet_path: &Path,
    file: &Path,
    force: bool,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let sheet = crate::compare::read_sheet(sheet_path)?;
    // Checked before the passphrase is asked for.
    check_free(file, force)?;
    let mut store = open_store(db, now)?;
    let id = store.resolve_id(alliance)?;
    let me = unlock(&store)?;
    let envelope = store
        .seal_envelope(&id, &me, &sheet, now)
        .with_context(|| format!("{} was not sealed", sheet_path.display()))?;
    let text = serde_json::to_string_pretty(&envelope)? + "\n";
    if let Err(error) = write_text(file, &text, force) {
        // The seal is recorded; the file can be written again.
        bail!("{error:#}. Your answers are sealed; write the envelope again with the same command and --force");
    }
    match format {
        Format::Json => output::json(
            out,
            &json!({"alliance": id.0, "round": envelope.binding.round,
                    "party": envelope.binding.party, "commitment": envelope.commitment,
                    "file": file}),
        ),
        _ => {
            writeln!(
                out,
                "Sealed your answers for round {} into {}.",
                envelope.binding.round,
                file.display()
            )?;
            writeln!(out, "  commitment: {}", envelope.commitment)?;
            writeln!(
                out,
                "Send it to your partners and import theirs with: accord open FILE"
            )?;
            Ok(())
        }
    }
}

pub fn open(
    file: &Path,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let text = read_text(file, MAX_FILE_BYTES, "an Accord envelope or reveal")?;
    // Which of the two it is, without reading the file into memory twice over.
    let kind = accord_core::file_head::read_head(&text, &["format"])
        .map(|head| head.format().to_string())
        .unwrap_or_default();
    let refused = || format!("{} was refused", file.display());
    let mut store = open_store(db, now)?;
    match kind.as_str() {
        accord_envelope::envelope::REVEAL_FORMAT => {
            let me = unlock(&store)?;
            let accepted = store.import_reveal(&text, &me, now).with_context(refused)?;
            match format {
                Format::Json => output::json(
                    out,
                    &json!({"opened": "reveal", "alliance": accepted.alliance.0,
                            "party": accepted.party.0, "round": accepted.round,
                            "all_open": accepted.all_open}),
                ),
                _ => {
                    writeln!(
                        out,
                        "Opened {}'s answers for round {}: they match the envelope recorded earlier.",
                        accepted.partner, accepted.round
                    )?;
                    if accepted.all_open {
                        writeln!(
                            out,
                            "Every partner's answers are open. See the comparison with: accord compare --alliance {}",
                            short(&accepted.alliance)
                        )?;
                    }
                    Ok(())
                }
            }
        }
        // Anything else is tried as an envelope, whose reader names what is wrong.
        _ => {
            let accepted = store.import_envelope(&text, now).with_context(refused)?;
            match format {
                Format::Json => output::json(
                    out,
                    &json!({"opened": "envelope", "alliance": accepted.alliance.0,
                            "party": accepted.party.0, "round": accepted.round}),
                ),
                _ => {
                    writeln!(
                        out,
                        "Recorded {}'s envelope for round {}. It stays sealed until they send their reveal.",
                        accepted.partner, accepted.round
                    )?;
                    let state = store.exchange_state(&accepted.alliance, now)?;
                    if state.all_envelopes() {
                        writeln!(
                            out,
                            "You hold every envelope: write your reveal with: accord reveal {} --out FILE",
                            short(&accepted.alliance)
                        )?;
                    }
                    Ok(())
                }
            }
        }
    }
}

pub fn reveal(
    alliance: &str,
    file: &Path,
    force: bool,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    // Checked before the passphrase is asked for.
    check_free(file, force)?;
    let mut store = open_store(db, now)?;
    let id = store.resolve_id(alliance)?;
    let me = unlock(&store)?;
    let reveal = store.reveal_mine(&id, &me, now)?;
    write_text(
        file,
        &(serde_json::to_string_pretty(&reveal)? + "\n"),
        force,
    )?;
    match format {
        Format::Json => output::json(
            out,
            &json!({"alliance": id.0, "round": reveal.binding.round, "file": file}),
        ),
        _ => {
            writeln!(
                out,
                "Wrote your reveal for round {} to {}. Send it to your partners.",
                reveal.binding.round,
                file.display()
            )?;
            Ok(())
        }
    }
}

pub fn status(
    alliance: &str,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let mut store = open_store(db, now)?;
    let id = store.resolve_id(alliance)?;
    let alliance = store.alliance(&id)?;
    let state = store.exchange_state(&id, now)?;
    if format == Format::Json {
        return output::json(out, &state_json(&alliance, &state));
    }
    writeln!(out, "{}, round {}", alliance.name, state.round)?;
    let rows: Vec<Vec<String>> = state
        .parties
        .iter()
        .map(|p| {
            let mine = state.me.as_ref() == Some(&p.party);
            vec![
                format!(
                    "{}{}",
                    name_of(&alliance, &p.party),
                    if mine { " (you)" } else { "" }
                ),
                p.card
                    .as_ref()
                    .map_or("no card".into(), |c| c.fingerprint.clone()),
                match (&p.envelope_at, mine) {
                    (Some(at), true) => format!("sealed {}", at.to_display()),
                    (Some(at), false) => format!("received {}", at.to_display()),
                    (None, _) => "-".into(),
                },
                match (&p.revealed_at, mine) {
                    (Some(at), _) => format!("opened {}", at.to_display()),
                    (None, true) if p.envelope_at.is_some() => "yours".into(),
                    (None, _) => "-".into(),
                },
            ]
        })
        .collect();
    output::table(out, &["PARTNER", "CARD", "ENVELOPE", "ANSWERS"], &rows)?;
    writeln!(out, "{}", next_step(&alliance, &state))?;
    Ok(())
}

pub fn compare(
    alliance: String,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let store = open_store(db, now)?;
    let id = store.resolve_id(&alliance)?;
    let me = unlock(&store)?;
    let comparison = store.exchange_comparison(&id, &me)?;
    crate::compare::print_comparison(&comparison, format, out)
}

fn unlock(store: &Store) -> anyhow::Result<Identity> {
    let summary = store.identity()?.context(
        "no identity on this machine yet; create one with: accord identity create --name NAME",
    )?;
    let secret = passphrase(&format!("Passphrase of {}: ", summary.name), false)?;
    Ok(store.unlock_identity(&secret)?)
}

/// A partner by position (1-based), id or name (any case).
pub fn resolve_party(alliance: &Alliance, typed: &str) -> anyhow::Result<PartyId> {
    let typed = typed.trim();
    let found = alliance.parties.iter().enumerate().find(|(i, p)| {
        typed == (i + 1).to_string() || typed == p.id.0 || typed.eq_ignore_ascii_case(&p.name)
    });
    match found {
        Some((_, party)) => Ok(party.id.clone()),
        None => bail!(
            "--party {typed:?}: {:?} has the partners {}",
            alliance.name,
            alliance
                .parties
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{} ({})", i + 1, p.name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn name_of(alliance: &Alliance, party: &PartyId) -> String {
    alliance
        .parties
        .iter()
        .find(|p| &p.id == party)
        .map_or_else(|| party.0.clone(), |p| p.name.clone())
}

fn normalize_fingerprint(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_uppercase()
}

/// What the user should do next in the exchange.
fn next_step(alliance: &Alliance, state: &ExchangeState) -> String {
    let id = short(&alliance.id);
    let Some(me) = &state.me else {
        return format!(
            "Next: say which partner you are: accord identity bind {id} --party N --me"
        );
    };
    if let Some(p) = state.parties.iter().find(|p| p.card.is_none()) {
        return format!(
            "Next: bind {}'s card: accord identity bind {id} --party {} --card FILE",
            name_of(alliance, &p.party),
            p.party.0
        );
    }
    let mine = state.parties.iter().find(|p| &p.party == me);
    if mine.is_some_and(|p| p.envelope_at.is_none()) {
        return format!("Next: seal your answers: accord seal {id} --sheet FILE --out FILE");
    }
    if !state.all_envelopes() {
        return "Next: import your partners' envelopes: accord open FILE".into();
    }
    if state
        .parties
        .iter()
        .any(|p| &p.party != me && p.revealed_at.is_none())
    {
        return format!(
            "Next: send your reveal (accord reveal {id} --out FILE) and open theirs (accord open FILE)"
        );
    }
    format!("Every answer is open: accord compare --alliance {id}")
}

fn state_json(alliance: &Alliance, state: &ExchangeState) -> serde_json::Value {
    json!({
        "alliance": alliance.id.0,
        "round": state.round,
        "me": state.me.as_ref().map(|p| p.0.clone()),
        "questions": state.questions,
        "parties": state.parties.iter().map(|p| json!({
            "party": p.party.0,
            "name": name_of(alliance, &p.party),
            "card": p.card.as_ref().map(|c| json!({"name": c.name, "fingerprint": c.fingerprint, "mine": c.mine})),
            "envelope_at": p.envelope_at,
            "commitment": p.commitment,
            "revealed_at": p.revealed_at,
        })).collect::<Vec<_>>(),
    })
}
