//! Web pages: readable text with the block structure kept (headings, paragraphs, list items
//! and table cells on lines of their own), scripts, styles and navigation dropped, in the
//! encoding the page declares. The conversion is `html2text`'s; this module finds the
//! encoding and gives the converter text it can split into records as it splits text
//! files.

use encoding_rs::Encoding;

use super::decode::{normalize_newlines, NotText};

/// Lines are never wrapped: a record's label and its value must stay on one line.
const NO_WRAP: usize = 100_000;

/// How far into a page its `<meta charset>` is looked for (the HTML standard's 1024).
const CHARSET_PREFIX: usize = 1024;

/// Elements whose text is not report text, hidden by a style rule the converter applies
/// (it drops scripts and styles itself).
const DROPPED: &str = "nav, noscript, template { display: none; }";

/// The readable text of a page's bytes.
pub fn to_text(bytes: &[u8]) -> Result<String, NotText> {
    let (encoding, bom) = Encoding::for_bom(bytes)
        .unwrap_or_else(|| (declared_encoding(bytes).unwrap_or(encoding_rs::UTF_8), 0));
    let (page, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if page.contains('\0') {
        return Err(NotText::Binary);
    }
    let text = html2text::config::plain_no_decorate()
        .add_css(DROPPED)
        .map_err(|err| NotText::Unreadable(format!("cannot be read as html ({err})")))?
        .no_table_borders()
        .no_link_wrapping()
        .string_from_read(page.as_bytes(), NO_WRAP)
        .map_err(|_| NotText::Blank)?;
    let text = plain_lines(&normalize_newlines(&text).replace('\u{a0}', " "));
    if text.trim().is_empty() {
        return Err(NotText::Blank);
    }
    Ok(text)
}

/// The converter's lines as a report's: heading marks (`# `) removed, the padding of table
/// cells collapsed to one space, trailing blanks trimmed.
fn plain_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_end();
        let unmarked = line.trim_start_matches('#');
        let line = match unmarked.strip_prefix(' ') {
            Some(rest) if unmarked.len() < line.len() => rest,
            _ => line,
        };
        let mut words = line.split("  ").map(str::trim).filter(|w| !w.is_empty());
        if let Some(first) = words.next() {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(indent);
            out.push_str(first);
            for word in words {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push('\n');
    }
    out
}

/// The encoding a page declares in its first bytes (`<meta charset="…">`, or the
/// `http-equiv` form's `content="text/html; charset=…"`), if encoding_rs knows it.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head =
        String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_PREFIX)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_scripts_styles_navigation_go() {
        let page = "<!doctype html><html><head><style>p{}</style><script>var x = 1;</script>\
            </head><body><nav><a href='/'>Home</a></nav><h1>Results</h1>\
            <p>Partner: Oslo/Fusion International Film Festival (Norway)</p>\
            <ul><li>one</li><li>two</li></ul>\
            <table><tr><td>Implementation period:</td><td>21/02-03/03 2020</td></tr></table>\
            </body></html>";
        let text = to_text(page.as_bytes()).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            !text.contains("var x") && !text.contains("Home") && !text.contains("p{}"),
            "{text}"
        );
        assert_eq!(lines[0], "Results");
        assert_eq!(
            lines[1],
            "Partner: Oslo/Fusion International Film Festival (Norway)"
        );
        assert!(lines.iter().any(|l| l.contains("one")), "{text}");
        assert!(
            lines.iter().any(|l| l.contains("21/02-03/03 2020")),
            "{text}"
        );
    }

    #[test]
    fn the_declared_encoding_is_used() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" \
            content=\"text/html; charset=windows-1257\"></head><body><p>"
            .to_vec();
        // "Šiaurės" in Windows-1257.
        page.extend_from_slice(&[0xD0, 0x69, 0x61, 0x75, 0x72, 0xEB, 0x73]);
        page.extend_from_slice(b"</p></body></html>");
        assert_eq!(to_text(&page).unwrap().trim(), "Šiaurės");
        let utf8 = "<meta charset=\"utf-8\"><p>Šiaurės</p>";
        assert_eq!(to_text(utf8.as_bytes()).unwrap().trim(), "Šiaurės");
        assert_eq!(to_text(b"<html><body></body></html>"), Err(NotText::Blank));
    }
}
