//! The record model: what one report record *is*, independent of where it came from
//! or how it is indexed. Every later stage (language, pairing, index, search, render)
//! speaks in these types, and `show --json` prints them as they are.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::ingest::Format;
use crate::period::Period;

/// What a record is: a partnership initiative (`Partner:` / `Partneris:` block) or a
/// project page (a whole file with no partner header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One `Partner:`/`Partneris:` block of a list file.
    Initiative,
    /// A project page: a file without partner headers.
    Project,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 2] = [Kind::Initiative, Kind::Project];

    /// The lowercase name used in facets, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Initiative => "initiative",
            Kind::Project => "project",
        }
    }

    /// Parses a kind name as typed by a user (case-insensitive).
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A labelled part of a record, e.g. `Santrauka` or `Summary of bilateral results`.
/// Text before the first label has an empty label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The label as written in the report, without its trailing colon.
    pub label: String,
    /// The section's paragraphs, joined by blank lines.
    pub text: String,
}

/// A partner organisation named in a record's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    /// The organisation's name as written, without the country in parentheses.
    pub name: String,
    /// The partner's country, normalised to its English name, when the line names one.
    pub country: Option<String>,
}

/// Project costs in whole euros.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Costs {
    /// `Initial project cost`.
    pub initial: Option<u64>,
    /// `Final project cost`.
    #[serde(rename = "final")]
    pub final_cost: Option<u64>,
    /// `From Norway Grants` / `From EEA Grants`.
    pub grant: Option<u64>,
}

impl Costs {
    /// True when no cost was found.
    pub fn is_empty(&self) -> bool {
        self.initial.is_none() && self.final_cost.is_none() && self.grant.is_none()
    }
}

/// Facts listed on a project page (`Project facts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// `Project Number`, e.g. `LT10-0012`.
    pub project_number: Option<String>,
    /// `Project promoter`.
    pub promoter: Option<String>,
    /// `Status`, e.g. `Completed`.
    pub status: Option<String>,
    /// `Target groups`.
    pub target_groups: Option<String>,
    /// `The project is carried out in`.
    pub location: Option<String>,
    /// Costs in whole euros.
    pub costs: Costs,
}

impl Facts {
    /// True when the record listed no facts at all.
    pub fn is_empty(&self) -> bool {
        self.project_number.is_none()
            && self.promoter.is_none()
            && self.status.is_none()
            && self.target_groups.is_none()
            && self.location.is_none()
            && self.costs.is_empty()
    }
}

/// What an index stores of a record: what identifies it, its language and its text. The
/// rest is parsed again from the text when the record is read back
/// ([`crate::ingest::restore`]), so the text is stored once rather than beside its
/// sections. Everything but the text is stored as JSON ([`StoredRecord::to_json`]); the
/// text is stored as it is, beside it, so neither writing nor reading a record escapes or
/// unescapes every character of it (loading a search hit reads its text as it is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRecord<'a> {
    /// [`Record::id`].
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// [`Record::source`].
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    /// [`Record::ordinal`].
    pub ordinal: u32,
    /// [`Record::format`] (a stored record without one is text).
    #[serde(default)]
    pub format: Format,
    /// [`Record::kind`]: how the text is parsed again.
    pub kind: Kind,
    /// [`Record::lang`], as detected at indexing time.
    pub lang: Language,
    /// [`Record::text`]: everything else comes from it. Not part of the JSON.
    #[serde(skip)]
    pub text: Cow<'a, str>,
}

impl<'a> StoredRecord<'a> {
    /// The stored form of `record` (its counterpart, if any, is not part of it).
    pub fn of(record: &'a Record) -> StoredRecord<'a> {
        StoredRecord {
            id: Cow::Borrowed(&record.id),
            source: Cow::Borrowed(&record.source),
            ordinal: record.ordinal,
            format: record.format,
            kind: record.kind,
            lang: record.lang.clone(),
            text: Cow::Borrowed(&record.text),
        }
    }

    /// The JSON of everything but the text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a stored record serialises")
    }

    /// The stored record of `json` (made by [`StoredRecord::to_json`]) and `text`.
    pub fn from_parts(json: &'a str, text: &'a str) -> serde_json::Result<StoredRecord<'a>> {
        let mut stored: StoredRecord = serde_json::from_str(json)?;
        stored.text = Cow::Borrowed(text);
        Ok(stored)
    }
}

/// The detected language of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (`en`, `lt`), else ISO 639-3; `und` if unknown.
    pub code: String,
    /// Confidence in [0, 1]: whatlang's, or the winning language's share of the function
    /// words seen when those alone decided (see `language`).
    pub confidence: f64,
}

/// Where a record's counterpart in the other language is, and why we believe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    /// The counterpart record's id.
    pub id: String,
    /// Pairing score in [0, 1].
    pub score: f64,
    /// Why we believe it, strongest first.
    #[serde(serialize_with = "crate::pairing::evidence::serialize_with_text")]
    pub evidence: Vec<crate::pairing::Evidence>,
}

/// The texts of `sections`, labels excluded, separated by blank lines.
pub fn join_sections(sections: &[Section]) -> String {
    join_sections_up_to(sections, usize::MAX)
}

/// The first `max` bytes of [`join_sections`] (fewer if the last character would not fit):
/// what language detection reads of a body, without copying the rest.
pub fn join_sections_up_to(sections: &[Section], max: usize) -> String {
    let mut body = String::new();
    for section in sections {
        if body.len() >= max {
            break;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let kept = crate::language::prefix(&section.text, max.saturating_sub(body.len()));
        body.push_str(kept);
        if kept.len() < section.text.len() {
            break;
        }
    }
    body.truncate(crate::language::prefix(&body, max).len());
    body
}

/// One record: an initiative block or a project page, with everything ingest found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// `"<source>#<ordinal>"`, unique in an index.
    pub id: String,
    /// Path relative to the indexed root (the file name for the embedded corpus).
    pub source: String,
    /// The kind of document it was read from.
    #[serde(default)]
    pub format: Format,
    /// 1-based position of the record in its file.
    pub ordinal: u32,
    /// Initiative or project page.
    pub kind: Kind,
    /// Detected language.
    pub lang: Language,
    /// Title of a project page (its first line); `None` for initiatives.
    pub title: Option<String>,
    /// The first partner's name.
    pub partner: Option<String>,
    /// Every partner named in the header, in order.
    pub partners: Vec<Partner>,
    /// The first partner's country (English name).
    pub country: Option<String>,
    /// Implementation period.
    pub period: Option<Period>,
    /// Labelled sections.
    pub sections: Vec<Section>,
    /// Project facts (empty for initiatives).
    pub facts: Facts,
    /// The record's text exactly as in the file (blank edges trimmed).
    pub text: String,
    /// The counterpart in the other language, filled in by pairing.
    pub counterpart: Option<Counterpart>,
    /// What was written but could not be read (a period, a country), so that field is
    /// empty rather than guessed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Record {
    /// Builds the id of the record at `ordinal` in `source`.
    pub fn make_id(source: &str, ordinal: u32) -> String {
        format!("{source}#{ordinal}")
    }

    /// Every distinct country named by the record's partners.
    pub fn countries(&self) -> Vec<&str> {
        let mut countries: Vec<&str> = Vec::new();
        for country in self.partners.iter().filter_map(|p| p.country.as_deref()) {
            if !countries.contains(&country) {
                countries.push(country);
            }
        }
        if countries.is_empty() {
            if let Some(country) = self.country.as_deref() {
                countries.push(country);
            }
        }
        countries
    }

    /// The searchable body: every section's text, labels excluded.
    pub fn body(&self) -> String {
        join_sections(&self.sections)
    }

    /// All partner names, one per line.
    pub fn partner_names(&self) -> String {
        let names: Vec<&str> = self.partners.iter().map(|p| p.name.as_str()).collect();
        names.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_join_is_the_prefix_of_the_whole_join() {
        let section = |text: &str| Section {
            label: "Santrauka".to_string(),
            text: text.to_string(),
        };
        for sections in [
            vec![],
            vec![section("")],
            vec![
                section("Vizito metu ąčę"),
                section(""),
                section("šūž and more"),
            ],
            vec![section("ą"), section("ę"), section("abc")],
        ] {
            let whole = join_sections(&sections);
            for max in 0..whole.len() + 3 {
                assert_eq!(
                    join_sections_up_to(&sections, max),
                    crate::language::prefix(&whole, max),
                    "{sections:?} {max}"
                );
            }
        }
    }
}
