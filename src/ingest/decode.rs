//! Decoding: which bytes are text, and in which encoding?
//!
//! UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1257 (the Baltic code page
//! of old Windows tools) for anything that is not valid UTF-8. Binary files (NUL bytes) and
//! blank files are refused with a reason. Line ends are normalised to `\n`.

use std::borrow::Cow;

/// Why a file's bytes are not indexable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// The file holds NUL bytes.
    Binary,
    /// Empty or whitespace only.
    Blank,
    /// A document of a known format that cannot be read: why.
    Unreadable(String),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Binary => f.write_str("binary file (contains NUL bytes)"),
            NotText::Blank => f.write_str("empty or whitespace-only file"),
            NotText::Unreadable(reason) => f.write_str(reason),
        }
    }
}

/// Decodes a report file's bytes to text with `\n` line ends. Bytes read from disk that
/// are UTF-8 become the text without being copied.
pub fn decode<'a>(bytes: impl Into<Cow<'a, [u8]>>) -> Result<String, NotText> {
    let bytes = bytes.into();
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if text.contains('\0') {
            return Err(NotText::Binary);
        }
        text.into_owned()
    } else if bytes.contains(&0) {
        return Err(NotText::Binary);
    } else {
        match String::from_utf8(bytes.into_owned()) {
            Ok(text) => text,
            // Windows-1257 maps no byte but 0 to NUL.
            Err(err) => encoding_rs::WINDOWS_1257
                .decode_without_bom_handling(err.as_bytes())
                .0
                .into_owned(),
        }
    };
    if text.trim().is_empty() {
        return Err(NotText::Blank);
    }
    Ok(match normalize_newlines(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalized) => normalized,
    })
}

/// Turns CRLF and lone CR line ends into LF.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_decode_to_the_same_text() {
        let text = "Partneris: Šiaurės ligoninė\r\nSantrauka:\rčia\n";
        let expected = "Partneris: Šiaurės ligoninė\nSantrauka:\nčia\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), expected);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap(), expected);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16).unwrap(), expected);
        let (baltic, _, _) = encoding_rs::WINDOWS_1257.encode(text);
        assert!(std::str::from_utf8(&baltic).is_err());
        assert_eq!(decode(baltic).unwrap(), expected);
    }

    #[test]
    fn binary_and_blank_files_are_refused() {
        assert_eq!(decode(b"abc\0def"), Err(NotText::Binary));
        assert_eq!(decode(b" \n\t "), Err(NotText::Blank));
        assert_eq!(decode(b""), Err(NotText::Blank));
    }
}
