//! Footnotes: bodies written `[ID: mark text]`, references `[footnoteRef:ID]mark`, as Word writes them
//! when it saves a document as text (and as the .docx reader writes them too).

use crate::clean::clean;
use crate::model::Footnote;

/// Every footnote body whose id is also referenced in the text, in order of the bodies.
pub fn extract(text: &str) -> Vec<Footnote> {
    // The first reference to each id: its position and the mark after it.
    let mut refs: std::collections::HashMap<&str, (usize, &str)> = std::collections::HashMap::new();
    // memchr's vector search: std's substring search costs about one instruction per byte of the text.
    for at in memchr::memmem::find_iter(text.as_bytes(), b"[footnoteRef:") {
        let rest = &text[at + "[footnoteRef:".len()..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let id = &rest[..close];
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let after = &rest[close + 1..];
        let mark_len = after
            .char_indices()
            .take_while(|&(i, c)| i < 4 && (c.is_alphanumeric() || matches!(c, '*' | '†' | '‡')))
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        refs.entry(id).or_insert((at, &after[..mark_len]));
    }
    let mut out = Vec::new();
    // A body is kept only for an id that is referenced: with no reference, the text need not be read again.
    if refs.is_empty() {
        return out;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = memchr::memchr(b'[', &bytes[from..]) {
        let at = from + pos;
        from = at + 1;
        let digits = bytes[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || bytes.get(at + 1 + digits) != Some(&b':') {
            continue;
        }
        let id = &text[at + 1..at + 1 + digits];
        let Some(&(ref_at, ref_mark)) = refs.get(id) else { continue };
        let Some(len) = crate::clean::artefact_len(&text[at..]) else {
            continue;
        };
        let inner = text[at + 2 + digits..at + len - 1].trim_start();
        let (mark, body) = split_mark(inner, ref_mark);
        out.push(Footnote {
            id: id.to_owned(),
            mark: mark.to_owned(),
            text: clean(body),
            start: at,
            end: at + len,
            reference_start: Some(ref_at),
        });
        from = at + len;
    }
    out
}

/// The footnote's own copy of its mark ("3 See ...", "bis This ...", "3The Director ...").
fn split_mark<'a>(inner: &'a str, ref_mark: &'a str) -> (&'a str, &'a str) {
    if !ref_mark.is_empty() {
        if let Some(rest) = inner.strip_prefix(ref_mark) {
            return (ref_mark, rest);
        }
        return (ref_mark, inner);
    }
    let end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    if end <= 4 { (&inner[..end], &inner[end..]) } else { ("", inner) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn seed_footnote() {
        let text =
            "work of CWG-WSIS&SDG[footnoteRef:1]3 and other groups; [1: 3 \tSee requests the ITU Council 3 below.] \n";
        let f = super::extract(text);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].id.as_str(), f[0].mark.as_str()), ("1", "3"));
        assert_eq!(f[0].text, "See requests the ITU Council 3 below.");
        assert_eq!(&text[f[0].start..f[0].end], "[1: 3 \tSee requests the ITU Council 3 below.]");
        assert_eq!(f[0].reference_start, Some(20));
    }
}
