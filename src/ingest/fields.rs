//! Fields: what does a block of lines say? Partners and their countries, labelled
//! sections, the implementation period, a project page's title and facts.

use crate::country;
use crate::period::Period;
use crate::record::{Facts, Kind, Partner, Section};

use super::split::{partner_header, Block};

/// Section labels, lowercase; matched case-insensitively with or without a trailing colon.
const SECTION_LABELS: &[Label] = &[
    // English
    Label::new("main results of the initiative"),
    Label::new("main results"),
    Label::new("results"),
    Label::new("summary"),
    Label::new("description"),
    Label::new("summary of project results"),
    Label::new("summary of bilateral results"),
    Label::new("project activities"),
    Label::new("project facts"),
    Label::new("project implementing partners"),
    Label::new("objectives"),
    Label::new("for more information"),
    // Lithuanian
    Label::new("santrauka"),
    Label::new("aprašymas"),
    Label::new("pagrindiniai iniciatyvos rezultatai"),
    Label::new("iniciatyvos rezultatai"),
    Label::new("rezultatai"),
    Label::new("projekto rezultatai"),
    Label::new("dvišalio bendradarbiavimo rezultatai"),
    Label::new("projekto veiklos"),
    Label::new("tikslai"),
    Label::new("daugiau informacijos"),
];

/// Labels of the implementation period line, lowercase.
const PERIOD_LABELS: &[Label] = &[
    Label::new("implementation period"),
    Label::new("įgyvendinimo periodas"),
];

/// Fact keys of project pages (the keys in [`FACT_KEYS`] are lowercase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FactKey {
    Promoter,
    Number,
    TargetGroups,
    Status,
    InitialCost,
    FinalCost,
    Grant,
    Location,
}

const FACT_KEYS: &[(Label, FactKey)] = &[
    (Label::new("project promoter"), FactKey::Promoter),
    (Label::new("project number"), FactKey::Number),
    (Label::new("target groups"), FactKey::TargetGroups),
    (Label::new("status"), FactKey::Status),
    (Label::new("initial project cost"), FactKey::InitialCost),
    (Label::new("final project cost"), FactKey::FinalCost),
    (Label::new("from norway grants"), FactKey::Grant),
    (Label::new("from eea grants"), FactKey::Grant),
    (Label::new("from eea and norway grants"), FactKey::Grant),
    (
        Label::new("the project is carried out in"),
        FactKey::Location,
    ),
];

/// Partner lines longer than this are body text, not partner names.
const MAX_PARTNER_LINE: usize = 200;
/// A project title longer than this is a paragraph; the title is then shortened.
const MAX_TITLE: usize = 200;

/// Everything parsed out of one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub title: Option<String>,
    pub partners: Vec<Partner>,
    pub period: Option<Period>,
    pub sections: Vec<Section>,
    pub facts: Facts,
    /// What was written but could not be read (a period, a partner's country): the
    /// field is left empty rather than guessed.
    pub warnings: Vec<String>,
}

/// A lowercase label, and whether it is all ASCII (known when compiling: every line is
/// matched against every label).
#[derive(Debug, Clone, Copy)]
struct Label {
    text: &'static str,
    ascii: bool,
}

impl Label {
    const fn new(text: &'static str) -> Label {
        Label {
            text,
            ascii: text.is_ascii(),
        }
    }
}

/// If `line` is `Label` or `Label:` or `Label: rest` for one of the `labels` (matched
/// case-insensitively), the label as written in the line and the rest of the line.
fn match_label<'l>(line: &'l str, labels: &[Label]) -> Option<(&'l str, &'l str)> {
    let trimmed = line.trim();
    let first_byte = trimmed.as_bytes().first().map(u8::to_ascii_lowercase);
    // The line's first character lowercased, which a non-ASCII label must start with
    // (computed only if such a label is tried).
    let mut first: Option<Option<char>> = None;
    for &Label { text: label, ascii } in labels {
        let end = if ascii {
            let bytes = trimmed.as_bytes();
            // Most lines and labels differ at once: one byte before the whole prefix.
            if label.as_bytes().first().copied() != first_byte
                || bytes.len() < label.len()
                || !bytes[..label.len()].eq_ignore_ascii_case(label.as_bytes())
            {
                continue;
            }
            label.len()
        } else {
            let first = *first.get_or_insert_with(|| match first_byte {
                // Already lowercase; Unicode's tables only for a non-ASCII character.
                Some(byte) if byte.is_ascii() => Some(char::from(byte)),
                _ => trimmed.chars().next().and_then(|c| c.to_lowercase().next()),
            });
            if label.chars().next() != first || !starts_with_lowercased(trimmed, label) {
                continue;
            }
            // The label's extent in the original line, by characters.
            let chars = label.chars().count();
            trimmed
                .char_indices()
                .nth(chars)
                .map_or(trimmed.len(), |(i, _)| i)
        };
        let rest = &trimmed[end..];
        if rest.is_empty() {
            return Some((&trimmed[..end], ""));
        }
        if let Some(after) = rest.strip_prefix(':') {
            return Some((&trimmed[..end], after.trim()));
        }
    }
    None
}

/// Whether `text` lowercased starts with `lowercase`, lowercasing only as far as needed
/// (most lines differ in their first letter; this runs for every line and label).
fn starts_with_lowercased(text: &str, lowercase: &str) -> bool {
    // While both are ASCII, byte by byte (an ASCII letter lowercases to one ASCII letter);
    // from the first other character, by Unicode's lowercase.
    let ascii = text
        .bytes()
        .zip(lowercase.bytes())
        .take_while(|(t, l)| t.is_ascii() && l.is_ascii())
        .try_fold(0, |len, (t, l)| {
            (t.to_ascii_lowercase() == l).then_some(len + 1)
        });
    let Some(ascii) = ascii else {
        return false;
    };
    let mut lowered = text[ascii..].chars().flat_map(char::to_lowercase);
    lowercase[ascii..]
        .chars()
        .all(|wanted| lowered.next() == Some(wanted))
}

fn is_structural(line: &str) -> bool {
    match_label(line, SECTION_LABELS).is_some() || match_label(line, PERIOD_LABELS).is_some()
}

/// Splits `Name (Country)` into the name and the normalised country; a final parenthesis
/// that names no country bireport knows is kept in the name, with a warning.
pub fn parse_partner(line: &str, warnings: &mut Vec<String>) -> Partner {
    let line = line.trim().trim_end_matches([',', ';']).trim();
    if let Some(open) = line.rfind('(') {
        if line.ends_with(')') {
            let inside = line[open + 1..line.len() - 1].trim();
            let name = line[..open].trim();
            if let Some((english, town)) = parenthesis_country(inside) {
                return Partner {
                    name: match town {
                        Some(town) => format!("{name}, {town}"),
                        None => name.to_string(),
                    },
                    country: Some(english.to_string()),
                };
            }
            warnings.push(format!(
                "partner \"{line}\": \"{inside}\" is no country bireport knows"
            ));
        }
    }
    Partner {
        name: line.to_string(),
        country: None,
    }
}

/// The country a partner line's final parenthesis names, and the town it names beside it:
/// a country (`Norvegija`), a town and its country (`Reykjavík, Iceland`), or a town
/// alone that bireport's place table knows (`Oslo`, `Stavangeris`). The town stays in
/// the partner's name after a comma, as lists write it (`…, Molde (Norway)`), where
/// pairing compares it as a place.
fn parenthesis_country(inside: &str) -> Option<(&'static str, Option<&str>)> {
    if let Some(english) = country::normalize(inside) {
        return Some((english, None));
    }
    if let Some((town, last)) = inside.rsplit_once(',') {
        if let Some(english) = country::normalize(last.trim()) {
            return Some((english, Some(town.trim())));
        }
    }
    let place = crate::place::of_word(inside)?;
    Some((place.country, Some(inside)))
}

/// The period `text` states, or `None` with a warning saying what could not be read.
fn read_period(text: &str, warnings: &mut Vec<String>) -> Option<Period> {
    match Period::read(text) {
        Ok(period) => Some(period),
        Err(problem) => {
            warnings.push(format!(
                "implementation period \"{text}\" not read: {problem}"
            ));
            None
        }
    }
}

/// Accumulates paragraphs of one section.
#[derive(Default)]
struct SectionBuilder {
    label: String,
    text: String,
    pending_blank: bool,
}

impl SectionBuilder {
    fn push_line(&mut self, line: &str) {
        let line = line.trim_end();
        if line.trim().is_empty() {
            self.pending_blank = !self.text.is_empty();
            return;
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if self.pending_blank { "\n\n" } else { "\n" });
        }
        self.pending_blank = false;
        self.text.push_str(line.trim_start());
    }

    fn finish(self, sections: &mut Vec<Section>) {
        if !self.text.is_empty() || !self.label.is_empty() {
            sections.push(Section {
                label: self.label,
                text: self.text,
            });
        }
    }
}

/// Parses one block into fields.
pub fn parse_block(block: &Block<'_>) -> Fields {
    let mut fields = Fields::default();
    let mut lines = block.lines.iter().copied().peekable();

    match block.kind {
        Kind::Initiative => {
            let header = lines.next().unwrap_or_default();
            let first = partner_header(header).unwrap_or_default();
            if !first.is_empty() {
                fields
                    .partners
                    .push(parse_partner(first, &mut fields.warnings));
            }
            // Further partner lines follow until the first label, period or long line.
            while let Some(line) = lines.peek() {
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    lines.next();
                    continue;
                }
                if is_structural(trimmed) || trimmed.chars().count() > MAX_PARTNER_LINE {
                    break;
                }
                // Written with its own label (`Partneris:` again) or without.
                let partner = partner_header(trimmed).unwrap_or(trimmed);
                fields
                    .partners
                    .push(parse_partner(partner, &mut fields.warnings));
                lines.next();
            }
            let unread = fields.warnings.len();
            if fields.partners.iter().all(|p| p.country.is_none()) && unread == 0 {
                fields
                    .warnings
                    .push("no partner line names a country".to_string());
            }
        }
        Kind::Project => {
            // Skip to the first non-blank line: the title.
            while lines.peek().is_some_and(|l| l.trim().is_empty()) {
                lines.next();
            }
            if let Some(first) = lines.peek().map(|l| l.trim()) {
                if !is_structural(first) {
                    if first.chars().count() <= MAX_TITLE {
                        fields.title = Some(first.to_string());
                        lines.next();
                    } else {
                        // A paragraph, not a title: keep it as text, shorten it for display.
                        fields.title = Some(first_sentence(first, 120));
                    }
                }
            }
        }
    }

    let mut current = SectionBuilder::default();
    let mut awaiting_period = false;
    for line in lines {
        if let Some((_, rest)) = match_label(line, PERIOD_LABELS) {
            if fields.period.is_none() && !rest.is_empty() {
                fields.period = read_period(rest, &mut fields.warnings);
            }
            awaiting_period = fields.period.is_none() && rest.is_empty();
            continue;
        }
        if awaiting_period && !line.trim().is_empty() {
            awaiting_period = false;
            // The value on the line after the label, if it reads as one; other text there
            // is kept as text (with a warning).
            if let Some(period) = read_period(line.trim(), &mut fields.warnings) {
                fields.period = Some(period);
                continue;
            }
        }
        if let Some((label, rest)) = match_label(line, SECTION_LABELS) {
            std::mem::take(&mut current).finish(&mut fields.sections);
            current.label = label.to_string();
            if !rest.is_empty() {
                current.push_line(rest);
            }
            continue;
        }
        current.push_line(line);
    }
    current.finish(&mut fields.sections);

    if block.kind == Kind::Project {
        fields.facts = parse_facts(&block.lines);
    }
    fields
}

/// Reads `Key:` / value pairs anywhere in a project page.
fn parse_facts(lines: &[&str]) -> Facts {
    let mut facts = Facts::default();
    let mut i = 0;
    while i < lines.len() {
        let Some((key, same_line)) = fact_key(lines[i]) else {
            i += 1;
            continue;
        };
        i += 1;
        let value = if same_line.is_empty() {
            // The value is the next non-blank line, unless that line is itself a key.
            while i < lines.len() && lines[i].trim().is_empty() {
                i += 1;
            }
            match lines.get(i) {
                Some(line) if fact_key(line).is_none() && !is_structural(line) => {
                    i += 1;
                    line.trim().to_string()
                }
                _ => continue,
            }
        } else {
            same_line.to_string()
        };
        set_fact(&mut facts, key, value);
    }
    facts
}

fn fact_key(line: &str) -> Option<(FactKey, &str)> {
    FACT_KEYS.iter().find_map(|(label, key)| {
        let (_, rest) = match_label(line, &[*label])?;
        Some((*key, rest))
    })
}

fn set_fact(facts: &mut Facts, key: FactKey, value: String) {
    let slot_text = |slot: &mut Option<String>| {
        if slot.is_none() {
            *slot = Some(value.clone());
        }
    };
    match key {
        FactKey::Promoter => slot_text(&mut facts.promoter),
        FactKey::Number => slot_text(&mut facts.project_number),
        FactKey::TargetGroups => slot_text(&mut facts.target_groups),
        FactKey::Status => slot_text(&mut facts.status),
        FactKey::Location => slot_text(&mut facts.location),
        FactKey::InitialCost => set_cost(&mut facts.costs.initial, &value),
        FactKey::FinalCost => set_cost(&mut facts.costs.final_cost, &value),
        FactKey::Grant => set_cost(&mut facts.costs.grant, &value),
    }
}

fn set_cost(slot: &mut Option<u64>, value: &str) {
    if slot.is_none() {
        *slot = parse_euros(value);
    }
}

/// Parses an amount like `€200,054`, `€ 139,651`, `EUR 1 200.50` into whole euros.
pub fn parse_euros(text: &str) -> Option<u64> {
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let kept = kept.trim_matches(|c| c == ',' || c == '.');
    // A final separator followed by exactly two digits is a cents part.
    let whole = match kept.rfind([',', '.']) {
        Some(at) if kept.len() - at == 3 && kept[..at].contains([',', '.']) => &kept[..at],
        Some(at) if kept.len() - at == 3 && at <= 3 => &kept[..at],
        _ => kept,
    };
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// The first sentence of `text`, shortened to at most `max` characters.
fn first_sentence(text: &str, max: usize) -> String {
    let sentence = text.split_inclusive(". ").next().unwrap_or(text).trim();
    if sentence.chars().count() <= max {
        return sentence.trim_end_matches('.').to_string();
    }
    crate::text::shorten(sentence, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::split::split;

    #[test]
    fn partners_countries_sections_and_period() {
        let text = "Partner: Norwegian Neighbourhood Organisation (Norway)\n\nBodø Commune (Norvegija)\n\nMain results of the initiative:\n\nOne.\n\nTwo.\n\nImplementation period: 05/02-05/03 2020\n";
        let split = split(text);
        let fields = parse_block(&split.blocks[0]);
        assert_eq!(fields.partners.len(), 2);
        assert_eq!(fields.partners[1].name, "Bodø Commune");
        assert_eq!(fields.partners[1].country.as_deref(), Some("Norway"));
        assert_eq!(fields.sections.len(), 1);
        assert_eq!(fields.sections[0].label, "Main results of the initiative");
        assert_eq!(fields.sections[0].text, "One.\n\nTwo.");
        assert_eq!(
            fields.period.map(|p| p.to_string()).as_deref(),
            Some("2020-02-05..2020-03-05")
        );
    }

    #[test]
    fn a_town_in_the_parenthesis_gives_the_country() {
        let read = |line: &str| {
            let mut warnings = Vec::new();
            let partner = parse_partner(line, &mut warnings);
            (partner.name, partner.country, warnings)
        };
        let norway = Some("Norway".to_string());
        let iceland = Some("Iceland".to_string());
        assert_eq!(
            read("Støttesenter for kriminalitetsutsatte (Oslo)"),
            (
                "Støttesenter for kriminalitetsutsatte, Oslo".into(),
                norway.clone(),
                vec![]
            )
        );
        assert_eq!(
            read("Rogalando apskrities savivaldybė (Stavangeris)"),
            (
                "Rogalando apskrities savivaldybė, Stavangeris".into(),
                norway,
                vec![]
            )
        );
        assert_eq!(
            read("Bjarkarhlíð – Family Justice Center (Reykjavík, Iceland)"),
            (
                "Bjarkarhlíð – Family Justice Center, Reykjavík".into(),
                iceland,
                vec![]
            )
        );
        // Neither a country nor a known town: kept as written, with a warning.
        let (name, country, warnings) = read("Klubas (Žemaitkiemis)");
        assert_eq!((name.as_str(), country), ("Klubas (Žemaitkiemis)", None));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn a_second_partner_with_its_own_label_is_the_same_records() {
        let text = "Partneris: Tromsės universitetas (Norvegija)\nPartneris:\u{a0}Akureirio universitetas (Islandija)\n\nSantrauka:\n\nx\n\nĮgyvendinimo periodas: 13/06-16/06 2023\n";
        let split = split(text);
        assert_eq!(split.blocks.len(), 1);
        let fields = parse_block(&split.blocks[0]);
        let partners: Vec<(&str, Option<&str>)> = fields
            .partners
            .iter()
            .map(|p| (p.name.as_str(), p.country.as_deref()))
            .collect();
        assert_eq!(
            partners,
            [
                ("Tromsės universitetas", Some("Norway")),
                ("Akureirio universitetas", Some("Iceland"))
            ]
        );
        assert!(fields.period.is_some());
        assert!(fields.warnings.is_empty(), "{:?}", fields.warnings);
    }

    #[test]
    fn a_period_value_on_the_next_line_is_read() {
        let text = "Partneris: X (Islandija)\nSantrauka: trumpai\nĮgyvendinimo periodas:\n21.02.2020–03.03.2020\n";
        let fields = parse_block(&split(text).blocks[0]);
        assert_eq!(fields.sections[0].text, "trumpai");
        assert!(fields.period.is_some());
        assert_eq!(fields.partners[0].country.as_deref(), Some("Iceland"));
    }

    #[test]
    fn facts_of_a_project_page() {
        let text = "Title line\n\nProject facts\n\nProject promoter:\nNGO X\nProject Number:\nLT10-0012\nTarget groups\nCivil servants\nStatus:\nCompleted\nInitial project cost:\n€200,054\nFinal project cost:\n€193,289\nFrom Norway Grants:\n€ 139,651\n\nDescription\n\nBody.";
        let fields = parse_block(&split(text).blocks[0]);
        assert_eq!(fields.title.as_deref(), Some("Title line"));
        assert_eq!(fields.facts.project_number.as_deref(), Some("LT10-0012"));
        assert_eq!(fields.facts.promoter.as_deref(), Some("NGO X"));
        assert_eq!(
            fields.facts.target_groups.as_deref(),
            Some("Civil servants")
        );
        assert_eq!(fields.facts.status.as_deref(), Some("Completed"));
        assert_eq!(fields.facts.costs.initial, Some(200_054));
        assert_eq!(fields.facts.costs.final_cost, Some(193_289));
        assert_eq!(fields.facts.costs.grant, Some(139_651));
        let labels: Vec<&str> = fields.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, vec!["Project facts", "Description"]);
    }

    #[test]
    fn labels_match_in_any_case_with_or_without_colon() {
        assert_eq!(
            match_label("  SANTRAUKA:", SECTION_LABELS),
            Some(("SANTRAUKA", ""))
        );
        assert_eq!(
            match_label("Įgyvendinimo periodas: 21/02-03/03 2020", PERIOD_LABELS),
            Some(("Įgyvendinimo periodas", "21/02-03/03 2020"))
        );
        assert_eq!(
            match_label("Summary of bilateral results", SECTION_LABELS),
            Some(("Summary of bilateral results", ""))
        );
        assert_eq!(match_label("Summarylike text", SECTION_LABELS), None);
        let labels = SECTION_LABELS
            .iter()
            .chain(PERIOD_LABELS)
            .chain(FACT_KEYS.iter().map(|(k, _)| k));
        for label in labels {
            assert_eq!(label.text, label.text.to_lowercase());
            assert_eq!(label.ascii, label.text.is_ascii());
        }
    }

    #[test]
    fn lowercased_prefixes_agree_with_lowercasing_the_whole_line() {
        let labels: Vec<&str> = SECTION_LABELS
            .iter()
            .chain(PERIOD_LABELS)
            .chain(FACT_KEYS.iter().map(|(k, _)| k))
            .map(|label| label.text)
            .collect();
        let corpus: Vec<String> = crate::ingest::embedded_files()
            .iter()
            .filter_map(|file| Some(file.decode(file.bytes().ok()?).ok()?.text))
            .collect();
        let tricky = [
            "APRAŠYMAS: x",
            "aprašymasx",
            "Apraš",
            "",
            "ĮGYVENDINIMO PERIODAS: 01/03-15/03 2021",
            "İmplementation period",
            "DVIŠALIO BENDRADARBIAVIMO REZULTATAI",
            "DvIšALIO bendradarbiavimo",
            "Dvi\u{212a}alio",
            "ΣΑΝΤΡΑΥΚΑ",
            "ﬁnal project cost",
        ];
        let lines = corpus.iter().flat_map(|text| text.lines()).chain(tricky);
        let mut matched = 0;
        for line in lines {
            let lowered: String = line.chars().flat_map(char::to_lowercase).collect();
            for label in &labels {
                let expected = lowered.starts_with(label);
                assert_eq!(
                    starts_with_lowercased(line, label),
                    expected,
                    "{line:?} {label:?}"
                );
                matched += usize::from(expected);
            }
        }
        assert!(
            matched > 20,
            "the corpus's labels were found {matched} times"
        );
    }

    #[test]
    fn euro_amounts() {
        assert_eq!(parse_euros("€200,054"), Some(200_054));
        assert_eq!(parse_euros("€ 139,651"), Some(139_651));
        assert_eq!(parse_euros("EUR 1,200.50"), Some(1_200));
        assert_eq!(parse_euros("1.234.567"), Some(1_234_567));
        assert_eq!(parse_euros("none"), None);
    }

    #[test]
    fn a_paragraph_first_line_keeps_its_text_and_gets_a_short_title() {
        let long = format!("{} end.", "word ".repeat(60));
        let fields = parse_block(&split(&long).blocks[0]);
        assert!(fields.title.as_ref().unwrap().chars().count() <= 121);
        assert_eq!(fields.sections[0].text, long);
    }
}
