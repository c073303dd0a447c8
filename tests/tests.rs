//! Integration tests: one test binary that runs the real `bireport` executable.

mod util;

mod access;
mod bench_cmd;
mod browser;
mod cli_errors;
mod corrections;
mod engines;
mod eval;
mod export;
mod faults;
mod formats;
mod golden;
mod index_cmd;
mod pairing;
mod properties;
mod realistic;
mod reliability;
mod sample_corpus;
mod search;
mod serve;
mod spelling;
mod stages;
mod terminal;
