//! Values from text: Word artefacts removed, special spaces and hyphens made plain, whitespace collapsed.
//!
//! The document text keeps every artefact (offsets point into it); only values shown to people are cleaned.

/// `[bookmark: _Hlk123]`, `[footnoteRef:1]3` (the reference and the mark that follows it) and inline
/// footnote bodies `[1: 3 See ...]` are removed; NBSP and other fixed spaces become a space, U+2011
/// becomes "-", soft hyphens vanish; runs of whitespace become one space; the ends are trimmed.
pub fn clean(s: &str) -> String {
    if is_clean(s.as_bytes()) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut pending_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                pending_space = true;
                i += 1;
                continue;
            }
            if b == b'['
                && let Some(skip) = artefact_len(&s[i..])
            {
                i += skip;
                continue;
            }
            // Copy the run of plain ASCII words at once, single spaces between them included:
            // most text is nothing else.
            let start = i;
            i += 1;
            let plain = |b: u8| b.is_ascii_graphic() && b != b'[';
            while i < bytes.len() {
                if plain(bytes[i]) || bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&n| plain(n)) {
                    i += 1;
                } else {
                    break;
                }
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&s[start..i]);
            continue;
        }
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        i += c.len_utf8();
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(if c == '\u{2011}' { '-' } else { c });
            }
        }
    }
    out
}

/// Plain ASCII words separated by single spaces, nothing to change: the common case, checked without
/// branching per byte so that the compiler can vectorise it.
fn is_clean(b: &[u8]) -> bool {
    let odd = b.iter().map(|&c| usize::from(!(b' '..=b'~').contains(&c) || c == b'[')).sum::<usize>();
    odd == 0 && b.first() != Some(&b' ') && b.last() != Some(&b' ') && memchr::memmem::find(b, b"  ").is_none()
}

/// Length in bytes of the Word artefact at the start of `s`, if there is one.
pub fn artefact_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'[') {
        return None;
    }
    if let Some(rest) = s.strip_prefix("[bookmark:") {
        return rest.find(']').map(|i| "[bookmark:".len() + i + 1);
    }
    if let Some(rest) = s.strip_prefix("[footnoteRef:") {
        let close = rest.find(']')?;
        if !rest[..close].bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let after = "[footnoteRef:".len() + close + 1;
        // The superscript mark Word writes right after the reference: "3", "bis", "*".
        let mark = s[after..]
            .char_indices()
            .take_while(|&(i, c)| i < 4 && (c.is_alphanumeric() || matches!(c, '*' | '†' | '‡')))
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        return Some(after + mark);
    }
    // An inline footnote body: "[12: text]" with balanced brackets inside.
    let digits = b.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && b.get(1 + digits) == Some(&b':') {
        let mut depth = 0usize;
        for (i, c) in s.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                '\n' if i > 4000 => return None,
                _ => {}
            }
        }
    }
    None
}

/// Byte length of leading artefacts and whitespace: where the visible content of a line starts.
pub fn skip_artefacts(s: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &s[at..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            at += ws;
            continue;
        }
        match artefact_len(rest) {
            Some(n) if rest.starts_with("[bookmark:") => at += n,
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_word_artefacts_from_values() {
        assert_eq!(clean("[bookmark: _Hlk120894865]1.5\tThe new"), "1.5 The new");
        assert_eq!(
            clean(
                "work of CWG-WSIS&SDG[footnoteRef:1]3 and other Council working groups; [1: 3 \tSee requests the ITU Council 3 below.] "
            ),
            "work of CWG-WSIS&SDG and other Council working groups;"
        );
        assert_eq!(clean("(Hammamet, 2016)[footnoteRef:1]1, [footnoteRef:2]bis"), "(Hammamet, 2016),");
    }

    #[test]
    fn plain_spaces_and_hyphens() {
        assert_eq!(clean("ITU\u{2011}T Study Group\u{a0}5 \t and\u{ad}"), "ITU-T Study Group 5 and");
        assert_eq!(clean("  [not an artefact] x"), "[not an artefact] x");
    }

    #[test]
    fn regression_closing_bracket_before_digits_is_not_an_artefact() {
        // Found by proptest: "]0:" once underflowed the bracket depth.
        assert_eq!(artefact_len("]0:"), None);
        assert_eq!(clean("]0: x"), "]0: x");
    }

    #[test]
    fn skips_leading_bookmarks_only() {
        let s = "\t[bookmark: _Hlk1][bookmark: _Toc2]2.7\tResolution";
        assert_eq!(&s[skip_artefacts(s)..], "2.7\tResolution");
    }
}
