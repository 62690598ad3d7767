//! `accord`: the command-line tool over Accord's core, for headless use, scripts and tests.
//!
//! `main` is parse → run → print → exit code. Exit codes: 0 success, 1 the command failed (the
//! message says why), 2 the command line itself was wrong. Errors are one line on stderr.
//! Every change goes through `accord-store` in a single transaction, so a refused command
//! writes nothing.

mod alliance;
mod compare;
mod exchange;
mod files;
mod flags;
mod negotiate;
mod output;
mod revisit;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::flags::{Args, Command, Format};

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => return usage_error(error),
    };
    let mut stdout = std::io::stdout().lock();
    match run(args, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A closed pipe (`accord alliance list | head -1`) is not a failure worth reporting.
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("accord: {}", printable(&message(&error)));
            ExitCode::from(1)
        }
    }
}

fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<()> {
    if matches!(args.format, Format::Html | Format::Pdf)
        && !matches!(args.command, Command::Export { .. })
    {
        anyhow::bail!("--format html and pdf are for accord export");
    }
    match args.command {
        Command::Alliance(command) => alliance::run(command, args.db, args.format, out),
        Command::Compare {
            a: Some(a),
            b: Some(b),
            alliance: None,
        } => compare::compare_files(&a, &b, args.format, out),
        Command::Compare { alliance, .. } => {
            exchange::compare(alliance.unwrap_or_default(), args.db, args.format, out)
        }
        Command::Identity(command) => exchange::identity(command, args.db, args.format, out),
        Command::Seal {
            alliance,
            sheet,
            out: file,
            force,
        } => exchange::seal(&alliance, &sheet, &file, force, args.db, args.format, out),
        Command::Open { file } => exchange::open(&file, args.db, args.format, out),
        Command::Reveal {
            alliance,
            out: file,
            force,
        } => exchange::reveal(&alliance, &file, force, args.db, args.format, out),
        Command::Exchange { alliance } => exchange::status(&alliance, args.db, args.format, out),
        Command::Answer {
            alliance,
            as_party,
            sheet: Some(sheet),
            seal,
            print: false,
        } => negotiate::answer(&alliance, &as_party, &sheet, seal, args.db, out),
        Command::Answer {
            alliance, as_party, ..
        } => negotiate::print_answers(&alliance, &as_party, args.db, out),
        Command::Suggest { alliance, as_party } => {
            negotiate::suggest(&alliance, as_party, args.db, args.format, out)
        }
        Command::Resolve {
            alliance,
            question,
            action,
            pick,
            value,
            comment,
            as_party,
        } => negotiate::resolve(
            negotiate::Resolve {
                alliance,
                question,
                action,
                pick,
                value,
                comment,
                as_party,
            },
            args.db,
            args.format,
            out,
        ),
        Command::Export {
            alliance,
            number,
            out: file,
            force,
        } => negotiate::export(&alliance, number, &file, force, args.db, args.format, out),
        Command::Verify { file } => negotiate::verify(&file, args.format, out),
        Command::Sign {
            alliance,
            number,
            party,
        } => negotiate::sign(&alliance, number, party, args.db, args.format, out),
        Command::Checkin {
            alliance,
            sheet,
            print,
            as_party,
        } => revisit::checkin(&alliance, sheet, print, as_party, args.db, out),
        Command::Drift { alliance, as_party } => {
            revisit::drift(&alliance, as_party, args.db, args.format, out)
        }
        Command::History { alliance, as_party } => {
            revisit::history(&alliance, as_party, args.db, args.format, out)
        }
        Command::DiffVersions {
            alliance,
            older,
            newer,
        } => revisit::diff_versions(&alliance, older, newer, args.db, args.format, out),
        Command::Agree {
            alliance,
            threshold,
            review_on,
            as_party,
        } => negotiate::agree(
            &alliance,
            threshold,
            review_on,
            as_party,
            args.db,
            args.format,
            out,
        ),
        Command::Questions { set } => compare::questions(&set, args.format, out),
        Command::Sheet(command) => compare::sheet(command, args.db, out),
        Command::Demo => compare::demo(args.format, out),
    }
}

/// Help and version go to stdout with success; anything else is a one-line error and exit 2.
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let rendered = error.render().to_string();
            eprintln!("accord: {} (see accord --help)", usage_summary(&rendered));
            ExitCode::from(2)
        }
    }
}

/// One line from clap's rendered usage error: its first line, and when that line introduces a
/// list ("the following required arguments were not provided:"), the indented items below it,
/// so the line names what is missing.
fn usage_summary(rendered: &str) -> String {
    let mut lines = rendered.lines().skip_while(|l| l.trim().is_empty());
    let first = lines
        .next()
        .unwrap_or("invalid command line")
        .trim_start_matches("error: ")
        .trim_end();
    if !first.ends_with(':') {
        return first.to_string();
    }
    let items: Vec<&str> = lines
        .take_while(|l| l.starts_with(char::is_whitespace) && !l.trim().is_empty())
        .map(str::trim)
        .collect();
    if items.is_empty() {
        first.trim_end_matches(':').to_string()
    } else {
        format!("{first} {}", items.join(", "))
    }
}

/// The error and its causes, joined by ": ", leaving out a cause whose text the message
/// already holds (library errors often quote their source, and `{:#}` would say it twice).
fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// Longest "word" of an error shown whole; a longer one (a value echoed from a hostile file)
/// keeps its start.
const MAX_WORD_CHARS: usize = 120;
/// Longest error line printed.
const MAX_ERROR_CHARS: usize = 1_000;

/// An error as one short line that is safe on a terminal: white space collapsed, control
/// characters (escape sequences) and bidirectional overrides written as `\u{..}` instead of
/// acting on the screen, values echoed from a file cut to their start.
fn printable(message: &str) -> String {
    let mut line = String::new();
    for word in message.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        let chars = word.chars().count();
        let shown = word
            .chars()
            .take(if chars > MAX_WORD_CHARS { 60 } else { chars });
        for c in shown {
            if c.is_control() || is_bidi_control(c) {
                line.push_str(&c.escape_unicode().to_string());
            } else {
                line.push(c);
            }
        }
        if chars > MAX_WORD_CHARS {
            line.push_str(&format!("… ({chars} characters)"));
        }
    }
    if line.chars().count() > MAX_ERROR_CHARS {
        line = line.chars().take(MAX_ERROR_CHARS - 1).collect();
        line.push('…');
    }
    line
}

/// Characters that reorder the text around them (the "Trojan Source" characters).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::{message, printable};

    #[test]
    fn a_cause_already_quoted_is_not_repeated() {
        // What thiserror derives for `#[error("the embedded agreement: {0}")] Outer(#[from] Inner)`.
        #[derive(Debug)]
        struct Outer(Inner);
        #[derive(Debug)]
        struct Inner;
        impl std::fmt::Display for Outer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "the embedded agreement: {}", self.0)
            }
        }
        impl std::fmt::Display for Inner {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the file is 9 bytes; an agreement is at most 8")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        impl std::error::Error for Inner {}
        let error = anyhow::Error::from(Outer(Inner)).context("x.md did not verify");
        assert_eq!(
            message(&error),
            "x.md did not verify: the embedded agreement: the file is 9 bytes; an agreement is at most 8"
        );
        let io = anyhow::Error::from(std::io::Error::other("disk full")).context("cannot write x");
        assert_eq!(message(&io), "cannot write x: disk full");
    }

    #[test]
    fn errors_print_as_one_short_inert_line() {
        assert_eq!(
            printable("cannot read\n  x.json:\tno such file"),
            "cannot read x.json: no such file"
        );
        assert_eq!(
            printable("format is \u{1b}[2J\u{1b}[31mred\u{7} and \u{202e}txt.exe"),
            "format is \\u{1b}[2J\\u{1b}[31mred\\u{7} and \\u{202e}txt.exe"
        );
        let long = format!("unknown question {}", "q".repeat(5_000));
        assert_eq!(
            printable(&long),
            format!("unknown question {}… (5000 characters)", "q".repeat(60))
        );
        let many = "word ".repeat(1_000);
        let shown = printable(&many);
        assert_eq!(shown.chars().count(), 1_000);
        assert!(shown.ends_with('…'));
    }
}
