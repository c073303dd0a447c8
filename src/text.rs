//! Small text helpers shared by ingest (shortened titles) and the terminal output
//! (shortened partner names), so both cut text the same way.

/// `text` cut at a word boundary to at most `max` characters, ending in `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_word_boundaries() {
        assert_eq!(
            shorten("Drug Free Treatment Unit, Division", 20),
            "Drug Free Treatment…"
        );
        assert_eq!(shorten("short", 20), "short");
        assert_eq!(shorten("Supercalifragilistic", 6), "Super…");
        assert!(shorten(&"word ".repeat(50), 30).chars().count() <= 30);
    }
}
