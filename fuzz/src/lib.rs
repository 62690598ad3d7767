//! The bodies of the fuzz targets, one function per target, each returning the parser's
//! result. The targets in `fuzz_targets/` call them under libFuzzer; the stable replay tests
//! (`crates/envelope/tests/fuzz_corpus.rs`, `crates/core/tests/fuzz_corpus.rs`) include the
//! same files with `#[path]` and feed them the committed corpus with [`replay::replay`], so
//! both run the same checks.

pub mod envelope;
pub mod replay;
pub mod sheet;
