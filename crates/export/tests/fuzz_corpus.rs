//! Replays the committed fuzz corpus of the `export` and `render` targets
//! (`fuzz/corpus/<target>/`) through the targets' own bodies on the stable toolchain: no file
//! may panic, every `valid*` file must be accepted with every check of its target, and every
//! other file must be refused. Fuzzing itself is `scripts/fuzz.sh`; the corpus is written by
//! `cargo run -p accord-export --example agreement_seeds`.

use std::path::PathBuf;

#[path = "../../../fuzz/src/replay.rs"]
mod replay;
#[path = "../../../fuzz/src/export.rs"]
mod targets;

fn corpus(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

#[test]
fn the_export_corpus_replays() {
    replay::replay(&corpus("export"), targets::export);
}

#[test]
fn the_render_corpus_replays() {
    replay::replay(&corpus("render"), targets::render);
}
