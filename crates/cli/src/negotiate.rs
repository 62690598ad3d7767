//! `accord suggest`, `accord resolve` and `accord agree`: negotiating a round's gaps into an
//! Agreement. The rules (who may do what, when an agreement can be frozen) are the store's and
//! the core's; this module parses, asks for the passphrase and prints.

use std::io::Write;
use std::path::PathBuf;

use accord_core::answer::Expectation;
use accord_core::negotiate::workflow::{Action, ItemStatus};
use accord_core::{Alliance, PartyId, QuestionId, Timestamp};
use accord_store::{Acting, CarriedAnswers, CarrySource, Store};
use anyhow::{bail, Context};

use crate::alliance::{now, open_store, short};
use crate::exchange::resolve_party;
use crate::files::passphrase;
use crate::flags::Format;
use crate::output;

/// Who acts: a partner with their passphrase key, or this machine's identity.
pub enum Actor {
    Partner(PartyId, accord_envelope::PartyKey),
    Identity(Box<accord_envelope::Identity>),
}

impl Actor {
    pub fn acting(&self) -> Acting<'_> {
        match self {
            Actor::Partner(party, key) => Acting::Partner { party, key },
            Actor::Identity(me) => Acting::Identity(me),
        }
    }
}

/// Opens the database and the alliance `typed` names, and proves who acts (see [`actor`]).
pub fn acting_in(
    db: Option<PathBuf>,
    now: Timestamp,
    typed: &str,
    as_party: Option<String>,
) -> anyhow::Result<(Store, accord_core::AllianceId, Alliance, Actor)> {
    let store = open_store(db, now)?;
    let id = store.resolve_id(typed)?;
    let alliance = store.alliance(&id)?;
    let actor = actor(&store, &alliance, as_party)?;
    Ok((store, id, alliance, actor))
}

pub fn actor(
    store: &Store,
    alliance: &Alliance,
    as_party: Option<String>,
) -> anyhow::Result<Actor> {
    match as_party {
        Some(typed) => {
            let party = resolve_party(alliance, &typed)?;
            let name = alliance
                .parties
                .iter()
                .find(|p| p.id == party)
                .map_or(party.0.clone(), |p| p.name.clone());
            let secret = passphrase(&format!("Passphrase of {name}: "), false)?;
            let key = store.unlock(&alliance.id, &party, &secret)?;
            Ok(Actor::Partner(party, key))
        }
        None => {
            let summary = store.identity()?.context(
                "say which partner you act as with --as PARTNER, or create an identity: accord identity create --name NAME",
            )?;
            let secret = passphrase(&format!("Passphrase of {}: ", summary.name), false)?;
            Ok(Actor::Identity(Box::new(store.unlock_identity(&secret)?)))
        }
    }
}

pub fn answer(
    alliance: &str,
    as_party: &str,
    sheet: &std::path::Path,
    seal: bool,
    db: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let mut answers = crate::compare::read_sheet(sheet)?;
    let mut store = open_store(db, now)?;
    let id = store.resolve_id(alliance)?;
    let alliance = store.alliance(&id)?;
    let party = resolve_party(&alliance, as_party)?;
    if answers.party != party {
        bail!(
            "{} speaks for {:?}, not for {as_party:?}",
            sheet.display(),
            answers.party.0
        );
    }
    // Checked before a first passphrase is set, so refused answers leave nothing behind.
    store
        .check_answers(&id, &answers, now)
        .with_context(|| format!("{} was not saved", sheet.display()))?;
    let round = store.round_state(&id)?;
    let has_passphrase = round
        .parties
        .iter()
        .any(|p| p.party == party && p.has_passphrase);
    let key = if has_passphrase {
        let secret = passphrase(&format!("Passphrase of {as_party}: "), false)?;
        store.unlock(&id, &party, &secret)?
    } else {
        let secret = passphrase(&format!("New passphrase for {as_party}: "), true)?;
        store.create_passphrase(&id, &party, &secret, now)?
    };
    answers.alliance = Some(id.0.clone());
    let revision = store
        .save_answers(&id, &key, &answers, now)
        .with_context(|| format!("{} was not saved", sheet.display()))?;
    writeln!(
        out,
        "Saved {} answers for {as_party} (revision {revision}).",
        answers.answers.len()
    )?;
    if seal {
        let state = store.seal(&id, &key, &party, now)?;
        if state.all_sealed() {
            writeln!(
                out,
                "Sealed. Every partner has sealed: see suggestions with accord suggest {} --as PARTNER",
                short(&id)
            )?;
        } else {
            writeln!(
                out,
                "Sealed. The comparison opens once every partner has sealed."
            )?;
        }
    }
    Ok(())
}

/// `accord answer ID --as PARTNER --print`: the sheet the partner answers from, as JSON on
/// stdout, and on stderr where a new round's starting answers were carried from. Writes nothing.
pub fn print_answers(
    alliance: &str,
    as_party: &str,
    db: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let (mut store, id, _, actor) = acting_in(db, now, alliance, Some(as_party.to_string()))?;
    let Actor::Partner(party, key) = actor else {
        bail!("--as {as_party} names no partner");
    };
    let answers = store.party_answers(&id, &key, &party, now)?;
    if let Some(carried) = &answers.carried {
        eprintln!("{}", carried_from(carried, store.round_state(&id)?.round));
    }
    output::json(out, &answers.sheet)
}

/// Where a new round's starting sheet came from, in one line for stderr.
fn carried_from(carried: &CarriedAnswers, round: u32) -> String {
    let source = match carried.from {
        CarrySource::SealedAnswers { round, .. } => format!("your sealed answers of round {round}"),
        CarrySource::CheckIn { recorded_at, .. } => {
            format!("your check-in of {}", recorded_at.to_date())
        }
    };
    let changed = match carried.changed {
        0 => String::new(),
        n => format!(" ({n} of them changed since)"),
    };
    format!(
        "Round {round} starts from {source}: {} answer(s) carried over, {} question(s) blank{changed}. Nothing is saved until you run accord answer with --sheet.",
        carried.carried, carried.blank
    )
}

pub fn suggest(
    alliance: &str,
    as_party: Option<String>,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (store, id, alliance, actor) = acting_in(db, now(), alliance, as_party)?;
    let negotiation = store.negotiation(&id, &actor.acting())?;
    if format == Format::Json {
        return output::json(out, &negotiation.suggestions);
    }
    out.write_all(accord_core::report::render_suggestions(&negotiation.suggestions).as_bytes())?;
    writeln!(out, "\nWhere each question stands:")?;
    for (item, d) in negotiation
        .items
        .iter()
        .zip(&negotiation.suggestions.disputed)
    {
        writeln!(
            out,
            "  {}: {}",
            d.question.0,
            status_words(&alliance, &item.status)
        )?;
    }
    writeln!(
        out,
        "\nPropose suggestion N with: accord resolve {} QUESTION propose --pick N [--comment TEXT]",
        short(&id)
    )?;
    Ok(())
}

/// The options of `accord resolve`.
pub struct Resolve {
    pub alliance: String,
    pub question: String,
    pub action: String,
    pub pick: Option<usize>,
    pub value: Option<String>,
    pub comment: Option<String>,
    pub as_party: Option<String>,
}

pub fn resolve(
    r: Resolve,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let action = Action::parse(&r.action)
        .with_context(|| format!("{:?}: say propose, accept, reject or counter", r.action))?;
    let proposing = matches!(action, Action::Propose | Action::Counter);
    if proposing && r.pick.is_none() && r.value.is_none() {
        bail!(
            "{} needs a value: --pick N (a suggestion) or --value JSON",
            r.action
        );
    }
    if !proposing && (r.pick.is_some() || r.value.is_some()) {
        bail!("{} takes no value; only propose and counter do", r.action);
    }
    let typed: Option<Expectation> = r
        .value
        .as_deref()
        .map(|text| {
            serde_json::from_str(text)
                .with_context(|| format!("--value {text:?} is not an answer value"))
        })
        .transpose()?;
    let now: Timestamp = now();
    let (mut store, id, alliance, actor) = acting_in(db, now, &r.alliance, r.as_party)?;
    let question = QuestionId(r.question.clone());
    let value = match (typed, r.pick) {
        (Some(v), _) => Some(v),
        (None, Some(n)) => {
            let negotiation = store.negotiation(&id, &actor.acting())?;
            let disputed = negotiation
                .suggestions
                .disputed
                .iter()
                .find(|d| d.question == question)
                .with_context(|| {
                    format!("{:?} is not a disputed question this round", r.question)
                })?;
            let option = n
                .checked_sub(1)
                .and_then(|i| disputed.options.get(i))
                .with_context(|| {
                    format!(
                        "--pick {n}: {:?} has suggestions 1 to {}",
                        r.question,
                        disputed.options.len()
                    )
                })?;
            Some(option.value.clone())
        }
        (None, None) => None,
    };
    let status = store.record_step(
        &id,
        &actor.acting(),
        &question,
        action,
        value,
        r.comment,
        now,
    )?;
    match format {
        Format::Json => output::json(out, &status),
        _ => {
            writeln!(out, "{}: {}", r.question, status_words(&alliance, &status))?;
            Ok(())
        }
    }
}

pub fn agree(
    alliance: &str,
    threshold: u8,
    review_on: Option<String>,
    as_party: Option<String>,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let today = now.to_date();
    let (mut store, id, alliance, actor) = acting_in(db, now, alliance, as_party)?;
    // By default the alliance's review interval after today (six months if none was chosen).
    let review_on = match review_on {
        Some(date) => date,
        None => store.default_review_on(&id, &today)?,
    };
    let agreement =
        store.freeze_agreement(&id, &actor.acting(), threshold, &today, &review_on, now)?;
    match format {
        Format::Json => output::json(out, &agreement),
        _ => {
            writeln!(
                out,
                "Froze agreement {} of {:?} (round {}): {} agreed, {} open; review on {}.",
                agreement.number,
                alliance.name,
                agreement.round,
                agreement.items.len(),
                agreement.open.len(),
                agreement.review_on
            )?;
            writeln!(out, "  hash: {}", agreement.hash)?;
            Ok(())
        }
    }
}

fn agreement_number(
    store: &Store,
    id: &accord_core::AllianceId,
    number: Option<u32>,
) -> anyhow::Result<u32> {
    match number {
        Some(n) => Ok(n),
        None => store
            .agreements(id)?
            .last()
            .map(|a| a.number)
            .context("the alliance has no agreement yet; freeze one with: accord agree ID"),
    }
}

pub fn export(
    alliance: &str,
    number: Option<u32>,
    file: &std::path::Path,
    force: bool,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use accord_export::ExportFormat;
    let kind = match format {
        Format::Markdown => ExportFormat::Markdown,
        Format::Html => ExportFormat::Html,
        Format::Pdf => ExportFormat::Pdf,
        Format::Json => ExportFormat::Json,
        Format::Text => bail!("choose what to write with --format md, html, pdf or json"),
    };
    crate::files::check_free(file, force)?;
    let store = open_store(db, now())?;
    let id = store.resolve_id(alliance)?;
    let number = agreement_number(&store, &id, number)?;
    let agreement = store.agreement(&id, number)?;
    let bytes = accord_export::render(&agreement, kind)?;
    crate::files::write_bytes(file, &bytes, force)?;
    writeln!(
        out,
        "Wrote agreement {number} as {} to {} ({} bytes, {} signature(s)). Check it with: accord verify {}",
        kind.label(),
        file.display(),
        bytes.len(),
        agreement.signatures.len(),
        file.display()
    )?;
    Ok(())
}

pub fn verify(file: &std::path::Path, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    let bytes = accord_store::files::read_bytes(
        file,
        accord_export::MAX_EXPORT_BYTES,
        "an exported agreement",
    )?;
    let verified = accord_export::verify_export(&bytes)
        .with_context(|| format!("{} did not verify", file.display()))?;
    let a = &verified.agreement;
    if format == Format::Json {
        return output::json(
            out,
            &serde_json::json!({
                "format": verified.format.label(),
                "alliance": a.alliance.name,
                "number": a.number,
                "hash": a.hash,
                "signatures": verified.signatures.iter().map(|s| serde_json::json!({
                    "party": s.party.0, "name": s.name, "fingerprint": s.fingerprint,
                })).collect::<Vec<_>>(),
            }),
        );
    }
    writeln!(
        out,
        "{}: agreement {} of {:?}, {} ({}); its hash and text check out.",
        file.display(),
        a.number,
        a.alliance.name,
        a.agreed_on,
        verified.format.label()
    )?;
    writeln!(out, "  hash: {}", a.hash)?;
    if verified.signatures.is_empty() {
        writeln!(out, "  not signed yet")?;
    }
    for s in &verified.signatures {
        writeln!(
            out,
            "  signed for {} by {} ({}): valid",
            a.party_name(&s.party),
            s.name,
            s.fingerprint
        )?;
    }
    Ok(())
}

pub fn sign(
    alliance: &str,
    number: Option<u32>,
    party: Option<String>,
    db: Option<PathBuf>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let now = now();
    let mut store = open_store(db, now)?;
    let id = store.resolve_id(alliance)?;
    let alliance = store.alliance(&id)?;
    let number = agreement_number(&store, &id, number)?;
    let party = match party {
        Some(typed) => resolve_party(&alliance, &typed)?,
        None => store.exchange_state(&id, now)?.me.context(
            "your identity is not bound to a partner of this alliance; say whom you sign for with --party PARTNER",
        )?,
    };
    let summary = store
        .identity()?
        .context("signing needs an identity: accord identity create --name NAME")?;
    let secret = passphrase(&format!("Passphrase of {}: ", summary.name), false)?;
    let me = store.unlock_identity(&secret)?;
    let signed = store.sign_agreement(&id, number, &me, party.clone(), now)?;
    match format {
        Format::Json => output::json(out, &signed),
        _ => {
            writeln!(
                out,
                "Signed agreement {number} for {} as {} ({}). Signatures: {} of {}.",
                signed.party_name(&party),
                summary.name,
                summary.fingerprint,
                signed.signatures.len(),
                signed.parties.len()
            )?;
            Ok(())
        }
    }
}

fn status_words(alliance: &Alliance, status: &ItemStatus) -> String {
    let name = |party: &PartyId| {
        alliance
            .parties
            .iter()
            .find(|p| &p.id == party)
            .map_or(party.0.clone(), |p| p.name.clone())
    };
    match status {
        ItemStatus::Open { last: None } => "open".into(),
        ItemStatus::Open { last: Some(p) } => {
            format!(
                "open ({}'s proposal \"{}\" was rejected)",
                name(&p.by),
                p.shown
            )
        }
        ItemStatus::Proposed { proposal } => format!(
            "{} proposes \"{}\"; waiting for the other partner",
            name(&proposal.by),
            proposal.shown
        ),
        ItemStatus::Agreed {
            proposal,
            accepted_by,
            ..
        } => format!(
            "agreed on \"{}\" ({} proposed, {} accepted)",
            proposal.shown,
            name(&proposal.by),
            name(accepted_by)
        ),
    }
}
