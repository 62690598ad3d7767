//! Replays the committed fuzz corpus of the `sheet` target (`fuzz/corpus/sheet/`) through the
//! target's own body on the stable toolchain: no file may panic, and the corpus must hold
//! sheets that are accepted and sheets that are refused. Fuzzing itself is `scripts/fuzz.sh`.

use std::path::Path;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;
#[path = "../../../fuzz/src/sheet.rs"]
mod targets;

#[test]
fn the_sheet_corpus_replays() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/sheet");
    replay::replay(&corpus, targets::sheet);
}
