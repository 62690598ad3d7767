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
            eprintln!("accord: {}", one_line(&format!("{error:#}")));
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
            sheet,
            seal,
        } => negotiate::answer(&alliance, &as_party, &sheet, seal, args.db, out),
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
            let first = rendered
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid command line");
            let first = first.trim_start_matches("error: ");
            eprintln!("accord: {first} (see accord --help)");
            ExitCode::from(2)
        }
    }
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
