//! The indexing progress bar: on stderr, only when stderr is a terminal, and only once a
//! run has taken more than a second (short runs stay silent).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use bireport::pipeline::Progress;

/// How long a run goes before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A [`Progress`] drawn with indicatif.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
}

impl Bar {
    /// A bar that will draw if `wanted` and stderr is a terminal.
    pub fn new(wanted: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Bar {
            bar,
            started: Instant::now(),
            enabled: wanted && std::io::stderr().is_terminal(),
        }
    }

    fn reveal_if_slow(&self) {
        if self.enabled && self.bar.is_hidden() && self.started.elapsed() > SHOW_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Progress for Bar {
    fn start(&self, _files: usize, bytes: u64) {
        self.bar.set_length(bytes);
    }

    fn file_done(&self, bytes: u64) {
        self.bar.inc(bytes);
        self.reveal_if_slow();
    }

    fn committing(&self) {
        self.bar.set_message("pairing and committing");
        self.reveal_if_slow();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
