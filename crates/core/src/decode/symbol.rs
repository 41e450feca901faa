//! Word's `w:sym` glyphs from the Symbol font, mapped to Unicode.
//!
//! Word writes a glyph picked from the Symbol font as `<w:sym w:font="Symbol" w:char="F0E3"/>`: the code point
//! is the byte of the Adobe Symbol encoding, usually moved into the private use area at U+F000. The table
//! below follows Adobe's Symbol encoding (the Unicode mapping Adobe publishes as `symbol.txt`) with two kinds
//! of changes that make the text useful rather than merely round-trippable:
//! - where Adobe maps to a private use code point (the sans-serif ®, © and ™ at 0xE2–0xE4, the bracket and
//!   arrow pieces), the plain Unicode character is used instead (U+00AE, U+00A9, U+2122, U+239B..., U+23AF);
//! - where Adobe maps to a compatibility character (U+2206 INCREMENT, U+2126 OHM SIGN, U+00B5 MICRO SIGN),
//!   the Greek letter is used (U+0394, U+03A9, U+03BC), since that is what a Word author picks them for.
//!
//! 0xA0 is the euro sign of the Windows Symbol font. 0x7F–0x9F and 0xF0 (the Apple logo on a Macintosh) have
//! no character; [`to_unicode`] returns `None` for them.

/// Characters of the Symbol encoding from 0x20 to 0xFF; `'\0'` marks a code with no character.
#[rustfmt::skip]
const TABLE: [char; 0xE0] = [
    // 0x20
    ' ', '!', '\u{2200}', '#', '\u{2203}', '%', '&', '\u{220D}',
    '(', ')', '\u{2217}', '+', ',', '\u{2212}', '.', '/',
    // 0x30
    '0', '1', '2', '3', '4', '5', '6', '7',
    '8', '9', ':', ';', '<', '=', '>', '?',
    // 0x40: congruent, then the capital Greek letters in the order of the Latin keys
    '\u{2245}', '\u{0391}', '\u{0392}', '\u{03A7}', '\u{0394}', '\u{0395}', '\u{03A6}', '\u{0393}',
    '\u{0397}', '\u{0399}', '\u{03D1}', '\u{039A}', '\u{039B}', '\u{039C}', '\u{039D}', '\u{039F}',
    // 0x50
    '\u{03A0}', '\u{0398}', '\u{03A1}', '\u{03A3}', '\u{03A4}', '\u{03A5}', '\u{03C2}', '\u{03A9}',
    '\u{039E}', '\u{03A8}', '\u{0396}', '[', '\u{2234}', ']', '\u{22A5}', '_',
    // 0x60: radical extender (drawn as an overline), then the small Greek letters
    '\u{203E}', '\u{03B1}', '\u{03B2}', '\u{03C7}', '\u{03B4}', '\u{03B5}', '\u{03C6}', '\u{03B3}',
    '\u{03B7}', '\u{03B9}', '\u{03D5}', '\u{03BA}', '\u{03BB}', '\u{03BC}', '\u{03BD}', '\u{03BF}',
    // 0x70
    '\u{03C0}', '\u{03B8}', '\u{03C1}', '\u{03C3}', '\u{03C4}', '\u{03C5}', '\u{03D6}', '\u{03C9}',
    '\u{03BE}', '\u{03C8}', '\u{03B6}', '{', '|', '}', '\u{223C}', '\0',
    // 0x80: no characters
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    // 0x90: no characters
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    // 0xA0: euro sign (Windows)
    '\u{20AC}', '\u{03D2}', '\u{2032}', '\u{2264}', '\u{2044}', '\u{221E}', '\u{0192}', '\u{2663}',
    '\u{2666}', '\u{2665}', '\u{2660}', '\u{2194}', '\u{2190}', '\u{2191}', '\u{2192}', '\u{2193}',
    // 0xB0
    '\u{00B0}', '\u{00B1}', '\u{2033}', '\u{2265}', '\u{00D7}', '\u{221D}', '\u{2202}', '\u{2022}',
    '\u{00F7}', '\u{2260}', '\u{2261}', '\u{2248}', '\u{2026}', '\u{23D0}', '\u{23AF}', '\u{21B5}',
    // 0xC0
    '\u{2135}', '\u{2111}', '\u{211C}', '\u{2118}', '\u{2297}', '\u{2295}', '\u{2205}', '\u{2229}',
    '\u{222A}', '\u{2283}', '\u{2287}', '\u{2284}', '\u{2282}', '\u{2286}', '\u{2208}', '\u{2209}',
    // 0xD0: the serif ®, © and ™ at 0xD2–0xD4
    '\u{2220}', '\u{2207}', '\u{00AE}', '\u{00A9}', '\u{2122}', '\u{220F}', '\u{221A}', '\u{22C5}',
    '\u{00AC}', '\u{2227}', '\u{2228}', '\u{21D4}', '\u{21D0}', '\u{21D1}', '\u{21D2}', '\u{21D3}',
    // 0xE0: the sans-serif ®, © and ™ at 0xE2–0xE4; pieces of large parentheses, brackets and braces
    '\u{25CA}', '\u{2329}', '\u{00AE}', '\u{00A9}', '\u{2122}', '\u{2211}', '\u{239B}', '\u{239C}',
    '\u{239D}', '\u{23A1}', '\u{23A2}', '\u{23A3}', '\u{23A7}', '\u{23A8}', '\u{23A9}', '\u{23AA}',
    // 0xF0: no character at 0xF0 (the Apple logo on a Macintosh) nor at 0xFF
    '\0', '\u{232A}', '\u{222B}', '\u{2320}', '\u{23AE}', '\u{2321}', '\u{239E}', '\u{239F}',
    '\u{23A0}', '\u{23A4}', '\u{23A5}', '\u{23A6}', '\u{23AB}', '\u{23AC}', '\u{23AD}', '\0',
];

/// The Unicode character of a Symbol font code: either the byte itself (0x20–0xFE) or the byte moved to the
/// private use area (U+F020–U+F0FE), as Word writes it in `w:char`.
pub(crate) fn to_unicode(code: u32) -> Option<char> {
    let byte = if (0xF000..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    let index = usize::try_from(byte.checked_sub(0x20)?).ok()?;
    TABLE.get(index).copied().filter(|&c| c != '\0')
}

#[cfg(test)]
mod tests {
    use super::to_unicode;

    #[test]
    fn glyphs_word_uses_in_itu_texts() {
        assert_eq!(to_unicode(0xF0E3), Some('©'));
        assert_eq!(to_unicode(0xF02D), Some('−'));
        assert_eq!(to_unicode(0xF0B7), Some('•'));
        assert_eq!(to_unicode(0xF0D7), Some('⋅'));
        assert_eq!(to_unicode(0xF0B4), Some('×'));
        assert_eq!(to_unicode(0xF0A3), Some('≤'));
        assert_eq!(to_unicode(0xF0AE), Some('→'));
        assert_eq!(to_unicode(0x61), Some('α'));
        assert_eq!(to_unicode(0x57), Some('Ω'));
        assert_eq!(to_unicode(0x44), Some('Δ'));
        assert_eq!(to_unicode(0x6D), Some('μ'));
    }

    #[test]
    fn the_whole_range_is_defined_except_the_gaps() {
        for code in 0x20..=0xFEu32 {
            let gap = (0x7F..=0x9F).contains(&code) || code == 0xF0;
            assert_eq!(to_unicode(code).is_none(), gap, "code {code:#x}");
            assert_eq!(to_unicode(code), to_unicode(0xF000 + code), "code {code:#x}");
        }
        for code in [0, 0x1F, 0xFF, 0xF01F, 0xF0FF, 0xF100, 0x10_FFFF, u32::MAX] {
            assert_eq!(to_unicode(code), None, "code {code:#x}");
        }
    }

    #[test]
    fn greek_letters_follow_the_latin_keys() {
        let capitals: String = (0x41..=0x5A).filter_map(to_unicode).collect();
        assert_eq!(capitals, "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ");
        let small: String = (0x61..=0x7A).filter_map(to_unicode).collect();
        assert_eq!(small, "αβχδεφγηιϕκλμνοπθρστυϖωξψζ");
    }
}
