//! Formats: what kind of document a report file is, by its content first and its name
//! after. A page saved as `.txt` is still HTML; a `.html` file is read as HTML whatever it
//! holds (the converter passes plain text through); a zip archive holding `word/` is a
//! Word document whatever its name; a file that starts with `%PDF-` is a PDF.

use serde::{Deserialize, Serialize};

/// The kind of document a record was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text or Markdown.
    #[default]
    Text,
    /// A web page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// A PDF file.
    Pdf,
}

/// File endings a folder walk takes, by format.
const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("md", Format::Text),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("docx", Format::Docx),
    ("pdf", Format::Pdf),
];

/// How far into a file the content is looked at.
const SNIFF_BYTES: usize = 1024;

impl Format {
    /// The format a file name's ending names, if bireport reads it.
    pub fn of_name(name: &str) -> Option<Format> {
        let (_, extension) = name.rsplit_once('.')?;
        EXTENSIONS
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(extension))
            .map(|(_, format)| *format)
    }

    /// The format of a file named `name` holding `bytes`: what the content says, else what
    /// the name says, else text.
    pub fn of(name: &str, bytes: &[u8]) -> Format {
        // The PDF header may follow a little junk (the format allows it within 1 KB).
        if bytes[..bytes.len().min(SNIFF_BYTES)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Format::Pdf;
        }
        if looks_like_html(bytes) {
            return Format::Html;
        }
        // A zip archive: a Word document if it holds one (its entry names are in the
        // clear near the start), else whatever its name says it is meant to be.
        if bytes.starts_with(b"PK\x03\x04") {
            let head = &bytes[..bytes.len().min(SNIFF_BYTES * 4)];
            if head.windows(5).any(|w| w == b"word/") {
                return Format::Docx;
            }
        }
        Format::of_name(name).unwrap_or_default()
    }

    /// The format's name as `show` and JSON give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// True when a file starts (after a byte-order mark and blank space) with an HTML doctype,
/// an `<html>` tag or an XML declaration followed by one.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.trim_start();
    if rest.starts_with("<?xml") {
        rest = rest
            .split_once("?>")
            .map_or("", |(_, after)| after)
            .trim_start();
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(Format::of("a.txt", b"Partner: X"), Format::Text);
        assert_eq!(Format::of("a.html", b"Partner: X"), Format::Html);
        assert_eq!(
            Format::of("a.txt", b"\xEF\xBB\xBF  <!DOCTYPE html><p>x"),
            Format::Html
        );
        assert_eq!(
            Format::of("saved", b"<?xml version=\"1.0\"?>\n<html>"),
            Format::Html
        );
        assert_eq!(Format::of("a.HTM", b""), Format::Html);
        assert_eq!(Format::of_name("report.PDF"), Some(Format::Pdf));
        assert_eq!(Format::of("report.txt", b"\n%PDF-1.7\n"), Format::Pdf);
        assert_eq!(Format::of_name("report.doc"), None);
        assert_eq!(
            Format::of("r.bin", b"PK\x03\x04....word/document.xml"),
            Format::Docx
        );
        assert_eq!(
            Format::of("r.docx", b"PK\x03\x04....data.csv"),
            Format::Docx
        );
        assert_eq!(Format::of_name("notes.MD"), Some(Format::Text));
    }
}
