//! Facts stated in prose: elections, amounts of money, exact fractions, events and dates.
//!
//! [`extract`] scans the decoded text once with an Aho-Corasick automaton for trigger words ("elected",
//! currency codes and names, conference names, vulgar fractions) and once with `memchr` for `/`, and reads
//! each fact around its trigger, within the line (a paragraph) and at most a few hundred bytes either side,
//! so the work stays linear on any input. Every fact carries `start`/`end` byte offsets into `text`; nothing
//! here panics, whatever the input (all slicing is on char boundaries, all arithmetic is checked).
//!
//! Choices, in the order of the model's fields:
//!
//! - **Elections.** "Mr Onoe Seizo (Japan) was elected as TSB Director for the mandate of 1 January 2023 -
//!   31 December 2026." A person needs an honorific (Mr, Ms, Mrs, Dr, Prof., H.E., ...) or a country in
//!   parentheses, so that a stray capitalised word is never taken for a name; honorifics are dropped. The
//!   passive forms "was/were/has been/is (re-)elected [as]" and the active "X elected Mr Y (Z) as POST" are
//!   read; several persons joined by "," / "and" each get an election, with one post each when the sentence
//!   says "respectively" and the counts agree, or the same post otherwise. Posts are normalised to the
//!   canonical names of DOMAIN.md: "TSB Director", "Director of the Telecommunication Standardization
//!   Bureau" → `Director TSB` (likewise `Director BR`, `Director BDT`), `Secretary-General`,
//!   `Deputy Secretary-General`, and members of the Radio Regulations Board →
//!   `Member of the Radio Regulations Board`; any other post is kept as written (cleaned). The term is the
//!   first date range of the sentence after the post: "1 January 2023 - 31 December 2026" (any dash, "to",
//!   "until"), "January 1, 2023", ISO dates, or bare years "2023-2026"; dates are ISO 8601 at the precision
//!   written ("2023-01-01", "2023-01", "2023"). A single date after "from"/"as of"/"starting"/"effective"
//!   is a term start. The span covers the first person to the end of the term (or post).
//! - **Amounts.** A currency (ISO code CHF/USD/EUR/GBP/JPY, "US$", "€", or "Swiss francs", "US dollars",
//!   "United States dollars", "euros" after the number), a number and an optional multiplier (thousand,
//!   million, billion, trillion, bn, mn). Thousands may be grouped with space, NBSP, thin spaces,
//!   apostrophes ("1'234'000"), commas or dots. A single "," or "." followed by other than exactly three
//!   digits is a decimal separator ("54,4"); a single "," followed by exactly three digits groups thousands
//!   ("1,234"); a single "." is always decimal ("1.234"); when both appear the last is the decimal one.
//!   The value is computed exactly by shifting the decimal point of the digit string (no floats): a plain
//!   decimal string, no exponent, no trailing zeros after the point, no point when whole.
//! - **Quantities.** Exact fractions, reduced: the mixed form "343 11/16" (whole, a space or NBSP, a proper
//!   fraction with a denominator of at most three digits) is always taken; a bare "N/D" only when the next
//!   word is "unit(s)", "contributory" or "share(s)" ("1/2 unit class"). So "24/7", "Question 3/2",
//!   "A/RES/73/6", "Resolution 70/1" and dates ("12/10/2022", "10 12/2022") are never fractions. Vulgar
//!   fractions ("343¾", "½ unit") follow the same rule. Overflowing values are skipped.
//! - **Events.** A conference short name (PP, WTSA, WTDC, WRC, RA, WTPF, WCIT, then "-" and two or four
//!   digits) is an event only when the text also says where or when: "PP-22 Bucharest (26 Sept–14 Oct
//!   2022)", "WTSA-20 (Geneva, 2022)", or a sentence in which the name is followed within a few words by
//!   "take place", "be held", "held in", "hosted by", ... ("WTSA-24 is planned to take place in the last
//!   quarter of 2024 (November), in India."). The year and month are the first written (the start of a
//!   range); the year is never guessed from the name (WTSA-20 met in 2022). The place is the capitalised
//!   words after "in" (or before the parenthesis, or before a comma inside it), never a word such as
//!   "Resolutions", "Council" or "ITU".

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::clean::clean;
use crate::model::{Amount, CompactString, Election, Event, Facts, Quantity};

#[derive(Clone, Copy)]
enum Trigger {
    Elected,
    /// A currency code or symbol, which may stand before or after the number.
    Code(&'static str),
    /// A currency name, which stands after the number.
    Name(&'static str),
    Conference,
    /// U+2044 FRACTION SLASH.
    FractionSlash,
    Vulgar(i64, i64),
}

/// The trigger words. Their order only decides speed: the automaton's Teddy prefilter puts a pattern in bucket
/// `15 - index % 16` (aho-corasick 1.1) unless its first bytes share their low nibbles with an earlier pattern's,
/// and the patterns of a bucket together give the false candidates it must verify. This order, found by
/// swapping pairs under callgrind on the 5 MB text, costs 11.1 M instructions there instead of 13.2 M.
const PATTERNS: &[(&str, Trigger)] = &[
    ("elected", Trigger::Elected),
    ("⅜", Trigger::Vulgar(3, 8)),
    ("⅞", Trigger::Vulgar(7, 8)),
    ("US dollars", Trigger::Name("USD")),
    ("WRC", Trigger::Conference),
    ("⅛", Trigger::Vulgar(1, 8)),
    ("⅝", Trigger::Vulgar(5, 8)),
    ("€", Trigger::Code("EUR")),
    ("Swiss francs", Trigger::Name("CHF")),
    ("⅕", Trigger::Vulgar(1, 5)),
    ("WTSA", Trigger::Conference),
    ("⅖", Trigger::Vulgar(2, 5)),
    ("GBP", Trigger::Code("GBP")),
    ("US dollar", Trigger::Name("USD")),
    ("⅗", Trigger::Vulgar(3, 5)),
    ("⅘", Trigger::Vulgar(4, 5)),
    ("United States dollar", Trigger::Name("USD")),
    ("⅙", Trigger::Vulgar(1, 6)),
    ("WTDC", Trigger::Conference),
    ("euro", Trigger::Name("EUR")),
    ("US$", Trigger::Code("USD")),
    ("WTPF", Trigger::Conference),
    ("Swiss franc", Trigger::Name("CHF")),
    ("WCIT", Trigger::Conference),
    ("½", Trigger::Vulgar(1, 2)),
    ("CHF", Trigger::Code("CHF")),
    ("¾", Trigger::Vulgar(3, 4)),
    ("United States dollars", Trigger::Name("USD")),
    ("\u{2044}", Trigger::FractionSlash),
    ("euros", Trigger::Name("EUR")),
    ("¼", Trigger::Vulgar(1, 4)),
    ("RA", Trigger::Conference),
    ("EUR", Trigger::Code("EUR")),
    ("USD", Trigger::Code("USD")),
    ("⅓", Trigger::Vulgar(1, 3)),
    ("⅔", Trigger::Vulgar(2, 3)),
    ("⅚", Trigger::Vulgar(5, 6)),
    ("JPY", Trigger::Code("JPY")),
    ("PP", Trigger::Conference),
];

// A contiguous NFA, not the DFA the builder would pick: the Teddy prefilter finds the candidates, and the NFA
// only confirms them, a few bytes each, for about the same instructions; building it costs 0.4 M instructions
// instead of 1.0 M, once per process.
static AUTOMATON: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(PATTERNS.iter().map(|(p, _)| p))
        .ok()
});

/// Elections, amounts, quantities and events stated in `text`. `status_codes` is left empty: the legend
/// of status codes is read by [`crate::table`].
///
/// ```
/// let text = "Mr Onoe Seizo (Japan) was elected as TSB Director for the mandate of \
///             1 January 2023 - 31 December 2026. The unit is CHF 318 000.";
/// let facts = mandates_core::facts::extract(text);
/// assert_eq!(facts.elections[0].person, "Onoe Seizo");
/// assert_eq!(facts.elections[0].post, "Director TSB");
/// assert_eq!(facts.amounts[0].value, "318000");
/// ```
pub fn extract(text: &str) -> Facts {
    let mut facts = Facts::default();
    let Some(ac) = AUTOMATON.as_ref() else {
        return facts;
    };
    let b = text.as_bytes();
    let (mut election_end, mut amount_end, mut event_end) = (0, 0, 0);
    for m in ac.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        match PATTERNS[m.pattern().as_usize()].1 {
            Trigger::Elected if start >= election_end => {
                if let Some(e) = elections(text, start, end, &mut facts.elections) {
                    election_end = e;
                }
            }
            Trigger::Code(currency) => {
                let found = amount_after_code(text, start, end, currency)
                    .or_else(|| amount_before(text, start, end, currency, true));
                if let Some(a) = found.filter(|a| a.start >= amount_end) {
                    amount_end = a.end;
                    facts.amounts.push(a);
                }
            }
            Trigger::Name(currency) => {
                if let Some(a) = amount_before(text, start, end, currency, false).filter(|a| a.start >= amount_end) {
                    amount_end = a.end;
                    facts.amounts.push(a);
                }
            }
            Trigger::Conference if start >= event_end => {
                if let Some(e) = event(text, start, end) {
                    event_end = e.end;
                    facts.events.push(e);
                }
            }
            Trigger::FractionSlash => {
                if digit_around(b, start, end)
                    && let Some(q) = slash_fraction(text, start, end)
                {
                    facts.quantities.push(q);
                }
            }
            Trigger::Vulgar(n, d) => {
                if let Some(q) = vulgar_fraction(text, start, end, n, d) {
                    facts.quantities.push(q);
                }
            }
            _ => {}
        }
    }
    for p in memchr::memchr_iter(b'/', b) {
        // Most slashes ("and/or", "A/RES/73") have no digit on both sides: refused here, without a call.
        if digit_around(b, p, p + 1)
            && let Some(q) = slash_fraction(text, p, p + 1)
        {
            facts.quantities.push(q);
        }
    }
    facts.quantities.sort_by_key(|q| q.start);
    facts
}

// ---------------------------------------------------------------------------------------------------------
// Bytes and characters

/// The character that starts at byte `i`, if `i` starts one.
fn char_at(b: &[u8], i: usize) -> Option<char> {
    let width = match *b.get(i)? {
        // Most characters around a trigger are ASCII: no UTF-8 check and decoding for them.
        c @ 0x00..=0x7F => return Some(char::from(c)),
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    std::str::from_utf8(b.get(i..i + width)?).ok()?.chars().next()
}

/// The character that ends at byte `i` (exclusive), if one does.
fn char_ending_at(b: &[u8], i: usize) -> Option<char> {
    if i > b.len() {
        return None;
    }
    let mut s = i.checked_sub(1)?;
    while s > 0 && i - s < 4 && b[s] & 0xC0 == 0x80 {
        s -= 1;
    }
    let c = char_at(b, s)?;
    (s + c.len_utf8() == i).then_some(c)
}

/// A letter or digit starts at `i`.
fn word_at(b: &[u8], i: usize) -> bool {
    char_at(b, i).is_some_and(char::is_alphanumeric)
}

/// A letter or digit ends at `i`.
fn word_before(b: &[u8], i: usize) -> bool {
    char_ending_at(b, i).is_some_and(char::is_alphanumeric)
}

/// Length of a space usable inside a number or between words: space, NBSP, thin space, narrow NBSP.
fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b' ', ..]) => 1,
        Some([0xC2, 0xA0, ..]) => 2,
        Some([0xE2, 0x80, 0x89 | 0xAF, ..]) => 3,
        _ => 0,
    }
}

/// Length of the run of spaces (as [`space_len`], and tabs) starting at `i`.
fn spaces(b: &[u8], mut i: usize) -> usize {
    let s = i;
    loop {
        let n = if b.get(i) == Some(&b'\t') { 1 } else { space_len(b, i) };
        if n == 0 {
            return i - s;
        }
        i += n;
    }
}

/// Length of the run of spaces ending at `i` (exclusive).
fn spaces_back(b: &[u8], mut i: usize) -> usize {
    let e = i;
    loop {
        if i >= 1 && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        } else if i >= 2 && b[i - 2..i] == [0xC2, 0xA0] {
            i -= 2;
        } else if i >= 3 && (b[i - 3..i] == [0xE2, 0x80, 0x89] || b[i - 3..i] == [0xE2, 0x80, 0xAF]) {
            i -= 3;
        } else {
            return e - i;
        }
    }
}

/// Length of a dash at `i`: "-", U+2010, U+2011, en dash, em dash, minus sign.
fn dash_len(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b'-', ..]) => 1,
        Some([0xE2, 0x80, 0x90..=0x94, ..]) | Some([0xE2, 0x88, 0x92, ..]) => 3,
        _ => 0,
    }
}

fn digits_len(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

fn digits_back(b: &[u8], i: usize) -> usize {
    b[..i.min(b.len())].iter().rev().take_while(|c| c.is_ascii_digit()).count()
}

fn parse_i64(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0i64, |acc, &c| acc.checked_mul(10)?.checked_add(i64::from(c - b'0')))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The line around `start..end`, limited to `back` bytes before and `ahead` bytes after.
fn line_window_within(text: &str, start: usize, end: usize, back: usize, ahead: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let lo = start.saturating_sub(back);
    let ls = memchr::memrchr(b'\n', &b[lo..start]).map_or(ceil_boundary(text, lo), |i| lo + i + 1);
    (ls, line_end_within(text, end, ahead))
}

/// The end of the line that goes on at `end`, limited to `ahead` bytes after it.
fn line_end_within(text: &str, end: usize, ahead: usize) -> usize {
    let hi = floor_boundary(text, end.saturating_add(ahead));
    memchr::memchr(b'\n', &text.as_bytes()[end..hi]).map_or(hi, |i| end + i)
}

/// The character before byte `i`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// End of the sentence that goes on at `from`: the first "." followed by a space or the end of the line,
/// or ";", or the line end `le`.
fn sentence_end(b: &[u8], from: usize, le: usize) -> usize {
    // Only "." and ";" can end it: jump from one to the next.
    for i in memchr::memchr2_iter(b';', b'.', &b[from.min(le)..le]).map(|k| from + k) {
        if b[i] == b';' || i + 1 >= le || matches!(b[i + 1], b' ' | b'\t') || space_len(b, i + 1) > 0 {
            return i;
        }
    }
    le
}

/// `s` starts with `word` (ASCII, case-insensitively) and a word boundary follows.
fn starts_with_word(s: &[u8], word: &str) -> bool {
    s.len() >= word.len() && s[..word.len()].eq_ignore_ascii_case(word.as_bytes()) && !word_at(s, word.len())
}

// ---------------------------------------------------------------------------------------------------------
// Dates

/// Month names in English, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month named at `i` ("November", "Nov", "Nov.", "Sept") and the byte length of the name, with
/// whether it was the full name.
fn month_at(b: &[u8], i: usize) -> Option<(u8, usize, bool)> {
    if word_before(b, i) {
        return None;
    }
    let s = b.get(i..)?;
    if !s.first()?.is_ascii_uppercase() {
        return None;
    }
    let word = s.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if word_at(s, word) {
        return None;
    }
    let w = &s[..word];
    for (k, name) in MONTHS.iter().enumerate() {
        let name = name.as_bytes();
        let month = (k + 1) as u8;
        if w == name {
            return Some((month, word, true));
        }
        let abbrev = w.len() >= 3 && w.len() < name.len() && name.starts_with(w);
        if abbrev && (w.len() == 3 || w == b"Sept") {
            let dot = usize::from(s.get(word) == Some(&b'.'));
            return Some((month, word + dot, false));
        }
    }
    None
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A four-digit year at `i` (1900..=2199) with a word boundary on both sides.
fn year_at(b: &[u8], i: usize) -> Option<u16> {
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    if digits_len(b, i) != 4 || b.get(i + 4).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let y = parse_i64(&b[i..i + 4])?;
    (1900..=2199).contains(&y).then_some(y as u16)
}

#[derive(Clone, Copy)]
struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
    fn with_day(year: u16, month: u8, day: i64) -> Option<Self> {
        (1..=i64::from(days_in_month(year, month))).contains(&day).then_some(Self {
            year,
            month: Some(month),
            day: Some(day as u8),
        })
    }
}

/// A date at `i` and where it ends: "1 January 2023", "1st January 2023", "January 1, 2023",
/// "January 2023", "2023-01-01", or a bare year "2023".
fn date_at(b: &[u8], i: usize, limit: usize) -> Option<(Date, usize)> {
    let b = &b[..limit.min(b.len())];
    // A range's second date is looked for after a separator that may run past the limit.
    if i >= b.len() || word_before(b, i) {
        return None;
    }
    let n = digits_len(b, i);
    if n == 4 {
        let year = year_at(b, i)?;
        // ISO 8601.
        if b.get(i + 4) == Some(&b'-') && digits_len(b, i + 5) == 2 && b.get(i + 7) == Some(&b'-') {
            if digits_len(b, i + 8) == 2 && b.get(i + 10).is_none_or(|c| !c.is_ascii_alphanumeric()) {
                let month = parse_i64(&b[i + 5..i + 7])?;
                let day = parse_i64(&b[i + 8..i + 10])?;
                if (1..=12).contains(&month) {
                    return Date::with_day(year, month as u8, day).map(|d| (d, i + 10));
                }
            }
            return None;
        }
        return Some((Date { year, month: None, day: None }, i + 4));
    }
    if (1..=2).contains(&n) {
        let day = parse_i64(&b[i..i + n])?;
        let mut j = i + n;
        for suffix in ["st", "nd", "rd", "th"] {
            if b[j..].starts_with(suffix.as_bytes()) {
                j += 2;
                break;
            }
        }
        let sp = spaces(b, j);
        if sp == 0 {
            return None;
        }
        j += sp;
        let (month, len, _) = month_at(b, j)?;
        j += len;
        let sp = spaces(b, j);
        let year = year_at(b, j + sp)?;
        return Date::with_day(year, month, day).map(|d| (d, j + sp + 4));
    }
    if n == 0 {
        let (month, len, _) = month_at(b, i)?;
        let mut j = i + len;
        j += spaces(b, j);
        if let Some(year) = year_at(b, j) {
            return Some((Date { year, month: Some(month), day: None }, j + 4));
        }
        let dn = digits_len(b, j);
        if !(1..=2).contains(&dn) {
            return None;
        }
        let day = parse_i64(&b[j..j + dn])?;
        j += dn;
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        j += spaces(b, j);
        let year = year_at(b, j)?;
        return Date::with_day(year, month, day).map(|d| (d, j + 4));
    }
    None
}

/// Length of a range separator at `i`: spaces, then a dash, "to", "until", "till" or "through", then
/// spaces.
fn range_sep(b: &[u8], i: usize) -> usize {
    let mut j = i + spaces(b, i);
    let d = dash_len(b, j);
    if d > 0 {
        j += d;
    } else {
        let Some(word) =
            ["to", "until", "till", "through"].into_iter().find(|w| starts_with_word(&b[j.min(b.len())..], w))
        else {
            return 0;
        };
        if j == i {
            return 0;
        }
        j += word.len();
        let sp = spaces(b, j);
        if sp == 0 {
            return 0;
        }
    }
    j += spaces(b, j);
    j - i
}

/// The first term of office in `text[from..to]`: (start, end, end offset).
fn find_term(text: &str, from: usize, to: usize) -> Option<(Option<String>, Option<String>, usize)> {
    let b = text.as_bytes();
    let mut i = from;
    while i < to {
        let c = b[i];
        if (c.is_ascii_digit() || c.is_ascii_uppercase())
            && !word_before(b, i)
            && let Some((first, e1)) = date_at(b, i, to)
        {
            let sep = range_sep(b, e1);
            if sep > 0
                && let Some((second, e2)) = date_at(b, e1 + sep, to)
            {
                let both_years = first.month.is_none() && second.month.is_none();
                let both_dated = first.month.is_some() && second.month.is_some();
                if (both_years || both_dated) && second.year >= first.year {
                    return Some((Some(first.iso()), Some(second.iso()), e2));
                }
            }
            if first.day.is_some() {
                let before = text[from..i].trim_end().to_ascii_lowercase();
                if ["from", "as of", "starting", "effective", "beginning", "commencing"]
                    .iter()
                    .any(|w| before.ends_with(w))
                {
                    return Some((Some(first.iso()), None, e1));
                }
            }
            i = e1;
            continue;
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------------------------------------
// Elections

const HONORIFICS: &[&str] = &[
    "H.E.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Professor",
    "Miss",
    "Mme",
    "Madam",
    "Madame",
    "Sir",
    "Dame",
];

const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "bin",
    "binti", "ibn", "al", "el", "y", "e",
];

/// Elections stated around "elected" at `at..after`; returns the end of the statement.
fn elections(text: &str, at: usize, after: usize, out: &mut Vec<Election>) -> Option<usize> {
    let b = text.as_bytes();
    let before = &text[..at];
    if word_at(b, after) || (word_before(b, at) && !before.ends_with("re") && !before.ends_with("Re")) {
        return None;
    }
    let (ls, le) = line_window_within(text, at, after, 400, 600);
    // "re-elected", "re‑elected", "reelected"; reject "selected".
    let mut pre = &text[ls..at];
    for re in ["re-", "Re-", "re\u{2011}", "Re\u{2011}", "re", "Re"] {
        if let Some(p) = pre.strip_suffix(re) {
            pre = p;
            break;
        }
    }
    if word_before(pre.as_bytes(), pre.len()) {
        return None;
    }
    let pre = pre.trim_end();
    let aux = ["has been", "have been", "had been", "was", "were", "is", "are"]
        .into_iter()
        .find(|a| pre.ends_with(a) && pre.len() > a.len() && !word_before(pre.as_bytes(), pre.len() - a.len()));
    let (persons, post_from) = match aux {
        Some(aux) => {
            let subject_end = ls + pre.len() - aux.len();
            let subject_end = ls + text[ls..subject_end].trim_end().len();
            (persons_before(text, ls, subject_end)?, after)
        }
        None => {
            // Active voice: "PP-22 elected Mr X (Japan) as TSB Director".
            if pre.is_empty() {
                return None;
            }
            let rest = &text[after..floor_boundary(text, le.min(after + 400))];
            let as_at = rest.find(" as ")?;
            let persons = persons_in(text, after, after + as_at)?;
            (persons, after + as_at)
        }
    };
    let (posts, post_end) = posts_at(text, post_from, le, persons.people.len())?;
    let send = sentence_end(b, post_end, le);
    let (term_start, term_end, end) = match find_term(text, post_end, send) {
        Some((s, e, end)) => (s, e, end),
        None => (None, None, post_end),
    };
    for (k, (name, country)) in persons.people.into_iter().enumerate() {
        let post = posts.get(k).or(posts.first())?.clone();
        out.push(Election {
            person: name,
            country,
            post,
            term_start: term_start.clone(),
            term_end: term_end.clone(),
            start: persons.start,
            end,
        });
    }
    Some(end)
}

struct Persons {
    people: Vec<(String, Option<String>)>,
    start: usize,
}

/// The persons named at the end of `text[ls..end]`, the subject of a passive "was elected".
fn persons_before(text: &str, ls: usize, end: usize) -> Option<Persons> {
    let b = text.as_bytes();
    // The clause starts after the last tab, ";", ":" or sentence end, not counting "Mr." and initials.
    // Eight persons fit in 400 bytes.
    let ls = ceil_boundary(text, ls.max(end.saturating_sub(400)));
    let mut cs = ls;
    let mut depth = 0i32;
    let mut i = end;
    while i > ls {
        i -= 1;
        match b[i] {
            b')' => depth += 1,
            b'(' => depth -= 1,
            b'\t' | b';' | b':' if depth <= 0 => {
                cs = i + 1;
                break;
            }
            b'.' if depth <= 0 && b.get(i + 1).is_some_and(|&c| c == b' ') => {
                let word_start = text[ls..i].rfind([' ', '\t', '(']).map_or(ls, |k| ls + k + 1);
                let word = &text[word_start..i];
                let abbreviation = HONORIFICS.iter().any(|h| h.trim_end_matches('.') == word)
                    || word.len() == 1
                    || word.contains('.')
                    || word == "St";
                if !abbreviation {
                    cs = i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    persons_in(text, cs, end)
}

/// The persons listed in `text[from..to]`, taken from the end while they read as persons.
fn persons_in(text: &str, from: usize, to: usize) -> Option<Persons> {
    let b = text.as_bytes();
    // Split at top-level ", and ", " and ", ", ".
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0i32;
    let mut seg = from;
    let mut i = from;
    while i < to {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ if depth == 0 => {
                let rest = &b[i..to];
                let sep = [&b", and "[..], b" and ", b", "].into_iter().find(|s| rest.starts_with(s));
                if let Some(sep) = sep {
                    segments.push((seg, i));
                    i += sep.len();
                    seg = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    segments.push((seg, to));
    let mut people = Vec::new();
    let mut start = None;
    for &(s, e) in segments.iter().rev() {
        match person(text, s, e) {
            Some((p, ps)) => {
                people.push(p);
                start = Some(ps);
            }
            None => break,
        }
    }
    people.reverse();
    Some(Persons { people, start: start? })
}

/// One person: honorifics, a name, and a country in parentheses; one of honorific or country is needed.
fn person(text: &str, s: usize, e: usize) -> Option<((String, Option<String>), usize)> {
    let mut s = s + crate::clean::skip_artefacts(&text[s..e]);
    // Heading numbers such as "1.1 " before the subject.
    let b = &text.as_bytes()[..e];
    let num = b[s..].iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
    if num > 0 && spaces(b, s + num) > 0 {
        s += num + spaces(b, s + num);
    }
    let seg = text[s..e].trim();
    let start = s + (text[s..e].len() - text[s..e].trim_start().len());
    let mut rest = seg;
    let mut honorific = false;
    loop {
        let found = HONORIFICS.iter().find(|h| {
            rest.starts_with(**h)
                && rest[h.len()..].starts_with(|c: char| c.is_whitespace())
                && !rest[h.len()..].trim_start().is_empty()
        });
        match found {
            Some(h) => {
                rest = rest[h.len()..].trim_start();
                honorific = true;
            }
            None => break,
        }
    }
    let (name, country) = match rest.find('(') {
        Some(open) => {
            let inner = &rest[open + 1..];
            let mut depth = 1;
            let close = inner.char_indices().find_map(|(k, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(k)
            })?;
            if !inner[close + 1..].trim().is_empty() {
                return None;
            }
            (rest[..open].trim(), Some(clean(&inner[..close])))
        }
        None => (rest, None),
    };
    if !honorific && country.is_none() {
        return None;
    }
    if country.as_deref().is_some_and(|c| c.is_empty() || c.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    for w in &words {
        let first = w.chars().next()?;
        let letters = w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | '\u{2011}'));
        if !letters || !(first.is_uppercase() || PARTICLES.contains(w)) {
            return None;
        }
    }
    if !words.iter().any(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    Some(((clean(name), country), start))
}

/// The post(s) after "elected" at `from`: one per person when the sentence says "respectively".
fn posts_at(text: &str, from: usize, le: usize, persons: usize) -> Option<(Vec<String>, usize)> {
    let b = &text.as_bytes()[..le];
    let mut i = from + spaces(b, from);
    // An adverb before "as": "elected unanimously as".
    let word = b[i..le].iter().take_while(|c| c.is_ascii_lowercase()).count();
    if word > 0 && b[i + word..le].starts_with(b" as ") && &b[i..i + word] != b"as" {
        i += word + 1;
    }
    for prefix in ["as ", "to the post of ", "to the position of ", "to the office of ", "to be "] {
        if b[i..le].starts_with(prefix.as_bytes()) {
            i += prefix.len();
            break;
        }
    }
    i += spaces(b, i);
    for article in ["the ", "a ", "an "] {
        if b[i..le].starts_with(article.as_bytes()) {
            i += article.len();
            break;
        }
    }
    // A post is at most 120 bytes long: look no further than that and its stop word.
    let rest = &text[i..floor_boundary(text, le.min(i + 160))];
    const STOPS: &[&str] = &[
        " for ",
        " with ",
        " from ",
        " on ",
        " at ",
        " by ",
        " during ",
        " until ",
        " in ",
        " to serve",
        " respectively",
        " effective",
        " who ",
        " which ",
        " and will",
        " and has",
    ];
    let rb = rest.as_bytes();
    let stop = (0..rb.len())
        .find(|&k| match rb[k] {
            b',' | b';' | b':' | b'.' | b'(' | b'\t' => true,
            b' ' => STOPS.iter().any(|s| rb[k..].starts_with(s.as_bytes())),
            _ => false,
        })
        .unwrap_or(rb.len());
    let raw = rest[..stop].trim_end();
    let post_end = i + raw.len();
    if raw.is_empty() || raw.len() > 120 || !raw.chars().any(char::is_alphabetic) {
        return None;
    }
    let lower = raw.to_lowercase();
    let known =
        ["director", "secretary", "member", "chair", "vice", "deputy", "president"].iter().any(|k| lower.contains(k));
    if !(raw.starts_with(char::is_uppercase) || known) {
        return None;
    }
    let after = text[post_end..le].trim_start_matches([',', ' ']);
    if persons > 1 && after.starts_with("respectively") {
        let mut posts = Vec::new();
        let mut rest = raw;
        loop {
            let cut = [", and ", " and ", ", "].iter().filter_map(|s| rest.find(s).map(|k| (k, s.len()))).min();
            match cut {
                Some((k, n)) => {
                    posts.push(normalise_post(&rest[..k]));
                    rest = &rest[k + n..];
                }
                None => {
                    posts.push(normalise_post(rest));
                    break;
                }
            }
        }
        if posts.len() != persons {
            return None;
        }
        let end = post_end + (text[post_end..le].len() - after.len()) + "respectively".len();
        return Some((posts, end));
    }
    Some((vec![normalise_post(raw)], post_end))
}

/// Canonical names of DOMAIN.md for the posts ITU elects; others as written, cleaned.
fn normalise_post(raw: &str) -> String {
    let cleaned = clean(raw);
    let key: String =
        cleaned.to_lowercase().chars().map(|c| if c == '\u{2011}' || c == '\u{2010}' { '-' } else { c }).collect();
    let key = key.trim_start_matches("the ").trim();
    let bureau = |k: &str| -> Option<&'static str> {
        let k = k.trim_start_matches([',', ' ']).trim_start_matches("of ").trim_start_matches("the ").trim();
        match k {
            "tsb" | "telecommunication standardization bureau" | "itu-t" => Some("Director TSB"),
            "br" | "radiocommunication bureau" | "itu-r" => Some("Director BR"),
            "bdt" | "telecommunication development bureau" | "itu-d" => Some("Director BDT"),
            _ => None,
        }
    };
    if let Some(k) = key.strip_prefix("director")
        && let Some(p) = bureau(k)
    {
        return p.to_owned();
    }
    if let Some(k) = key.strip_suffix("director")
        && let Some(p) = bureau(k.trim())
    {
        return p.to_owned();
    }
    let sg = |k: &str| {
        matches!(
            k,
            "secretary-general" | "secretary general" | "secretary-general of the union" | "secretary-general of itu"
        )
    };
    if sg(key) {
        return "Secretary-General".to_owned();
    }
    if key.strip_prefix("deputy ").is_some_and(sg) {
        return "Deputy Secretary-General".to_owned();
    }
    if matches!(
        key,
        "member of the radio regulations board"
            | "members of the radio regulations board"
            | "rrb member"
            | "rrb members"
            | "member of the rrb"
            | "members of the rrb"
    ) {
        return "Member of the Radio Regulations Board".to_owned();
    }
    cleaned
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

/// A number as written: integer and fraction digits, and where it ends.
struct Number {
    /// The integer digits, then the fraction's: at most 40 in all, so kept here rather than in two `Vec`s.
    digits: [u8; 40],
    int_len: usize,
    frac_len: usize,
    end: usize,
}

impl Number {
    /// `int` then `frac`, at most 40 digits together.
    fn new(int: &[&[u8]], frac: &[u8], end: usize) -> Option<Number> {
        let int_len: usize = int.iter().map(|p| p.len()).sum();
        if int_len + frac.len() > 40 {
            return None;
        }
        let mut digits = [0; 40];
        let mut at = 0;
        for part in int.iter().chain([&frac]) {
            digits[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        Some(Number { digits, int_len, frac_len: frac.len(), end })
    }

    fn int(&self) -> &[u8] {
        &self.digits[..self.int_len]
    }

    fn frac(&self) -> &[u8] {
        &self.digits[self.int_len..self.int_len + self.frac_len]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Sep {
    Space,
    Apostrophe,
    Comma,
    Dot,
}

/// The number at `start` (a digit), reading no further than `limit`.
fn number_at(b: &[u8], start: usize, limit: usize) -> Option<Number> {
    let b = &b[..limit.min(b.len())];
    let first = digits_len(b, start);
    if first == 0 || first > 30 {
        return None;
    }
    // (separator, first digit, digit count): at most 11, in place.
    let mut group_list = [(Sep::Space, 0, 0); 11];
    let mut count = 0;
    let mut i = start + first;
    loop {
        let (sep, len) = match b.get(i) {
            Some(b',') => (Sep::Comma, 1),
            Some(b'.') => (Sep::Dot, 1),
            Some(b'\'') => (Sep::Apostrophe, 1),
            _ if b.get(i..i + 3) == Some(&[0xE2, 0x80, 0x99]) => (Sep::Apostrophe, 3),
            _ => match space_len(b, i) {
                0 => break,
                n => (Sep::Space, n),
            },
        };
        let n = digits_len(b, i + len);
        if n == 0 || count > 10 {
            break;
        }
        match sep {
            Sep::Space | Sep::Apostrophe => {
                if n != 3 || first > 3 {
                    break;
                }
                group_list[count] = (sep, i + len, n);
                count += 1;
                i += len + n;
            }
            Sep::Comma | Sep::Dot => {
                group_list[count] = (sep, i + len, n);
                count += 1;
                i += len + n;
                if n != 3 {
                    break;
                }
            }
        }
    }
    let groups = &group_list[..count];
    // Which separator, if any, is the decimal one.
    let decimal = match groups.last() {
        Some(&(last @ (Sep::Comma | Sep::Dot), _, n)) => {
            let earlier = &groups[..groups.len() - 1];
            let other = if last == Sep::Comma { Sep::Dot } else { Sep::Comma };
            if n != 3 {
                true
            } else if earlier.iter().any(|g| g.0 == last) {
                false
            } else if !earlier.is_empty() {
                // "1,234.567", "1 234,567": a different grouping before it.
                earlier.iter().any(|g| g.0 == other || g.0 != last)
            } else {
                last == Sep::Dot
            }
        }
        _ => false,
    };
    let grouping = if decimal { &groups[..groups.len() - 1] } else { groups };
    // Grouping separators: one kind among comma/dot, each group three digits, a first group of 1-3 digits.
    let consistent = grouping.iter().all(|g| g.2 == 3)
        && !(grouping.iter().any(|g| g.0 == Sep::Comma) && grouping.iter().any(|g| g.0 == Sep::Dot))
        && (grouping.is_empty() || first <= 3);
    if !consistent {
        // Read only the first run of digits.
        return Number::new(&[&b[start..start + first]], &[], start + first);
    }
    // The first run of digits and at most eleven groups.
    let mut int: [&[u8]; 12] = [&[]; 12];
    int[0] = &b[start..start + first];
    for (k, &(_, s, n)) in grouping.iter().enumerate() {
        int[k + 1] = &b[s..s + n];
    }
    let (frac, end) = match (decimal, groups.last()) {
        (true, Some(&(_, s, n))) => (&b[s..s + n], s + n),
        _ => (&[][..], grouping.last().map_or(start + first, |&(_, s, n)| s + n)),
    };
    Number::new(&int[..grouping.len() + 1], frac, end)
}

const MULTIPLIERS: &[(&str, usize)] = &[
    ("thousands", 3),
    ("thousand", 3),
    ("millions", 6),
    ("million", 6),
    ("billions", 9),
    ("billion", 9),
    ("trillions", 12),
    ("trillion", 12),
    ("bn", 9),
    ("mn", 6),
];

/// A multiplier word at `i`, with its length and power of ten.
fn multiplier_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let s = b.get(i..)?;
    MULTIPLIERS.iter().find(|(w, _)| starts_with_word(s, w)).map(|&(w, p)| (w.len(), p))
}

/// The exact value of `int.frac × 10^shift` as a plain decimal string; `None` past 64 bytes (a [`Number`] has
/// at most 40 digits and a multiplier shifts by at most 12).
fn scaled(int: &[u8], frac: &[u8], shift: usize) -> Option<CompactString> {
    // The point moves `shift` digits to the right, into `frac` and then into zeros added after it: the whole
    // part is `int`, `head` and `zeros` zeros, less its leading zeros. Written in slices, not digit by digit.
    let moved = shift.min(frac.len());
    let (head, fp) = frac.split_at(moved);
    let fp = &fp[..fp.len() - fp.iter().rev().take_while(|&&c| c == b'0').count()];
    let int = without_leading_zeros(int);
    let head = if int.is_empty() { without_leading_zeros(head) } else { head };
    let zeros = if int.is_empty() && head.is_empty() { 0 } else { shift - moved };
    // Gathered on the stack, then made a string once: pushing each part into the CompactString checked each
    // part's UTF-8 and copied it with a call of its own. The buffer starts as zeros, so `zeros` are only skipped.
    let mut buf = [b'0'; 64];
    let mut at = 0;
    for part in [int, head] {
        put(&mut buf, &mut at, part)?;
    }
    at = (at + zeros).max(1);
    if !fp.is_empty() {
        put(&mut buf, &mut at, b".")?;
        put(&mut buf, &mut at, fp)?;
    }
    CompactString::from_utf8(buf.get(..at)?).ok()
}

/// Copies `part` into `buf` at `at`, byte by byte (the parts are a few bytes: cheaper than a call to `memcpy`).
/// `None` when it does not fit.
fn put(buf: &mut [u8], at: &mut usize, part: &[u8]) -> Option<()> {
    let dst = buf.get_mut(*at..*at + part.len())?;
    for (d, &c) in dst.iter_mut().zip(part) {
        *d = c;
    }
    *at += part.len();
    Some(())
}

fn without_leading_zeros(digits: &[u8]) -> &[u8] {
    &digits[digits.iter().take_while(|&&c| c == b'0').count()..]
}

/// "CHF 651.7 million": the code at `start..end`, then the number.
fn amount_after_code(text: &str, start: usize, end: usize, currency: &'static str) -> Option<Amount> {
    let b = text.as_bytes();
    if start > 0 && b[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    if b.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // The number is read no further than 80 bytes. It stops at a line end by itself (no newline is a digit, a
    // separator or a space), so the line end is not looked for.
    let hi = floor_boundary(text, end.saturating_add(80));
    let i = end + spaces(b, end);
    if i - end > 8 || i >= hi || !b[i].is_ascii_digit() {
        return None;
    }
    let num = number_at(b, i, hi)?;
    if b.get(num.end).is_some_and(|&c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut stop = num.end;
    let mut shift = 0;
    let sp = spaces(b, num.end);
    if sp > 0
        && let Some((len, p)) = multiplier_at(b, num.end + sp)
    {
        stop = num.end + sp + len;
        shift = p;
    }
    Some(Amount {
        text: text[start..stop].into(),
        currency: currency.into(),
        value: scaled(num.int(), num.frac(), shift)?,
        start,
        end: stop,
    })
}

/// "5 million Swiss francs", "318 000 CHF": the number, then the currency at `start..end`.
fn amount_before(text: &str, start: usize, end: usize, currency: &'static str, code: bool) -> Option<Amount> {
    let b = text.as_bytes();
    // "euro" but not "European"; "CHF" but not "CHFs".
    if word_before(b, start) || word_at(b, end) {
        return None;
    }
    let sp = spaces_back(b, start);
    if sp == 0 && !(code && start > 0 && b[start - 1].is_ascii_digit()) {
        return None;
    }
    let mut j = start - sp;
    let mut shift = 0;
    for &(w, p) in MULTIPLIERS {
        let n = w.len();
        if j >= n && b[j - n..j].eq_ignore_ascii_case(w.as_bytes()) && !word_before(b, j - n) {
            let sp = spaces_back(b, j - n);
            if sp == 0 {
                return None;
            }
            j = j - n - sp;
            shift = p;
            break;
        }
    }
    if j == 0 || !b[j - 1].is_ascii_digit() {
        return None;
    }
    // Walk back over what may belong to the number, then try each run of digits from the left.
    let mut k = j;
    while k > 0
        && j - k < 48
        && (b[k - 1].is_ascii_digit() || matches!(b[k - 1], b',' | b'.' | b'\'' | b' ') || b[k - 1] >= 0x80)
    {
        k -= 1;
    }
    for s in k..j {
        if !b[s].is_ascii_digit() || (s > 0 && b[s - 1].is_ascii_digit()) {
            continue;
        }
        if s > 0 && (b[s - 1].is_ascii_alphabetic() || matches!(b[s - 1], b'/' | b'-' | b'.' | b',')) {
            continue;
        }
        if let Some(num) = number_at(b, s, j)
            && num.end == j
        {
            return Some(Amount {
                text: text[s..end].into(),
                currency: currency.into(),
                value: scaled(num.int(), num.frac(), shift)?,
                start: s,
                end,
            });
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------------------
// Quantities

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

fn quantity(text: &str, start: usize, end: usize, n: i64, d: i64) -> Option<Quantity> {
    if d <= 0 || n < 0 {
        return None;
    }
    let g = gcd(n, d).max(1);
    Some(Quantity { text: text[start..end].into(), numerator: n / g, denominator: d / g, start, end })
}

/// The char before `i` allows a number to start at `i`.
fn number_may_start(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '\''),
    }
}

/// A whole number before `i` (which is after the space or directly before the fraction): its start and
/// value, when it stands alone (not a group of a larger number, not part of a symbol).
fn whole_before(text: &str, i: usize) -> Option<(usize, i64)> {
    let b = text.as_bytes();
    let n = digits_back(b, i);
    if n == 0 || n > 18 {
        return None;
    }
    let s = i - n;
    if !number_may_start(text, s) {
        return None;
    }
    // "1 343 11/16" would be a grouped number: not taken.
    let sp = spaces_back(b, s);
    if sp > 0 && s - sp > 0 && b[s - sp - 1].is_ascii_digit() {
        return None;
    }
    Some((s, parse_i64(&b[s..i])?))
}

/// The next word after `i` says what the fraction counts.
fn unit_word_after(b: &[u8], i: usize) -> bool {
    let mut j = i + spaces(b, i);
    if j == i && dash_len(b, i) > 0 {
        j += dash_len(b, i);
    }
    let s = &b[j.min(b.len())..];
    ["units", "unit", "contributory", "shares", "share"].iter().any(|w| starts_with_word(s, w))
}

/// A digit ends at `p` and another starts at `q`: the least a fraction's slash at `p..q` needs.
fn digit_around(b: &[u8], p: usize, q: usize) -> bool {
    p > 0 && b[p - 1].is_ascii_digit() && b.get(q).is_some_and(u8::is_ascii_digit)
}

/// "343 11/16", "1 1/2", or "1/2 unit": the slash at `p..q`.
fn slash_fraction(text: &str, p: usize, q: usize) -> Option<Quantity> {
    let b = text.as_bytes();
    let nl = digits_back(b, p);
    let dl = digits_len(b, q);
    if nl == 0 || dl == 0 || nl > 18 || dl > 18 {
        return None;
    }
    let (ns, de) = (p - nl, q + dl);
    if !number_may_start(text, ns) {
        return None;
    }
    if let Some(&c) = b.get(de) {
        let digit_follows = b.get(de + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_alphanumeric() || matches!(c, b'/' | b'\\') || (matches!(c, b'.' | b',' | b'-') && digit_follows)
        {
            return None;
        }
        if c >= 0x80 && text[de..].starts_with(|c: char| c.is_alphanumeric() || c == '\u{2011}') {
            return None;
        }
    }
    let n = parse_i64(&b[ns..p])?;
    let d = parse_i64(&b[q..de])?;
    if d == 0 {
        return None;
    }
    // The mixed form: a whole number, one space, a proper fraction.
    let sp = spaces_back(b, ns);
    if sp > 0
        && sp <= 3
        && n < d
        && dl <= 3
        && d >= 2
        && let Some((ws, w)) = whole_before(text, ns - sp)
    {
        let total = w.checked_mul(d)?.checked_add(n)?;
        return quantity(text, ws, de, total, d);
    }
    if unit_word_after(b, de) {
        return quantity(text, ns, de, n, d);
    }
    None
}

/// "343¾", "343 ¾", "½ unit": the vulgar fraction at `p..q`.
fn vulgar_fraction(text: &str, p: usize, q: usize, n: i64, d: i64) -> Option<Quantity> {
    let b = text.as_bytes();
    if text[q..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let sp = spaces_back(b, p);
    if sp <= 3 && p - sp > 0 && b[p - sp - 1].is_ascii_digit() {
        let (ws, w) = whole_before(text, p - sp)?;
        let total = w.checked_mul(d)?.checked_add(n)?;
        return quantity(text, ws, q, total, d);
    }
    if number_may_start(text, p) && unit_word_after(b, q) {
        return quantity(text, p, q, n, d);
    }
    None
}

// ---------------------------------------------------------------------------------------------------------
// Events

/// The phrases that say a conference is held, as the tests list them; [`holding_at`] holds them grouped by
/// their first two bytes.
#[cfg(test)]
const HOLDING: &[&str] = &[
    "take place",
    "took place",
    "takes place",
    "taking place",
    "be held",
    "was held",
    "were held",
    "is held",
    "been held",
    "being held",
    "held in",
    "be hosted",
    "was hosted",
    "hosted by",
    "be convened",
    "convened in",
];

/// Whether a phrase saying a conference is held ("take place", "be held", "hosted by", ...) starts `s`. The
/// first two bytes pick the few phrases worth comparing: most bytes of a sentence cost one `match`, and frequent
/// pairs ("he" of "the", "co") one comparison instead of sixteen.
fn holding_at(s: &[u8]) -> bool {
    let phrases: &[&[u8]] = match s {
        [b't', b'a', ..] => &[b"take place", b"takes place", b"taking place"],
        [b't', b'o', ..] => &[b"took place"],
        [b'b', b'e', ..] => &[b"be held", b"been held", b"being held", b"be hosted", b"be convened"],
        [b'w', b'a', ..] => &[b"was held", b"was hosted"],
        [b'w', b'e', ..] => &[b"were held"],
        [b'i', b's', ..] => &[b"is held"],
        [b'h', b'e', ..] => &[b"held in"],
        [b'h', b'o', ..] => &[b"hosted by"],
        [b'c', b'o', ..] => &[b"convened in"],
        _ => return false,
    };
    phrases.iter().any(|h| s.starts_with(h))
}

/// The first month named in `b[from..to]`: full names anywhere (except "May"); "May" and abbreviations
/// only next to a number ("26 Sept", "May 2024").
fn find_month(b: &[u8], from: usize, to: usize) -> Option<(u8, usize)> {
    let mut i = from;
    while i < to {
        if b[i].is_ascii_uppercase()
            && let Some((m, len, full)) = month_at(&b[..to], i)
        {
            let sure = full && m != 5;
            let after = i + len + spaces(&b[..to], i + len);
            let next_to_number = (i >= 2 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit())
                || (after > i + len && b.get(after).is_some_and(u8::is_ascii_digit) && after < to);
            if sure || next_to_number {
                return Some((m, i + len));
            }
        }
        i += 1;
    }
    None
}

fn find_year(b: &[u8], from: usize, to: usize) -> Option<(u16, usize)> {
    let mut i = from;
    while i + 4 <= to {
        if b[i].is_ascii_digit() {
            let n = digits_len(&b[..to], i);
            if n == 4
                && let Some(y) = year_at(b, i)
            {
                return Some((y, i + 4));
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// Capitalised words that start no place name in ITU texts ("WTSA-20 Resolutions (Geneva, 2022)").
const NOT_PLACES: &[&str] = &[
    "Resolution",
    "Resolutions",
    "Decision",
    "Decisions",
    "Recommendation",
    "Recommendations",
    "Opinion",
    "Report",
    "Reports",
    "Question",
    "Questions",
    "Document",
    "Documents",
    "Final",
    "Plenary",
    "Committee",
    "Conference",
    "Assembly",
    "Council",
    "Member",
    "Members",
    "Sector",
    "Study",
    "ITU",
    "TSB",
    "TSAG",
];

/// Capitalised words at `i` ("New Delhi", "Bucharest, Romania"): their end, if any.
fn place_at(text: &str, i: usize, to: usize) -> Option<usize> {
    let b = text.as_bytes();
    let word_end = |s: usize| -> Option<usize> {
        let w = text.get(s..to)?;
        let first = w.chars().next()?;
        if !first.is_uppercase() || month_at(b, s).is_some_and(|m| m.2) {
            return None;
        }
        let len: usize = w
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '\u{2011}')))
            .map_or(w.len(), |(k, _)| k);
        let word = &w[..len];
        (first.is_alphabetic() && !NOT_PLACES.contains(&word)).then_some(s + len)
    };
    let mut end = word_end(i)?;
    let mut words = 1;
    let mut commas = 0;
    loop {
        let rest = &b[end..to];
        if rest.starts_with(b" ")
            && words < 5
            && let Some(e) = word_end(end + 1)
        {
            end = e;
            words += 1;
            continue;
        }
        if rest.starts_with(b", ")
            && commas < 2
            && let Some(e) = word_end(end + 2)
        {
            end = e;
            commas += 1;
            words = 1;
            continue;
        }
        return Some(end);
    }
}

/// The place after " in " in `text[from..to]`.
fn find_place(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut k = from;
    while let Some(off) = memchr::memmem::find(&b[k..to], b"in ") {
        let at = k + off;
        k = at + 3;
        if word_before(b, at) {
            continue;
        }
        if let Some(e) = place_at(text, k, to) {
            return Some((k, e));
        }
    }
    None
}

/// A conference named at `start..end` ("WTSA" of "WTSA-24"), with its time or place.
fn event(text: &str, start: usize, end: usize) -> Option<Event> {
    let b = text.as_bytes();
    if word_before(b, start) || matches!(char_ending_at(b, start), Some('-' | '\u{2010}' | '\u{2011}')) {
        return None;
    }
    let dash = match b.get(end..) {
        Some([b'-', ..]) => 1,
        Some([0xE2, 0x80, 0x90 | 0x91, ..]) => 3,
        _ => return None,
    };
    let digits = digits_len(b, end + dash);
    if digits != 2 && digits != 4 {
        return None;
    }
    let name_end = end + dash + digits;
    if word_at(b, name_end) {
        return None;
    }
    let name = || format!("{}-{}", &text[start..end], &text[end + dash..name_end]);
    let le = line_end_within(text, name_end, 400);

    // "PP-22 Bucharest (26 Sept–14 Oct 2022)", "WTSA-20 (Geneva, 2022)".
    let mut i = name_end + spaces(b, name_end);
    let mut place = None;
    if i > name_end
        && i < le
        && i - name_end <= 3
        && let Some(e) = place_at(text, i, le)
    {
        place = Some((i, e));
        i = e + spaces(b, e);
    }
    if i < le && i - name_end <= 80 && b[i] == b'(' {
        let close = b[i..le.min(i + 200)].iter().position(|&c| c == b')').map(|k| i + k);
        if let Some(close) = close
            && let Some((year, _)) = find_year(b, i + 1, close)
        {
            let month = find_month(b, i + 1, close).map(|m| m.0);
            if place.is_none() {
                let inner = i + 1 + spaces(b, i + 1);
                place = place_at(text, inner, close)
                    .filter(|&e| b.get(e) == Some(&b','))
                    .map(|e| (inner, e))
                    .or_else(|| find_place(text, i + 1, close));
            }
            return Some(Event {
                name: name(),
                year: Some(year),
                month,
                place: place.map(|(s, e)| clean(&text[s..e])),
                start,
                end: close + 1,
            });
        }
    }

    // "WTSA-24 is planned to take place in the last quarter of 2024 (November), in India."
    // The holding phrase starts within 60 bytes of the name, in the same sentence.
    let near = sentence_end(b, name_end, le.min(name_end + 60));
    let look = floor_boundary(text, (near + 16).min(le));
    // A phrase starting at `near` or later would be refused: look for starts before it only.
    let from = (name_end..near).find(|&k| holding_at(&b[k..look]))?;
    let send = sentence_end(b, from, le);
    let year = find_year(b, from, send);
    let month = find_month(b, from, send);
    let place = find_place(text, from, send);
    if year.is_none() && place.is_none() {
        return None;
    }
    let end = [year.map(|y| y.1), month.map(|m| m.1), place.map(|p| p.1)].into_iter().flatten().max()?;
    Some(Event {
        name: name(),
        year: year.map(|y| y.0),
        month: month.map(|m| m.0),
        place: place.map(|(s, e)| clean(&text[s..e])),
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_holding_phrase_is_found() {
        for h in HOLDING {
            assert!(holding_at(h.as_bytes()), "{h}");
            assert!(holding_at(format!("{h} in 2024").as_bytes()), "{h}");
            // Cut short, it is no phrase.
            assert!(!holding_at(&h.as_bytes()[..h.len() - 1]), "{h}");
        }
    }

    #[test]
    fn holding_at_agrees_with_the_list() {
        let text = "it was held, then it is to be hosted by and take place or took place and taking it, \
                    being held, been held, were held, held in, convened in, be convened, was hosted, the co";
        let b = text.as_bytes();
        for k in 0..b.len() {
            let listed = HOLDING.iter().any(|h| b[k..].starts_with(h.as_bytes()));
            assert_eq!(holding_at(&b[k..]), listed, "at {k}: {}", &text[k..]);
        }
    }

    #[test]
    fn scales_exactly() {
        assert_eq!(scaled(b"6517", b"", 5).as_deref(), Some("651700000"));
        assert_eq!(scaled(b"651", b"7", 6).as_deref(), Some("651700000"));
        assert_eq!(scaled(b"0", b"125", 0).as_deref(), Some("0.125"));
        assert_eq!(scaled(b"1", b"2345", 3).as_deref(), Some("1234.5"));
        assert_eq!(scaled(b"000", b"", 0).as_deref(), Some("0"));
        assert_eq!(scaled(b"12", b"50", 0).as_deref(), Some("12.5"));
    }

    #[test]
    fn reads_numbers() {
        let n = |s: &str| number_at(s.as_bytes(), 0, s.len()).map(|n| (scaled(n.int(), n.frac(), 0).unwrap(), n.end));
        assert_eq!(n("318 000;"), Some(("318000".into(), 7)));
        assert_eq!(n("54,4 m"), Some(("54.4".into(), 4)));
        assert_eq!(n("1,234"), Some(("1234".into(), 5)));
        assert_eq!(n("1.234"), Some(("1.234".into(), 5)));
        assert_eq!(n("1,234.5"), Some(("1234.5".into(), 7)));
        assert_eq!(n("1.234.567,89"), Some(("1234567.89".into(), 12)));
        assert_eq!(n("1'234'000"), Some(("1234000".into(), 9)));
        assert_eq!(n("318 2023"), Some(("318".into(), 3)));
        assert_eq!(n("2022 000"), Some(("2022".into(), 4)));
    }

    #[test]
    fn normalises_posts() {
        assert_eq!(normalise_post("TSB Director"), "Director TSB");
        assert_eq!(normalise_post("Director of the Telecommunication Standardization Bureau"), "Director TSB");
        assert_eq!(normalise_post("Director of BDT"), "Director BDT");
        assert_eq!(normalise_post("Secretary\u{2011}General"), "Secretary-General");
        assert_eq!(normalise_post("Deputy Secretary-General"), "Deputy Secretary-General");
        assert_eq!(normalise_post("members of the Radio Regulations Board"), "Member of the Radio Regulations Board");
        assert_eq!(normalise_post("Chair of TSAG"), "Chair of TSAG");
    }
}
