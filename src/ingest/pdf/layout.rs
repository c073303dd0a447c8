//! From printed lines back to a report's lines: which lines are the page's furniture
//! (running headers and footers, page numbers) and which lines a word processor wrapped
//! and so belong to one paragraph.

use std::collections::HashMap;

/// A line of text on a page, in PDF points (`bottom` up from the page's foot).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub left: f32,
    pub right: f32,
    pub bottom: f32,
    pub size: f32,
    /// The width of its page (0 when the page does not say).
    pub page_width: f32,
}

/// How many lines at a page's top and foot may be its header or footer.
const MARGIN_LINES: usize = 2;

/// The text of the pages' lines: furniture dropped, wrapped lines joined into paragraphs,
/// a paragraph a line, a blank line where the page leaves a gap between paragraphs.
pub fn text(mut pages: Vec<Vec<Line>>) -> String {
    drop_furniture(&mut pages);
    let lines: Vec<(bool, &Line)> = pages
        .iter()
        .flat_map(|page| page.iter().enumerate().map(|(i, line)| (i == 0, line)))
        .collect();
    let Some(measure) = Measure::of(lines.iter().map(|(_, line)| *line)) else {
        return String::new();
    };
    let mut text = String::new();
    let mut previous: Option<&Line> = None;
    for (starts_page, line) in lines {
        if let Some(before) = previous {
            match measure.between(before, line, starts_page) {
                Break::Wrapped => join_wrapped(&mut text, &line.text),
                Break::Line => {
                    text.push('\n');
                    text.push_str(&line.text);
                }
                Break::Paragraph => {
                    text.push_str("\n\n");
                    text.push_str(&line.text);
                }
            }
        } else {
            text.push_str(&line.text);
        }
        previous = Some(line);
    }
    text.push('\n');
    text
}

/// Appends a wrapped line to its paragraph: a word hyphenated at the line's end is made
/// whole again when the line goes on in the word's case (`įgyvendi-` + `nimo`,
/// `ORGANISAT-` + `IONS`); a hyphen before a capital or a digit is kept (`LT10-` + `0012`,
/// `Jonava-` + `Vilnius`).
fn join_wrapped(text: &mut String, line: &str) {
    let next = line.chars().next();
    let mut tail = text.chars().rev();
    let hyphenated = matches!(tail.next(), Some('-' | '\u{2010}'));
    let before = tail.next();
    // A word goes on in the same case: `įgyvendi-` + `nimo`, `ORGANISAT-` + `IONS`.
    let split_word = match (before, next) {
        (Some(before), Some(next)) if before.is_alphabetic() => {
            next.is_lowercase() || (before.is_uppercase() && next.is_uppercase())
        }
        _ => false,
    };
    if hyphenated && split_word {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

/// How one line follows another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// The same paragraph, wrapped by the writer.
    Wrapped,
    /// A new line with no gap before it.
    Line,
    /// A new paragraph after a gap.
    Paragraph,
}

/// The document's usual line spacing and text width, against which each break is judged.
struct Measure {
    /// The commonest distance between baselines of consecutive lines.
    leading: f32,
    /// The right edge of the text column: where the longest lines end.
    right: f32,
    /// The average width of a character per point of type size.
    char_width: f32,
}

impl Measure {
    fn of<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<Measure> {
        let mut spacings: HashMap<i32, usize> = HashMap::new();
        let mut previous: Option<&Line> = None;
        let (mut chars, mut width_per_point) = (0usize, 0f32);
        let mut rights = Vec::new();
        for line in lines {
            if let Some(before) = previous {
                let spacing = before.bottom - line.bottom;
                if spacing > 0.0 {
                    *spacings.entry(spacing.round() as i32).or_default() += 1;
                }
            }
            let count = line.text.chars().count();
            if count > 0 && line.size > 0.0 {
                chars += count;
                width_per_point += (line.right - line.left) / line.size;
            }
            rights.push(line.right);
            previous = Some(line);
        }
        if rights.is_empty() {
            return None;
        }
        let leading = spacings
            .into_iter()
            .max_by_key(|&(spacing, count)| (count, -spacing))
            .map_or(0.0, |(spacing, _)| spacing as f32);
        // The column's edge: the 90th percentile of line ends, so one line that runs into
        // the margin does not move it.
        rights.sort_by(f32::total_cmp);
        let right = rights[(rights.len() - 1) * 9 / 10];
        let char_width = if chars > 0 {
            width_per_point / chars as f32
        } else {
            0.5
        };
        Some(Measure {
            leading,
            right,
            char_width,
        })
    }

    /// How `line` follows `before` (`starts_page`: `line` is the first on its page, so the
    /// gap between them says nothing).
    fn between(&self, before: &Line, line: &Line, starts_page: bool) -> Break {
        let gap = before.bottom - line.bottom;
        let gapped = !starts_page && self.leading > 0.0 && gap > self.leading * 1.3;
        let same_line_or_next = starts_page || gap > 0.0;
        if !same_line_or_next {
            // A line above the one before (a second column, a sidebar): its own paragraph.
            return Break::Paragraph;
        }
        // The writer wrapped `before` when the first word of `line` would not have fitted
        // after it; had it fitted, `before` ended where its writer ended it.
        let first_word = line.text.split(' ').next().unwrap_or("");
        let room = self.right - before.right;
        let needed = (first_word.chars().count() + 1) as f32 * self.char_width * line.size;
        // A line that stops short of the page's middle third was not wrapped, however
        // short its column (a page of facts, a title).
        let reaches_across = before.page_width <= 0.0 || before.right >= before.page_width * 0.6;
        let wrapped =
            room < needed && reaches_across && (line.left - before.left).abs() < line.size * 1.5;
        match (gapped, wrapped) {
            (false, true) => Break::Wrapped,
            (false, false) => Break::Line,
            (true, _) => Break::Paragraph,
        }
    }
}

/// Removes running headers and footers (a line at a page's top or foot that repeats on
/// at least half the pages, its digits aside) and page numbers (`3`, `3 / 12`, `Page 3 of
/// 12`, `3 psl.`, `— 3 —` at a page's top or foot).
fn drop_furniture(pages: &mut [Vec<Line>]) {
    // The highest and the lowest lines on the page, wherever the writer drew them.
    let margin = |page: &Vec<Line>| -> Vec<usize> {
        let mut by_height: Vec<usize> = (0..page.len()).collect();
        by_height.sort_by(|&a, &b| page[b].bottom.total_cmp(&page[a].bottom));
        let n = by_height.len();
        let mut at: Vec<usize> = by_height[..n.min(MARGIN_LINES)].to_vec();
        at.extend_from_slice(&by_height[n.saturating_sub(MARGIN_LINES).max(at.len())..]);
        at.sort_unstable();
        at
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut on_page: Vec<String> = margin(page)
            .into_iter()
            .map(|i| shape(&page[i].text))
            .collect();
        on_page.sort();
        on_page.dedup();
        for key in on_page {
            *seen.entry(key).or_default() += 1;
        }
    }
    let page_count = pages.len();
    let repeats = |text: &str| {
        page_count >= 2
            && seen
                .get(&shape(text))
                .is_some_and(|&n| n * 2 >= page_count && n >= 2)
    };
    let body_size = commonest_size(pages);
    for page in pages.iter_mut() {
        let drop: Vec<usize> = margin(page)
            .into_iter()
            .filter(|&i| {
                repeats(&page[i].text)
                    || is_page_number(&page[i].text)
                    || is_running_head(page, i, body_size)
            })
            .collect();
        for i in drop.into_iter().rev() {
            page.remove(i);
        }
    }
}

/// The type size most of the text is set in.
fn commonest_size(pages: &[Vec<Line>]) -> f32 {
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for line in pages.iter().flatten() {
        *sizes.entry((line.size * 10.0).round() as i32).or_default() += line.text.len();
    }
    sizes
        .into_iter()
        .max_by_key(|&(size, count)| (count, size))
        .map_or(0.0, |(size, _)| size as f32 / 10.0)
}

/// True when line `at` is set apart as a running head even where no other page repeats it
/// (a one-page report): the page's highest line, smaller than the body type and standing
/// off from every line below it by more than two body lines.
fn is_running_head(page: &[Line], at: usize, body_size: f32) -> bool {
    let head = &page[at];
    let below = page
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, line)| line.bottom)
        .max_by(f32::total_cmp);
    match below {
        Some(next) => {
            head.size < body_size * 0.9
                && head.bottom > next
                && head.bottom - next > body_size * 2.2
        }
        None => false,
    }
}

/// A line with its digits made alike, so `Page 3` and `Page 4` repeat.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// True for a line that is only a page number, with the words and marks pages carry.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, '/' | '—' | '–' | '-' | '|' | '(' | ')' | '[' | ']' | '.')
        })
        .filter(|w| !w.is_empty());
    let mut numbers = 0;
    words.all(|word| {
        if word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 5 {
            numbers += 1;
            true
        } else {
            matches!(word, "page" | "p" | "of" | "puslapis" | "psl" | "iš" | "is")
        }
    }) && (1..=2).contains(&numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, bottom: f32, right: f32) -> Line {
        Line {
            text: text.to_string(),
            left: 56.0,
            right,
            bottom,
            size: 10.0,
            page_width: 595.0,
        }
    }

    #[test]
    fn wrapped_lines_join_and_hyphenated_words_are_whole_again() {
        let page = vec![
            line(
                "Partneris: Kauno miesto savivaldybės administracija ir",
                760.0,
                530.0,
            ),
            line("Norvegijos sveikatos institutas (Norvegija)", 747.0, 300.0),
            line("Santrauka:", 727.0, 110.0),
            line(
                "Projekto metu buvo surengti mokymai ir patirties įgyvendi-",
                707.0,
                528.0,
            ),
            line("nimo seminarai; numeris LT10-", 694.0, 529.0),
            line("0012 ir Jonava-", 681.0, 527.0),
            line("Vilnius. NEVYRIAUSYBINĖS ORGANIZA-", 668.0, 527.0),
            line("CIJOS.", 655.0, 100.0),
            line("Įgyvendinimo periodas: 21/02-03/03 2020", 642.0, 260.0),
        ];
        assert_eq!(
            text(vec![page]),
            "Partneris: Kauno miesto savivaldybės administracija ir Norvegijos sveikatos institutas (Norvegija)\n\n\
             Santrauka:\n\n\
             Projekto metu buvo surengti mokymai ir patirties įgyvendinimo seminarai; numeris LT10- 0012 ir Jonava- Vilnius. NEVYRIAUSYBINĖS ORGANIZACIJOS.\n\
             Įgyvendinimo periodas: 21/02-03/03 2020\n"
        );
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let page = |n: usize, body: &str| {
            vec![
                line("Aktyvių piliečių fondas · Ataskaita 2020", 800.0, 300.0),
                line(body, 760.0, 200.0),
                line(&format!("Puslapis {n} iš 3"), 40.0, 320.0),
            ]
        };
        let pages = vec![page(1, "Pirmas."), page(2, "Antras."), page(3, "Trečias.")];
        assert_eq!(text(pages), "Pirmas.\nAntras.\nTrečias.\n");
        // On a single page, a head set smaller and apart from the text is furniture too.
        let mut head = line("Aktyvių piliečių fondas", 800.0, 300.0);
        head.size = 8.0;
        let partner = "Partneris: Norvegijos raudonasis kryžius (Norvegija)";
        let one = vec![head.clone(), line(partner, 770.0, 350.0)];
        assert_eq!(text(vec![one]), format!("{partner}\n"));
        let close = vec![head, line(partner, 790.0, 350.0)];
        assert_eq!(
            text(vec![close]),
            format!("Aktyvių piliečių fondas\n{partner}\n")
        );
        for number in ["3", "— 3 —", "3 / 12", "Page 3 of 12", "3 psl.", "- 3 -"] {
            assert!(is_page_number(number), "{number}");
        }
        for not in ["2020 m.", "LT10-0012", "Partner: 3", "1 2 3", ""] {
            assert!(!is_page_number(not), "{not}");
        }
    }

    #[test]
    fn a_line_on_one_page_only_is_kept() {
        let pages = vec![
            vec![
                line("Santrauka", 800.0, 120.0),
                line("Tekstas.", 760.0, 120.0),
            ],
            vec![
                line("Kitas skyrius", 800.0, 120.0),
                line("Daugiau.", 760.0, 120.0),
            ],
        ];
        assert_eq!(
            text(pages),
            "Santrauka\nTekstas.\nKitas skyrius\nDaugiau.\n"
        );
    }
}
