//! `/api/search`'s query string → the library's [`SearchRequest`], with the command line's
//! rules and bounds: an unknown parameter, a malformed value or an oversized request is a
//! 400 that names the parameter.

use std::collections::HashMap;

use bireport::period::parse_iso_date;
use bireport::record::Kind;
use bireport::search::translate::Translate;
use bireport::search::{closest, SearchRequest, SortOrder};

use super::problem::Problem;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most hits one page may ask for.
pub const MAX_LIMIT: usize = 1_000;
/// The deepest page: hits beyond it cost memory for every hit before them.
pub const MAX_OFFSET: usize = 100_000;

const NAMES: [&str; 13] = [
    "q",
    "lang",
    "country",
    "year",
    "kind",
    "from",
    "to",
    "limit",
    "offset",
    "sort",
    "fuzzy",
    "cross",
    "translate",
];

/// The search a query string asks for.
pub fn search_request(params: &HashMap<String, String>) -> Result<SearchRequest, Problem> {
    for name in params.keys() {
        if !NAMES.contains(&name.as_str()) {
            let guess = closest(name, NAMES)
                .map(|g| format!(" (did you mean {g}?)"))
                .unwrap_or_default();
            return Err(Problem::bad_request(format!(
                "unknown parameter {name:?}{guess}"
            )));
        }
    }
    let text = |name: &str| {
        params
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let query = text("q").unwrap_or_default();
    if query.is_empty() {
        return Err(Problem::bad_request("parameter q (the query) is required"));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(Problem::bad_request(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let number = |name: &str, default: usize, max: usize| -> Result<usize, Problem> {
        match text(name) {
            None => Ok(default),
            Some(value) => match value.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(_) => Err(Problem::bad_request(format!(
                    "{name} is at most {max}, not {value}"
                ))),
                Err(_) => Err(Problem::bad_request(format!(
                    "{name} must be a whole number, not {value:?}"
                ))),
            },
        }
    };
    let flag = |name: &str| -> Result<bool, Problem> {
        match text(name) {
            None => Ok(false),
            Some(value) => boolean(&value).ok_or_else(|| {
                Problem::bad_request(format!("{name} is true or false, not {value:?}"))
            }),
        }
    };
    let date = |name: &'static str, end: bool| -> Result<_, Problem> {
        text(name)
            .map(|value| {
                parse_iso_date(&value, end).ok_or_else(|| {
                    Problem::bad_request(format!(
                        "{name} must be a date as YYYY-MM-DD or a year as YYYY, not {value:?}"
                    ))
                })
            })
            .transpose()
    };
    let year = match text("year") {
        None => None,
        Some(value) => match value.parse::<i32>() {
            Ok(year) if (1900..=2200).contains(&year) => Some(year),
            _ => {
                return Err(Problem::bad_request(format!(
                    "year must be a year from 1900 to 2200, not {value:?}"
                )))
            }
        },
    };
    let kind = match text("kind") {
        None => None,
        Some(name) => Some(Kind::parse(&name).ok_or_else(|| {
            Problem::bad_request(format!("kind is initiative or project, not {name:?}"))
        })?),
    };
    let sort = match text("sort").as_deref() {
        None | Some("score") => SortOrder::Score,
        Some("date") => SortOrder::Date,
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "sort is score or date, not {other:?}"
            )))
        }
    };
    let translate = match text("translate").as_deref() {
        None | Some("auto") => Translate::Auto,
        Some(value) => match boolean(value) {
            Some(true) => Translate::Always,
            Some(false) => Translate::Never,
            None => {
                return Err(Problem::bad_request(format!(
                    "translate is true, false or auto, not {value:?}"
                )))
            }
        },
    };
    Ok(SearchRequest {
        query,
        lang: text("lang"),
        country: text("country"),
        year,
        kind,
        from: date("from", false)?,
        to: date("to", true)?,
        limit: number("limit", 10, MAX_LIMIT)?,
        offset: number("offset", 0, MAX_OFFSET)?,
        sort,
        fuzzy: flag("fuzzy")?,
        cross: flag("cross")?,
        translate,
    })
}

/// A query string's yes or no, in the spellings forms and people use.
fn boolean(value: &str) -> Option<bool> {
    match value {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}
