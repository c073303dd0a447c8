//! Faults injected on purpose, so the tests can fail each stage of a run the way a real
//! machine would (a reading thread that dies, a write the disk refuses, pairing that
//! dies, a commit that cannot be written, a document reader that never ends) and check that the run ends with the cause and
//! the last good index intact.
//!
//! Off unless the environment variable `BIREPORT_FAULT` names a stage; it is read once.
//! Users have no reason to set it.

use std::sync::OnceLock;

/// A stage of `bireport index` that can be made to fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Reading a report file panics (on any thread that reads).
    Read,
    /// Every write of a segment file fails with an I/O error.
    Write,
    /// Pairing the records panics.
    Pairs,
    /// Writing the commit's `meta.json` fails with an I/O error.
    Commit,
    /// Reading a web page or Word document never ends (and the time limit is 1 s).
    SlowRead,
}

impl Fault {
    fn named(name: &str) -> Option<Fault> {
        Some(match name {
            "read" => Fault::Read,
            "write" => Fault::Write,
            "pairs" => Fault::Pairs,
            "commit" => Fault::Commit,
            "slow-read" => Fault::SlowRead,
            _ => return None,
        })
    }
}

/// True when `BIREPORT_FAULT` names `fault`.
pub fn injected(fault: Fault) -> bool {
    static CHOSEN: OnceLock<Option<Fault>> = OnceLock::new();
    *CHOSEN.get_or_init(|| {
        std::env::var("BIREPORT_FAULT")
            .ok()
            .and_then(|name| Fault::named(&name))
    }) == Some(fault)
}

/// The I/O error an injected write failure gives: what a failing disk gives.
pub fn io_error() -> std::io::Error {
    std::io::Error::from_raw_os_error(libc::EIO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_a_name_and_nothing_else_does() {
        for (name, fault) in [
            ("read", Fault::Read),
            ("write", Fault::Write),
            ("pairs", Fault::Pairs),
            ("commit", Fault::Commit),
            ("slow-read", Fault::SlowRead),
        ] {
            assert_eq!(Fault::named(name), Some(fault));
        }
        assert_eq!(Fault::named("Read"), None);
        assert_eq!(Fault::named(""), None);
    }
}
