//! The bodies of the fuzz targets, one function per target, each returning the parser's
//! result. The targets in `fuzz_targets/` call them under libFuzzer; the stable replay tests
//! (`tests/fuzz_corpus.rs` of `crates/core`, `crates/envelope` and `crates/export`) include the
//! same files with `#[path]` and feed them the committed corpus with [`replay::replay`], so
//! both run the same checks.

pub mod agreement;
pub mod alliance;
pub mod envelope;
pub mod export;
pub mod replay;
pub mod sheet;
