//! Word documents (`.docx`): the text of `word/document.xml`, paragraphs as lines, tabs
//! and line breaks kept, and each table row on a line of its own (its cells joined by a
//! space), so a report's `Partner:` and `Implementation period:` lines read as in a text
//! file. Other Office files, and zip archives that only look like one, are refused with a
//! reason.

use std::io::{Cursor, Read};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::decode::{normalize_newlines, NotText};

/// The most text a document may unpack to: a zip bomb is refused, not unpacked.
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;

/// The text of a Word document's bytes.
pub fn to_text(bytes: &[u8]) -> Result<String, NotText> {
    let unreadable = |why: String| NotText::Unreadable(why);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| {
        unreadable(format!(
            "not a Word document (not a readable zip archive: {err})"
        ))
    })?;
    let mut entry = archive.by_name("word/document.xml").map_err(|_| {
        unreadable("not a Word document (the archive has no word/document.xml)".to_string())
    })?;
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|err| unreadable(format!("damaged Word document ({err})")))?;
    let text =
        document_text(&xml).map_err(|err| unreadable(format!("damaged Word document ({err})")))?;
    let text = normalize_newlines(&text).into_owned();
    if text.trim().is_empty() {
        return Err(NotText::Blank);
    }
    Ok(text)
}

/// The text of `word/document.xml`.
fn document_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    let mut text = String::new();
    let mut in_text = false;
    // Table cells open: a paragraph in a cell ends with a space, not a line.
    let mut cells = 0usize;
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer)? {
            Event::Start(tag) => match tag.local_name().as_ref() {
                b"t" => in_text = true,
                b"tc" => cells += 1,
                _ => {}
            },
            Event::Empty(tag) => match tag.local_name().as_ref() {
                b"tab" => text.push('\t'),
                b"br" | b"cr" => text.push('\n'),
                _ => {}
            },
            Event::End(tag) => match tag.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" if cells > 0 => text.push(' '),
                b"p" => text.push('\n'),
                b"tc" => cells = cells.saturating_sub(1),
                b"tr" => {
                    let trimmed = text.trim_end_matches(' ').len();
                    text.truncate(trimmed);
                    text.push('\n');
                }
                _ => {}
            },
            Event::Text(content) if in_text => {
                text.push_str(&content.xml10_content().map_err(quick_xml::Error::from)?);
            }
            Event::GeneralRef(reference) if in_text => match reference.resolve_char_ref()? {
                Some(c) => text.push(c),
                None => {
                    let name = String::from_utf8_lossy(&reference);
                    text.push_str(resolve_predefined_entity(&name).unwrap_or(""));
                }
            },
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tabs_breaks_and_table_rows() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Partneris: </w:t></w:r><w:r><w:t xml:space="preserve">Šiaurės &amp; ligoninė</w:t></w:r></w:p>
            <w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Įgyvendinimo periodas:</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>21/02-03/03 2020</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        assert_eq!(
            document_text(xml.as_bytes()).unwrap(),
            "Partneris: Šiaurės & ligoninė\na\tb\nc\nĮgyvendinimo periodas: 21/02-03/03 2020\n"
        );
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        let err = to_text(b"PK\x03\x04 not really").unwrap_err();
        assert!(err.to_string().starts_with("not a Word document"), "{err}");
    }
}
