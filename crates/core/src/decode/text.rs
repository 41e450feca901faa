//! Plain text: UTF-8 (with or without BOM), UTF-16 LE/BE, or Windows-1252 when the bytes are not UTF-8.
//! Line ends (CRLF, CR) become LF; each line is a paragraph.

use super::{DecodeError, Decoded};
use crate::model::Diagnostic;

pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut diagnostics = Vec::new();
    let (raw, encoding): (std::borrow::Cow<'_, str>, &'static str) = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let text = String::from_utf8_lossy(rest);
        if matches!(text, std::borrow::Cow::Owned(_)) {
            diagnostics.push(Diagnostic::warning(
                0,
                0,
                "the UTF-8 text has invalid sequences; they were replaced by U+FFFD",
            ));
        }
        (text, "UTF-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            diagnostics.push(Diagnostic::warning(
                0,
                0,
                format!("the {} text has invalid sequences; they were replaced by U+FFFD", enc.name()),
            ));
        }
        (text, enc.name())
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        diagnostics.push(Diagnostic::info(
            0,
            0,
            format!("the file has no byte order mark but reads as {}", enc.name()),
        ));
        (text, enc.name())
    } else {
        // Validated with SIMD where the CPU has it (std's check cost 0.8 instructions a byte).
        match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => (std::borrow::Cow::Borrowed(s), "UTF-8"),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                diagnostics.push(Diagnostic::info(
                    0,
                    0,
                    "the file is not valid UTF-8; it was read as Windows-1252 (Western European)",
                ));
                (text, "windows-1252")
            }
        }
    };
    if let Some(why) = looks_binary(&raw) {
        return Err(DecodeError::Binary(why));
    }
    let text = normalise_line_ends(&raw);
    let paras = split_lines(&text);
    Ok(Decoded { text, paras, encoding, diagnostics })
}

/// Like [`decode_text`], taking the bytes: valid UTF-8 becomes the text without a copy.
pub fn decode_text_owned(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = if bytes.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
    let utf16 = bom == 0
        && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || utf16_without_bom(&bytes).is_some());
    // Anything but valid UTF-8 takes the same road as `decode_text`, so both read every file alike.
    if utf16 || simdutf8::basic::from_utf8(&bytes[bom..]).is_err() {
        return decode_text(&bytes);
    }
    bytes.drain(..bom);
    // SAFETY: `simdutf8` has just found these bytes (the BOM drained) to be valid UTF-8. Checking them again
    // with `String::from_utf8` took 1.3-1.6 % of the parse of a large text in `perf` profiles.
    let raw = unsafe { String::from_utf8_unchecked(bytes) };
    if let Some(why) = looks_binary(&raw) {
        return Err(DecodeError::Binary(why));
    }
    let text = if memchr::memchr(b'\r', raw.as_bytes()).is_some() { normalise_line_ends(&raw) } else { raw };
    let paras = split_lines(&text);
    Ok(Decoded { text, paras, encoding: "UTF-8", diagnostics: Vec::new() })
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// UTF-16 saved without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nuls * 10 >= pairs * 9 && even_nuls == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even_nuls * 10 >= pairs * 9 && odd_nuls == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text files hold no NULs and few control characters; executables and images hold many.
fn looks_binary(text: &str) -> Option<String> {
    // Counted in one pass over the first 8192 characters, with nothing allocated: every input is checked.
    let (mut len, mut nuls, mut controls) = (0usize, 0usize, 0usize);
    for c in text.chars().take(8192) {
        len += 1;
        nuls += usize::from(c == '\0');
        controls += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}'));
    }
    if len == 0 {
        return None;
    }
    if nuls > 0 {
        return Some(format!("{nuls} NUL characters in the first {len} characters"));
    }
    (controls * 20 > len).then(|| format!("{controls} control characters in the first {len} characters"))
}

fn normalise_line_ends(raw: &str) -> String {
    // memchr's vector search: std's `contains` reads a word at a time.
    if memchr::memchr(b'\r', raw.as_bytes()).is_none() {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// One paragraph per line; a final line break does not start an empty paragraph.
pub(crate) fn split_lines(text: &str) -> Vec<super::Para> {
    // Counting first costs little and keeps the Vec from holding a guessed, often much larger, capacity.
    let mut paras = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        paras.push(super::Para::line(start, end));
        start = end + 1;
    }
    if start < text.len() {
        paras.push(super::Para::line(start, text.len()));
    }
    paras
}
