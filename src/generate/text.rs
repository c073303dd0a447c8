//! Text of generated records: partner lines, summaries in both languages, periods in
//! every format the real reports use, and project pages.
//!
//! An initiative has some of the difficulties of real report lists, each drawn for a
//! share of initiatives ([`Difficulties`]): an English period moved by a few days from
//! the Lithuanian plan's, periods with month names, formal country names, a native
//! name wrapped in translated words on one side only, and a native name the Lithuanian
//! side translates.

use std::fmt::Write;

use rand::seq::{IndexedRandom, IteratorRandom};
use rand::Rng;
use time::{Date, Duration, Month};

use super::vocab::{
    Country, Field, NativeOrg, OrgKind, Place, TranslatedOrg, ENGLISH_MONTHS, EVENTS, FIELDS,
    HOSTS, LITHUANIAN_MONTHS, LITHUANIAN_MONTHS_SHORT, NATIVE_ORGS, ORG_KINDS, PLACES,
    TRANSLATED_ORGS,
};

/// Share of initiatives whose English report states a period moved by 1–3 days at the
/// start, the end or both from the Lithuanian plan's.
const MOVED_PERIOD: f64 = 0.12;
/// Share of records (each language on its own) whose period is written with month names.
const MONTH_NAMES: f64 = 0.15;
/// Share of records (each language on its own) that give the partner country's formal name.
const FORMAL_COUNTRY: f64 = 0.08;
/// Percent of initiatives named by a native name that one side wraps in translated words.
const WRAPPED_NATIVE_PERCENT: u32 = 8;
/// Percent of initiatives whose native name only the Lithuanian side translates (nothing
/// but the town, the period and the text joins the two sides: the hardest for pairing).
const TRANSLATED_INTO_LITHUANIAN_PERCENT: u32 = 6;

/// Which difficulties of real report lists an initiative has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Difficulties {
    /// The English period differs from the Lithuanian one by 1–3 days at either end.
    pub moved_period: bool,
    /// The English record writes its period with English month names.
    pub english_month_names: bool,
    /// The Lithuanian record writes its period with Lithuanian month names.
    pub lithuanian_month_names: bool,
    /// The English record names the country formally (`Kingdom of Norway`).
    pub english_formal_country: bool,
    /// The Lithuanian record names the country formally (`Norvegijos Karalystė`).
    pub lithuanian_formal_country: bool,
    /// A native name that one side wraps in translated words (`Hugarafl – User-led
    /// Mental Health Organisation` against `Hugarafl`).
    pub wrapped_native: bool,
    /// A native name kept in English and translated in Lithuanian (`Stiftelsen Kulturbro`
    /// against `fondas „Kultūros tiltas“`).
    pub translated_into_lithuanian: bool,
}

/// One initiative: what both language versions describe.
pub struct Initiative {
    pub place: &'static Place,
    pub organisation: Organisation,
    pub field: &'static Field,
    pub host: (&'static str, &'static str),
    pub event: &'static str,
    /// The period of the Lithuanian plan.
    pub start: Date,
    pub end: Date,
    /// The period of the English report: the plan's, or moved by a few days.
    pub en_start: Date,
    pub en_end: Date,
    /// How the Lithuanian side names a [`Organisation::Composed`] partner.
    pub naming: Naming,
    /// A second partner (`Bodø Commune` under the first), sometimes.
    pub second: Option<&'static Place>,
    pub participants: u32,
    pub difficulties: Difficulties,
}

/// What the partner organisation is and how its name is made.
pub enum Organisation {
    /// A place, a field and a kind: `Bergen Youth Association` / `Bergeno jaunimo asociacija`.
    Composed(&'static OrgKind),
    /// A native name with a town (`Hugarafl Akureyri`), which one side wraps in words of
    /// its own language; `description_first` puts them before the name.
    Wrapped {
        org: &'static NativeOrg,
        english_side: bool,
        description_first: bool,
    },
    /// A native name with a town in English (`Stiftelsen Kulturbro Bergen`), translated in
    /// Lithuanian (`Bergeno fondas „Kultūros tiltas“`).
    TranslatedIntoLithuanian(&'static TranslatedOrg),
}

/// How the Lithuanian record names its partner.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// Translated: `Bergeno jaunimo asociacija`.
    Translated,
    /// Left in English: `Bergen Youth Association (Norvegija)`.
    English,
    /// Both: `Bergen Youth Association/ Bergeno jaunimo asociacija`.
    Both,
}

/// The language a period is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodStyle {
    /// Numbers only, in one of the reports' numeric forms.
    Numeric,
    /// English month names: `8–12 November 2021`.
    English,
    /// Lithuanian month names: `2022 m. liepos 4–8 d.`.
    Lithuanian,
}

fn field_named(english: &str) -> &'static Field {
    FIELDS
        .iter()
        .find(|field| field.english == english)
        .expect("the field of a native organisation is in FIELDS")
}

impl Initiative {
    pub fn random(rng: &mut impl Rng, start: Date, end: Date) -> Initiative {
        let naming = match rng.random_range(0..10) {
            0..=6 => Naming::Translated,
            7 | 8 => Naming::English,
            _ => Naming::Both,
        };
        let roll = rng.random_range(0..100);
        let (place, organisation, field) = if roll < WRAPPED_NATIVE_PERCENT {
            let org = NATIVE_ORGS.choose(rng).expect("native organisations");
            let place = places_of(org.country, rng);
            let organisation = Organisation::Wrapped {
                org,
                english_side: rng.random_bool(0.5),
                description_first: rng.random_bool(0.3),
            };
            (place, organisation, field_named(org.field))
        } else if roll < WRAPPED_NATIVE_PERCENT + TRANSLATED_INTO_LITHUANIAN_PERCENT {
            let org = TRANSLATED_ORGS
                .choose(rng)
                .expect("translated organisations");
            let place = places_of(org.country, rng);
            let organisation = Organisation::TranslatedIntoLithuanian(org);
            (place, organisation, field_named(org.field))
        } else {
            let place = PLACES.choose(rng).expect("places");
            let kind = ORG_KINDS.choose(rng).expect("kinds");
            let field = FIELDS.choose(rng).expect("fields");
            (place, Organisation::Composed(kind), field)
        };
        let moved_period = rng.random_bool(MOVED_PERIOD);
        let (en_start, en_end) = if moved_period {
            moved(start, end, rng)
        } else {
            (start, end)
        };
        let difficulties = Difficulties {
            moved_period,
            english_month_names: rng.random_bool(MONTH_NAMES),
            lithuanian_month_names: rng.random_bool(MONTH_NAMES),
            english_formal_country: rng.random_bool(FORMAL_COUNTRY),
            lithuanian_formal_country: rng.random_bool(FORMAL_COUNTRY),
            wrapped_native: matches!(organisation, Organisation::Wrapped { .. }),
            translated_into_lithuanian: matches!(
                organisation,
                Organisation::TranslatedIntoLithuanian(_)
            ),
        };
        Initiative {
            place,
            organisation,
            field,
            host: *HOSTS.choose(rng).expect("hosts"),
            event: EVENTS.choose(rng).expect("events"),
            start,
            end,
            en_start,
            en_end,
            naming,
            second: rng
                .random_bool(0.15)
                .then(|| PLACES.choose(rng).expect("places")),
            participants: rng.random_range(8..120),
            difficulties,
        }
    }

    fn country(&self) -> Country {
        self.place.country
    }

    /// What tells this partner from another at the same place: its kind and field, or
    /// its native name.
    pub fn name_key(&self) -> (&'static str, &'static str, &'static str) {
        let (a, b) = match &self.organisation {
            Organisation::Composed(kind) => (kind.english, self.field.english),
            Organisation::Wrapped { org, .. } => (org.native, ""),
            Organisation::TranslatedIntoLithuanian(org) => (org.native, ""),
        };
        (self.place.english, a, b)
    }

    /// `Bergen Youth Association` / `University of Bergen` / `Hugarafl Akureyri`.
    pub fn english_name(&self) -> String {
        let mut out = String::new();
        self.push_english_name(&mut out, false);
        out
    }

    /// `Bergeno jaunimo asociacija`.
    fn push_lithuanian_name(&self, out: &mut String, kind: &OrgKind) {
        let _ = write!(
            out,
            "{} {} {}",
            self.place.lithuanian, self.field.lithuanian, kind.lithuanian
        );
    }

    /// The English partner name; `wrapped` with the translated words when this side
    /// wraps a native name.
    fn push_english_name(&self, out: &mut String, wrapped: bool) {
        let place = self.place.english;
        match &self.organisation {
            Organisation::Composed(kind) => {
                let field = self.field.english;
                if kind.english_of {
                    let _ = write!(out, "{field} {} of {place}", kind.english);
                } else {
                    let _ = write!(out, "{place} {field} {}", kind.english);
                }
            }
            Organisation::Wrapped {
                org,
                english_side: true,
                description_first,
            } if wrapped => {
                if *description_first {
                    let _ = write!(out, "{} {} {place}", org.english, org.native);
                } else {
                    let _ = write!(out, "{} {place} – {}", org.native, org.english);
                }
            }
            Organisation::Wrapped { org, .. } => {
                let _ = write!(out, "{} {place}", org.native);
            }
            Organisation::TranslatedIntoLithuanian(org) => {
                let _ = write!(out, "{} {place}", org.native);
            }
        }
    }

    /// The Lithuanian partner name as the record writes it.
    fn push_lithuanian_partner(&self, out: &mut String) {
        match &self.organisation {
            Organisation::Composed(kind) => match self.naming {
                Naming::Translated => self.push_lithuanian_name(out, kind),
                Naming::English => self.push_english_name(out, false),
                Naming::Both => {
                    self.push_english_name(out, false);
                    out.push_str("/ ");
                    self.push_lithuanian_name(out, kind);
                }
            },
            Organisation::Wrapped {
                org,
                english_side: false,
                description_first,
            } => {
                let place = self.place.english;
                if *description_first {
                    push_capitalised(out, org.lithuanian);
                    let _ = write!(out, " „{} {place}“", org.native);
                } else {
                    let _ = write!(out, "{} {place} – {}", org.native, org.lithuanian);
                }
            }
            Organisation::Wrapped { org, .. } => {
                let _ = write!(out, "{} {}", org.native, self.place.english);
            }
            Organisation::TranslatedIntoLithuanian(org) => {
                let _ = write!(out, "{} {}", self.place.lithuanian, org.lithuanian);
            }
        }
    }

    fn english_country(&self, country: Country) -> &'static str {
        if self.difficulties.english_formal_country {
            country.formal_english()
        } else {
            country.english()
        }
    }

    fn lithuanian_country(&self, country: Country) -> &'static str {
        if self.difficulties.lithuanian_formal_country {
            country.formal_lithuanian()
        } else {
            country.lithuanian()
        }
    }

    pub fn english_record(&self, rng: &mut impl Rng) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str("Partner: ");
        self.push_english_name(&mut out, true);
        let _ = write!(out, " ({})\n\n", self.english_country(self.country()));
        if let Some(second) = self.second {
            let _ = write!(out, "{} Municipality\n\n", second.english);
        }
        out.push_str("Main results of the initiative:\n\n");
        let (host, _) = self.host;
        let field = self.field;
        let name = self.english_name();
        let the = if matches!(self.organisation, Organisation::Composed(_)) {
            "the "
        } else {
            ""
        };
        let sentences = [
            format!("During the visit to {}, representatives of the {host} organisation and {the}{name} discussed {} and agreed on a plan of joint activities.", self.place.english, field.topic_en),
            format!("The partners shared good practices in {} and prepared the {} programme for {} participants.", field.topic_en, self.event, self.participants),
            format!("Meetings with local authorities and {} {} organisations were held, and the experience of {} was presented to the partners from Lithuania.", self.country().adjective(), field.english.to_lowercase(), self.place.english),
            "A common project application was developed and submitted to the Active Citizens Fund (ACF).".to_string(),
            format!("The partnership will continue through the {} network and further exchange visits.", self.event),
        ];
        push_paragraphs(&mut out, &sentences, rng);
        out.push_str("Implementation period: ");
        let style = if self.difficulties.english_month_names {
            PeriodStyle::English
        } else {
            PeriodStyle::Numeric
        };
        format_period(&mut out, self.en_start, self.en_end, style, rng);
        out.push_str("\n\n");
        out
    }

    pub fn lithuanian_record(&self, rng: &mut impl Rng) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str("Partneris: ");
        self.push_lithuanian_partner(&mut out);
        let _ = write!(out, " ({})\n\n", self.lithuanian_country(self.country()));
        if let Some(second) = self.second {
            let _ = write!(
                out,
                "{} savivaldybė ({})\n\n",
                second.lithuanian,
                self.lithuanian_country(second.country)
            );
        }
        out.push_str("Santrauka:\n\n");
        let (_, host) = self.host;
        let field = self.field;
        let sentences = [
            format!("Dvišalio bendradarbiavimo iniciatyva siekiama užmegzti partnerystę tarp {host} organizacijos ir {} partnerių bei stiprinti ryšius {} srityje.", self.place.lithuanian, field.topic_lt),
            format!("Vizito metu bus pasidalinta gerąja patirtimi ir kartu su {} partneriais parengta programa „{}“, kurioje dalyvaus {} dalyviai.", self.country().genitive(), self.event, self.participants),
            format!("Numatomi susitikimai su vietos valdžios institucijomis ir {} organizacijomis, kad būtų aptarti bendri iššūkiai ir galimybės.", field.lithuanian),
            "Iniciatyvos rezultatas – parengta ir Aktyvių piliečių fondui (APF) pateikta bendro projekto paraiška.".to_string(),
            format!("Partnerystė bus tęsiama per tinklą „{}“ ir tolesnius mainų vizitus.", self.event),
        ];
        push_paragraphs(&mut out, &sentences, rng);
        out.push_str("Įgyvendinimo periodas: ");
        let style = if self.difficulties.lithuanian_month_names {
            PeriodStyle::Lithuanian
        } else {
            PeriodStyle::Numeric
        };
        format_period(&mut out, self.start, self.end, style, rng);
        out.push_str("\n\n");
        out
    }
}

/// A place of `country`.
fn places_of(country: Country, rng: &mut impl Rng) -> &'static Place {
    PLACES
        .iter()
        .filter(|place| place.country == country)
        .choose(rng)
        .expect("every country has places")
}

/// `text` with its first letter in upper case.
fn push_capitalised(out: &mut String, text: &str) {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// The period moved by 1–3 days at the start, the end or both, still overlapping it.
fn moved(start: Date, end: Date, rng: &mut impl Rng) -> (Date, Date) {
    loop {
        let which = rng.random_range(0..3);
        let mut shift = || {
            let days = rng.random_range(1..=3);
            Duration::days(if rng.random_bool(0.5) { days } else { -days })
        };
        let (new_start, new_end) = match which {
            0 => (start + shift(), end),
            1 => (start, end + shift()),
            _ => (start + shift(), end + shift()),
        };
        if new_start <= new_end && new_start <= end && start <= new_end {
            return (new_start, new_end);
        }
    }
}

fn push_paragraphs(out: &mut String, sentences: &[String], rng: &mut impl Rng) {
    let keep = rng.random_range(2..=sentences.len());
    let mut paragraph = 0;
    for sentence in &sentences[..keep] {
        out.push_str(sentence);
        paragraph += 1;
        if paragraph == 2 || rng.random_bool(0.3) {
            out.push_str("\n\n");
            paragraph = 0;
        } else {
            out.push(' ');
        }
    }
    if !out.ends_with("\n\n") {
        out.push_str("\n\n");
    }
}

/// Writes a period to `out` in one of the reports' formats of `style`, with a random
/// dash and spacing.
pub fn format_period(
    out: &mut String,
    start: Date,
    end: Date,
    style: PeriodStyle,
    rng: &mut impl Rng,
) {
    match style {
        PeriodStyle::Numeric => numeric_period(out, start, end, rng),
        PeriodStyle::English => english_period(out, start, end, rng),
        PeriodStyle::Lithuanian => lithuanian_period(out, start, end, rng),
    }
}

fn numeric_period(out: &mut String, start: Date, end: Date, rng: &mut impl Rng) {
    let dash = ["-", "–", "—"].choose(rng).expect("dashes");
    let space = if rng.random_bool(0.5) { " " } else { "" };
    let (d1, m1, y1) = (start.day(), u8::from(start.month()), start.year());
    let (d2, m2, y2) = (end.day(), u8::from(end.month()), end.year());
    // `DD/MM-DD/MM YYYY` only when the span crosses at most one new year boundary in the
    // way the reports use it (start month after end month means the previous year).
    let short_ok = y1 == y2 && m1 <= m2 || y2 == y1 + 1 && m1 > m2;
    let _ = match rng.random_range(0..4) {
        0 if short_ok => write!(
            out,
            "{d1:02}/{m1:02}{space}{dash}{space}{d2:02}/{m2:02} {y2}"
        ),
        1 => write!(
            out,
            "{d1:02}/{m1:02}/{y1}{space}{dash}{space}{d2:02}/{m2:02}/{y2}"
        ),
        2 => write!(out, "{y1}-{m1:02}-{d1:02} {dash} {y2}-{m2:02}-{d2:02}"),
        _ => write!(
            out,
            "{d1:02}.{m1:02}.{y1}{space}{dash}{space}{d2:02}.{m2:02}.{y2}"
        ),
    };
}

/// How much of the dates a month-name period writes once for both ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shared {
    /// Month and year: `8–12 November 2021`.
    Month,
    /// The year: `8 November – 2 December 2021`.
    Year,
    /// Nothing: `28 December 2021 – 5 January 2022`.
    Nothing,
}

/// What a month-name period may leave out: the month and year where both ends share
/// them, often written in full anyway.
fn shared(start: Date, end: Date, rng: &mut impl Rng) -> Shared {
    let full = rng.random_bool(0.15);
    if start.year() != end.year() || full {
        Shared::Nothing
    } else if start.month() != end.month() {
        Shared::Year
    } else {
        Shared::Month
    }
}

/// `8–12 November 2021`, `8 November – 2 December 2021`, `28 December 2021 – 5 January
/// 2022`, `November 8–12, 2021`, `8-12 Nov 2021` and the like.
fn english_period(out: &mut String, start: Date, end: Date, rng: &mut impl Rng) {
    let (d1, y1) = (start.day(), start.year());
    let (d2, y2) = (end.day(), end.year());
    // `Nov`, `Nov.` or `November`.
    let short = rng.random_range(0..4);
    let month = |date: Date| {
        let name = ENGLISH_MONTHS[usize::from(u8::from(date.month())) - 1];
        match short {
            0 => (&name[..3], ""),
            1 if name.len() > 4 => (&name[..3], "."),
            _ => (name, ""),
        }
    };
    let ((m1, dot1), (m2, dot2)) = (month(start), month(end));
    let days_dash = ["–", "-", "—"].choose(rng).expect("dashes");
    let dash = [" – ", " - ", " — ", "–"].choose(rng).expect("dashes");
    let day_first = rng.random_bool(0.7);
    let _ = match (shared(start, end, rng), day_first) {
        (Shared::Month, true) => write!(out, "{d1}{days_dash}{d2} {m2}{dot2} {y2}"),
        (Shared::Month, false) => write!(out, "{m1}{dot1} {d1}{days_dash}{d2}, {y2}"),
        (Shared::Year, true) => write!(out, "{d1} {m1}{dot1}{dash}{d2} {m2}{dot2} {y2}"),
        (Shared::Year, false) => write!(out, "{m1}{dot1} {d1}{dash}{m2}{dot2} {d2}, {y2}"),
        (Shared::Nothing, true) => {
            write!(out, "{d1} {m1}{dot1} {y1}{dash}{d2} {m2}{dot2} {y2}")
        }
        (Shared::Nothing, false) => {
            write!(out, "{m1}{dot1} {d1}, {y1}{dash}{m2}{dot2} {d2}, {y2}")
        }
    };
}

/// `2022 m. liepos 4–8 d.`, `2022 m. liepos 28 d. – rugpjūčio 3 d.`, `2021 m. gruodžio
/// 28 d. – 2022 m. sausio 5 d.`, sometimes with abbreviated months (`rugs.`, `spal.`).
fn lithuanian_period(out: &mut String, start: Date, end: Date, rng: &mut impl Rng) {
    let (d1, y1) = (start.day(), start.year());
    let (d2, y2) = (end.day(), end.year());
    let names = if rng.random_bool(0.3) {
        &LITHUANIAN_MONTHS_SHORT
    } else {
        &LITHUANIAN_MONTHS
    };
    let month = |date: Date| names[usize::from(u8::from(date.month())) - 1];
    let (m1, m2) = (month(start), month(end));
    let days_dash = ["–", "-"].choose(rng).expect("dashes");
    let dash = [" – ", " - ", "–"].choose(rng).expect("dashes");
    let _ = match shared(start, end, rng) {
        Shared::Month if rng.random_bool(0.8) => {
            write!(out, "{y1} m. {m1} {d1}{days_dash}{d2} d.")
        }
        Shared::Month => write!(out, "{y1} m. {m1} {d1} d.{dash}{d2} d."),
        Shared::Year => write!(out, "{y1} m. {m1} {d1} d.{dash}{m2} {d2} d."),
        Shared::Nothing => write!(out, "{y1} m. {m1} {d1} d.{dash}{y2} m. {m2} {d2} d."),
    };
}

/// A random period of 3–60 days starting in 2019–2023.
pub fn random_period(rng: &mut impl Rng) -> (Date, Date) {
    let year = rng.random_range(2019..=2023);
    let month = Month::try_from(rng.random_range(1..=12u8)).unwrap_or(Month::January);
    let day = rng.random_range(1..=28u8);
    let start = Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN);
    let end = start + Duration::days(rng.random_range(2..60));
    (start, end)
}

/// A project page in the format of the samples.
pub fn project_page(rng: &mut impl Rng, number: u32) -> String {
    let place: &Place = PLACES.choose(rng).expect("places");
    let field: &Field = FIELDS.choose(rng).expect("fields");
    let (host, _) = *HOSTS.choose(rng).expect("hosts");
    let initial = rng.random_range(40_000..900_000u32);
    let final_cost = initial - rng.random_range(0..initial / 10);
    let grant = final_cost * rng.random_range(60..=85) / 100;
    let euros = |n: u32| format!("€{},{:03}", n / 1000, n % 1000);
    format!(
        "Strengthening {topic} in {host} with the experience of {place}\n\n\
         Project facts\n\n\
         Project promoter:\n{host} {field} Centre\n\
         Project Number:\nLT{program:02}-{number:04}\n\
         Target groups\n{target}\n\
         Status:\n{status}\n\
         Initial project cost:\n{initial}\n\
         Final project cost:\n{final_cost}\n\
         From Norway Grants:\n{grant}\n\
         The project is carried out in:\nLietuva\n\n\
         Description\n\n\
         The project aims to improve {topic} in {host} and neighbouring municipalities. Together with partners from {place}, the promoter will train staff, pilot new services and involve local communities in planning.\n\n\
         Summary of project results\n\n\
         During the project {participants} specialists were trained, two new services were piloted and a local strategy for {topic} was adopted by the municipality of {host}.\n\n\
         Summary of bilateral results\n\n\
         The partner from {place} shared its experience of {topic}, hosted a study visit and advised on the new services; the cooperation will continue after the project.\n",
        topic = field.topic_en,
        field = field.english,
        place = place.english,
        program = rng.random_range(1..=12),
        target = ["Civil servants/Public administration staff", "Young people", "NGOs", "Local communities"].choose(rng).expect("targets"),
        status = ["Completed", "In progress"].choose(rng).expect("status"),
        initial = euros(initial),
        final_cost = euros(final_cost),
        grant = euros(grant),
        participants = rng.random_range(20..400),
    )
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::period::Period;

    #[test]
    fn every_period_style_reads_back_as_written() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut text = String::new();
        for n in 0..20_000 {
            let (start, end) = if n % 4 == 0 {
                // Across a new year, and within one month.
                let start = Date::from_calendar_date(2021, Month::December, 20).unwrap();
                (start, start + Duration::days(rng.random_range(0..20)))
            } else {
                random_period(&mut rng)
            };
            let (start, end) = if n % 3 == 0 {
                moved(start, end, &mut rng)
            } else {
                (start, end)
            };
            for style in [
                PeriodStyle::Numeric,
                PeriodStyle::English,
                PeriodStyle::Lithuanian,
            ] {
                text.clear();
                format_period(&mut text, start, end, style, &mut rng);
                assert_eq!(
                    Period::read(&text),
                    Ok(Period { start, end }),
                    "{style:?}: {text:?}"
                );
                let letters = text.contains(|c: char| c.is_alphabetic());
                assert_eq!(letters, style != PeriodStyle::Numeric, "{text}");
            }
        }
    }

    #[test]
    fn a_moved_period_moves_each_end_by_at_most_three_days_and_still_overlaps() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for _ in 0..10_000 {
            let (start, end) = random_period(&mut rng);
            let (new_start, new_end) = moved(start, end, &mut rng);
            assert!((new_start, new_end) != (start, end));
            assert!(new_start <= new_end && new_start <= end && start <= new_end);
            assert!((new_start - start).whole_days().abs() <= 3);
            assert!((new_end - end).whole_days().abs() <= 3);
        }
    }

    #[test]
    fn every_native_organisation_has_its_field_and_places() {
        for (native, field, country) in NATIVE_ORGS
            .iter()
            .map(|o| (o.native, o.field, o.country))
            .chain(
                TRANSLATED_ORGS
                    .iter()
                    .map(|o| (o.native, o.field, o.country)),
            )
        {
            assert_eq!(field_named(field).english, field, "{native}");
            assert!(PLACES.iter().any(|p| p.country == country), "{native}");
        }
    }
}
