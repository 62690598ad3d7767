//! Replays a committed corpus folder through a target's body, for the stable test run.

use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Feeds every file of `folder` to `body` and fails, naming the files, if any panicked or a
/// file named `valid*` was refused; fails too unless some files were accepted and some
/// refused (so the corpus covers both, and an empty folder fails). In a folder that names its
/// valid files so, every other file must be refused: each is wrong in one known way, and
/// stays a test that it is refused. (The `sheet` corpus, the sample pairs under their own
/// names, names none.)
pub fn replay<T, E: Debug>(folder: &Path, body: fn(&[u8]) -> Result<T, E>) {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "{} holds no corpus files",
        folder.display()
    );
    let named = |path: &Path| {
        path.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .starts_with("valid")
    };
    let strict = files.iter().any(|path| named(path));
    let (mut accepted, mut refused, mut failures) = (0, 0, Vec::new());
    for path in &files {
        let data = std::fs::read(path).expect("a corpus file");
        match catch_unwind(AssertUnwindSafe(|| body(&data))) {
            Err(_) => failures.push(format!("{}: panicked", path.display())),
            Ok(Err(e)) if named(path) => {
                failures.push(format!("{}: refused: {e:?}", path.display()))
            }
            Ok(Ok(_)) if strict && !named(path) => failures.push(format!(
                "{}: accepted, but not named valid*",
                path.display()
            )),
            Ok(Err(_)) => refused += 1,
            Ok(Ok(_)) => accepted += 1,
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        accepted > 0 && refused > 0,
        "{}: {accepted} files accepted, {refused} refused; the corpus needs both",
        folder.display()
    );
}
