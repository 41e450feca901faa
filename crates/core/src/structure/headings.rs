//! Lines that open something: an instrument ("RESOLUTION 130 (REV. BUCHAREST, 2022)", a summary's
//! "2.6 Resolution 130 (Rev. Bucharest 2022) “Title”:", "COM5 Recommendation 2:", UN "70/1. Title"),
//! an enacting formula, a block ("instructs the Director of ..."), a section of rules, an annex.

use crate::model::{BlockKind, InstrumentKind, Revision};

/// `str::trim`, deciding the usual case (a line that starts and ends with a printable ASCII character) from two
/// bytes: the header tests below run on every paragraph, and the std version decodes a character at each end.
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Verbs that open blocks, lower case, with their kind and the form we report. Longest match wins.
const VERBS: &[(&str, BlockKind, &str)] = {
    use BlockKind::{Operative as O, Preambular as P};
    &[
        ("considering further", P, "considering further"),
        ("further considering", P, "further considering"),
        ("considering also", P, "considering also"),
        ("considering", P, "considering"),
        ("recalling further", P, "recalling further"),
        ("further recalling", P, "further recalling"),
        ("recalling also", P, "recalling also"),
        ("recalling", P, "recalling"),
        ("recognizing further", P, "recognizing further"),
        ("further recognizing", P, "further recognizing"),
        ("recognizing also", P, "recognizing also"),
        ("recognizing", P, "recognizing"),
        ("recognising", P, "recognizing"),
        ("noting further", P, "noting further"),
        ("further noting", P, "further noting"),
        ("noting also", P, "noting also"),
        ("noting with satisfaction", P, "noting with satisfaction"),
        ("noting with concern", P, "noting with concern"),
        ("noting with appreciation", P, "noting with appreciation"),
        ("noting", P, "noting"),
        ("bearing in mind", P, "bearing in mind"),
        ("keeping in mind", P, "keeping in mind"),
        ("being aware", P, "aware"),
        ("further aware", P, "further aware"),
        ("aware", P, "aware"),
        ("conscious", P, "conscious"),
        ("cognizant", P, "cognizant"),
        ("emphasizing", P, "emphasizing"),
        ("emphasising", P, "emphasizing"),
        ("convinced", P, "convinced"),
        ("taking into account", P, "taking into account"),
        ("taking into consideration", P, "taking into consideration"),
        ("taking note", P, "taking note"),
        ("having regard to", P, "having regard to"),
        ("having considered", P, "having considered"),
        ("having examined", P, "having examined"),
        ("having noted", P, "having noted"),
        ("acknowledging", P, "acknowledging"),
        ("reaffirming", P, "reaffirming"),
        ("affirming", P, "affirming"),
        ("observing", P, "observing"),
        ("mindful", P, "mindful"),
        ("deeply concerned", P, "deeply concerned"),
        ("concerned", P, "concerned"),
        ("welcoming", P, "welcoming"),
        ("highlighting", P, "highlighting"),
        ("stressing", P, "stressing"),
        ("underlining", P, "underlining"),
        ("guided by", P, "guided by"),
        ("realizing", P, "realizing"),
        ("expressing", P, "expressing"),
        ("alarmed", P, "alarmed"),
        ("appreciating", P, "appreciating"),
        ("believing", P, "believing"),
        ("desiring", P, "desiring"),
        ("determined", P, "determined"),
        ("referring to", P, "referring to"),
        ("in view of", P, "in view of"),
        ("resolves further to instruct", O, "resolves further to instruct"),
        ("further resolves to instruct", O, "further resolves to instruct"),
        ("resolves to instruct", O, "resolves to instruct"),
        ("resolves to request", O, "resolves to request"),
        ("resolves to invite", O, "resolves to invite"),
        ("resolves to encourage", O, "resolves to encourage"),
        ("resolves to urge", O, "resolves to urge"),
        ("resolves further", O, "resolves further"),
        ("further resolves", O, "further resolves"),
        ("resolves", O, "resolves"),
        ("resolve", O, "resolves"),
        ("decides to instruct", O, "decides to instruct"),
        ("decides further", O, "decides further"),
        ("further decides", O, "further decides"),
        ("decides", O, "decides"),
        ("further instructs", O, "further instructs"),
        ("instructs further", O, "further instructs"),
        ("instructs", O, "instructs"),
        ("instruct", O, "instructs"),
        ("further requests", O, "further requests"),
        ("requests further", O, "further requests"),
        ("requests", O, "requests"),
        ("further invites", O, "further invites"),
        ("invites further", O, "further invites"),
        ("invites", O, "invites"),
        ("further encourages", O, "further encourages"),
        ("encourages", O, "encourages"),
        ("strongly urges", O, "urges"),
        ("further urges", O, "further urges"),
        ("urges", O, "urges"),
        ("calls upon", O, "calls upon"),
        ("calls on", O, "calls upon"),
        ("appeals to", O, "appeals to"),
        ("appeals", O, "appeals to"),
        ("recommends", O, "recommends"),
        ("endorses", O, "endorses"),
        ("approves", O, "approves"),
        ("adopts", O, "adopts"),
        ("authorizes", O, "authorizes"),
        ("charges", O, "charges"),
        ("entrusts", O, "entrusts"),
        ("agrees", O, "agrees"),
        ("declares", O, "declares"),
        ("expresses", O, "expresses"),
        ("reaffirms", O, "reaffirms"),
        ("welcomes", O, "welcomes"),
        ("takes note", O, "takes note"),
        ("emphasizes", O, "emphasizes"),
        ("stresses", O, "stresses"),
        ("underlines", O, "underlines"),
        ("commends", O, "commends"),
        ("reiterates", O, "reiterates"),
    ]
};

/// Indices into [`VERBS`] of the verbs that start with a byte: tried on every unnumbered paragraph.
fn verbs_starting_with(first: u8) -> &'static [usize] {
    static INDEX: std::sync::OnceLock<super::FirstByteIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| super::FirstByteIndex::new(VERBS.iter().map(|(verb, _, _)| *verb))).get(first)
}

/// Narrative forms in summaries: "This new resolution notes", "The resolution resolved",
/// "instructing the Director ...".
const NARRATIVE: &[(&str, BlockKind, &str)] = {
    use BlockKind::{Operative as O, Preambular as P};
    &[
        ("notes", P, "noting"),
        ("noted", P, "noting"),
        ("recognizes", P, "recognizing"),
        ("recognized", P, "recognizing"),
        ("considers", P, "considering"),
        ("considered", P, "considering"),
        ("recalls", P, "recalling"),
        ("recalled", P, "recalling"),
        ("resolved", O, "resolves"),
        ("instructed", O, "instructs"),
        ("instructing", O, "instructs"),
        ("invited", O, "invites"),
        ("inviting", O, "invites"),
        ("requested", O, "requests"),
        ("requesting", O, "requests"),
        ("decided", O, "decides"),
        ("encouraged", O, "encourages"),
        ("urged", O, "urges"),
    ]
};

/// A block heading: "instructs the Secretary-General, in close consultation with ...".
#[derive(Debug, Clone, PartialEq)]
pub struct BlockHeading<'a> {
    pub kind: BlockKind,
    pub verb: &'static str,
    /// What follows the verb: the addressees and their qualifiers.
    pub rest: &'a str,
    /// The instruction when it stands on the heading's line: "to bring this resolution to the attention
    /// of ..." in "requests the Secretary-General to bring ...", "that ..." in "decides that ...".
    pub inline: Option<&'a str>,
}

/// Read `line` (already trimmed of leading whitespace and bookmarks) as a block heading.
/// A heading is a verb phrase followed only by whom it addresses; a preambular verb stands alone.
pub fn block_heading(line: &str) -> Option<BlockHeading<'_>> {
    let trimmed = line.trim_end();
    let mut cut = trimmed.len().min(48);
    while !trimmed.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &trimmed[..cut];
    // Lower case on the stack: this runs for every unnumbered paragraph. Compared as bytes (the verbs are
    // ASCII), not made a `str` again: what follows a verb is read in `head`, at the same offset.
    let mut buf = [0u8; 48];
    buf[..head.len()].copy_from_slice(head.as_bytes());
    // All 48 bytes (the zeros after the head stay zeros): a fixed length, which the compiler unrolls.
    buf.make_ascii_lowercase();
    let lower = &buf[..head.len()];
    let narrative = narrative_tail(lower);
    let lower = narrative.unwrap_or(lower);
    let skipped = head.len() - lower.len();
    let first = *lower.first()?;
    // The longest verb that starts the line (the last of equal length, as `max_by_key` would take), in a loop:
    // through `filter` and `max_by_key`, its test was a call for each verb tried.
    let mut longest: Option<(usize, BlockKind, &'static str)> = None;
    let narrative_verbs = if narrative.is_some() { NARRATIVE } else { &[] };
    for (v, k, r) in verbs_starting_with(first).iter().map(|&i| VERBS[i]).chain(narrative_verbs.iter().copied()) {
        if starts_with_verb(lower, v)
            && word_ends(&head[skipped + v.len()..])
            && longest.is_none_or(|(len, _, _)| v.len() >= len)
        {
            longest = Some((v.len(), k, r));
        }
    }
    let (verb_len, kind, verb) = longest?;
    let rest = trimmed.get(skipped + verb_len..)?.trim();
    let rest_plain = rest.trim_end_matches([':', ',', ';']).trim();
    match kind {
        BlockKind::Preambular => {
            // "considering" alone, or "This new resolution recognized that".
            (rest_plain.is_empty() || rest_plain.eq_ignore_ascii_case("that")).then_some(())?;
        }
        _ => {
            // Compared without regard to ASCII case, in place: `rest` may be a whole paragraph.
            let starts =
                |s: &str, p: &str| s.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
            let find =
                |s: &str, p: &str| s.as_bytes().windows(p.len()).position(|w| w.eq_ignore_ascii_case(p.as_bytes()));
            if starts(rest, "to ") || starts(rest, "that ") && !starts(rest, "that each") {
                return Some(BlockHeading { kind, verb, rest: "", inline: Some(rest) });
            }
            // "requests the Secretary-General, in close cooperation with ..., to report ...".
            if let Some(at) = find_to(rest.as_bytes()) {
                let whom = &rest[..at];
                if whom.len() > 300 || find(whom, "that ").is_some() {
                    return None;
                }
                return Some(BlockHeading { kind, verb, rest: whom, inline: Some(&rest[at + 1..]) });
            }
            // Otherwise only whom it addresses: short, not a sentence of its own.
            if rest_plain.len() > 400 || rest.ends_with(';') || rest.ends_with('.') {
                return None;
            }
            if rest_plain.ends_with(" that") && !rest_plain.contains(',') {
                return None;
            }
        }
    }
    Some(BlockHeading { kind, verb, rest, inline: None })
}

/// Where " to " (in any case) first stands in `s`: the same as comparing every window of four bytes, but
/// only at the spaces, found eight bytes at a time. `s` may be a whole paragraph.
fn find_to(s: &[u8]) -> Option<usize> {
    let to_at = |i: usize| s.get(i + 1..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"to "));
    let mut chunks = s.chunks_exact(8);
    for (n, eight) in chunks.by_ref().enumerate() {
        let mut spaces = super::addressee::space_bits(u64::from_le_bytes(eight.try_into().unwrap_or_default()));
        while spaces != 0 {
            let i = n * 8 + (spaces.trailing_zeros() / 8) as usize;
            if to_at(i) {
                return Some(i);
            }
            spaces &= spaces - 1;
        }
    }
    let tail = s.len() - chunks.remainder().len();
    (tail..s.len()).find(|&i| s[i] == b' ' && to_at(i))
}

/// `lower.starts_with(verb)`, refused first on the byte where the verb would end: it tells apart most verbs
/// that share a first byte ("recalling", "recognizing", "resolves ...") without a call to compare them.
#[inline(always)]
fn starts_with_verb(lower: &[u8], verb: &str) -> bool {
    lower.get(verb.len().wrapping_sub(1)) == verb.as_bytes().last() && lower.starts_with(verb.as_bytes())
}

fn word_ends(s: &str) -> bool {
    !s.starts_with(|c: char| c.is_alphanumeric() || c == '-')
}

/// The part after "this new resolution " / "the resolution " / "it ", where summaries narrate.
fn narrative_tail(lower: &[u8]) -> Option<&[u8]> {
    for prefix in ["this new resolution ", "this revised resolution ", "this resolution ", "the resolution ", "it "] {
        if let Some(rest) = lower.strip_prefix(prefix.as_bytes()) {
            return Some(rest);
        }
    }
    lower.starts_with(b"instructing").then_some(lower)
}

/// The identity read from a citation line.
#[derive(Debug, Clone, PartialEq)]
pub struct InstrumentHead {
    pub kind: InstrumentKind,
    pub number: Option<String>,
    pub revision: Option<Revision>,
    pub committee: Option<String>,
    /// "revised" / "new" said before the kind ("Revised Decision 5").
    pub said_revised: Option<bool>,
    /// A title on the same line, without its quotes.
    pub title: Option<String>,
    /// The citation as written (cleaned), up to the title.
    pub citation: String,
    pub body: Option<&'static str>,
}

/// "RESOLUTION 130 (REV. BUCHAREST, 2022)", "Resolution 1 (Rev. Hammamet, 2016)", "DECISION 5",
/// "RESOLUTION 7 (REV.WRC-19)": a line that is only a citation opens the full text of an instrument.
/// The kind must be in capitals, or the citation carry its conference in brackets, or Word's style say so:
/// "Decision 5" alone in a table cell is a mention, not a heading.
#[inline]
pub fn full_text_header(line: &str, style: Option<&str>) -> Option<InstrumentHead> {
    let line = trim(line);
    // Run on every paragraph: only a short line that starts as one of the kind words can be one. Refused here
    // without a call (the rest saves more registers than this test costs).
    if line.len() > 120 || !matches!(line.as_bytes().first().map(u8::to_ascii_lowercase), Some(b'r' | b'd' | b'o')) {
        return None;
    }
    full_text_header_of(line, style)
}

/// [`full_text_header`] of a trimmed line that may start with a kind word.
#[inline(never)]
fn full_text_header_of(line: &str, style: Option<&str>) -> Option<InstrumentHead> {
    let (kind, rest) = kind_word(line)?;
    let capitals = line.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase);
    let styled = style.is_some_and(|s| s.starts_with("ResNo") || s.starts_with("DecNo") || s.starts_with("RecNo"));
    if !(capitals || styled || rest.contains('(')) {
        return None;
    }
    let (number, rest) = number_token(rest)?;
    let rest = rest.trim();
    let (revision, rest) = match rest.strip_prefix('(') {
        Some(inner) => {
            let close = inner.rfind(')')?;
            (Some(parse_revision(&inner[..close])?), inner[close + 1..].trim())
        }
        None => (None, rest),
    };
    if !rest.is_empty() {
        return None;
    }
    Some(InstrumentHead {
        kind,
        number: Some(number.to_owned()),
        body: revision.as_ref().and_then(body_of_revision),
        revision,
        committee: None,
        said_revised: None,
        title: None,
        citation: crate::clean::clean(line),
    })
}

/// A United Nations resolution heading: "70/1.\tTransforming our world: the 2030 Agenda ...".
#[inline]
pub fn un_header(line: &str) -> Option<InstrumentHead> {
    let line = trim(line);
    // Run on every paragraph: refused without a call unless the line starts with a digit.
    if !line.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    un_header_of(line)
}

/// [`un_header`] of a trimmed line that starts with a digit.
#[inline(never)]
fn un_header_of(line: &str) -> Option<InstrumentHead> {
    let b = line.as_bytes();
    let session = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&session) || b.get(session) != Some(&b'/') {
        return None;
    }
    let num = b[session + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let end = session + 1 + num;
    if !(1..=4).contains(&num) || b.get(end) != Some(&b'.') {
        return None;
    }
    let title = line[end + 1..].trim();
    if title.is_empty() || !title.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    Some(InstrumentHead {
        kind: InstrumentKind::Resolution,
        number: Some(line[..end].to_owned()),
        revision: None,
        committee: None,
        said_revised: None,
        title: Some(crate::clean::clean(title)),
        citation: format!("resolution {}", &line[..end]),
        body: Some("UNGA"),
    })
}

/// A summary's excerpt heading after its section number: "Resolution 130 (Rev. Bucharest 2022) “Title”:",
/// "Revised Decision 5 “Title”:", "Resolution 214, Title".
pub fn excerpt_header(after_number: &str) -> Option<InstrumentHead> {
    let line = after_number.trim();
    let (said_revised, line) = if let Some(r) = strip_word_ci(line, "revised") {
        (Some(true), r.trim_start())
    } else if let Some(r) = strip_word_ci(line, "new") {
        (Some(false), r.trim_start())
    } else {
        (None, line)
    };
    let (kind, rest) = kind_word(line)?;
    let (number, rest) = number_token(rest)?;
    let mut rest = rest.trim_start();
    let mut revision = None;
    if let Some(inner) = rest.strip_prefix('(') {
        let close = matching_paren(inner)?;
        revision = parse_revision(&inner[..close]);
        rest = inner[close + 1..].trim_start();
    }
    let citation_len = line.len() - rest.len();
    let citation = crate::clean::clean(&line[..citation_len]);
    let rest = rest.trim_start_matches([',', ' ', '\t']).trim_end();
    let rest = rest.trim_end_matches(':').trim_end();
    let title = rest.trim_matches(['“', '”', '"', '\'', ' ']).trim();
    Some(InstrumentHead {
        kind,
        number: Some(number.to_owned()),
        body: revision.as_ref().and_then(body_of_revision),
        revision,
        committee: None,
        said_revised,
        title: (!title.is_empty()).then(|| crate::clean::clean(title)),
        citation,
    })
}

/// "COM5 Recommendation 2:", "COM6 Recommendation", "WGPL Recommendation 1": a PP committee's
/// recommendation, alone on its line.
#[inline]
pub fn committee_recommendation(line: &str) -> Option<InstrumentHead> {
    let line = trim(line);
    // Tried on every paragraph: only a committee's name can start the line ("COM5", "WGPL", "PL", "GT-PLEN").
    // Refused here without a call.
    if !matches!(line.as_bytes().first(), Some(b'C' | b'W' | b'P' | b'G')) {
        return None;
    }
    committee_recommendation_of(line)
}

/// [`committee_recommendation`] of a trimmed line that may start with a committee's name.
#[inline(never)]
fn committee_recommendation_of(line: &str) -> Option<InstrumentHead> {
    let line = line.trim_end_matches(':').trim_end();
    let (committee, rest) = line.split_once(' ')?;
    let is_committee = committee.starts_with("COM") && committee[3..].bytes().all(|c| c.is_ascii_digit())
        || matches!(committee, "WGPL" | "PL" | "GT-PLEN");
    if !is_committee || committee.len() > 6 {
        return None;
    }
    let rest = rest.trim_start();
    let rest = strip_word_ci(rest, "recommendation")?;
    let number = rest.trim();
    if !number.bytes().all(|c| c.is_ascii_digit()) || number.len() > 3 {
        return None;
    }
    Some(InstrumentHead {
        kind: InstrumentKind::Recommendation,
        number: (!number.is_empty()).then(|| number.to_owned()),
        revision: None,
        committee: Some(committee.to_owned()),
        said_revised: None,
        title: None,
        citation: line.to_owned(),
        body: Some("PP"),
    })
}

/// The body whose formula this is: "The Plenipotentiary Conference of the ... (Bucharest, 2022),".
pub fn enacting_formula(line: &str) -> Option<&'static str> {
    let line = trim(line);
    if !line.starts_with("The ") || !line.ends_with(',') || line.len() > 300 {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let bodies: &[(&str, &str)] = &[
        ("plenipotentiary conference", "PP"),
        ("world telecommunication standardization assembly", "WTSA"),
        ("world telecommunication development conference", "WTDC"),
        ("world radiocommunication conference", "WRC"),
        ("radiocommunication assembly", "RA"),
        ("world conference on international telecommunications", "WCIT"),
        ("economic and social council", "ECOSOC"),
        ("general assembly", "UNGA"),
        ("human rights council", "HRC"),
        ("security council", "UNSC"),
        ("council", "Council"),
    ];
    bodies.iter().find(|(name, _)| lower[4..].starts_with(name) || lower.contains(name)).map(|&(_, b)| b)
}

/// "SECTION 1", "Section 1bis": a section of rules of procedure.
pub fn section_header(line: &str) -> Option<&str> {
    let line = trim(line);
    let rest = strip_word_ci(line, "section")?.trim();
    let (num, tail) = number_token(rest)?;
    (tail.trim().is_empty()).then_some(num)
}

/// "ANNEX", "Annex A", "APPENDIX I (to Resolution 1 ...)", "Annex to Resolution 130": returns kind, number.
pub fn annex_header(line: &str) -> Option<(&'static str, Option<String>)> {
    let line = trim(line);
    if line.len() > 160 {
        return None;
    }
    let (kind, rest) = if let Some(r) = strip_word_ci(line, "annex") {
        ("annex", r)
    } else {
        ("appendix", strip_word_ci(line, "appendix")?)
    };
    let rest = rest.trim_start();
    let first_line = rest.split('\n').next().unwrap_or("").trim();
    let lower_first = first_line.to_ascii_lowercase();
    if first_line.is_empty() || first_line.starts_with('(') || lower_first.starts_with("to ") {
        return Some((kind, None));
    }
    let (num, tail) = number_token(first_line)?;
    let tail = tail.trim();
    (tail.is_empty() || tail.starts_with('(') || tail.starts_with("to ") || tail.starts_with('–'))
        .then(|| (kind, Some(num.to_owned())))
}

fn kind_word(line: &str) -> Option<(InstrumentKind, &str)> {
    for (word, kind) in [
        ("resolution", InstrumentKind::Resolution),
        ("decision", InstrumentKind::Decision),
        ("recommendation", InstrumentKind::Recommendation),
        ("opinion", InstrumentKind::Opinion),
    ] {
        if let Some(rest) = strip_word_ci(line, word) {
            return Some((kind, rest));
        }
    }
    None
}

/// "130", "1bis", "14A", "I", "A": the token up to a space, "(" or ",".
fn number_token(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start_matches([' ', '\t', '\u{a0}']);
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | ':' | '“' | '"')).unwrap_or(s.len());
    let token = &s[..end];
    let ok = !token.is_empty()
        && token.len() <= 8
        && (token.starts_with(|c: char| c.is_ascii_digit())
            || token.bytes().all(|c| matches!(c, b'I' | b'V' | b'X' | b'L'))
            || token.len() == 1 && token.as_bytes()[0].is_ascii_uppercase())
        && token.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'/' || c == b'.');
    ok.then(|| (token, &s[end..]))
}

fn strip_word_ci<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    // Tried on every paragraph: the first byte rules out most of them without slicing or comparing the rest.
    if let (Some(a), Some(b)) = (s.as_bytes().first(), word.as_bytes().first())
        && !a.eq_ignore_ascii_case(b)
    {
        return None;
    }
    let head = s.get(..word.len())?;
    (head.eq_ignore_ascii_case(word) && !s[word.len()..].starts_with(|c: char| c.is_alphanumeric()))
        .then(|| &s[word.len()..])
}

fn matching_paren(inner: &str) -> Option<usize> {
    let mut depth = 1;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// "Rev. Bucharest, 2022", "REV. BUCHAREST, 2022", "Rev. Bucharest 2022", "Rev.WRC-19", "Kyoto, 1994".
pub fn parse_revision(inner: &str) -> Option<Revision> {
    let s = crate::clean::clean(inner);
    let (revised, rest) = match strip_word_ci(&s, "rev.").or_else(|| strip_word_ci(&s, "rev")) {
        Some(r) => (true, r.trim_start_matches('.').trim()),
        None => (false, s.trim()),
    };
    let rest = rest.trim().trim_end_matches(['.', ',']);
    // "WRC-19", "RA-15", "WTSA-20".
    if let Some((conf, year)) = rest.split_once('-')
        && conf.len() <= 5
        && conf.bytes().all(|c| c.is_ascii_uppercase())
        && year.len() == 2
    {
        let yy: u16 = year.parse().ok()?;
        return Some(Revision {
            revised,
            place: None,
            year: Some(crate::references::full_year(yy)),
            conference: Some(format!("{conf}-{year}").into()),
        });
    }
    let digits_at = rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let year: u16 = rest[digits_at..].parse().ok().filter(|y| (1865..=2100).contains(y))?;
    let place = rest[..digits_at].trim().trim_end_matches(',').trim();
    if place.is_empty() || place.len() > 40 || place.contains('(') {
        return None;
    }
    Some(Revision { revised, place: Some(title_case(place).into()), year: Some(year), conference: None })
}

/// "BUCHAREST" as "Bucharest"; "Mar del Plata" and "Malaga-Torremolinos" stay as written.
fn title_case(place: &str) -> String {
    if place.chars().any(|c| c.is_lowercase()) {
        return place.to_owned();
    }
    let mut out = String::with_capacity(place.len());
    let mut start = true;
    for c in place.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Which body a revision's place and year (or conference) belongs to.
pub fn body_of_revision(rev: &Revision) -> Option<&'static str> {
    crate::references::body_of_revision(rev.place.as_deref(), rev.year, rev.conference.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_headings() {
        let h = block_heading("instructs the Secretary-General, in close consultation with the Directors").unwrap();
        assert_eq!((h.kind, h.verb), (BlockKind::Operative, "instructs"));
        assert_eq!(block_heading("Considering").unwrap().verb, "considering");
        assert_eq!(
            block_heading("resolves to instruct the Directors of the three Bureaux").unwrap().verb,
            "resolves to instruct"
        );
        assert_eq!(block_heading("This new resolution notes ").unwrap().verb, "noting");
        assert_eq!(block_heading("This new resolution recognized that ").unwrap().verb, "recognizing");
        assert_eq!(block_heading("The resolution resolved").unwrap().verb, "resolves");
        assert_eq!(block_heading("instruct the Directors of the three Bureaux").unwrap().verb, "instructs");
        assert_eq!(
            block_heading("instructing the Director of the Telecommunication Standardization Bureau").unwrap().verb,
            "instructs"
        );
        assert!(block_heading("to continue promoting").is_none());
        let h = block_heading("invites Member States to participate actively;").unwrap();
        assert_eq!((h.rest, h.inline), ("Member States", Some("to participate actively;")));
        let h = block_heading("decides that the Council shall review it").unwrap();
        assert_eq!((h.verb, h.rest, h.inline), ("decides", "", Some("that the Council shall review it")));
        assert!(block_heading("Recalling its resolution 70/1 of 25 September 2015,").is_none());
        assert!(block_heading("noted that the report is late and should be sent").is_none());
    }

    #[test]
    fn find_to_finds_the_first_window() {
        let text = "requests the Director, To act to the  tO x TO: TO ";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let s = &text.as_bytes()[start..end];
                let naive = s.windows(4).position(|w| w.eq_ignore_ascii_case(b" to "));
                assert_eq!(find_to(s), naive, "{:?}", &text[start..end]);
            }
        }
    }

    #[test]
    fn headers() {
        let h = full_text_header("RESOLUTION 130 (REV. BUCHAREST, 2022)", None).unwrap();
        assert_eq!(h.number.as_deref(), Some("130"));
        assert_eq!(
            h.revision,
            Some(Revision { revised: true, place: Some("Bucharest".into()), year: Some(2022), conference: None })
        );
        let h = full_text_header("RESOLUTION 7 (REV.WRC-19)", None).unwrap();
        assert_eq!(h.revision.unwrap().conference.as_deref(), Some("WRC-19"));
        assert!(full_text_header("Resolution 1 – Rules of procedure", None).is_none());
        assert!(full_text_header("Decision 5", None).is_none());
        assert!(full_text_header("DECISION 5", None).is_some());
        let h = excerpt_header("Resolution 130 (Rev. Bucharest 2022) “Strengthening the role”:").unwrap();
        assert_eq!((h.number.as_deref(), h.title.as_deref()), (Some("130"), Some("Strengthening the role")));
        let h = excerpt_header("Revised Decision 5 “Revenue and expenses”:").unwrap();
        assert_eq!((h.kind, h.said_revised), (InstrumentKind::Decision, Some(true)));
        let h = excerpt_header("Resolution 214, Artificial intelligence technologies").unwrap();
        assert_eq!(h.title.as_deref(), Some("Artificial intelligence technologies"));
        assert!(excerpt_header("The new Financial Plan for 2024-2027 (revised Decision 5)").is_none());
        let h = committee_recommendation("COM5 Recommendation 2: ").unwrap();
        assert_eq!((h.committee.as_deref(), h.number.as_deref()), (Some("COM5"), Some("2")));
        assert_eq!(committee_recommendation("COM6 Recommendation").unwrap().number, None);
        assert_eq!(un_header("70/1.\tTransforming our world").unwrap().number.as_deref(), Some("70/1"));
        assert_eq!(section_header("Section 1bis "), Some("1bis"));
        assert_eq!(
            annex_header("Appendix I\n(to Resolution 1 (Rev. Hammamet, 2016))"),
            Some(("appendix", Some("I".into())))
        );
        assert_eq!(annex_header("ANNEX TO RESOLUTION 130"), Some(("annex", None)));
        assert_eq!(
            enacting_formula("The World Telecommunication Standardization Assembly (Hammamet, 2016),"),
            Some("WTSA")
        );
        assert_eq!(enacting_formula("The General Assembly,"), Some("UNGA"));
    }
}
