//! PDF files: the text layer in reading order, turned back into the lines a text report
//! has. The parsing is `pdf_oxide`'s; what is done here is what a search index needs of a
//! printed page: lines wrapped to the page are joined into their paragraph again (a word
//! hyphenated at a line end whole again), running headers and footers and page numbers are
//! dropped, ligatures are spelled out and letters composed (NFC), so `efﬁcient` and an `ė`
//! written as `e` + dot are searched like any other word.
//!
//! A PDF that cannot give its text is refused with a reason a person can act on: a scan
//! (no text layer), a damaged or truncated file, one that needs a password, one whose
//! fonts map their glyphs to no letters.

mod layout;

use pdf_oxide::PdfDocument;
use unicode_normalization::UnicodeNormalization;

use super::decode::{normalize_newlines, NotText};

/// How much of a file's end is searched for its `%%EOF` marker (writers may append a few
/// bytes after it).
const EOF_WINDOW: usize = 1024;

/// The text of a PDF file's bytes.
pub fn to_text(bytes: &[u8]) -> Result<String, NotText> {
    let unreadable = |why: String| NotText::Unreadable(why);
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(unreadable(
            "damaged PDF (it ends before its end-of-file marker: truncated?)".to_string(),
        ));
    }
    let document = PdfDocument::from_bytes(bytes.to_vec())
        .map_err(|err| unreadable(format!("damaged PDF ({err})")))?;
    // A file that only restricts printing or copying opens with the empty password (the
    // library tries it); one that needs a real password stays locked.
    if document.is_encrypted() && !document.is_authenticated() {
        return Err(unreadable(
            "encrypted PDF (it needs a password to open)".to_string(),
        ));
    }
    let page_count = document
        .page_count()
        .map_err(|err| unreadable(format!("damaged PDF ({err})")))?;
    if page_count == 0 {
        return Err(unreadable("damaged PDF (it has no pages)".to_string()));
    }
    let mut pages = Vec::with_capacity(page_count);
    for index in 0..page_count {
        let mut spans = document
            .extract_spans(index)
            .map_err(|err| unreadable(format!("damaged PDF (page {}: {err})", index + 1)))?;
        in_writing_order(&mut spans);
        let page_width = document
            .get_page_media_box(index)
            .map_or(0.0, |(left, _, right, _)| (right - left).abs());
        pages.push(page_lines(
            page_width,
            spans.iter().map(|span| Piece {
                text: &span.text,
                left: span.bbox.x,
                bottom: span.bbox.y,
                width: span.bbox.width,
                size: span.font_size,
            }),
        ));
    }
    if pages.iter().all(|page| page.is_empty()) {
        return Err(unreadable(
            "no text layer (scanned? run OCR first)".to_string(),
        ));
    }
    let text = layout::text(pages);
    check_letters(&text)?;
    let text = normalize_newlines(&text).into_owned();
    if text.trim().is_empty() {
        return Err(NotText::Blank);
    }
    Ok(text)
}

/// Puts a page's spans in the order the writer drew them, when that order reads down the
/// page. The library's own reading order guesses columns from where text starts, and takes
/// a label and its value set at a tab stop (`Įgyvendinimo periodas:` … `21/02-03/03
/// 2020`) for two columns, moving every value below the page's text; writers draw a
/// report in reading order. A writer whose order jumps up the page more than a column
/// break would (one that draws all bold text first, say) keeps the library's order.
fn in_writing_order(spans: &mut [pdf_oxide::layout::TextSpan]) {
    let mut drawn: Vec<&pdf_oxide::layout::TextSpan> = spans.iter().collect();
    drawn.sort_by_key(|span| span.sequence);
    let upward_jumps = drawn
        .windows(2)
        .filter(|pair| pair[1].bbox.y - pair[0].bbox.y > 2.0 * pair[0].font_size.max(1.0))
        .count();
    if upward_jumps <= 2.max(spans.len() / 20) {
        spans.sort_by_key(|span| span.sequence);
    }
}

/// A run of text as the library placed it on a page (PDF points, `bottom` up from the
/// page's foot).
struct Piece<'a> {
    text: &'a str,
    left: f32,
    bottom: f32,
    width: f32,
    size: f32,
}

/// The pieces of a page gathered into lines: a piece on the same baseline as the line
/// before it continues that line.
fn page_lines<'a>(page_width: f32, pieces: impl Iterator<Item = Piece<'a>>) -> Vec<layout::Line> {
    let mut lines: Vec<layout::Line> = Vec::new();
    for piece in pieces {
        let text = clean(piece.text);
        if text.trim().is_empty() {
            continue;
        }
        let right = piece.left + piece.width;
        match lines.last_mut() {
            Some(line)
                if (line.bottom - piece.bottom).abs() < piece.size.max(line.size) * 0.5
                    && piece.left >= line.right - piece.size * 0.5 =>
            {
                // A gap wider than a fifth of the type size is a space between words.
                if piece.left - line.right > piece.size * 0.2
                    && !line.text.ends_with(' ')
                    && !text.starts_with(' ')
                {
                    line.text.push(' ');
                }
                line.text.push_str(&text);
                line.right = right;
                line.size = line.size.max(piece.size);
            }
            _ => lines.push(layout::Line {
                text,
                left: piece.left,
                right,
                bottom: piece.bottom,
                size: piece.size,
                page_width,
            }),
        }
    }
    for line in &mut lines {
        let trimmed = line.text.trim();
        if trimmed.len() != line.text.len() {
            line.text = trimmed.to_string();
        }
    }
    lines
}

/// A piece's text as a text file would hold it: ligatures spelled out, letters composed,
/// soft hyphens inside a line dropped (the one at a line's end is kept for joining).
fn clean(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let spelled: String = text
        .chars()
        .flat_map(|c| {
            let ligature: &'static str = match c {
                '\u{FB00}' => "ff",
                '\u{FB01}' => "fi",
                '\u{FB02}' => "fl",
                '\u{FB03}' => "ffi",
                '\u{FB04}' => "ffl",
                '\u{FB05}' | '\u{FB06}' => "st",
                _ => "",
            };
            let single = if ligature.is_empty() { Some(c) } else { None };
            ligature.chars().chain(single)
        })
        .collect();
    let composed = match unicode_normalization::is_nfc_quick(spelled.chars()) {
        unicode_normalization::IsNormalized::Yes => spelled,
        _ => spelled.nfc().collect(),
    };
    let end = composed.trim_end();
    match end.strip_suffix('\u{AD}') {
        Some(head) => format!("{}-", head.replace('\u{AD}', "")),
        None => composed.replace('\u{AD}', ""),
    }
}

/// Refuses text whose fonts map glyphs to no letters: a file where most of the text is
/// replacement characters or private-use code points reads as noise, and indexing noise
/// would hide that the file was never searchable.
fn check_letters(text: &str) -> Result<(), NotText> {
    let (mut letters, mut unmapped) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            unmapped += 1;
        } else {
            letters += 1;
        }
    }
    if unmapped > 0 && unmapped * 5 > letters + unmapped {
        return Err(NotText::Unreadable(
            "text layer unreadable (its fonts map their glyphs to no letters; run OCR first)"
                .to_string(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_spelled_and_composed_as_a_text_file_holds_it() {
        assert_eq!(clean("e\u{FB03}cient \u{FB02}ow"), "efficient flow");
        let decomposed = "Jone\u{307}s ir u\u{328}kis, S\u{30C}iauliai";
        assert_eq!(clean(decomposed), "Jonės ir ųkis, Šiauliai");
        assert_eq!(clean("bendra\u{AD}darbia\u{AD}"), "bendradarbia-");
        assert_eq!(clean("Partner: Oslo"), "Partner: Oslo");
    }

    #[test]
    fn glyphs_mapped_to_no_letters_are_refused() {
        assert!(check_letters("Partneris: Kauno klubas").is_ok());
        assert!(check_letters("Partneris: Kauno klubas \u{FFFD}").is_ok());
        let noise: String = "\u{E001}\u{E002}\u{E003} ab".into();
        let err = check_letters(&noise).unwrap_err();
        assert!(
            err.to_string().starts_with("text layer unreadable"),
            "{err}"
        );
    }

    #[test]
    fn what_is_not_a_whole_pdf_says_why() {
        let err = to_text(b"%PDF-1.4\n1 0 obj\n<<").unwrap_err();
        assert!(err.to_string().contains("truncated?"), "{err}");
        let err = to_text(b"%PDF-1.4\ngarbage\n%%EOF\n").unwrap_err();
        assert!(err.to_string().starts_with("damaged PDF"), "{err}");
    }
}
