//! Tests of reading periods: every documented form, every problem, and properties over
//! random dates rendered in every form.

use super::read::agreed;
use super::*;

fn show(text: &str) -> Option<String> {
    Period::parse(text).map(|p| p.to_string())
}

/// The period read from `text`, as `start..end`, or the problem's phrase.
fn read(text: &str) -> String {
    match Period::read(text) {
        Ok(period) => period.to_string(),
        Err(problem) => problem.to_string(),
    }
}

#[test]
fn every_documented_form_parses_to_the_same_period() {
    let expected = Some("2020-02-21..2020-03-03".to_string());
    for form in [
        "21/02-03/03 2020",
        "21/02 - 03/03 2020",
        "21/02–03/03 2020",
        "21/02/2020-03/03/2020",
        "21/02/2020 — 03/03/2020",
        "2020-02-21 – 2020-03-03",
        "2020-02-21-2020-03-03",
        "21.02.2020–03.03.2020",
        "21.02.2020 - 03.03.2020",
    ] {
        assert_eq!(show(form), expected, "form {form:?}");
    }
}

#[test]
fn a_start_month_after_the_end_month_is_the_previous_year() {
    assert_eq!(
        show("15/12-10/01 2021").as_deref(),
        Some("2020-12-15..2021-01-10")
    );
    assert_eq!(
        Period::parse("15/12-10/01 2021").unwrap().years().count(),
        2
    );
}

#[test]
fn impossible_or_reversed_dates_are_rejected() {
    assert_eq!(show("31/02-03/03 2020"), None);
    assert_eq!(show("2020-03-03 - 2020-02-21"), None);
    assert_eq!(show("soon"), None);
    assert_eq!(show(""), None);
    assert_eq!(show("99999999999999999999/1-1/1 2020"), None);
}

#[test]
fn overlap_counts_shared_days() {
    let a = Period::parse("21/02-03/03 2020").unwrap();
    let b = Period::parse("27/02-03/03 2020").unwrap();
    assert!(a.overlaps(&b));
    assert_eq!(a.overlap_days(&b), 6);
    assert_eq!(b.days(), 6);
}

#[test]
fn numeric_forms_read_as_before() {
    assert_eq!(read("21/02/2020"), "2020-02-21..2020-02-21");
    assert_eq!(read("2020-02-21"), "2020-02-21..2020-02-21");
    assert_eq!(read("21.02.2020"), "2020-02-21..2020-02-21");
    assert_eq!(read("21/02 2020"), "2020-02-21..2020-02-21");
    assert_eq!(read("21/02-03/03/2020"), "2020-02-21..2020-03-03");
    assert_eq!(read("2020.02.21 - 2020.03.03"), "2020-02-21..2020-03-03");
    assert_eq!(read("21-02-2020 – 03-03-2020"), "2020-02-21..2020-03-03");
    assert_eq!(read("21/02/2020 to 03/03/2020"), "2020-02-21..2020-03-03");
    assert_eq!(read("21.02.2020–03.03.2020."), "2020-02-21..2020-03-03");
}

#[test]
fn numeric_days_of_one_month_read_too() {
    assert_eq!(read("8–12.11.2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("8-12/11/2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("8–12.11 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("2022-07-04–08"), "2022-07-04..2022-07-08");
    assert_eq!(read("2022.07.04 – 8 d."), "2022-07-04..2022-07-08");
    // Year first with spaces between the numbers: the ISO order.
    assert_eq!(read("2022 11 07–10"), "2022-11-07..2022-11-10");
    assert_eq!(read("2020 02 21"), "2020-02-21..2020-02-21");
    assert_eq!(read("2022 11 28 – 2022 12 02"), "2022-11-28..2022-12-02");
    // Day first with spaces is no form the reports use: not guessed.
    assert_eq!(
        Period::read("07 11 2022–10 11 2022"),
        Err(PeriodProblem::Unreadable)
    );
    assert_eq!(
        Period::read("12–8.11.2021"),
        Err(PeriodProblem::EndBeforeStart)
    );
    assert_eq!(
        Period::read("2022-07-04–08, 2022"),
        Err(PeriodProblem::Unreadable)
    );
}

#[test]
fn english_forms_read_as_written() {
    assert_eq!(read("8–12 November 2021"), "2021-11-08..2021-11-12");
    assert_eq!(
        read("8 November – 2 December 2021"),
        "2021-11-08..2021-12-02"
    );
    assert_eq!(
        read("28 December 2021 – 5 January 2022"),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(read("November 8–12, 2021"), "2021-11-08..2021-11-12");
    assert_eq!(
        read("November 8 – December 2, 2021"),
        "2021-11-08..2021-12-02"
    );
    assert_eq!(read("8-12 Nov 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("8 Nov. 2021 – 12 Nov. 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("8th–12th November 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("8 November 2021"), "2021-11-08..2021-11-08");
    assert_eq!(read("November 8, 2021"), "2021-11-08..2021-11-08");
}

#[test]
fn english_variants_read_too() {
    assert_eq!(
        read("28 December – 5 January 2022"),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(
        read("December 28 – January 5, 2022"),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(
        read("December 28, 2021 – January 5, 2022"),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(read("8 to 12 November 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("from 8 to 12 November 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("1st-3rd SEPT. 2021"), "2021-09-01..2021-09-03");
    assert_eq!(read("nov 8 2021"), "2021-11-08..2021-11-08");
    assert_eq!(read("8 November, 2021"), "2021-11-08..2021-11-08");
    assert_eq!(read("  8–12 November 2021, "), "2021-11-08..2021-11-12");
    assert_eq!(
        read("8\u{a0}–\u{a0}12\u{a0}November\u{a0}2021"),
        "2021-11-08..2021-11-12"
    );
}

#[test]
fn lithuanian_forms_read_as_written() {
    assert_eq!(read("2022 m. liepos 4–8 d."), "2022-07-04..2022-07-08");
    assert_eq!(
        read("2022 m. liepos 28 d. – rugpjūčio 3 d."),
        "2022-07-28..2022-08-03"
    );
    assert_eq!(
        read("2021 m. gruodžio 28 d. – 2022 m. sausio 5 d."),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(read("2022 m. liepos 4 d."), "2022-07-04..2022-07-04");
    assert_eq!(read("2022 liepos 4-8"), "2022-07-04..2022-07-08");
}

#[test]
fn lithuanian_variants_read_too() {
    assert_eq!(read("2022m. liepos 4d.–8d."), "2022-07-04..2022-07-08");
    assert_eq!(read("2022m.liepos4d."), "2022-07-04..2022-07-04");
    assert_eq!(read("2022 m. liepos mėn. 4 d."), "2022-07-04..2022-07-04");
    assert_eq!(read("2022 M. RUGPJŪČIO 3 D."), "2022-08-03..2022-08-03");
    assert_eq!(read("2022 m. rugpjucio 3 d."), "2022-08-03..2022-08-03");
    assert_eq!(read("2022 m. birz. 3 d."), "2022-06-03..2022-06-03");
    assert_eq!(read("2022 m. geguzes 3 d."), "2022-05-03..2022-05-03");
    assert_eq!(read("2022 m. liepa 4 d."), "2022-07-04..2022-07-04");
    assert_eq!(
        read("2021 m. gruodžio 28 d. – sausio 5 d."),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(
        read("gruodžio 28 d. – 2022 m. sausio 5 d."),
        "2021-12-28..2022-01-05"
    );
    assert_eq!(
        read("nuo 2022 m. liepos 4 d. iki rugpjūčio 3 d."),
        "2022-07-04..2022-08-03"
    );
    assert_eq!(read("2022 m. liepos 4 iki 8 d."), "2022-07-04..2022-07-08");
}

#[test]
fn every_dash_joins_the_halves() {
    for dash in [
        "-", "–", "—", "‒", "−", " to ", " iki ", " - ", " – ", "\u{2010}",
    ] {
        assert_eq!(
            read(&format!("8{dash}12 November 2021")),
            "2021-11-08..2021-11-12",
            "{dash:?}"
        );
        assert_eq!(
            read(&format!("2022 m. liepos 4{dash}8 d.")),
            "2022-07-04..2022-07-08",
            "{dash:?}"
        );
    }
}

#[test]
fn every_month_name_reads_as_its_month() {
    let names: [&[&str]; 12] = [
        &["January", "Jan", "Jan.", "sausio", "sausis", "saus."],
        &["February", "Feb", "Feb.", "vasario", "vasaris", "vas."],
        &["March", "Mar", "Mar.", "kovo", "kovas", "kov."],
        &["April", "Apr", "Apr.", "balandžio", "balandis", "bal."],
        &["May", "May.", "gegužės", "gegužė", "geg.", "geguzes"],
        &[
            "June",
            "Jun",
            "Jun.",
            "birželio",
            "birželis",
            "birž.",
            "birz.",
        ],
        &["July", "Jul", "Jul.", "liepos", "liepa", "liep."],
        &[
            "August",
            "Aug",
            "Aug.",
            "rugpjūčio",
            "rugpjūtis",
            "rugpj.",
            "rugpjucio",
        ],
        &[
            "September",
            "Sep",
            "Sep.",
            "Sept",
            "Sept.",
            "rugsėjo",
            "rugsėjis",
            "rugs.",
        ],
        &["October", "Oct", "Oct.", "spalio", "spalis", "spal."],
        &[
            "November",
            "Nov",
            "Nov.",
            "lapkričio",
            "lapkritis",
            "lapkr.",
        ],
        &["December", "Dec", "Dec.", "gruodžio", "gruodis", "gruod."],
    ];
    for (index, spellings) in names.iter().enumerate() {
        let expected = format!("2021-{:02}-08..2021-{:02}-08", index + 1, index + 1);
        for name in spellings.iter() {
            for text in [
                format!("8 {name} 2021"),
                format!("{name} 8, 2021"),
                format!("2021 m. {name} 8 d."),
                format!("8 {} 2021", name.to_uppercase()),
                format!("8 {} 2021", name.to_lowercase()),
            ] {
                assert_eq!(read(&text), expected, "{text:?}");
            }
        }
    }
}

#[test]
fn the_misreadings_of_the_digit_counter_are_gone() {
    // Read by counting digits, these were 2021-12-08 and 2022-04-08.
    assert_eq!(read("8–12 November 2021"), "2021-11-08..2021-11-12");
    assert_eq!(read("2022 m. liepos 4–8 d."), "2022-07-04..2022-07-08");
}

#[test]
fn unknown_words_stray_numbers_and_missing_years_are_unreadable() {
    for text in [
        "",
        "   ",
        "TBD",
        "2021 spring",
        "21/02-03/03",
        "8–12 Movember 2021",
        "8–12 November",
        "8–12 November 2021 approx.",
        "about 8–12 November 2021",
        "8–12 November 2021 (online)",
        "8–12 November 2021 5",
        "8 November 2021 2021",
        "3 rug. 2022",
        "8 th November 2021",
        "from 8 November 2021",
        "8–12",
        "8 – November 12, 2021",
        "November 8 – 12 December 2021",
        "8 November – 12, 2021",
        "2022 liepos 4-8 2023",
        "2021-11-08 – 12 Nov",
        "21-02 2020",
        "21/02/2020-03/03/20",
        "2022 m. m. liepos 4 d.",
        "liepos m. 4 d.",
        "8–12 Novembre 2021",
    ] {
        assert_eq!(
            Period::read(text),
            Err(PeriodProblem::Unreadable),
            "{text:?}"
        );
    }
}

#[test]
fn impossible_days_and_reversed_halves_say_so() {
    assert_eq!(
        Period::read("31 February 2021"),
        Err(PeriodProblem::ImpossibleDate)
    );
    assert_eq!(
        Period::read("8–31 November 2021"),
        Err(PeriodProblem::ImpossibleDate)
    );
    assert_eq!(
        Period::read("2021 m. vasario 29 d."),
        Err(PeriodProblem::ImpossibleDate)
    );
    assert_eq!(
        Period::read("21/13/2020"),
        Err(PeriodProblem::ImpossibleDate)
    );
    assert_eq!(
        Period::read("12–8 November 2021"),
        Err(PeriodProblem::EndBeforeStart)
    );
    assert_eq!(
        Period::read("2022 m. liepos 8–4 d."),
        Err(PeriodProblem::EndBeforeStart)
    );
    assert_eq!(
        Period::read("12 November 2021 – 8 November 2021"),
        Err(PeriodProblem::EndBeforeStart)
    );
    assert_eq!(read("29 February 2020"), "2020-02-29..2020-02-29");
}

#[test]
fn readings_that_disagree_are_unreadable() {
    // No form now gives one text two periods; if one ever did, neither is taken.
    let a = Period::parse("8 November 2021").unwrap();
    let b = Period::parse("9 November 2021").unwrap();
    assert_eq!(agreed(vec![Ok(a), Ok(a)]), Ok(a));
    assert_eq!(agreed(vec![Ok(a), Ok(b)]), Err(PeriodProblem::Unreadable));
    assert_eq!(
        agreed(vec![Ok(a), Err(PeriodProblem::ImpossibleDate)]),
        Err(PeriodProblem::Unreadable)
    );
    assert_eq!(agreed(Vec::new()), Err(PeriodProblem::Unreadable));
}

#[test]
fn problems_read_as_short_phrases() {
    assert_eq!(
        PeriodProblem::Unreadable.to_string(),
        "not a date form bireport reads"
    );
    assert_eq!(PeriodProblem::ImpossibleDate.to_string(), "no such date");
    assert_eq!(
        PeriodProblem::EndBeforeStart.to_string(),
        "the end comes before the start"
    );
}

mod properties {
    use proptest::prelude::*;
    use time::{Date, Duration, Month};

    use super::super::{Period, PeriodProblem};

    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const GENITIVE: [&str; 12] = [
        "sausio",
        "vasario",
        "kovo",
        "balandžio",
        "gegužės",
        "birželio",
        "liepos",
        "rugpjūčio",
        "rugsėjo",
        "spalio",
        "lapkričio",
        "gruodžio",
    ];
    const NOMINATIVE: [&str; 12] = [
        "sausis",
        "vasaris",
        "kovas",
        "balandis",
        "gegužė",
        "birželis",
        "liepa",
        "rugpjūtis",
        "rugsėjis",
        "spalis",
        "lapkritis",
        "gruodis",
    ];
    const LITHUANIAN_SHORT: [&str; 12] = [
        "saus", "vas", "kov", "bal", "geg", "birž", "liep", "rugpj", "rugs", "spal", "lapkr",
        "gruod",
    ];
    const DASHES: [&str; 7] = ["-", "–", "—", "‒", "−", "to", "iki"];

    /// How one rendering spells what a form leaves open; each field an index into
    /// the choices, drawn at random.
    #[derive(Debug, Clone)]
    struct Spelling {
        english: usize,
        lithuanian: usize,
        ascii: bool,
        case: usize,
        year_mark: usize,
        day_mark: usize,
        month_mark: bool,
        ordinal: bool,
        comma: bool,
        spaced: bool,
        padded: bool,
        trailing: usize,
    }

    fn spelling() -> impl Strategy<Value = Spelling> {
        (
            (
                0..4usize,
                0..4usize,
                any::<bool>(),
                0..3usize,
                0..3usize,
                0..3usize,
            ),
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            ),
            0..3usize,
        )
            .prop_map(
                |(
                    (english, lithuanian, ascii, case, year_mark, day_mark),
                    (month_mark, ordinal, comma, spaced, padded),
                    trailing,
                )| Spelling {
                    english,
                    lithuanian,
                    ascii,
                    case,
                    year_mark,
                    day_mark,
                    month_mark,
                    ordinal,
                    comma,
                    spaced,
                    padded,
                    trailing,
                },
            )
    }

    /// A day from 2000 to 2035, often a late-December one so that periods cross the
    /// new year.
    fn start_day() -> impl Strategy<Value = Date> {
        let first = Date::from_calendar_date(2000, Month::January, 1).unwrap();
        let last = Date::from_calendar_date(2035, Month::December, 31).unwrap();
        prop_oneof![
            (first.to_julian_day()..=last.to_julian_day())
                .prop_map(|day| Date::from_julian_day(day).unwrap()),
            (2000..=2035i32, 1..=31u8).prop_map(|(year, day)| {
                Date::from_calendar_date(year, Month::December, day).unwrap()
            }),
        ]
    }

    fn period() -> impl Strategy<Value = Period> {
        (start_day(), 0..=60i64).prop_map(|(start, days)| Period {
            start,
            end: start + Duration::days(days),
        })
    }

    fn english_name(month: usize, s: &Spelling) -> String {
        let full = ENGLISH[month - 1];
        match s.english {
            0 => full.to_string(),
            1 => full[..3].to_string(),
            2 => format!("{}.", &full[..3]),
            _ if month == 9 => "Sept.".to_string(),
            _ => full.to_lowercase(),
        }
    }

    fn lithuanian_name(month: usize, s: &Spelling) -> String {
        let name = match s.lithuanian {
            0 => GENITIVE[month - 1].to_string(),
            1 => NOMINATIVE[month - 1].to_string(),
            2 => LITHUANIAN_SHORT[month - 1].to_string(),
            _ => format!("{}.", LITHUANIAN_SHORT[month - 1]),
        };
        let name = if s.ascii {
            without_lithuanian_letters(&name)
        } else {
            name
        };
        if s.month_mark {
            format!("{name} mėn.")
        } else {
            name
        }
    }

    fn without_lithuanian_letters(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                'ą' => 'a',
                'č' => 'c',
                'ę' | 'ė' => 'e',
                'į' => 'i',
                'š' => 's',
                'ų' | 'ū' => 'u',
                'ž' => 'z',
                c => c,
            })
            .collect()
    }

    fn ordinal(day: u8) -> &'static str {
        match (day % 10, day % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        }
    }

    /// Every form of the period, with each dash, in the spelling drawn.
    fn renderings(period: Period, s: &Spelling) -> Vec<String> {
        let (sy, sm, sd) = parts(period.start);
        let (ey, em, ed) = parts(period.end);
        let same_month = sy == ey && sm == em;
        // With at most 60 days, a half's year is always the other's or next to it,
        // so either half may leave it out; checked anyway, as the rule reads.
        let start_year_implied = (sy == ey && sm <= em) || (sy + 1 == ey && sm > em);
        let end_year_implied = start_year_implied;

        let en_day = |d: u8| {
            if s.ordinal {
                format!("{d}{}", ordinal(d))
            } else {
                d.to_string()
            }
        };
        let (sdn, edn) = (en_day(sd), en_day(ed));
        let (sen, een) = (english_name(sm, s), english_name(em, s));
        let (slt, elt) = (lithuanian_name(sm, s), lithuanian_name(em, s));
        let comma = if s.comma { "," } else { "" };
        let year_mark = ["", " m.", "m."][s.year_mark];
        let day_mark = ["", " d.", "d."][s.day_mark];
        let lt_year = |y: i32| format!("{y}{year_mark} ");
        let lt_day = |d: u8| format!("{d}{day_mark}");
        let num = |n: u8| {
            if s.padded {
                format!("{n:02}")
            } else {
                n.to_string()
            }
        };

        let mut texts = Vec::new();
        for dash in DASHES {
            let d = if dash.len() == 2 || dash == "iki" || s.spaced {
                format!(" {dash} ")
            } else {
                dash.to_string()
            };
            // English, day first.
            texts.push(format!("{sdn} {sen} {sy}{d}{edn} {een} {ey}"));
            if start_year_implied {
                texts.push(format!("{sdn} {sen}{d}{edn} {een} {ey}"));
            }
            if end_year_implied {
                texts.push(format!("{sdn} {sen} {sy}{d}{edn} {een}"));
            }
            if same_month {
                texts.push(format!("{sdn}{d}{edn} {een} {ey}"));
            }
            // English, month first.
            texts.push(format!("{sen} {sdn}{comma} {sy}{d}{een} {edn}{comma} {ey}"));
            if start_year_implied {
                texts.push(format!("{sen} {sdn}{d}{een} {edn}{comma} {ey}"));
            }
            if same_month {
                texts.push(format!("{sen} {sdn}{d}{edn}{comma} {ey}"));
            }
            // Lithuanian.
            let (ly, lsd, led) = (lt_year(sy), lt_day(sd), lt_day(ed));
            texts.push(format!("{ly}{slt} {lsd}{d}{}{elt} {led}", lt_year(ey)));
            if end_year_implied {
                texts.push(format!("{ly}{slt} {lsd}{d}{elt} {led}"));
            }
            if start_year_implied {
                texts.push(format!("{slt} {lsd}{d}{}{elt} {led}", lt_year(ey)));
            }
            if same_month {
                texts.push(format!("{ly}{slt} {sd}{d}{led}"));
                texts.push(format!("{ly}{slt} {lsd}{d}{led}"));
                for sep in ["/", ".", "-"] {
                    texts.push(format!(
                        "{}{d}{}{sep}{}{sep}{ey}",
                        num(sd),
                        num(ed),
                        num(em as u8)
                    ));
                    texts.push(format!("{sy}{sep}{:02}{sep}{:02}{d}{}", sm, sd, num(ed)));
                }
            }
            // Numeric.
            for sep in ["/", ".", "-"] {
                let (sd2, sm2, ed2, em2) = (num(sd), num(sm as u8), num(ed), num(em as u8));
                texts.push(format!(
                    "{sd2}{sep}{sm2}{sep}{sy}{d}{ed2}{sep}{em2}{sep}{ey}"
                ));
                texts.push(format!(
                    "{sy}{sep}{:02}{sep}{:02}{d}{ey}{sep}{:02}{sep}{:02}",
                    sm, sd, em, ed
                ));
                if sep != "-" && start_year_implied {
                    texts.push(format!("{sd2}{sep}{sm2}{d}{ed2}{sep}{em2} {ey}"));
                    texts.push(format!("{sd2}{sep}{sm2}{d}{ed2}{sep}{em2}{sep}{ey}"));
                }
                if sep != "-" && end_year_implied {
                    texts.push(format!("{sd2}{sep}{sm2}{sep}{sy}{d}{ed2}{sep}{em2}"));
                }
            }
        }
        finished(texts, s)
    }

    /// Every form of one day, in the spelling drawn.
    fn day_renderings(day: Date, s: &Spelling) -> Vec<String> {
        let (y, m, d) = parts(day);
        let english_day = if s.ordinal {
            format!("{d}{}", ordinal(d))
        } else {
            d.to_string()
        };
        let (en, lt) = (english_name(m, s), lithuanian_name(m, s));
        let comma = if s.comma { "," } else { "" };
        let year_mark = ["", " m.", "m."][s.year_mark];
        let day_mark = ["", " d.", "d."][s.day_mark];
        let num = |n: usize| {
            if s.padded {
                format!("{n:02}")
            } else {
                n.to_string()
            }
        };
        let mut texts = vec![
            format!("{english_day} {en} {y}"),
            format!("{en} {english_day}{comma} {y}"),
            format!("{y}{year_mark} {lt} {d}{day_mark}"),
            format!("{y} {lt} {d}"),
            format!("{}/{} {y}", num(usize::from(d)), num(m)),
        ];
        for sep in ["/", ".", "-"] {
            texts.push(format!("{}{sep}{}{sep}{y}", num(usize::from(d)), num(m)));
            texts.push(format!("{y}{sep}{m:02}{sep}{d:02}"));
        }
        finished(texts, s)
    }

    /// The texts with the trailing punctuation and the letter case drawn.
    fn finished(texts: Vec<String>, s: &Spelling) -> Vec<String> {
        let trailing = ["", ".", ","][s.trailing];
        texts
            .into_iter()
            .map(|text| {
                let text = format!("{text}{trailing}");
                match s.case {
                    0 => text,
                    1 => text.to_lowercase(),
                    _ => text.to_uppercase(),
                }
            })
            .collect()
    }

    /// Every rendering of the period and of its first and last day alone, each with
    /// the period it writes.
    fn all_renderings(period: Period, s: &Spelling) -> Vec<(String, Period)> {
        let mut all: Vec<(String, Period)> = renderings(period, s)
            .into_iter()
            .map(|text| (text, period))
            .collect();
        for day in [period.start, period.end] {
            let single = Period {
                start: day,
                end: day,
            };
            all.extend(
                day_renderings(day, s)
                    .into_iter()
                    .map(|text| (text, single)),
            );
        }
        all
    }

    fn parts(date: Date) -> (i32, usize, u8) {
        (date.year(), usize::from(u8::from(date.month())), date.day())
    }

    /// Words no form uses (none starts with a letter a month name or marker starts
    /// with), numbers that can be neither a day nor a year's place, and known junk.
    fn junk() -> impl Strategy<Value = String> {
        prop_oneof![
            "[cehpquwxyzCEHPQUWXYZ][a-zA-Z]{0,8}",
            "[0-9]{1,3}",
            "[0-9]{5,7}",
            Just("TBD".to_string()),
            Just("spring".to_string()),
            Just("Movember".to_string()),
            Just("approx.".to_string()),
            Just("pavasaris".to_string()),
            Just("May".to_string()),
            Just("(2 weeks)".to_string()),
            Just("to".to_string()),
            Just("m.".to_string()),
            Just("–".to_string()),
            Just("rug.".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn every_form_reads_back_its_period(period in period(), s in spelling()) {
            for (text, written) in all_renderings(period, &s) {
                prop_assert_eq!(Period::read(&text), Ok(written), "{:?}", text);
            }
        }

        #[test]
        fn junk_around_a_period_makes_it_unreadable(
            period in period(),
            s in spelling(),
            junk in junk(),
            before in any::<bool>(),
        ) {
            for (text, _) in all_renderings(period, &s) {
                let text = if before { format!("{junk} {text}") } else { format!("{text} {junk}") };
                prop_assert_eq!(Period::read(&text), Err(PeriodProblem::Unreadable), "{:?}", text);
            }
        }
    }
}
