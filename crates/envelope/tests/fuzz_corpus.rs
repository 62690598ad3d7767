//! Replays the committed fuzz corpus of the `card`, `envelope` and `reveal` targets
//! (`fuzz/corpus/<target>/`) through the targets' own bodies on the stable toolchain: no file
//! may panic, every `valid*` file must pass every check against the fixtures, and each
//! corpus must hold files that are refused too. Fuzzing itself is `scripts/fuzz.sh`.

use std::path::PathBuf;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;
#[path = "../../../fuzz/src/envelope.rs"]
mod targets;

fn corpus(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

#[test]
fn the_card_corpus_replays() {
    replay::replay(&corpus("card"), targets::card);
}

#[test]
fn the_envelope_corpus_replays() {
    replay::replay(&corpus("envelope"), targets::envelope);
}

#[test]
fn the_reveal_corpus_replays() {
    replay::replay(&corpus("reveal"), targets::reveal);
}
