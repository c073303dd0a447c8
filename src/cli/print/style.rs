//! Styles and wrapping: ANSI colour when asked for, and text wrapped to a width with
//! highlighted byte ranges kept whole.

/// ANSI styles, or none.
pub struct Style {
    pub color: bool,
}

/// What an index holds: `11 records from 5 files in DIR`.
pub fn holding(records: usize, files: usize, index_dir: &std::path::Path) -> String {
    format!(
        "{} from {} in {}",
        counted(records, "record", "records"),
        counted(files, "file", "files"),
        index_dir.display()
    )
}

/// `n` and the noun that goes with it: `1 segment`, `4 segments`.
pub fn counted(n: impl TryInto<u64> + std::fmt::Display + Copy, one: &str, many: &str) -> String {
    match n.try_into() {
        Ok(1) => format!("1 {one}"),
        _ => format!("{n} {many}"),
    }
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        // Nothing to paint: no codes around it either.
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    pub fn id(&self, text: &str) -> String {
        self.paint("1;35", text)
    }
    pub fn highlight(&self, text: &str) -> String {
        self.paint("1;31", text)
    }
}

/// Word-wraps `text` (highlight byte ranges given) to `width` visible columns.
pub fn wrap_highlighted(
    text: &str,
    highlights: &[[usize; 2]],
    width: usize,
    style: &Style,
) -> Vec<String> {
    // Words with, per word, whether it lies in a highlight.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let lit = highlights.iter().any(|[from, to]| s < *to && i > *from);
                words.push((render_word(&text[s..i], s, highlights, style), lit));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let visible = |w: &str| strip_ansi(w).chars().count();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for (word, _) in words {
        let len = visible(&word);
        if used > 0 && used + 1 + len > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(&word);
        used += len;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One word, with the highlighted parts styled.
fn render_word(word: &str, offset: usize, highlights: &[[usize; 2]], style: &Style) -> String {
    let end = offset + word.len();
    let mut out = String::new();
    let mut at = offset;
    for [from, to] in highlights {
        let (from, to) = ((*from).max(offset), (*to).min(end));
        if from >= to || from < at {
            continue;
        }
        out.push_str(&word[at - offset..from - offset]);
        out.push_str(&style.highlight(&word[from - offset..to - offset]));
        at = to;
    }
    out.push_str(&word[at - offset..]);
    out
}

pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_noun_that_goes_with_them_and_empty_text_gets_no_codes() {
        assert_eq!(counted(1usize, "segment", "segments"), "1 segment");
        assert_eq!(counted(0u64, "segment", "segments"), "0 segments");
        assert_eq!(counted(4u32, "pair", "pairs"), "4 pairs");
        let colour = Style { color: true };
        assert_eq!(colour.dim(""), "");
        assert_eq!(colour.dim("↔"), "\x1b[2m↔\x1b[0m");
    }

    #[test]
    fn wrapping_keeps_words_whole_and_marks_highlights_only_in_colour() {
        let plain = Style { color: false };
        let lines = wrap_highlighted("alpha beta gamma delta", &[[6, 10]], 12, &plain);
        assert_eq!(lines, vec!["alpha beta", "gamma delta"]);
        let colour = Style { color: true };
        let lines = wrap_highlighted("alpha beta gamma delta", &[[6, 10]], 12, &colour);
        assert_eq!(lines, vec!["alpha \x1b[1;31mbeta\x1b[0m", "gamma delta"]);
        assert_eq!(strip_ansi(&lines[0]), "alpha beta");
    }
}
