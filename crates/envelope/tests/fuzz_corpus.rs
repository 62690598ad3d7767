//! Replays the committed fuzz corpus of the `card`, `envelope`, `reveal` and `agreement`
//! targets (`fuzz/corpus/<target>/`) through the targets' own bodies on the stable toolchain:
//! no file may panic, every `valid*` file must pass every check (against the fixtures, for
//! the envelope formats), and every other file must be refused. Fuzzing itself is
//! `scripts/fuzz.sh`. The `agreement` target is replayed here rather than in `accord-core`
//! because it checks signatures, which this crate owns.

use std::path::PathBuf;

#[path = "../../../fuzz/src/agreement.rs"]
mod agreement;
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

#[test]
fn the_agreement_corpus_replays() {
    replay::replay(&corpus("agreement"), agreement::agreement);
}
