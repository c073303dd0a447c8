//! Ranking quality (`bireport eval`): how good is the order `search` returns, judged
//! against records a person graded by hand for each query?
//!
//! This module owns the judgement file format (TSV, or JSON for `.json` files) and the
//! metrics: nDCG@10, MRR and recall@50, per query and as means over queries. It runs no
//! searches itself: the CLI runs every judged query through the same code as `bireport
//! search` and hands the returned ids here, so the figure measures what users get.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Depth of nDCG: the first page a user reads.
pub const NDCG_DEPTH: usize = 10;
/// Depth of recall: how far a user who is looking for everything keeps paging.
pub const RECALL_DEPTH: usize = 50;
/// Hits to ask for per query: enough for the deepest metric.
pub const HITS_NEEDED: usize = RECALL_DEPTH;

/// How well a record answers a query, 0–3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Grade(u8);

impl Grade {
    /// Judged not relevant, and what every unjudged hit counts as.
    pub const NONE: Grade = Grade(0);
    /// The highest grade: exactly what was asked for.
    pub const MAX: u8 = 3;

    /// `value` as a grade, if it is 0–3.
    pub fn new(value: u64) -> Option<Grade> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= Grade::MAX)
            .map(Grade)
    }

    /// The grade as a number.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Graded 1 or more: counts for MRR and recall.
    pub fn is_relevant(self) -> bool {
        self.0 >= 1
    }

    /// nDCG's gain, 2^grade − 1: a 3 is worth more than two 2s, so an exact answer near
    /// the top outweighs a merely relevant one.
    pub fn gain(self) -> f64 {
        f64::from((1u32 << self.0) - 1)
    }
}

/// Where in a judgement file something was read: a TSV line or a JSON entry (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A line of a TSV file, or the line of a JSON syntax error.
    Line(usize),
    /// The n-th query object of a JSON file.
    Entry(usize),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Entry(n) => write!(f, "query {n}"),
        }
    }
}

/// One graded record of a judged query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// Record id, e.g. `2021_lt.txt#3`.
    pub id: String,
    /// Its grade for the query.
    pub grade: Grade,
    /// Where it was read.
    pub at: Location,
}

/// A query with its search flags and the records graded for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgedQuery {
    /// The query as typed.
    pub query: String,
    /// The search flags as written (`--lang lt --country Norway`), for display.
    pub flags: String,
    /// The flags split into arguments as a shell would (quotes group words).
    pub args: Vec<String>,
    /// The graded records, in file order.
    pub ratings: Vec<Rating>,
    /// Where the query was first read.
    pub at: Location,
}

/// The three figures for one ranking.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Normalised discounted cumulative gain of the first [`NDCG_DEPTH`] hits.
    pub ndcg_at_10: f64,
    /// Reciprocal rank of the first hit graded 1 or more (0 if none was returned).
    pub mrr: f64,
    /// Share of the records graded 1 or more found in the first [`RECALL_DEPTH`] hits.
    pub recall_at_50: f64,
}

impl JudgedQuery {
    /// The grade of `id`, [`Grade::NONE`] when it was not judged.
    pub fn grade_of(&self, id: &str) -> Grade {
        self.ratings
            .iter()
            .find(|r| r.id == id)
            .map_or(Grade::NONE, |r| r.grade)
    }

    /// Scores the ranking `returned` (record ids, best first).
    pub fn score(&self, returned: &[&str]) -> Scores {
        let ranked: Vec<Grade> = returned.iter().map(|id| self.grade_of(id)).collect();
        let judged: Vec<Grade> = self.ratings.iter().map(|r| r.grade).collect();
        Scores {
            ndcg_at_10: ndcg(&ranked, &judged, NDCG_DEPTH),
            mrr: reciprocal_rank(&ranked),
            recall_at_50: recall(&ranked, &judged, RECALL_DEPTH),
        }
    }
}

/// DCG of the first `depth` grades: Σ gain / log2(rank + 1), ranks from 1.
fn dcg(grades: impl Iterator<Item = Grade>, depth: usize) -> f64 {
    grades
        .take(depth)
        .enumerate()
        .map(|(i, grade)| grade.gain() / ((i + 2) as f64).log2())
        // Folded from +0.0: `sum` of no floats is -0.0, which prints as "-0.000".
        .fold(0.0, |total, gain| total + gain)
}

/// nDCG@`depth` of `ranked` (the grade of each hit, best first), against the ideal order
/// of every grade in `judged`. 0 when nothing judged is relevant.
pub fn ndcg(ranked: &[Grade], judged: &[Grade], depth: usize) -> f64 {
    let mut ideal = judged.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ideal = dcg(ideal.into_iter(), depth);
    if ideal == 0.0 {
        return 0.0;
    }
    dcg(ranked.iter().copied(), depth) / ideal
}

/// 1 / rank of the first relevant hit in `ranked`; 0 if there is none.
pub fn reciprocal_rank(ranked: &[Grade]) -> f64 {
    ranked
        .iter()
        .position(|g| g.is_relevant())
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// Share of the relevant grades in `judged` that appear in the first `depth` of `ranked`.
/// `ranked` holds one grade per distinct record, so counting is enough.
pub fn recall(ranked: &[Grade], judged: &[Grade], depth: usize) -> f64 {
    let relevant = judged.iter().filter(|g| g.is_relevant()).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranked
        .iter()
        .take(depth)
        .filter(|g| g.is_relevant())
        .count();
    found as f64 / relevant as f64
}

/// One judged query's figures, as `eval --json` prints them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryScore {
    /// The query as typed.
    pub query: String,
    /// Its flags as written.
    pub flags: String,
    /// nDCG@10.
    pub ndcg_at_10: f64,
    /// Reciprocal rank.
    pub mrr: f64,
    /// Recall@50.
    pub recall_at_50: f64,
    /// Records graded for the query.
    pub judged: usize,
    /// Hits the search returned (at most [`HITS_NEEDED`]).
    pub returned: usize,
}

impl QueryScore {
    /// Scores `returned` for `judged`.
    pub fn new(judged: &JudgedQuery, returned: &[&str]) -> QueryScore {
        let scores = judged.score(returned);
        QueryScore {
            query: judged.query.clone(),
            flags: judged.flags.clone(),
            ndcg_at_10: scores.ndcg_at_10,
            mrr: scores.mrr,
            recall_at_50: scores.recall_at_50,
            judged: judged.ratings.len(),
            returned: returned.len(),
        }
    }
}

/// Every query's figures and their means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Per query, in file order.
    pub queries: Vec<QueryScore>,
    /// Mean nDCG@10.
    pub ndcg_at_10: f64,
    /// Mean reciprocal rank.
    pub mrr: f64,
    /// Mean recall@50.
    pub recall_at_50: f64,
}

impl EvalReport {
    /// The means of `queries` (each query weighs the same, however many records it has).
    pub fn new(queries: Vec<QueryScore>) -> EvalReport {
        let mean = |figure: fn(&QueryScore) -> f64| {
            let total = queries.iter().map(figure).fold(0.0, |total, x| total + x);
            total / queries.len().max(1) as f64
        };
        EvalReport {
            ndcg_at_10: mean(|q| q.ndcg_at_10),
            mrr: mean(|q| q.mrr),
            recall_at_50: mean(|q| q.recall_at_50),
            queries,
        }
    }
}

/// Reads the judgement file at `path`: JSON if its name ends in `.json`, else TSV.
pub fn load(path: &Path) -> Result<Vec<JudgedQuery>> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        parse_json(path, &text)
    } else {
        parse_tsv(path, &text)
    }
}

/// One graded record as read, before lines are grouped into queries.
struct Row<'t> {
    at: Location,
    query: &'t str,
    flags: &'t str,
    id: &'t str,
    grade: u64,
}

/// Reads TSV judgements: `query<TAB>flags<TAB>record id<TAB>grade` per line; `#` lines
/// and blank lines are skipped. `path` is for messages.
pub fn parse_tsv(path: &Path, text: &str) -> Result<Vec<JudgedQuery>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = Location::Line(n + 1);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [query, flags, id, grade] = fields[..] else {
            return Err(invalid(
                path,
                at,
                format!(
                    "expected 4 tab-separated fields (query, flags, record id, grade), found {}",
                    fields.len()
                ),
            ));
        };
        let grade = grade
            .trim()
            .parse::<u64>()
            .map_err(|_| invalid(path, at, format!("grade {grade:?} is not 0, 1, 2 or 3")))?;
        rows.push(Row {
            at,
            query,
            flags,
            id,
            grade,
        });
    }
    group(path, rows)
}

/// A query object of a JSON judgement file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonQuery {
    query: String,
    #[serde(default)]
    flags: String,
    ratings: Vec<JsonRating>,
}

/// A rating of a JSON judgement file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRating {
    id: String,
    grade: u64,
}

/// Reads JSON judgements: `[{"query", "flags", "ratings": [{"id", "grade"}]}]`.
pub fn parse_json(path: &Path, text: &str) -> Result<Vec<JudgedQuery>> {
    let queries: Vec<JsonQuery> = serde_json::from_str(text).map_err(|err| {
        // serde_json's message ends in " at line L column C"; the location says the line.
        let message = err.to_string();
        let reason = message
            .rfind(" at line ")
            .map_or(message.as_str(), |end| &message[..end]);
        invalid(path, Location::Line(err.line()), reason.to_string())
    })?;
    let rows = queries
        .iter()
        .enumerate()
        .flat_map(|(i, q)| {
            q.ratings.iter().map(move |r| Row {
                at: Location::Entry(i + 1),
                query: &q.query,
                flags: &q.flags,
                id: &r.id,
                grade: r.grade,
            })
        })
        .collect();
    group(path, rows)
}

/// Groups rows with the same query and flags (wherever they are in the file) into judged
/// queries, in order of first appearance, checking each row.
fn group(path: &Path, rows: Vec<Row<'_>>) -> Result<Vec<JudgedQuery>> {
    let mut queries: Vec<JudgedQuery> = Vec::new();
    let mut by_key: HashMap<(String, Vec<String>), usize> = HashMap::new();
    for row in rows {
        let at = row.at;
        let query = row.query.trim();
        if query.is_empty() {
            return Err(invalid(path, at, "the query is empty".to_string()));
        }
        let args = split_flags(row.flags).map_err(|reason| invalid(path, at, reason))?;
        let id = row.id.trim();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(invalid(
                path,
                at,
                format!("record id {:?} is empty or has spaces", row.id),
            ));
        }
        let grade = Grade::new(row.grade)
            .ok_or_else(|| invalid(path, at, format!("grade {} is not 0, 1, 2 or 3", row.grade)))?;
        let next = queries.len();
        let index = *by_key
            .entry((query.to_string(), args.clone()))
            .or_insert(next);
        if index == next {
            queries.push(JudgedQuery {
                query: query.to_string(),
                flags: row.flags.trim().to_string(),
                args,
                ratings: Vec::new(),
                at,
            });
        }
        let judged = &mut queries[index];
        if let Some(earlier) = judged.ratings.iter().find(|r| r.id == id) {
            return Err(invalid(
                path,
                at,
                format!(
                    "{id} is graded twice for this query (first on {})",
                    earlier.at
                ),
            ));
        }
        judged.ratings.push(Rating {
            id: id.to_string(),
            grade,
            at,
        });
    }
    if queries.is_empty() {
        return Err(Error::InvalidData {
            path: path.to_path_buf(),
            reason: "it holds no judgements".to_string(),
        });
    }
    // A query with nothing relevant has no ideal ranking: every figure would be 0/0.
    if let Some(empty) = queries
        .iter()
        .find(|q| !q.ratings.iter().any(|r| r.grade.is_relevant()))
    {
        return Err(invalid(
            path,
            empty.at,
            format!(
                "query {:?} has no record graded 1 or more, so there is nothing to find",
                empty.query
            ),
        ));
    }
    Ok(queries)
}

/// Splits search flags as a shell would for simple cases: whitespace separates words,
/// and "double" or 'single' quotes keep spaces inside one (`--country "United Kingdom"`).
pub fn split_flags(flags: &str) -> std::result::Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in flags.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => args.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!("the flags {flags:?} have an unclosed {q} quote"));
    }
    args.extend(word);
    Ok(args)
}

/// A judgement file error at `at`.
fn invalid(path: &Path, at: Location, reason: String) -> Error {
    Error::InvalidJudgement {
        path: PathBuf::from(path),
        at,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(values: &[u8]) -> Vec<Grade> {
        values
            .iter()
            .map(|v| Grade::new(u64::from(*v)).unwrap())
            .collect()
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-9,
            "expected {expected}, got {actual}"
        );
    }

    fn parse(text: &str) -> Result<Vec<JudgedQuery>> {
        parse_tsv(Path::new("j.tsv"), text)
    }

    #[test]
    fn a_perfect_ranking_scores_one() {
        let judged = grades(&[3, 2, 1, 0]);
        let ranked = grades(&[3, 2, 1, 0, 0]);
        close(ndcg(&ranked, &judged, 10), 1.0);
        close(reciprocal_rank(&ranked), 1.0);
        close(recall(&ranked, &judged, 50), 1.0);
    }

    #[test]
    fn a_permutation_scores_as_computed_by_hand() {
        // Judged A=3, B=2, C=1; returned C, A, X (unjudged), B.
        // DCG  = 1/log2(2) + 7/log2(3) + 0/log2(4) + 3/log2(5)
        //      = 1 + 4.416508 + 0 + 1.292030 = 6.708538
        // IDCG = 7/log2(2) + 3/log2(3) + 1/log2(4) = 7 + 1.892789 + 0.5 = 9.392789
        // nDCG = 6.708538 / 9.392789 = 0.714222
        let judged = grades(&[3, 2, 1]);
        let ranked = grades(&[1, 3, 0, 2]);
        let dcg = 1.0 + 7.0 / 3f64.log2() + 3.0 / 5f64.log2();
        let idcg = 7.0 + 3.0 / 3f64.log2() + 0.5;
        close(ndcg(&ranked, &judged, 10), dcg / idcg);
        assert!((ndcg(&ranked, &judged, 10) - 0.714222).abs() < 1e-6);
        close(reciprocal_rank(&ranked), 1.0);
        close(recall(&ranked, &judged, 50), 1.0);
    }

    #[test]
    fn hits_past_the_depth_count_for_nothing() {
        // The only relevant record is 11th: outside nDCG@10, inside recall@50; MRR 1/11.
        let judged = grades(&[2]);
        let mut ranked = vec![Grade::NONE; 10];
        ranked.push(Grade::new(2).unwrap());
        close(ndcg(&ranked, &judged, 10), 0.0);
        close(reciprocal_rank(&ranked), 1.0 / 11.0);
        close(recall(&ranked, &judged, 50), 1.0);
        close(recall(&ranked, &judged, 10), 0.0);
    }

    #[test]
    fn missing_records_lower_recall_and_ideal_counts_them() {
        // Judged 2, 2, 1; only one 2 returned, second. DCG = 3/log2(3) = 1.892789;
        // IDCG = 3 + 3/log2(3) + 1/2 = 5.392789; nDCG = 0.350985. Recall 1/3, MRR 1/2.
        let judged = grades(&[2, 2, 1]);
        let ranked = grades(&[0, 2]);
        assert!((ndcg(&ranked, &judged, 10) - 0.350985).abs() < 1e-6);
        close(reciprocal_rank(&ranked), 0.5);
        close(recall(&ranked, &judged, 50), 1.0 / 3.0);
        close(reciprocal_rank(&[]), 0.0);
        // Nothing returned is +0, not -0 (which would print as "-0.000").
        assert!(ndcg(&[], &judged, 10).is_sign_positive());
    }

    #[test]
    fn query_scores_look_up_ids_and_means_weigh_queries_equally() {
        let judged = &parse("q\t\ta#1\t3\nq\t\ta#2\t1\nr\t--lang lt\tb#1\t2\n").unwrap();
        let first = QueryScore::new(&judged[0], &["a#2", "zz#9", "a#1"]);
        // DCG = 1 + 0 + 7/2 = 4.5; IDCG = 7 + 1/log2(3); MRR 1; recall 1.
        close(first.ndcg_at_10, 4.5 / (7.0 + 1.0 / 3f64.log2()));
        assert_eq!((first.judged, first.returned), (2, 3));
        let second = QueryScore::new(&judged[1], &[]);
        assert_eq!(second.flags, "--lang lt");
        let report = EvalReport::new(vec![first.clone(), second]);
        close(report.ndcg_at_10, first.ndcg_at_10 / 2.0);
        close(report.mrr, 0.5);
        close(report.recall_at_50, 0.5);
    }

    #[test]
    fn lines_group_by_query_and_flags_wherever_they_are() {
        let text = "# comment\n\nsveikata\t--lang lt\ta#1\t3\r\nsveikata\t\ta#1\t2\n\
                    sveikata\t--lang  lt\ta#2\t0\n";
        let judged = parse(text).unwrap();
        assert_eq!(judged.len(), 2);
        assert_eq!(judged[0].args, ["--lang", "lt"]);
        assert_eq!(judged[0].ratings.len(), 2);
        assert_eq!(judged[0].at, Location::Line(3));
        assert_eq!(judged[1].args, Vec::<String>::new());
    }

    #[test]
    fn flags_split_like_a_shell() {
        assert_eq!(
            split_flags(r#" --country "United Kingdom"  --lang 'lt' "#).unwrap(),
            ["--country", "United Kingdom", "--lang", "lt"]
        );
        assert_eq!(split_flags(r#"--x """#).unwrap(), ["--x", ""]);
        assert!(split_flags(r#"--country "Norway"#).is_err());
    }

    #[test]
    fn bad_lines_name_the_file_line_and_reason() {
        let message = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            message("q\t\ta#1\t3\nq\ta#2\t3\n"),
            "j.tsv: line 2: expected 4 tab-separated fields (query, flags, record id, grade), found 3"
        );
        assert_eq!(
            message("q\t\ta#1\t4\n"),
            "j.tsv: line 1: grade 4 is not 0, 1, 2 or 3"
        );
        assert_eq!(
            message("q\t\ta#1\tthree\n"),
            "j.tsv: line 1: grade \"three\" is not 0, 1, 2 or 3"
        );
        assert_eq!(
            message("q\t\ta#1\t3\nq\t\ta#1\t2\n"),
            "j.tsv: line 2: a#1 is graded twice for this query (first on line 1)"
        );
        assert_eq!(
            message(" \t\ta#1\t3\n"),
            "j.tsv: line 1: the query is empty"
        );
        assert_eq!(
            message("# only\nq\t\ta#1\t3\nr\t\ta#1\t0\n"),
            "j.tsv: line 3: query \"r\" has no record graded 1 or more, so there is nothing to find"
        );
        assert_eq!(
            message("# nothing\n"),
            "j.tsv: it holds no judgements; correct or remove it"
        );
    }

    #[test]
    fn json_reads_like_tsv() {
        let path = Path::new("j.json");
        let text = r#"[{"query": "sveikata", "flags": "--lang lt",
                        "ratings": [{"id": "a#1", "grade": 3}, {"id": "a#2", "grade": 1}]},
                       {"query": "health", "ratings": [{"id": "b#1", "grade": 2}]}]"#;
        let judged = parse_json(path, text).unwrap();
        assert_eq!(judged.len(), 2);
        assert_eq!(judged[0].ratings[1].grade.value(), 1);
        assert_eq!(judged[1].flags, "");
        let bad = r#"[{"query": "q", "ratings": [{"id": "a#1", "grade": 7}]}]"#;
        assert_eq!(
            parse_json(path, bad).unwrap_err().to_string(),
            "j.json: query 1: grade 7 is not 0, 1, 2 or 3"
        );
        let broken = "[{\"query\": \"q\",\n \"ratings\": [}]";
        assert!(parse_json(path, broken)
            .unwrap_err()
            .to_string()
            .starts_with("j.json: line 2: "));
    }
}
