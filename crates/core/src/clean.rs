//! Values from text: Word artefacts removed, special spaces and hyphens made plain, whitespace collapsed.
//!
//! The document text keeps every artefact (offsets point into it); only values shown to people are cleaned.

use std::borrow::Cow;

/// `[bookmark: _Hlk123]`, `[footnoteRef:1]3` (the reference and the mark that follows it) and inline
/// footnote bodies `[1: 3 See ...]` are removed; NBSP and other fixed spaces become a space, U+2011
/// becomes "-", soft hyphens vanish; runs of whitespace become one space; the ends are trimmed.
pub fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// [`clean`], borrowing `s` when it is already clean.
pub fn clean_cow(s: &str) -> Cow<'_, str> {
    // Most values (half the bytes of an item's text) are already clean: one quick look.
    if is_clean(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(clean_until(s, usize::MAX).0)
}

/// The start of [`clean`]`(s)`, at least its first `min_len` bytes, and whether it is all of it. For a reader
/// of a long value's first words, who need not clean the rest.
pub fn clean_head(s: &str, min_len: usize) -> (Cow<'_, str>, bool) {
    // Most starts are plain: a plain start of `s` (without its last space) starts `clean(s)` as well.
    let mut end = s.len().min(min_len.saturating_add(8));
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let plain = s[..end].trim_end_matches(' ');
    if plain.len() >= min_len && is_clean(plain.as_bytes()) {
        return (Cow::Borrowed(plain), false);
    }
    let (head, whole) = clean_until(s, min_len);
    (Cow::Owned(head), whole)
}

/// Cleans `s` until at least `limit` bytes are written (or to its end: then the flag is true). What is
/// written is always a start of `clean(s)`: the output only grows, and its trailing space is trimmed.
fn clean_until(s: &str, limit: usize) -> (String, bool) {
    let bytes = s.as_bytes();
    // Written from whole characters of `s` (runs end and artefacts end on ASCII bytes), so it is never
    // validated again.
    let mut out = String::with_capacity(bytes.len().min(limit.saturating_add(64)));
    let mut pending_space = false;
    // Start of a run of plain input being copied as it is; written to `out` when the run ends.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        if out.len() + run.map_or(0, |start| i - start) >= limit {
            break;
        }
        // Eight plain bytes at a time (ASCII, no control, no "[", no double space), the first of them after the
        // last byte written or read.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let last = if run.is_some() { Some(bytes[i - 1]) } else { out.as_bytes().last().copied() };
            let word = u64_of(chunk);
            if let Some(last) = last
                && unplain_bits(word << 8 | u64::from(last), word) == 0
                && !(chunk[0] == b' ' && pending_space)
            {
                if run.is_none() {
                    if pending_space && chunk[0] != b' ' && last != b' ' {
                        out.push(' ');
                    }
                    run = Some(i);
                }
                pending_space = false;
                i += 8;
                // The run may go on to the end, or until `limit` bytes are written, and one more: a run that ends
                // in a space loses it when the end is trimmed. Within it the previous byte is the input's: the run
                // goes on to the first byte that needs a change, found as `changes` finds it.
                let room =
                    run.map_or(i, |start| start.saturating_add(limit.saturating_sub(out.len())).saturating_add(1));
                i = first_unplain(&bytes[..room.clamp(i, bytes.len())], i);
                continue;
            }
        }
        if let Some(start) = run.take() {
            out.push_str(&s[start..i]);
        }
        let b = bytes[i];
        let (len, kind) = match b {
            b'!'..=b'~' if b != b'[' => (1, Kind::Keep),
            b' ' | b'\t'..=b'\r' => (1, Kind::Space),
            b'[' => match artefact_len(&s[i..]) {
                Some(n) => (n, Kind::Drop),
                None => (1, Kind::Keep),
            },
            0x80.. => special(&bytes[i..]),
            _ => (1, Kind::Keep),
        };
        match kind {
            Kind::Keep | Kind::Hyphen => {
                if pending_space && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                pending_space = false;
                if kind == Kind::Hyphen {
                    out.push('-');
                } else if len == 1 && b.is_ascii() {
                    out.push(char::from(b));
                } else {
                    out.push_str(&s[i..i + len]);
                }
            }
            Kind::Space => pending_space = true,
            Kind::Drop => {}
        }
        i += len;
    }
    let whole = i >= bytes.len();
    if let Some(start) = run {
        out.push_str(&s[start..i]);
    }
    out.truncate(out.trim_end_matches(' ').len());
    (out, whole)
}

/// Whether [`clean`] would change `s`, found without writing the cleaned value: a value is left as it is
/// when it has no artefact, no character that becomes a space, a hyphen or nothing, and no space at either
/// end or after another.
pub fn changes(s: &str) -> bool {
    let b = s.as_bytes();
    // Half the values are plainly clean: one quick look (`plain_len`) decides them; the others are read on
    // from the first byte that look stopped at, and from each character that needs no change.
    let mut i = plain_len(b);
    while i < b.len() {
        let (len, kind) = match b[i] {
            // A space at the start or after another is dropped.
            b' ' if i == 0 || b[i - 1] == b' ' => return true,
            b' ' => (1, Kind::Keep),
            b'\t'..=b'\r' => return true,
            b'[' => match artefact_len(&s[i..]) {
                Some(_) => return true,
                None => (1, Kind::Keep),
            },
            0x80.. => special(&b[i..]),
            _ => (1, Kind::Keep),
        };
        if kind != Kind::Keep {
            return true;
        }
        i = first_unplain(b, i + len);
    }
    // A space at the end is trimmed.
    b.last() == Some(&b' ')
}

/// Text that [`clean`] leaves as it is: printable ASCII without "[", single spaces, none at either end.
fn is_clean(b: &[u8]) -> bool {
    b.last().is_none_or(|&last| last != b' ' && plain_len(b) == b.len())
}

/// How many bytes at the start of `b` are plainly clean: printable ASCII other than "[", not a space at the
/// start or after another.
fn plain_len(b: &[u8]) -> usize {
    match b.first() {
        // Labels ("1", "a)") and other values of a few bytes: read here, without the call.
        Some(&first) if first != b' ' && printable(first) && b.len() <= 8 => {
            (1..b.len()).find(|&i| !fine(b[i - 1], b[i])).unwrap_or(b.len())
        }
        Some(&first) if first != b' ' && printable(first) => first_unplain(b, 1),
        _ => 0,
    }
}

/// The first byte of `b` from `i` (at least 1) that may need a change after the byte before it (see [`fine`]),
/// or the end of `b`.
fn first_unplain(b: &[u8], mut i: usize) -> usize {
    if b.len() >= i + 32 {
        i = past_plain_blocks(b, i);
        // The last bytes as one block that overlaps the bytes already read: most values have nothing there.
        let last = &b[b.len() - 33..];
        if b.len() - i < 32 && last[..32].iter().zip(&last[1..]).fold(true, |ok, (&x, &y)| ok & fine(x, y)) {
            return b.len();
        }
    }
    // Then eight bytes at a time, which finds the byte (a branch per byte cost more, before a value's next
    // special character or at its end).
    while let (Some(before), Some(eight)) = (b.get(i - 1..i + 7), b.get(i..i + 8)) {
        let bits = unplain_bits(u64_of(before), u64_of(eight));
        if bits != 0 {
            return i + bits.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while b.get(i).is_some_and(|&c| fine(b[i - 1], c)) {
        i += 1;
    }
    i.min(b.len())
}

/// Where the first block of 32 bytes from `i` (at least 1) that may need a change starts, or the last block's
/// end. [`plain_blocks`] compiled for AVX2 when the CPU has it: every item's text is read here, and AVX2 compares
/// a block in half the instructions.
fn past_plain_blocks(b: &[u8], i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, as just checked; `plain_blocks_avx2` is safe code otherwise.
        return unsafe { plain_blocks_avx2(b, i) };
    }
    plain_blocks(b, i)
}

/// [`plain_blocks`] with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn plain_blocks_avx2(b: &[u8], i: usize) -> usize {
    plain_blocks(b, i)
}

/// See [`past_plain_blocks`]: 32 bytes at a time, each byte with the one before it and without a branch per
/// byte, so that the compiler compares them all at once.
#[inline(always)]
fn plain_blocks(b: &[u8], mut i: usize) -> usize {
    for (x, y) in b[i - 1..b.len() - 1].chunks_exact(32).zip(b[i..].chunks_exact(32)) {
        if !x.iter().zip(y).fold(true, |ok, (&x, &y)| ok & fine(x, y)) {
            break;
        }
        i += 32;
    }
    i
}

/// Eight bytes as a little-endian word (`b` has eight).
fn u64_of(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().unwrap_or_default())
}

/// The high bit of each byte of `eight` that is not [`fine`] after the byte before it (the same byte of
/// `before`, the word one byte earlier), and no other bit.
fn unplain_bits(before: u64, eight: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = !LOW7;
    // Exact per byte: adding to the low seven bits never carries into the next byte.
    let zero = |x: u64| !(((x & LOW7) + LOW7) | x) & HIGH;
    let non_ascii = eight & HIGH;
    let control = !((eight & LOW7) + ONES * (0x80 - 0x20)) & HIGH;
    let delete = zero(eight ^ (ONES * 0x7F));
    let bracket = zero(eight ^ (ONES * u64::from(b'[')));
    let double_space = zero(eight ^ (ONES * u64::from(b' '))) & zero(before ^ (ONES * u64::from(b' ')));
    non_ascii | control | delete | bracket | double_space
}

/// The byte `y` needs no change after the byte `x`: printable, and not a second space.
fn fine(x: u8, y: u8) -> bool {
    printable(y) & !((x == b' ') & (y == b' '))
}

/// Printable ASCII other than "[".
fn printable(c: u8) -> bool {
    (c.wrapping_sub(b' ') < 0x5F) & (c != b'[')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keep,
    Space,
    Drop,
    /// U+2011 NON-BREAKING HYPHEN, written "-".
    Hyphen,
}

/// A non-ASCII UTF-8 sequence at the start of `b`: its length and what to do with it. The spaces are
/// Unicode's White_Space characters; soft hyphen, zero-width space and BOM vanish.
fn special(b: &[u8]) -> (usize, Kind) {
    let len = match b[0] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    let len = len.min(b.len());
    let kind = match b[..len] {
        [0xC2, 0xA0] | [0xC2, 0x85] => Kind::Space,
        [0xC2, 0xAD] => Kind::Drop,
        [0xE2, 0x80, 0x80..=0x8A] | [0xE2, 0x80, 0xA8 | 0xA9 | 0xAF] | [0xE2, 0x81, 0x9F] => Kind::Space,
        [0xE3, 0x80, 0x80] | [0xE1, 0x9A, 0x80] => Kind::Space,
        [0xE2, 0x80, 0x8B] | [0xEF, 0xBB, 0xBF] => Kind::Drop,
        [0xE2, 0x80, 0x91] => Kind::Hyphen,
        _ => Kind::Keep,
    };
    (len, kind)
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
#[inline]
pub fn skip_artefacts(s: &str) -> usize {
    // Run on every line: most start with a printable character that is neither a space nor "[", so nothing
    // is skipped, and the loop below (whose registers cost more to save than the test) is not entered.
    if s.as_bytes().first().is_some_and(|&c| c.is_ascii_graphic() && c != b'[') {
        return 0;
    }
    skip_artefacts_from_start(s)
}

/// [`skip_artefacts`] of a line that may start with a space or an artefact.
#[inline(never)]
fn skip_artefacts_from_start(s: &str) -> usize {
    let mut at = 0;
    loop {
        // ASCII whitespace by bytes (a tab, a space); other whitespace by characters.
        at += s.as_bytes()[at..].iter().take_while(|&&c| c == b' ' || (b'\t'..=b'\r').contains(&c)).count();
        let rest = &s[at..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            at += ws;
            continue;
        }
        // Only "[" starts an artefact: the usual line is decided without the call.
        if !rest.starts_with('[') {
            return at;
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
    fn every_unicode_space_is_a_space() {
        let spaces: String = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        for c in spaces.chars() {
            assert_eq!(clean(&format!("a{c}b")), "a b", "U+{:04X}", c as u32);
        }
        assert_eq!(clean("a\u{200B}b\u{FEFF}c\u{AD}d"), "abcd");
        assert_eq!(clean("ITU\u{2011}T’s “text” é 中文 😀"), "ITU-T’s “text” é 中文 😀");
    }

    #[test]
    fn long_text_with_every_kind_of_gap() {
        let text = "  The  Director\tof the\u{a0}Telecommunication Standardization Bureau [bookmark: x]shall  \n \
                    report\u{2011}annually to   Council;  ";
        assert_eq!(
            clean(text),
            "The Director of the Telecommunication Standardization Bureau shall report-annually to Council;"
        );
        for cut in 0..text.len() {
            if let (Some(a), Some(b)) = (text.get(..cut), text.get(cut..)) {
                let joined = clean(&format!("{a}{b}"));
                assert_eq!(joined, clean(text));
                assert!(!clean(a).contains("  ") && !clean(b).starts_with(' ') && !clean(a).ends_with(' '));
            }
        }
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
    fn changes_and_clean_head_agree_with_clean() {
        let pieces = ["a", " ", "  ", "\t", "\u{a0}", "\u{2011}", "\u{ad}", "é", "“", "[", "[bookmark: x]", "[1: y]"];
        let plain = "Plain words of an item, forty bytes long";
        let n = pieces.len();
        for k in 0..n * n * n * n {
            let mid: String = [k % n, k / n % n, k / n / n % n, k / n / n / n].iter().map(|&p| pieces[p]).collect();
            for s in [mid.clone(), format!("{plain}{mid}"), format!("{mid}{plain}"), format!("{plain}{mid}{plain}")] {
                let whole = clean(&s);
                assert_eq!(changes(&s), whole != s, "{s:?}");
                for limit in [0, 1, 7, 40, 45, 200] {
                    let (head, all) = clean_head(&s, limit);
                    assert!(whole.starts_with(&*head) && (head.len() >= limit || head == whole), "{s:?} {limit}");
                    assert!(!all || head == whole, "{s:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn unplain_bits_marks_exactly_the_bytes_that_need_a_change() {
        for pos in 0..9 {
            for byte in 0..=255u8 {
                for fill in [b'a', b' ', 0, b'\t', b'[', 0x1F, 0x7F, 0x80, 0xC2, 0xFF] {
                    let mut nine = [fill; 9];
                    nine[pos] = byte;
                    let expected =
                        (0..8).filter(|&k| !fine(nine[k], nine[k + 1])).fold(0u64, |m, k| m | 0x80 << (8 * k));
                    assert_eq!(unplain_bits(u64_of(&nine[..8]), u64_of(&nine[1..])), expected, "{nine:?}");
                }
            }
        }
    }

    #[test]
    fn first_unplain_finds_the_first_byte_that_needs_a_change() {
        let plain = "Plain words of an item, (seventy bytes long) with digits 1234 and more.";
        for odd in [" ", "\t", "\u{a0}", "\u{2011}", "“", "[", "[bookmark: x]", "\u{7f}", "\n"] {
            for at in 1..plain.len() {
                for len in [at + 1, at + 9, at + 40, plain.len()] {
                    let s = format!("{}{odd}{}", &plain[..at], &plain[at..len.min(plain.len())]);
                    let b = s.as_bytes();
                    for from in 1..=b.len() {
                        let naive = (from..b.len()).find(|&i| !fine(b[i - 1], b[i])).unwrap_or(b.len());
                        assert_eq!(first_unplain(b, from), naive, "{s:?} {from}");
                        if b.len() >= from + 32 {
                            // Without AVX2 as with it (when the CPU has it).
                            assert_eq!(plain_blocks(b, from), past_plain_blocks(b, from), "{s:?} {from}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn skips_leading_bookmarks_only() {
        let s = "\t[bookmark: _Hlk1][bookmark: _Toc2]2.7\tResolution";
        assert_eq!(&s[skip_artefacts(s)..], "2.7\tResolution");
        for (s, rest) in [
            ("\u{a0} \t[bookmark: a] \u{2003}x", "x"),
            (" \r\u{b}[1: note] y", "[1: note] y"),
            ("\t[bookmark: open", "[bookmark: open"),
            (" \u{2011}", "\u{2011}"),
            ("  ", ""),
        ] {
            assert_eq!(&s[skip_artefacts(s)..], rest, "{s:?}");
        }
    }
}
