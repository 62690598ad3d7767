//! The app's own command line (`accord-app [--db PATH]`) and the display check that keeps a
//! headless start from hanging.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchArgs {
    /// Database file to open instead of the default.
    pub db: Option<PathBuf>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Launch {
    Run(LaunchArgs),
    /// Print this (help or version) and exit successfully.
    Print(String),
}

const HELP: &str = "Accord desktop app

Usage: accord-app [--db PATH]

Options:
  --db PATH      open this database instead of the default (also: ACCORD_DB=PATH)
  -h, --help     print this help
  -V, --version  print the version";

/// Parses the app's arguments. Unknown arguments are refused rather than ignored.
pub fn parse_launch_args(args: impl IntoIterator<Item = OsString>) -> Result<Launch, String> {
    let mut parsed = LaunchArgs::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--db") => {
                let path = args.next().ok_or("--db needs a file path")?;
                parsed.db = Some(PathBuf::from(path));
            }
            Some(s) if s.starts_with("--db=") => {
                parsed.db = Some(PathBuf::from(&s["--db=".len()..]));
            }
            Some("-h" | "--help") => return Ok(Launch::Print(HELP.into())),
            Some("-V" | "--version") => {
                return Ok(Launch::Print(format!(
                    "accord-app {}",
                    env!("CARGO_PKG_VERSION")
                )))
            }
            _ => {
                return Err(format!(
                    "unexpected argument {:?}; try --help",
                    arg.to_string_lossy()
                ))
            }
        }
    }
    Ok(Launch::Run(parsed))
}

/// On Linux a window needs an X11 or Wayland display; without one GTK would abort. Say so
/// plainly instead.
pub fn check_display() -> Result<(), String> {
    if cfg!(target_os = "linux") {
        let has = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if !has("DISPLAY") && !has("WAYLAND_DISPLAY") {
            return Err("no display: DISPLAY and WAYLAND_DISPLAY are unset. Run Accord in a desktop session, or under Xvfb (see README.md)".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Launch, String> {
        parse_launch_args(args.iter().map(OsString::from))
    }

    #[test]
    fn db_flag_in_both_spellings() {
        let expected = Launch::Run(LaunchArgs {
            db: Some("/tmp/a.db".into()),
        });
        assert_eq!(parse(&["--db", "/tmp/a.db"]), Ok(expected));
        let expected = Launch::Run(LaunchArgs {
            db: Some("/tmp/a.db".into()),
        });
        assert_eq!(parse(&["--db=/tmp/a.db"]), Ok(expected));
        assert_eq!(parse(&[]), Ok(Launch::Run(LaunchArgs::default())));
    }

    #[test]
    fn bad_arguments_are_refused_with_a_hint() {
        assert_eq!(parse(&["--db"]), Err("--db needs a file path".into()));
        assert!(parse(&["--frobnicate"]).unwrap_err().contains("try --help"));
        assert!(
            matches!(parse(&["--version"]), Ok(Launch::Print(v)) if v.starts_with("accord-app "))
        );
    }
}
