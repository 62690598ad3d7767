//! Replays the committed fuzz corpus of the `sheet` and `alliance` targets
//! (`fuzz/corpus/<target>/`) through the targets' own bodies on the stable toolchain: no file
//! may panic, the valid files must be accepted, and each corpus must hold files that are
//! refused too. Fuzzing itself is `scripts/fuzz.sh`.

use std::path::PathBuf;

#[path = "../../../fuzz/src/alliance.rs"]
mod alliance;
#[path = "../../../fuzz/src/replay.rs"]
mod replay;
#[path = "../../../fuzz/src/sheet.rs"]
mod sheet;

fn corpus(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

#[test]
fn the_sheet_corpus_replays() {
    replay::replay(&corpus("sheet"), sheet::sheet);
}

#[test]
fn the_alliance_corpus_replays() {
    replay::replay(&corpus("alliance"), alliance::alliance);
}
