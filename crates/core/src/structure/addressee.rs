//! Addressees: the phrase after an operative verb ("the Secretary-General, in close consultation with the
//! Directors of the three Bureaux") becomes canonical names (DOMAIN.md) and partners.

const BR: &str = "Director BR";
const TSB: &str = "Director TSB";
const BDT: &str = "Director BDT";
const DIRECTORS: &[&str] = &[BR, TSB, BDT];
const SECTORS: &[&str] = &["ITU-R", "ITU-T", "ITU-D"];

/// Known designations, lower case, with the canonical names they stand for. Matched longest first at word
/// starts; bureau names alone (`Bureau`) mean their Director after "Directors of", else the Bureau itself.
const NAMES: &[(&str, Name)] = &[
    ("deputy secretary-general", Name::Fixed(&["Deputy Secretary-General"])),
    ("deputy secretary general", Name::Fixed(&["Deputy Secretary-General"])),
    ("secretary-general", Name::Fixed(&["Secretary-General"])),
    ("secretary general", Name::Fixed(&["Secretary-General"])),
    ("directors of the three bureaux", Name::Fixed(DIRECTORS)),
    ("directors of the bureaux", Name::Fixed(DIRECTORS)),
    ("directors of all three bureaux", Name::Fixed(DIRECTORS)),
    ("directors of the three sectors", Name::Fixed(DIRECTORS)),
    ("director of bureaux", Name::Fixed(DIRECTORS)),
    ("directors of bureaux", Name::Fixed(DIRECTORS)),
    ("three directors", Name::Fixed(DIRECTORS)),
    ("three bureau directors", Name::Fixed(DIRECTORS)),
    ("directors of", Name::DirectorsOf),
    ("director of the radiocommunication bureau", Name::Fixed(&[BR])),
    ("director of the telecommunication standardization bureau", Name::Fixed(&[TSB])),
    ("director of the telecommunication development bureau", Name::Fixed(&[BDT])),
    ("director of the itu radiocommunication bureau", Name::Fixed(&[BR])),
    ("director of the itu telecommunication standardization bureau", Name::Fixed(&[TSB])),
    ("director of the itu telecommunication development bureau", Name::Fixed(&[BDT])),
    ("director of br", Name::Fixed(&[BR])),
    ("director of tsb", Name::Fixed(&[TSB])),
    ("director of bdt", Name::Fixed(&[BDT])),
    ("director of the br", Name::Fixed(&[BR])),
    ("director of the tsb", Name::Fixed(&[TSB])),
    ("director of the bdt", Name::Fixed(&[BDT])),
    ("director", Name::TheDirector),
    ("br director", Name::Fixed(&[BR])),
    ("tsb director", Name::Fixed(&[TSB])),
    ("bdt director", Name::Fixed(&[BDT])),
    ("radiocommunication bureau", Name::Bureau(BR, "BR")),
    ("telecommunication standardization bureau", Name::Bureau(TSB, "TSB")),
    ("telecommunication development bureau", Name::Bureau(BDT, "BDT")),
    ("telecommunication development bureaux", Name::Bureau(BDT, "BDT")),
    ("telecommunication standardization bureaux", Name::Bureau(TSB, "TSB")),
    ("telecommunication standardization", Name::Bureau(TSB, "ITU-T")),
    ("telecommunication development", Name::Bureau(BDT, "ITU-D")),
    ("radiocommunication", Name::Bureau(BR, "ITU-R")),
    ("bureaux", Name::Skip),
    ("br", Name::Bureau(BR, "BR")),
    ("tsb", Name::Bureau(TSB, "TSB")),
    ("bdt", Name::Bureau(BDT, "BDT")),
    ("itu council", Name::Fixed(&["Council"])),
    ("council", Name::Fixed(&["Council"])),
    ("member states", Name::Fixed(&["Member States"])),
    ("itu member states", Name::Fixed(&["Member States"])),
    ("sector members", Name::Fixed(&["Sector Members"])),
    ("associates", Name::Fixed(&["Associates"])),
    ("academia", Name::Fixed(&["Academia"])),
    ("three sectors", Name::Fixed(SECTORS)),
    ("sectors of the union", Name::Fixed(SECTORS)),
    ("three itu sectors", Name::Fixed(SECTORS)),
    ("itu-r study groups", Name::Fixed(&["ITU-R study groups"])),
    ("itu-t study groups", Name::Fixed(&["ITU-T study groups"])),
    ("itu-d study groups", Name::Fixed(&["ITU-D study groups"])),
    ("study groups of the itu radiocommunication sector", Name::Fixed(&["ITU-R study groups"])),
    ("study groups of the itu telecommunication standardization sector", Name::Fixed(&["ITU-T study groups"])),
    ("study groups of the itu telecommunication development sector", Name::Fixed(&["ITU-D study groups"])),
    ("study groups of the radiocommunication sector", Name::Fixed(&["ITU-R study groups"])),
    ("study groups of the telecommunication standardization sector", Name::Fixed(&["ITU-T study groups"])),
    ("study groups of the telecommunication development sector", Name::Fixed(&["ITU-D study groups"])),
    ("study groups of itu-r", Name::Fixed(&["ITU-R study groups"])),
    ("study groups of itu-t", Name::Fixed(&["ITU-T study groups"])),
    ("study groups of itu-d", Name::Fixed(&["ITU-D study groups"])),
    ("itu radiocommunication sector", Name::Fixed(&["ITU-R"])),
    ("itu telecommunication standardization sector", Name::Fixed(&["ITU-T"])),
    ("itu telecommunication development sector", Name::Fixed(&["ITU-D"])),
    ("itu-r", Name::Fixed(&["ITU-R"])),
    ("itu-t", Name::Fixed(&["ITU-T"])),
    ("itu-d", Name::Fixed(&["ITU-D"])),
    ("radiocommunication advisory group", Name::Fixed(&["RAG"])),
    ("telecommunication standardization advisory group", Name::Fixed(&["TSAG"])),
    ("telecommunication development advisory group", Name::Fixed(&["TDAG"])),
    ("rag", Name::Fixed(&["RAG"])),
    ("tsag", Name::Fixed(&["TSAG"])),
    ("tdag", Name::Fixed(&["TDAG"])),
    ("inter-sector coordination group", Name::Fixed(&["ISCG"])),
    ("intersector coordination group", Name::Fixed(&["ISCG"])),
    ("iscg", Name::Fixed(&["ISCG"])),
    ("regional and area offices", Name::Fixed(&["regional offices"])),
    ("regional offices", Name::Fixed(&["regional offices"])),
    ("itu regional offices", Name::Fixed(&["regional offices"])),
    ("plenipotentiary conference", Name::Fixed(&["PP"])),
    ("world telecommunication standardization assembly", Name::Fixed(&["WTSA"])),
    ("world telecommunication development conference", Name::Fixed(&["WTDC"])),
    ("wtsa", Name::Fixed(&["WTSA"])),
    ("wtdc", Name::Fixed(&["WTDC"])),
];

/// Indices into [`NAMES`] of the names that start with a byte: names are tried at every word.
fn names_starting_with(first: u8) -> &'static [usize] {
    static INDEX: std::sync::OnceLock<super::FirstByteIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| super::FirstByteIndex::new(NAMES.iter().map(|(pat, _)| *pat))).get(first)
}

#[derive(Clone, Copy)]
enum Name {
    Fixed(&'static [&'static str]),
    /// "Directors of": the bureau names that follow mean their Directors.
    DirectorsOf,
    /// A bureau or sector name: its Director after "Directors of", else the second name.
    Bureau(&'static str, &'static str),
    /// A word that belongs to a name already taken ("Bureaux" in "... and Development Bureaux").
    Skip,
    /// "the Director" alone: the Director of the Bureau of the body whose text this is.
    TheDirector,
}

/// What the text around a phrase tells about its names.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Whom "the Director" means: in a WTSA text the Director of TSB, in a WTDC text of BDT.
    pub director: Option<&'static str>,
}

impl Context {
    /// The context of an instrument of `body` ("WTSA", "WTDC", "RA", "WRC", "PP", ...).
    pub fn for_body(body: Option<&str>) -> Self {
        let director = match body {
            Some("WTSA") => Some(TSB),
            Some("WTDC") => Some(BDT),
            Some("RA" | "WRC") => Some(BR),
            _ => None,
        };
        Self { director }
    }
}

/// Words that join or qualify names without naming anyone.
fn is_filler(word: &str) -> bool {
    // A `match` compares the length first, then only the words of that length.
    matches!(
        word,
        "the"
            | "and"
            | "of"
            | "all"
            | "relevant"
            | "its"
            | "their"
            | "respective"
            | "as"
            | "well"
            | "in"
            | "particular"
            | "especially"
            | "also"
            | "both"
            | "each"
            | "other"
            | "concerned"
            | "or"
            | "itu"
            | "to"
            | "with"
    )
}

/// Phrases after which the heading stops naming addressees and starts qualifying them.
const PARTNER_MARKERS: &[&str] = &[
    "in close consultation with",
    "in close cooperation with",
    "in close collaboration with",
    "in close coordination with",
    "in consultation with",
    "in cooperation with",
    "in collaboration with",
    "in coordination with",
    "coordinating with",
    "in liaison with",
];

/// [`PARTNER_MARKERS`] for [`find_words`].
static PARTNERS: Words = Words::new(PARTNER_MARKERS);

/// Addressees and partners of a block heading's phrase after the verb.
pub fn heading_addressees(phrase: &str, ctx: Context) -> (Vec<String>, Vec<String>) {
    let cleaned = crate::clean::clean_cow(phrase);
    let lower = cleaned.to_ascii_lowercase();
    let (main, partners) = match find_words(&lower, &PARTNERS) {
        Some((at, k)) => (&lower[..at], Some(&lower[at + PARTNER_MARKERS[k].len()..])),
        None => (&lower[..], None),
    };
    let as_written = Spelling { lower: &lower, cleaned: &cleaned };
    let addressees = names_in(cut_qualifiers(main), Some(as_written), ctx);
    let partners = partners.map(|p| names_in(cut_qualifiers(p), Some(as_written), ctx)).unwrap_or_default();
    (addressees, partners)
}

/// A phrase in lower case and as written, with the same byte offsets, to give unknown names their spelling.
#[derive(Clone, Copy)]
struct Spelling<'a> {
    lower: &'a str,
    cleaned: &'a str,
}

impl<'a> Spelling<'a> {
    /// `part` (a slice of `lower`) as written.
    fn as_written(&self, part: &'a str) -> &'a str {
        let at = part.as_ptr() as usize - self.lower.as_ptr() as usize;
        self.cleaned.get(at..at + part.len()).unwrap_or(part)
    }
}

/// Addressees named by an item (its cleaned text, see [`crate::clean`]) that makes its own subject: "RAG, TSAG and TDAG to continue ...",
/// "that ITU-T continue to study ...", "PP22 instructs the Secretary-General ... to submit ...".
/// Empty unless the subject is made of known names (or is a short proper name such as "ITU").
pub fn item_addressees(text: &str, ctx: Context) -> Vec<String> {
    if !may_name_a_subject(text) {
        return Vec::new();
    }
    // A subject stands at the start: reading the first few hundred bytes keeps long items cheap.
    let cleaned = &text[..floor_boundary(text, 200)];
    let lower = cleaned.to_ascii_lowercase();
    let body = lower.trim_start_matches(['“', '"', '\'', '‘']);
    let body = body.strip_prefix("that ").unwrap_or(body);
    if body.starts_with("to ") || body.starts_with("in ") {
        // "to report annually ...": the block's addressees act.
        return Vec::new();
    }
    // "Requests the Secretary-General to ...", "X instructs/invites Y to ...": the verb comes early.
    static VERBS: Words = Words::new(&["instructs", "invites", "requests", "encourages", "urges", "calls upon"]);
    static TO: Words = Words::new(&["to"]);
    if let Some((at, k)) = find_words(&body[..floor_boundary(body, 100)], &VERBS) {
        let after = &body[at + VERBS.words[k].len()..];
        let phrase = &after[..find_words(after, &TO).map_or(after.len(), |(at, _)| at)];
        let phrase = &phrase[..find_words(phrase, &PARTNERS).map_or(phrase.len(), |(at, _)| at)];
        return names_in(cut_qualifiers(phrase), None, ctx);
    }
    // "X to continue ...", "X continue ...", "X shall ...", "X is instructed to ...".
    let Some(end) = subject_end(body) else { return Vec::new() };
    let subject = body[..end].trim_end_matches(',').trim();
    if subject.is_empty() || subject.len() > 120 {
        return Vec::new();
    }
    let names = names_in(subject, None, ctx);
    if !names.is_empty() {
        return names;
    }
    // An acronym standing alone: "that ITU should ...", "UNESCO to ...".
    let offset = subject.as_ptr() as usize - lower.as_ptr() as usize;
    let original = cleaned.get(offset..offset + subject.len()).unwrap_or(subject);
    let acronym = original.len() >= 2
        && original.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'-')
        && original.bytes().next().is_some_and(|c| c.is_ascii_uppercase());
    if acronym {
        return vec![original.to_owned()];
    }
    Vec::new()
}

/// Whether an item's first word lets it name its own subject. Most items are "to report ...": the block's
/// addressees act, and there is nothing to read.
fn may_name_a_subject(text: &str) -> bool {
    let start = skip_leading(text);
    !(start.starts_with("to ") || start.starts_with("in ")) && may_start_with_a_name(start)
}

/// [`item_addressees`] of `clean(raw)`; `unchanged` says that `clean` leaves `raw` as it is. An item that
/// needs cleaning is cleaned only as far as it is read: its first words ([`may_name_a_subject`]), and then,
/// if they may name a subject, its first 200 bytes.
pub fn item_addressees_raw(raw: &str, unchanged: bool, ctx: Context) -> Vec<String> {
    if unchanged {
        return item_addressees(raw, ctx);
    }
    // A start of the cleaned text is read as the whole would be when it ends after the first word.
    let enough = |head: &str, whole: bool| whole || first_word(skip_leading(head)).1;
    let (head, whole) = crate::clean::clean_head(raw, 32);
    if enough(&head, whole) && !may_name_a_subject(&head) {
        return Vec::new();
    }
    let (head, whole) = crate::clean::clean_head(raw, 256);
    if whole || (head.len() > 200 && enough(&head, whole)) {
        item_addressees(&head, ctx)
    } else {
        item_addressees(&crate::clean::clean(raw), ctx)
    }
}

/// `text` after what stands before its first word. Most items start with a letter: nothing to pass over, no
/// character decoded.
fn skip_leading(text: &str) -> &str {
    if text.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) { text } else { text.trim_start_matches(leading) }
}

/// What stands before an item's first word and is passed over.
fn leading(c: char) -> bool {
    c.is_whitespace() || matches!(c, '“' | '"' | '\'' | '‘')
}

/// The first word of `text` after a leading "that ", and whether something ends it (it is not the rest of
/// `text`).
fn first_word(text: &str) -> (&str, bool) {
    let text = match text.get(..5) {
        Some(that) if that.eq_ignore_ascii_case("that ") => text[5..].trim_start(),
        _ => text,
    };
    // A space, comma, tab or NBSP (0xC2 0xA0) ends it; bytes are compared, not decoded characters.
    let b = text.as_bytes();
    let end =
        (0..b.len()).find(|&i| matches!(b[i], b' ' | b',' | b'\t') || b[i] == 0xC2 && b.get(i + 1) == Some(&0xA0));
    match end {
        Some(end) => (&text[..end], true),
        None => (text, false),
    }
}

/// Whether an item's first word (after "that") can begin a subject made of names: the first word of a
/// known name, "the", an operative verb of UN style, or an acronym ("ITU", "PP22"). Most clauses of rules
/// ("In accordance with ...", "Contributions should ...") fail here, before any copying.
fn may_start_with_a_name(text: &str) -> bool {
    // In lower case, by their first byte: a word is compared only with the few that start as it does, and
    // first by its length.
    static FIRST_WORDS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        let mut words: Vec<String> =
            NAMES.iter().filter_map(|(pat, _)| pat.split(' ').next()).map(str::to_ascii_lowercase).collect();
        words.extend(["the", "requests", "invites", "instructs", "encourages", "urges", "calls"].map(String::from));
        words.sort_unstable();
        words.dedup();
        let mut by_first = vec![Vec::new(); 256];
        for w in words {
            by_first[usize::from(w.as_bytes()[0])].push(w);
        }
        by_first
    });
    let (word, _) = first_word(text);
    let acronym = word.len() >= 2
        && word.as_bytes()[0].is_ascii_uppercase()
        && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '\u{2011}'));
    acronym
        || word.as_bytes().first().is_some_and(|first| {
            first_words[usize::from(first.to_ascii_lowercase())]
                .iter()
                .any(|w| w.len() == word.len() && w.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
        })
}

/// Where the subject of an item ends: before the first word that starts its predicate.
fn subject_end(body: &str) -> Option<usize> {
    static PREDICATE: Words = Words::new(&[
        "to",
        "shall",
        "should",
        "will",
        "must",
        "continue",
        "is",
        "are",
        "may",
        "coordinate",
        "foster",
        "carry",
        "take",
    ]);
    find_words(&body[..floor_boundary(body, 160)], &PREDICATE).map(|(at, _)| at).filter(|&at| at > 0)
}

/// Words to look for with [`find_words`], with a mask of those that start with each byte (bit k for
/// `words[k]`), made at compile time.
struct Words {
    words: &'static [&'static str],
    by_first: [u16; 256],
    /// The same for the second byte (every word has two): together they refuse nearly every word of a text
    /// ("the", "that", "its") without comparing it.
    by_second: [u16; 256],
}

impl Words {
    const fn new(words: &'static [&'static str]) -> Self {
        assert!(words.len() <= 16);
        let mut by_first = [0u16; 256];
        let mut by_second = [0u16; 256];
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(w.len() >= 2);
            by_first[w[0] as usize] |= 1 << k;
            by_second[w[1] as usize] |= 1 << k;
            k += 1;
        }
        Self { words, by_first, by_second }
    }
}

/// Where one of `words` first starts a word of `hay` (cleaned, lower case: words are separated by single
/// spaces), and which one. One pass, no searcher set up per word: this runs for every item.
fn find_words(hay: &str, words: &Words) -> Option<(usize, usize)> {
    let b = hay.as_bytes();
    // Most words of `hay` start with none of the words (by their first two bytes) and are passed at once; the
    // others are compared only with the words that start as they do.
    let word_at = |at: usize| {
        let (&first, &second) = (b.get(at)?, b.get(at + 1)?);
        let mut candidates = words.by_first[usize::from(first)] & words.by_second[usize::from(second)];
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            if starts_with_word(&hay[at..], words.words[k]) {
                return Some(k);
            }
            candidates &= candidates - 1;
        }
        None
    };
    if let Some(k) = word_at(0) {
        return Some((0, k));
    }
    // Then after each space. The spaces are found eight bytes at a time, as the bits of a mask (a memchr call
    // per word costs more on these short texts); the last few bytes are read padded with zeros.
    let mut chunks = b.chunks_exact(8);
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let words8 = chunks.by_ref().map(|c| <[u8; 8]>::try_from(c).unwrap_or_default()).chain([tail]);
    for (n, eight) in words8.enumerate() {
        let mut spaces = space_bits(u64::from_le_bytes(eight));
        while spaces != 0 {
            let at = n * 8 + (spaces.trailing_zeros() / 8) as usize + 1;
            if let Some(k) = word_at(at) {
                return Some((at, k));
            }
            spaces &= spaces - 1;
        }
    }
    None
}

/// The high bit of each byte of `x` that is a space, and no other bit.
pub(super) fn space_bits(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let y = x ^ 0x2020_2020_2020_2020;
    // A byte's high bit ends up set when the byte is not zero: no carry crosses into the next byte.
    !(((y & LOW7) + LOW7) | y) & !LOW7
}

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// The canonical names found in `phrase` (a slice of the lower-case phrase). With `keep` (a heading: its
/// addressee is always someone), runs of unknown words are kept as written; without it (an item naming its
/// own subject), the phrase must be made only of known names.
fn names_in<'a>(phrase: &'a str, keep: Option<Spelling<'a>>, ctx: Context) -> Vec<String> {
    // Borrowed until the duplicates are gone: only the names kept are allocated.
    let mut out: Vec<&'a str> = Vec::new();
    let mut directors_of = false;
    // Start and end of the run of unknown words, as offsets in `phrase`.
    let mut unknown: Option<(usize, usize)> = None;
    let mut all_known = true;
    let mut flush = |unknown: &mut Option<(usize, usize)>, out: &mut Vec<&'a str>| {
        if let Some((a, b)) = unknown.take() {
            all_known = false;
            if let Some(spelling) = keep {
                out.push(spelling.as_written(&phrase[a..b]));
            }
        }
    };
    let mut at = 0;
    while at < phrase.len() {
        let rest = &phrase[at..];
        // Most words start with a letter or digit: nothing to skip, no character decoded.
        let skip = if rest.as_bytes()[0].is_ascii_alphanumeric() {
            0
        } else {
            rest.len()
                - rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.')).len()
        };
        if skip > 0 {
            if rest[..skip].contains([',', ';']) {
                flush(&mut unknown, &mut out);
            }
            at += skip;
            continue;
        }
        // Never empty: leading spaces and commas were skipped above.
        let word_len = word_end(rest);
        let word = &rest[..word_len];
        // A name matches only where its first word is the word (see `word_end`); no name starts with a filler
        // word but "itu" (tested), so the names are not tried at "the", "of", "and".
        let hit = if is_filler(word) && word != "itu" {
            None
        } else {
            names_starting_with(rest.as_bytes()[0])
                .iter()
                .map(|&k| &NAMES[k])
                .filter(|(pat, _)| starts_with_word(rest, pat))
                .max_by_key(|(pat, _)| pat.len())
        };
        if let Some((pat, name)) = hit {
            flush(&mut unknown, &mut out);
            match *name {
                Name::Fixed(names) => {
                    directors_of = false;
                    out.extend(names.iter().copied());
                }
                Name::DirectorsOf => directors_of = true,
                Name::Bureau(director, other) => out.push(if directors_of { director } else { other }),
                Name::Skip => {}
                Name::TheDirector => match ctx.director {
                    Some(director) => out.push(director),
                    None => {
                        unknown = Some((at, at + pat.len()));
                        flush(&mut unknown, &mut out);
                    }
                },
            }
            at += pat.len();
            continue;
        }
        if word == "and" {
            flush(&mut unknown, &mut out);
        } else if unknown.is_some() || !is_filler(word) {
            // An item's subject must be made only of known names: it is not, whatever follows.
            if keep.is_none() {
                return Vec::new();
            }
            let start = unknown.map_or(at, |(a, _)| a);
            unknown = Some((start, at + word_len));
        }
        at += word_len;
    }
    flush(&mut unknown, &mut out);
    if keep.is_none() && !all_known {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::with_capacity(out.len());
    for name in out {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// Where the word at the start of `rest` ends: at whitespace or a comma. Read as bytes while they are ASCII.
fn word_end(rest: &str) -> usize {
    let end = |c: char| c.is_whitespace() || c == ',';
    match rest.bytes().position(|c| !c.is_ascii() || end(char::from(c))) {
        Some(i) if !rest.as_bytes()[i].is_ascii() => i + rest[i..].find(end).unwrap_or(rest.len() - i),
        Some(i) => i,
        None => rest.len(),
    }
}

/// Cut a phrase where it stops naming: at ", that", ", within", ", in line with", ", as appropriate", ":".
fn cut_qualifiers(phrase: &str) -> &str {
    let mut end = phrase.len();
    // The first colon, or the first comma that does not go on with the list, in one pass.
    for i in memchr::memchr2_iter(b':', b',', phrase.as_bytes()) {
        if phrase.as_bytes()[i] == b':' {
            end = i;
            break;
        }
        let after = phrase[i + 1..].trim_start();
        let after = after.strip_prefix("and ").unwrap_or(after);
        let after = after.strip_prefix("the ").unwrap_or(after);
        let continues_list = after
            .as_bytes()
            .first()
            .is_some_and(|&first| names_starting_with(first).iter().any(|&k| starts_with_word(after, NAMES[k].0)));
        if !continues_list {
            end = i;
            break;
        }
    }
    phrase[..end].trim()
}

#[inline(always)]
fn starts_with_word(hay: &str, pat: &str) -> bool {
    // The byte where the pattern ends first: it tells most candidates apart (names that share a first byte,
    // such as the many "the ...") here, inlined, without a call.
    let end_agrees = pat.as_bytes().last().is_none_or(|last| hay.as_bytes().get(pat.len() - 1) == Some(last));
    end_agrees && starts_with_whole_word(hay, pat)
}

/// [`starts_with_word`] of a candidate whose last byte agrees.
#[inline(never)]
fn starts_with_whole_word(hay: &str, pat: &str) -> bool {
    hay.starts_with(pat) && !hay[pat.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_bits_marks_exactly_the_spaces() {
        for pos in 0..8 {
            for byte in 0..=255u8 {
                for fill in [b'a', b' ', 0, 0x21, 0xFF] {
                    let mut eight = [fill; 8];
                    eight[pos] = byte;
                    let expected = (0..8).filter(|&i| eight[i] == b' ').fold(0u64, |m, i| m | 0x80 << (8 * i));
                    assert_eq!(space_bits(u64::from_le_bytes(eight)), expected, "{eight:?}");
                }
            }
        }
    }

    #[test]
    fn find_words_finds_the_first_word_start() {
        // Words that share their first byte are tried in their order.
        static WORDS: Words = Words::new(&["to", "take", "shall", "should", "is", "instructs", "invites", "in close"]);
        let words = WORDS.words;
        for hay in [
            "",
            " ",
            "to",
            " to",
            "x to",
            "xto",
            "into the",
            "a b c d e f g h i j k shall",
            "ab  is",
            "tox to",
            "taken to take",
            "shallow should",
            "in closed in close",
            "it invites",
            "the instructs-to is",
        ] {
            let naive = std::iter::once(0)
                .chain(hay.match_indices(' ').map(|(i, _)| i + 1))
                .find_map(|at| words.iter().position(|w| starts_with_word(&hay[at..], w)).map(|k| (at, k)));
            assert_eq!(find_words(hay, &WORDS), naive, "{hay:?}");
        }
    }

    #[test]
    fn no_name_starts_with_a_filler_word_but_itu() {
        for (pat, _) in NAMES {
            let first = pat.split(' ').next().unwrap_or(pat);
            assert!(!is_filler(first) || first == "itu", "{pat}");
        }
    }

    #[test]
    fn may_start_with_a_name_knows_the_first_words_of_names_in_any_case() {
        let verbs = ["the", "requests", "invites", "instructs", "encourages", "urges", "calls"];
        let known =
            |word: &str| verbs.contains(&word) || NAMES.iter().any(|(pat, _)| pat.split(' ').next() == Some(word));
        for first in NAMES.iter().filter_map(|(pat, _)| pat.split(' ').next()).chain(verbs) {
            let capital = format!("{}{}", first[..1].to_ascii_uppercase(), &first[1..]);
            for word in [first.to_owned(), capital, first.to_ascii_uppercase()] {
                assert!(may_start_with_a_name(&format!("{word} x")), "{word}");
            }
            for word in [format!("{first}s"), format!("x{first}"), first[..first.len() - 1].to_owned()] {
                assert_eq!(may_start_with_a_name(&format!("that {word}, x")), known(&word), "{word}");
            }
        }
        assert!(!may_start_with_a_name("é x") && !may_start_with_a_name("") && may_start_with_a_name("PP22 x"));
    }

    #[test]
    fn cut_qualifiers_cuts_at_the_first_colon_or_the_end_of_the_list() {
        for (phrase, cut) in [
            (
                "the secretary-general, the director of tsb and the council: to act",
                "the secretary-general, the director of tsb and the council",
            ),
            ("member states: in particular, as appropriate", "member states"),
            ("the three sectors, within their mandates: x", "the three sectors"),
            ("tsag, rag and tdag, in line with, x:", "tsag, rag and tdag"),
            ("the itu council, , x", "the itu council"),
            (" council ", "council"),
            ("", ""),
        ] {
            assert_eq!(cut_qualifiers(phrase), cut, "{phrase:?}");
        }
    }

    #[test]
    fn word_end_agrees_with_a_search_by_characters() {
        for rest in
            ["itu", "itu-r study", "council,", "x\ty", "a\u{b}b", "director’s office", "é, x", "“itu”", "naïve x"]
        {
            for cut in (0..=rest.len()).filter(|&cut| rest.is_char_boundary(cut)) {
                let rest = &rest[cut..];
                let naive = rest.find(|c: char| c.is_whitespace() || c == ',').unwrap_or(rest.len());
                assert_eq!(word_end(rest), naive, "{rest:?}");
            }
        }
    }

    fn h(s: &str) -> (Vec<String>, Vec<String>) {
        heading_addressees(s, Context::default())
    }

    #[test]
    fn headings_of_the_seed() {
        assert_eq!(
            h("the Secretary-General, in close consultation with the Directors of the three Bureaux"),
            (vec!["Secretary-General".into()], vec![BR.into(), TSB.into(), BDT.into()])
        );
        assert_eq!(
            h("the Directors of the Radiocommunication Bureau and the Telecommunication Standardization Bureau").0,
            [BR, TSB]
        );
        assert_eq!(
            h("the Directors of the Telecommunication Standardization and Telecommunication Development Bureaux").0,
            [TSB, BDT]
        );
        assert_eq!(h("the three Sectors").0, SECTORS);
        assert_eq!(
            h(
                "the Director of the Telecommunication Standardization Bureau and the Director of the Telecommunication Development Bureau, that each within the scope of their responsibilities:"
            ),
            (vec![TSB.into(), BDT.into()], vec![])
        );
        assert_eq!(
            h(
                "the relevant study groups of the ITU Telecommunication Standardization Sector in collaboration with relevant Study Groups of the ITU Telecommunication Development Sector"
            ),
            (vec!["ITU-T study groups".into()], vec!["ITU-D study groups".into()])
        );
        assert_eq!(
            h("the Secretary\u{2011}General and the Directors of the three Bureaux").0,
            ["Secretary-General", BR, TSB, BDT]
        );
        assert_eq!(h("the Directors of the three Bureaux, within the purview of their mandates").0, DIRECTORS);
        assert_eq!(h("Member States and Sector Members").0, ["Member States", "Sector Members"]);
        assert_eq!(h("the World Health Organization").0, ["World Health Organization"]);
    }

    #[test]
    fn an_item_cleaned_only_as_far_as_it_is_read_names_the_same_addressees() {
        let subjects =
            ["", "that ", " “", "to ", "The\u{a0}Director ", "ITU\u{2011}T ", "TSAG\t", "RAG, TSAG and TDAG "];
        let rests = [
            "shall report",
            "to continue to assist ISCG",
            "instructs the Secretary\u{2011}General to submit",
            "is instructed to act\u{a0}",
            "continue to study the matter  carefully [bookmark: x]",
        ];
        let long = " and then a long text that goes on for well over the two hundred bytes read, with NBSP\u{a0}in it, \
                    and a non\u{2011}breaking hyphen, again and again and again and again and again and again.";
        for ctx in [Context::default(), Context::for_body(Some("WTSA"))] {
            for subject in subjects {
                for rest in rests {
                    for tail in ["", long] {
                        let raw = format!("{subject}{rest}{tail}");
                        let expected = item_addressees(&crate::clean::clean(&raw), ctx);
                        assert_eq!(item_addressees_raw(&raw, !crate::clean::changes(&raw), ctx), expected, "{raw:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_director_of_the_body_whose_text_it_is() {
        let wtsa = Context::for_body(Some("WTSA"));
        assert_eq!(item_addressees("The Director shall take the necessary preparatory measures", wtsa), [TSB]);
        assert_eq!(heading_addressees("the Director", Context::for_body(Some("WTDC"))).0, [BDT]);
        assert_eq!(heading_addressees("the Director", Context::default()).0, ["Director"]);
        assert!(item_addressees("The Director shall report", Context::default()).is_empty());
    }

    #[test]
    fn items_that_name_their_subject() {
        assert_eq!(
            item_addressees("RAG, TSAG and TDAG to continue to assist ISCG in identifying", Context::default()),
            ["RAG", "TSAG", "TDAG"]
        );
        assert_eq!(
            item_addressees("that ITU-T continue to study in close collaboration with ITU-D", Context::default()),
            ["ITU-T"]
        );
        assert_eq!(item_addressees("that ITU should continue to serve as a platform", Context::default()), ["ITU"]);
        assert_eq!(
            item_addressees(
                "PP22 instructs the Secretary-General coordinating with the Directors of the Bureaux to submit to the 2024 session of Council a report",
                Context::default()
            ),
            ["Secretary-General"]
        );
        assert!(
            item_addressees("to continue promoting the benefits of using telecommunications/ICTs", Context::default())
                .is_empty()
        );
        assert!(
            item_addressees(
                "that when selecting terms and preparing definitions, study groups, and after them ITU CCT, shall take",
                Context::default()
            )
            .is_empty()
        );
    }
}
