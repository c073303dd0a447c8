//! `bireport serve [--addr 127.0.0.1:7700] [--cors ORIGIN] [--cache-mb 64]`: the index over
//! HTTP.

use std::net::SocketAddr;

use clap::Args;

use super::{Context, Outcome, Verbosity};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 takes a free port (the address is printed). The default
    /// answers this machine only; 0.0.0.0:7700 answers every network the machine is on.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "ADDR")]
    addr: SocketAddr,

    /// Let pages from this origin call the API from a browser (CORS), e.g.
    /// https://portal.example.org. Without it, no cross-origin calls.
    #[arg(long, value_name = "ORIGIN")]
    cors: Option<String>,

    /// Megabytes of search answers to keep, so a search asked again (paging back, a shared
    /// link, a popular query) is answered without running it. Answers are dropped when a
    /// new commit lands. 0 keeps none.
    #[arg(long, default_value_t = 64, value_name = "MB")]
    cache_mb: u64,
}

pub fn run(context: &Context, args: &ServeArgs) -> anyhow::Result<Outcome> {
    crate::serve::run(crate::serve::Options {
        index_dir: context.index_dir.clone(),
        addr: args.addr,
        cors: args.cors.clone(),
        access_log: context.verbosity >= Verbosity::Normal,
        answer_bytes: args.cache_mb.saturating_mul(1024 * 1024),
    })?;
    Ok(Outcome::Success)
}
