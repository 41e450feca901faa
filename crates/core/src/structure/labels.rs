//! Item labels: "1", "2bis", "1bis.1.1.3", "b)", "b)bis", "ii)", "–", "NOTE 1 –", and how they nest.

/// The family a label belongs to; nesting follows the family's rank (numbers hold letters hold romans ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// "1", "2bis", "1.11.1": the number of dots is the depth.
    Number(u8),
    Letter,
    Roman,
    /// "–", "•", "−": indented list markers, with their indent level.
    Dash(u8),
    Note,
}

impl Family {
    /// Lower ranks hold higher ones: an item is a child of the nearest open item of lower rank.
    pub fn rank(self) -> (u8, u8) {
        match self {
            Family::Number(depth) => (0, depth),
            Family::Letter => (1, 0),
            Family::Roman => (2, 0),
            Family::Dash(level) => (3, level),
            Family::Note => (4, 0),
        }
    }
}

/// A label found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub text: &'a str,
    pub family: Family,
    /// Byte offset where the item's text starts, after the label and its separator.
    pub content_at: usize,
}

const SUFFIXES: &[&str] = &["quinquies", "quater", "bis", "ter"];

fn suffix_len(s: &str) -> usize {
    SUFFIXES.iter().find(|x| s.starts_with(**x)).map_or(0, |x| x.len())
}

/// The label at the start of `line` (already past leading whitespace and bookmarks), if any.
/// A label must be followed by a tab, or by spaces and then text; "2024 session" is not a label.
pub fn parse_label(line: &str) -> Option<Label<'_>> {
    let b = line.as_bytes();
    let first = *b.first()?;
    let (len, family) = if first.is_ascii_digit() {
        number_label(line)?
    } else if first == b'(' {
        // "(a)", "(ii)"
        let close = line.find(')')?;
        let inner = &line[1..close];
        let family = letter_or_roman(inner)?;
        (close + 1, family)
    } else if first.is_ascii_lowercase() {
        let close = line.bytes().take(8).position(|b| b == b')')?;
        let inner = &line[..close];
        let mut len = close + 1;
        let family = letter_or_roman(inner)?;
        // "b)bis"
        len += suffix_len(&line[len..]);
        (len, family)
    } else if let Some(rest) = line.strip_prefix("NOTE") {
        let digits = rest.trim_start().bytes().take_while(u8::is_ascii_digit).count();
        let num_end = 4 + (rest.len() - rest.trim_start().len()) + digits;
        let after = line[num_end..].trim_start();
        let dash = after.chars().next().filter(|c| matches!(c, '–' | '—' | '-' | ':'))?;
        let label_end = line.len() - after.len() + dash.len_utf8();
        let text = line[..num_end].trim_end();
        let content_at = label_end + (line[label_end..].len() - line[label_end..].trim_start().len());
        return Some(Label { text, family: Family::Note, content_at });
    } else {
        let c = line.chars().next()?;
        if !matches!(c, '–' | '—' | '-' | '•' | '·' | '▪' | '◦' | '−') {
            return None;
        }
        (c.len_utf8(), Family::Dash(0))
    };
    let rest = &line[len..];
    let sep = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
    let content = &rest[sep..];
    let ok = if rest.starts_with('\t') {
        true
    } else if sep == 0 {
        // "1." glued to text is not a label; "a)that" happens in careless typing, accept it for letters.
        matches!(family, Family::Letter | Family::Roman) && content.starts_with(|c: char| c.is_lowercase())
    } else {
        match family {
            // "1 to continue", "1. Decides", never "2024 session" (4 digits fail in number_label).
            Family::Number(_) => {
                line[..len].ends_with('.')
                    || content.starts_with("to ")
                    || content.starts_with("that ")
                    || sep >= 2
                    || line[..len].contains('.')
            }
            Family::Dash(_) => true,
            _ => true,
        }
    };
    if !ok || content.is_empty() {
        return None;
    }
    let text = line[..len].trim_end_matches('.');
    Some(Label { text, family, content_at: len + sep })
}

/// "12", "2bis", "1bis.1.1.3", "4.3bis", "1." (UN style): digits with optional suffixes, joined by dots.
fn number_label(line: &str) -> Option<(usize, Family)> {
    let b = line.as_bytes();
    let mut i = 0;
    let mut dots = 0u8;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        i += digits;
        i += suffix_len(&line[i..]);
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            dots = dots.saturating_add(1);
            continue;
        }
        break;
    }
    // A trailing "." (UN style "1. Decides") or ")" ("1) to").
    if matches!(b.get(i), Some(b'.') | Some(b')')) {
        i += 1;
    }
    Some((i, Family::Number(dots)))
}

/// "a", "bis"-less letters; "i", "iv", "xii" are roman; a single i/v/x/l is decided by context later.
fn letter_or_roman(inner: &str) -> Option<Family> {
    let core = SUFFIXES.iter().find_map(|s| inner.strip_suffix(*s)).unwrap_or(inner);
    if core.is_empty() || !core.bytes().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    if core.len() == 1 {
        return Some(if is_roman(core) && core == "i" { Family::Roman } else { Family::Letter });
    }
    if is_roman(core) {
        return Some(Family::Roman);
    }
    // "aa)" exists in long preambles.
    (core.len() == 2 && core.as_bytes()[0] == core.as_bytes()[1]).then_some(Family::Letter)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 7 && s.bytes().all(|c| matches!(c, b'i' | b'v' | b'x' | b'l'))
}

/// The letter of a letter label ("b" of "b)bis"), to decide whether a following "i)" is a letter or a roman.
pub fn letter_of(label: &str) -> Option<u8> {
    let b = label.trim_start_matches('(').as_bytes();
    b.first().copied().filter(|c| c.is_ascii_lowercase() && b.get(1).is_none_or(|&n| n == b')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(&str, Family, &str)> {
        parse_label(s).map(|l| (l.text, l.family, &s[l.content_at..]))
    }

    #[test]
    fn labels_as_written() {
        assert_eq!(label("1\tto take measures"), Some(("1", Family::Number(0), "to take measures")));
        assert_eq!(label("2bis\tto do"), Some(("2bis", Family::Number(0), "to do")));
        assert_eq!(label("1bis.1.1.3\tTexts"), Some(("1bis.1.1.3", Family::Number(3), "Texts")));
        assert_eq!(label("5.4bis \tThe Director"), Some(("5.4bis", Family::Number(1), "The Director")));
        assert_eq!(label("b)bis\tthat the"), Some(("b)bis", Family::Letter, "that the")));
        assert_eq!(label("b) that ITU"), Some(("b)", Family::Letter, "that ITU")));
        assert_eq!(label("ii)\tthe complete"), Some(("ii)", Family::Roman, "the complete")));
        assert_eq!(label("i)\taddress"), Some(("i)", Family::Roman, "address")));
        assert_eq!(label("–\tto promote"), Some(("–", Family::Dash(0), "to promote")));
        assert_eq!(label("1. Decides to"), Some(("1", Family::Number(0), "Decides to")));
        assert_eq!(label("NOTE – This answer"), Some(("NOTE", Family::Note, "This answer")));
        assert_eq!(label("NOTE 2 – SG or WP"), Some(("NOTE 2", Family::Note, "SG or WP")));
    }

    #[test]
    fn not_labels() {
        assert_eq!(label("2024 session of Council"), None);
        assert_eq!(label("2 PP-22 is"), None);
        assert_eq!(label("that ITU should"), None);
        assert_eq!(label("1"), None);
        assert_eq!(label("to (a) b"), None);
    }
}
