//! Splitting: where does one record end and the next begin?
//!
//! A line starting with `Partner:`/`Partneris:` (or the plural forms) opens an initiative
//! record that runs to the next such line. Partner lines one under another (blank lines
//! between at most) are one record's partners, each labelled: a record is not opened
//! until the one before it has said something besides its partners. A file without a
//! partner line is a single project record.
//! Lines before the first header (list titles like `Patvirtintos dvišalio bendradarbiavimo
//! iniciatyvos:`) are the file's preamble, not a record. Nothing is dropped: preamble plus
//! blocks are exactly the file's lines, in order.

use crate::record::Kind;

/// Header words that open an initiative record (matched case-insensitively, colon included).
const PARTNER_HEADERS: [&str; 4] = ["partneris:", "partneriai:", "partner:", "partners:"];

/// One record's lines, before field parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// Initiative (partner header) or project page (whole file).
    pub kind: Kind,
    /// The record's lines, the header line first; trailing blank lines removed.
    pub lines: Vec<&'a str>,
}

/// A file cut into records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitFile<'a> {
    /// Lines before the first partner header (empty for project pages).
    pub preamble: Vec<&'a str>,
    /// The records, in file order.
    pub blocks: Vec<Block<'a>>,
}

/// If `line` is a partner header, the text after the header word.
pub fn partner_header(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    PARTNER_HEADERS.iter().find_map(|header| {
        let head = trimmed.get(..header.len())?;
        head.eq_ignore_ascii_case(header)
            .then(|| trimmed[header.len()..].trim())
    })
}

/// Cuts `text` (with `\n` line ends) into records.
pub fn split(text: &str) -> SplitFile<'_> {
    let lines = lines(text);
    let mut header_at: Vec<usize> = Vec::new();
    // Whether the record opened last has had a line besides partner lines.
    let mut said_more = true;
    for (i, line) in lines.iter().enumerate() {
        if partner_header(line).is_some() {
            if said_more {
                header_at.push(i);
                said_more = false;
            }
        } else if !line.trim().is_empty() {
            said_more = true;
        }
    }

    if header_at.is_empty() {
        let lines = trim_blank_edges(&lines);
        if lines.is_empty() {
            return SplitFile::default();
        }
        return SplitFile {
            preamble: Vec::new(),
            blocks: vec![Block {
                kind: Kind::Project,
                lines,
            }],
        };
    }

    let preamble = trim_blank_edges(&lines[..header_at[0]]);
    let blocks = header_at
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = header_at.get(n + 1).copied().unwrap_or(lines.len());
            Block {
                kind: Kind::Initiative,
                lines: trim_blank_edges(&lines[start..end]),
            }
        })
        .collect();
    SplitFile { preamble, blocks }
}

/// The lines of `text`, as `str::lines` gives them, each line end found by `memchr`
/// (`str::lines` calls a byte search and a comparison for every line; a corpus is millions).
fn lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn trim_blank_edges<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].to_vec(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_standard_librarys() {
        // Every text of up to six characters over a letter, line ends and a two-byte letter.
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| ['a', '\n', '\r', 'ą'].map(|c| format!("{text}{c}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            assert_eq!(lines(text), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn partner_headers_open_records_and_the_list_title_is_preamble() {
        let text = "Patvirtintos iniciatyvos:\n\nPartneris: A (Norvegija)\n\nSantrauka:\nx\n\nPartner:\u{a0}B (Norway)\ny\n";
        let split = split(text);
        assert_eq!(split.preamble, vec!["Patvirtintos iniciatyvos:"]);
        assert_eq!(split.blocks.len(), 2);
        assert_eq!(split.blocks[0].lines[0], "Partneris: A (Norvegija)");
        assert_eq!(split.blocks[0].lines.last(), Some(&"x"));
        assert_eq!(split.blocks[1].kind, Kind::Initiative);
    }

    #[test]
    fn partner_lines_one_under_another_are_one_records_partners() {
        let text = "Partneris: Tromsės universitetas (Norvegija)\nPartneris: Akureirio universitetas (Islandija)\n\nSantrauka:\nx\n\nPartneris: C (Norvegija)\n\nPartneris: D (Islandija)\n\nSantrauka:\ny\n";
        let split = split(text);
        assert_eq!(split.blocks.len(), 2);
        assert_eq!(
            split.blocks[0].lines[..2],
            [
                "Partneris: Tromsės universitetas (Norvegija)",
                "Partneris: Akureirio universitetas (Islandija)"
            ]
        );
        assert_eq!(split.blocks[1].lines[0], "Partneris: C (Norvegija)");
        assert_eq!(split.blocks[1].lines[2], "Partneris: D (Islandija)");
        assert_eq!(split.blocks[1].lines.last(), Some(&"y"));
    }

    #[test]
    fn a_file_without_headers_is_one_project_and_blank_files_are_none() {
        let split1 = split("\n\nTITLE\n\nbody\n\n\n");
        assert_eq!(split1.blocks.len(), 1);
        assert_eq!(split1.blocks[0].kind, Kind::Project);
        assert_eq!(split1.blocks[0].lines, vec!["TITLE", "", "body"]);
        assert!(split(" \n\t\n").blocks.is_empty());
    }

    #[test]
    fn header_words_need_their_colon() {
        assert_eq!(partner_header("Partneris: X"), Some("X"));
        assert_eq!(
            partner_header("  PARTNER:\u{a0}Y (Norway)"),
            Some("Y (Norway)")
        );
        assert_eq!(partner_header("Partnership was strong"), None);
        assert_eq!(partner_header("Partneriai"), None);
    }
}
