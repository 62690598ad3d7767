//! The command line of `accord`, declared once: every option with its help beside it.
//!
//! Parsing yields plain [`Args`] without touching any file; `main` decides what to do with them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Accord: make the assumptions behind an alliance's paper terms explicit.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, propagate_version = true)]
pub struct Args {
    /// Database file to use (default: $ACCORD_DB, else accord/accord.db in the data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Output format for commands that print data
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal
    Text,
    /// JSON for scripts
    Json,
    /// A Markdown document (compare, demo, suggest and export)
    #[value(alias = "md")]
    Markdown,
    /// A self-contained, print-ready HTML document (export only)
    Html,
    /// A PDF document (export only)
    Pdf,
}

const ACTING_HELP: &str = "Acting as a partner needs their passphrase; acting as your identity needs the identity's. The passphrase is read from $ACCORD_PASSPHRASE, or asked for on the terminal.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, rename, delete and restore alliances
    #[command(subcommand)]
    Alliance(AllianceCommand),
    /// Compare two answer sheets question by question, most severe gap first
    #[command(
        after_help = "With --alliance, compares the answers exchanged by sealed envelopes, opened with your identity."
    )]
    Compare {
        /// The first partner's answer sheet (JSON)
        #[arg(required_unless_present = "alliance", conflicts_with = "alliance")]
        a: Option<PathBuf>,
        /// The second partner's answer sheet (JSON)
        #[arg(required_unless_present = "alliance")]
        b: Option<PathBuf>,
        /// Compare the alliance's current round instead (needs your identity passphrase)
        #[arg(long, value_name = "ID")]
        alliance: Option<String>,
    },
    /// Your identity for exchanging sealed answers, and your partners' contact cards
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// Seal your answers for the alliance's current round into an envelope file for your partners
    #[command(
        after_help = "The envelope can be sent by any means: nobody can read it before you reveal it, and you cannot change your answers once it is sealed.\nThe passphrase is read from $ACCORD_PASSPHRASE, or asked for on the terminal."
    )]
    Seal {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Your filled-in answer sheet (start one with `accord sheet new --alliance ID`)
        #[arg(long, value_name = "FILE")]
        sheet: PathBuf,
        /// Where to write the envelope
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Import a partner's envelope (records it, unread) or reveal (opens their answers)
    Open {
        /// The envelope or reveal file your partner sent
        file: PathBuf,
    },
    /// Write your reveal for the current round, once you hold every partner's envelope
    Reveal {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Where to write the reveal
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Where the exchange of sealed envelopes stands in the alliance's current round
    Exchange {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
    },
    /// Save a partner's answers on this machine (shared-machine use), and seal them with --seal
    #[command(
        after_help = "The partner's passphrase is read from $ACCORD_PASSPHRASE, or asked for on the terminal; a partner without one gets it set now. Answers are encrypted to the partner's key: no one else can read them before every partner has sealed. In a new round, --print starts from the partner's own latest answers (their last check-in or sealed answers), keeping those whose question has not changed; stderr says from where."
    )]
    Answer {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The partner answering (position, id or name)
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: String,
        /// The filled-in answer sheet (start one with --print; before the partner has a
        /// passphrase, with `accord sheet new --alliance ID --as N`)
        #[arg(long, value_name = "FILE", required_unless_present = "print")]
        sheet: Option<PathBuf>,
        /// Print the sheet to answer from: this round's saved answers, else (in a new round) the
        /// partner's latest answers carried over, else a blank sheet. Saves nothing
        #[arg(long, conflicts_with_all = ["sheet", "seal"])]
        print: bool,
        /// Seal the answers for this round: final, and the comparison opens once all have sealed
        #[arg(long)]
        seal: bool,
    },
    /// Suggested resolutions for the round's divergent and conflicting questions
    #[command(after_help = ACTING_HELP)]
    Suggest {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Act as this partner (position, id or name), with their passphrase; without it, as
        /// your identity
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// Propose, accept, reject or counter an agreed value for one disputed question
    #[command(after_help = ACTING_HELP)]
    Resolve {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The question's id (as `accord suggest` lists it)
        question: String,
        /// propose, accept, reject or counter
        action: String,
        /// The value to propose: the number of a suggestion as `accord suggest` lists it
        #[arg(long, value_name = "N", conflicts_with = "value")]
        pick: Option<usize>,
        /// The value to propose, as answer JSON (e.g. '{"type":"number","value":20,"unit":"hours"}')
        #[arg(long, value_name = "JSON")]
        value: Option<String>,
        /// Why, in a sentence
        #[arg(long)]
        comment: Option<String>,
        /// Act as this partner (position, id or name), with their passphrase
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// Write an agreement as Markdown, HTML, PDF or JSON (--format md|html|pdf|json)
    Export {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The agreement's number (default: the newest)
        #[arg(long, value_name = "N")]
        number: Option<u32>,
        /// Where to write it
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Check an exported agreement (any format): its hash, its signatures and its text
    Verify {
        /// The exported agreement
        file: PathBuf,
    },
    /// Sign an agreement's hash with your identity's Ed25519 key
    #[command(after_help = ACTING_HELP)]
    Sign {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The agreement's number (default: the newest)
        #[arg(long, value_name = "N")]
        number: Option<u32>,
        /// The partner you sign for (default: the one your identity is bound to)
        #[arg(long, value_name = "PARTNER")]
        party: Option<String>,
    },
    /// Record your answers as they stand now, after an agreement (private, like answers)
    #[command(after_help = ACTING_HELP)]
    Checkin {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Your answers now (start from `accord checkin ID --print`)
        #[arg(long, value_name = "FILE", required_unless_present = "print")]
        sheet: Option<PathBuf>,
        /// Print the sheet to check in from (your last check-in, or the agreed values)
        #[arg(long)]
        print: bool,
        /// Act as this partner (position, id or name), with their passphrase
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// Which agreed items your answers have moved away from, by how much and since when
    #[command(after_help = ACTING_HELP)]
    Drift {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Act as this partner (position, id or name), with their passphrase
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// Rounds, agreements, your check-ins and the alignment timeline
    #[command(after_help = ACTING_HELP)]
    History {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Act as this partner (position, id or name), with their passphrase
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// What changed between two agreement versions
    DiffVersions {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The older agreement's number
        older: u32,
        /// The newer agreement's number
        newer: u32,
    },
    /// Freeze the round's agreement once every question at or above a severity is resolved
    #[command(after_help = ACTING_HELP)]
    Agree {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// Every unresolved question at or above this severity (0-100) blocks freezing
        #[arg(long, default_value_t = accord_core::negotiate::DEFAULT_THRESHOLD, value_parser = clap::value_parser!(u8).range(0..=101))]
        threshold: u8,
        /// When to review the agreement, YYYY-MM-DD (default: the alliance's review interval from
        /// today, six months unless the partners chose another in the app)
        #[arg(long, value_name = "DATE")]
        review_on: Option<String>,
        /// Act as this partner (position, id or name), with their passphrase
        #[arg(long = "as", value_name = "PARTNER")]
        as_party: Option<String>,
    },
    /// List the questions of a built-in question set
    Questions {
        /// general, co-marketing, reseller, development, joint-venture or consortium
        #[arg(long, default_value = "general")]
        set: String,
    },
    /// Answer sheets: start a blank one to fill in
    #[command(subcommand)]
    Sheet(SheetCommand),
    /// Compare two realistic demo sheets, showing every kind of verdict
    Demo,
}

#[derive(Debug, Subcommand)]
pub enum SheetCommand {
    /// Print a blank answer sheet (JSON) for one partner, ready to fill in
    New {
        /// The built-in question set to answer
        #[arg(long, default_value = "general")]
        set: String,
        /// A partner's name, once per partner, in order (default: "Partner A", "Partner B")
        #[arg(long = "partner", value_name = "NAME")]
        partners: Vec<String>,
        /// Which partner this sheet speaks for: its position, 1-based (default 1)
        #[arg(long = "as", value_name = "N")]
        as_party: Option<usize>,
        /// Who fills it in
        #[arg(long, default_value = "")]
        respondent: String,
        /// Answer this alliance's own questions instead of a built-in set (default --as: the
        /// partner your identity is bound to)
        #[arg(long, value_name = "ID", conflicts_with_all = ["set", "partners"])]
        alliance: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Create your identity: a key pair to encrypt to you and one to sign with, locked by a passphrase
    Create {
        /// Your name as partners will see it on your card
        #[arg(long)]
        name: String,
    },
    /// Show your identity's name and fingerprint
    Show,
    /// Write your contact card for partners (to stdout without --out)
    Card {
        /// Where to write the card
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Say which partner you are in an alliance, or bind a partner's card after checking its fingerprint
    #[command(
        after_help = "Compare the fingerprint with your partner by phone or in a call before binding their card. On a terminal you are asked to confirm; in scripts pass the fingerprint you confirmed with --fingerprint."
    )]
    Bind {
        /// Alliance id, or a unique prefix of at least 4 characters
        alliance: String,
        /// The partner: position (1, 2, ...), id (p1, p2, ...) or name
        #[arg(long)]
        party: String,
        /// This partner is me
        #[arg(long, conflicts_with = "card", required_unless_present = "card")]
        me: bool,
        /// The partner's contact card file
        #[arg(long, value_name = "FILE")]
        card: Option<PathBuf>,
        /// The fingerprint you confirmed with your partner
        #[arg(long, value_name = "FINGERPRINT", requires = "card")]
        fingerprint: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AllianceCommand {
    /// List alliances, by name
    List {
        /// Include deleted alliances
        #[arg(long, conflicts_with = "deleted")]
        all: bool,
        /// Show only deleted alliances
        #[arg(long)]
        deleted: bool,
    },
    /// Show one alliance with its partners and paper terms
    Show {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
    },
    /// Create an alliance with its partners and the terms agreed on paper
    Create {
        /// Name of the alliance
        #[arg(long)]
        name: String,
        /// co-marketing, reseller, development, joint-venture, consortium or other
        #[arg(long, default_value = "other")]
        kind: String,
        /// A partner's name; give it once per partner, at least twice
        #[arg(long = "partner", value_name = "NAME", required = true)]
        partners: Vec<String>,
        /// A term agreed on paper; give it once per term
        #[arg(long = "term", value_name = "TEXT")]
        terms: Vec<String>,
    },
    /// Rename an alliance (its history keeps the old name)
    Rename {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
        /// The new name
        name: String,
    },
    /// Delete an alliance; `accord alliance restore` brings it back
    Delete {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
    },
    /// Restore a deleted alliance
    Restore {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
    },
    /// Every change made to an alliance, oldest first
    History {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
    },
    /// Write the alliance and its questions to a file for a partner's machine
    Export {
        /// Alliance id, or a unique prefix of at least 4 characters
        id: String,
        /// Where to write the alliance file (stdout without --out)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Import a partner's alliance file: the same alliance and questions on this machine
    Import {
        /// The alliance file
        file: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn global_options_go_anywhere() {
        let args = Args::try_parse_from([
            "accord",
            "alliance",
            "list",
            "--all",
            "--format",
            "json",
            "--db",
            "/tmp/x.db",
        ])
        .unwrap();
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.db, Some(PathBuf::from("/tmp/x.db")));
        assert!(matches!(
            args.command,
            Command::Alliance(AllianceCommand::List {
                all: true,
                deleted: false
            })
        ));
    }

    #[test]
    fn create_collects_repeated_partners_and_terms() {
        let args = Args::try_parse_from([
            "accord",
            "alliance",
            "create",
            "--name",
            "Deal",
            "--kind",
            "jv",
            "--partner",
            "A",
            "--partner",
            "B",
            "--term",
            "50/50",
        ])
        .unwrap();
        let Command::Alliance(AllianceCommand::Create {
            partners, terms, ..
        }) = args.command
        else {
            panic!("expected create");
        };
        assert_eq!(partners, ["A", "B"]);
        assert_eq!(terms, ["50/50"]);
    }
}
