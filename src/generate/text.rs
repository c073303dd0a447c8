//! Text of generated records: partner lines, summaries in both languages, periods in
//! every format the real reports use, and project pages.

use rand::seq::IndexedRandom;
use rand::Rng;
use time::{Date, Duration, Month};

use super::vocab::{Country, Field, OrgKind, Place, EVENTS, FIELDS, HOSTS, ORG_KINDS, PLACES};

/// One initiative: what both language versions describe.
pub struct Initiative {
    pub place: &'static Place,
    pub kind: &'static OrgKind,
    pub field: &'static Field,
    pub host: (&'static str, &'static str),
    pub event: &'static str,
    pub start: Date,
    pub end: Date,
    /// How the Lithuanian side names the partner.
    pub naming: Naming,
    /// A second partner (`Bodø Commune` under the first), sometimes.
    pub second: Option<&'static Place>,
    pub participants: u32,
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

impl Initiative {
    pub fn random(rng: &mut impl Rng, start: Date, end: Date) -> Initiative {
        let naming = match rng.random_range(0..10) {
            0..=6 => Naming::Translated,
            7 | 8 => Naming::English,
            _ => Naming::Both,
        };
        Initiative {
            place: PLACES.choose(rng).expect("places"),
            kind: ORG_KINDS.choose(rng).expect("kinds"),
            field: FIELDS.choose(rng).expect("fields"),
            host: *HOSTS.choose(rng).expect("hosts"),
            event: EVENTS.choose(rng).expect("events"),
            start,
            end,
            naming,
            second: rng
                .random_bool(0.15)
                .then(|| PLACES.choose(rng).expect("places")),
            participants: rng.random_range(8..120),
        }
    }

    fn country(&self) -> Country {
        self.place.country
    }

    /// `Bergen Youth Association` / `University of Bergen`.
    pub fn english_name(&self) -> String {
        let field = self.field.english;
        if self.kind.english_of {
            format!("{field} {} of {}", self.kind.english, self.place.english)
        } else {
            format!("{} {field} {}", self.place.english, self.kind.english)
        }
    }

    /// `Bergeno jaunimo asociacija`.
    pub fn lithuanian_name(&self) -> String {
        format!(
            "{} {} {}",
            self.place.lithuanian, self.field.lithuanian, self.kind.lithuanian
        )
    }

    pub fn english_record(&self, rng: &mut impl Rng) -> String {
        let mut out = format!(
            "Partner: {} ({})\n\n",
            self.english_name(),
            self.country().english()
        );
        if let Some(second) = self.second {
            out.push_str(&format!("{} Municipality\n\n", second.english));
        }
        out.push_str("Main results of the initiative:\n\n");
        let (host, _) = self.host;
        let field = self.field;
        let sentences = [
            format!("During the visit to {}, representatives of the {host} organisation and the {} discussed {} and agreed on a plan of joint activities.", self.place.english, self.english_name(), field.topic_en),
            format!("The partners shared good practices in {} and prepared the {} programme for {} participants.", field.topic_en, self.event, self.participants),
            format!("Meetings with local authorities and {} {} organisations were held, and the experience of {} was presented to the partners from Lithuania.", self.country().adjective(), field.english.to_lowercase(), self.place.english),
            "A common project application was developed and submitted to the Active Citizens Fund (ACF).".to_string(),
            format!("The partnership will continue through the {} network and further exchange visits.", self.event),
        ];
        push_paragraphs(&mut out, &sentences, rng);
        out.push_str(&format!(
            "Implementation period: {}\n\n",
            format_period(self.start, self.end, rng)
        ));
        out
    }

    pub fn lithuanian_record(&self, rng: &mut impl Rng) -> String {
        let partner = match self.naming {
            Naming::Translated => self.lithuanian_name(),
            Naming::English => self.english_name(),
            Naming::Both => format!("{}/ {}", self.english_name(), self.lithuanian_name()),
        };
        let mut out = format!("Partneris: {partner} ({})\n\n", self.country().lithuanian());
        if let Some(second) = self.second {
            out.push_str(&format!(
                "{} savivaldybė ({})\n\n",
                second.lithuanian,
                second.country.lithuanian()
            ));
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
        out.push_str(&format!(
            "Įgyvendinimo periodas: {}\n\n",
            format_period(self.start, self.end, rng)
        ));
        out
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

/// A period in one of the reports' formats, with a random dash and spacing.
pub fn format_period(start: Date, end: Date, rng: &mut impl Rng) -> String {
    let dash = ["-", "–", "—"].choose(rng).expect("dashes");
    let space = if rng.random_bool(0.5) { " " } else { "" };
    let (d1, m1, y1) = (start.day(), u8::from(start.month()), start.year());
    let (d2, m2, y2) = (end.day(), u8::from(end.month()), end.year());
    // `DD/MM-DD/MM YYYY` only when the span crosses at most one new year boundary in the
    // way the reports use it (start month after end month means the previous year).
    let short_ok = y1 == y2 && m1 <= m2 || y2 == y1 + 1 && m1 > m2;
    match rng.random_range(0..4) {
        0 if short_ok => format!("{d1:02}/{m1:02}{space}{dash}{space}{d2:02}/{m2:02} {y2}"),
        1 => format!("{d1:02}/{m1:02}/{y1}{space}{dash}{space}{d2:02}/{m2:02}/{y2}"),
        2 => format!("{y1}-{m1:02}-{d1:02} {dash} {y2}-{m2:02}-{d2:02}"),
        _ => format!("{d1:02}.{m1:02}.{y1}{space}{dash}{space}{d2:02}.{m2:02}.{y2}"),
    }
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
