//! bireport: full-text search over bilingual (Lithuanian/English) grant reports.
//!
//! Data flows through the modules in this order: [`ingest`] (files → records) →
//! [`language`] (language per record) → [`analysis`] (per-language tokenizers) →
//! [`index`] (schema, writer) → [`search`] → the binary's `cli`; [`pipeline`] runs the
//! stages in order. [`record`] and [`period`] hold the types they all share.
//! [`eval`] scores the search's rankings against judgements made by hand.

pub mod analysis;
pub mod bench;
pub mod corpus;
pub mod country;
pub mod engines;
pub mod error;
pub mod eval;
pub mod fault;
pub mod generate;
pub mod index;
pub mod ingest;
pub mod language;
pub mod pairing;
pub mod period;
pub mod pipeline;
pub mod place;
pub mod record;
pub mod search;
pub mod text;

pub use error::{Access, Error, Kept, Result};
