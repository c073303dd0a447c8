//! `bireport search QUERY`: ranked hits with snippets, then facet counts.

use clap::Args;

use bireport::error::Error;
use bireport::period::parse_iso_date;
use bireport::record::Kind;
use bireport::search::translate::Translate;
use bireport::search::{closest, SearchRequest, SortOrder};

use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query in tantivy syntax: words (all required), "phrases", AND/OR/NOT, field:term.
    /// Fields: text, title, partner, body (or their _en/_lt forms), country, lang, kind,
    /// project_number, id, source.
    query: String,

    /// Only records in this language (en, lt).
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,

    /// Only records with a partner from this country (English or Lithuanian name).
    #[arg(long, value_name = "NAME")]
    country: Option<String>,

    /// Only records whose period touches this year.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    year: Option<i32>,

    /// Only records of this kind (initiative, project).
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,

    /// Only records whose period ends on or after this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,

    /// Only records whose period starts on or before this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    limit: usize,

    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,

    /// Order of hits: best score first, or latest period first.
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    sort: SortArg,

    /// Typo tolerance: words of 5+ letters match within one edit, 9+ within two.
    #[arg(long)]
    fuzzy: bool,

    /// Also return records whose counterpart in the other language matches (with --lang
    /// lt, an English query reaches Lithuanian summaries).
    #[arg(long)]
    cross: bool,

    /// Also search each word's translations (places, countries, glossary terms) in the
    /// other language. On by default for words of the other language than --lang's.
    #[arg(long, conflicts_with = "no_translate")]
    translate: bool,

    /// Search only the words as typed, even with --lang of the other language.
    #[arg(long)]
    no_translate: bool,

    #[command(flatten)]
    output: OutputArgs,
}

/// `--sort` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SortArg {
    /// Best BM25 score first.
    Score,
    /// Latest implementation period first.
    Date,
}

impl SearchArgs {
    /// The library request these flags ask for (`eval` reads judged queries through it too).
    pub(super) fn request(&self) -> Result<SearchRequest, Error> {
        let date = |flag: &'static str, value: &Option<String>, end: bool| {
            value
                .as_deref()
                .map(|text| {
                    parse_iso_date(text, end).ok_or_else(|| Error::InvalidArgument {
                        flag,
                        value: text.to_string(),
                        reason: "expected a date as YYYY-MM-DD or a year as YYYY".to_string(),
                    })
                })
                .transpose()
        };
        let kind = self
            .kind
            .as_deref()
            .map(|name| {
                Kind::parse(name).ok_or_else(|| {
                    let names = Kind::ALL.map(Kind::as_str);
                    let guess = closest(name, names)
                        .map(|g| format!("did you mean {g}? "))
                        .unwrap_or_default();
                    Error::InvalidArgument {
                        flag: "--kind",
                        value: name.to_string(),
                        reason: format!("{guess}expected initiative or project"),
                    }
                })
            })
            .transpose()?;
        Ok(SearchRequest {
            query: self.query.clone(),
            lang: self.lang.clone(),
            country: self.country.clone(),
            year: self.year,
            kind,
            from: date("--from", &self.from, false)?,
            to: date("--to", &self.to, true)?,
            limit: self.limit,
            offset: self.offset,
            sort: match self.sort {
                SortArg::Score => SortOrder::Score,
                SortArg::Date => SortOrder::Date,
            },
            fuzzy: self.fuzzy,
            cross: self.cross,
            translate: match (self.translate, self.no_translate) {
                (true, _) => Translate::Always,
                (_, true) => Translate::Never,
                _ => Translate::Auto,
            },
        })
    }
}

pub fn run(context: &Context, args: &SearchArgs) -> anyhow::Result<Outcome> {
    let request = args.request()?;
    let engine = open_or_build(context)?;
    let started = std::time::Instant::now();
    let results = engine.search(&request)?;
    context.detail(format_args!(
        "search took {:.2} ms",
        started.elapsed().as_secs_f64() * 1000.0
    ));
    if args.output.json {
        print::json(&results)?;
    } else {
        for hint in &results.hints {
            context.notice(format_args!("hint: {hint}"));
        }
        Printer::stdout(context).search_results(&results, request.offset)?;
    }
    Ok(Outcome::Success)
}
