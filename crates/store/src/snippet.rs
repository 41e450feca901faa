//! Snippets of PostgreSQL search results, made here rather than by `ts_headline`: the server parses the whole
//! action again for each result (about 140 µs a mandate, 3 of the 12 ms of a search at 40,000 resolutions),
//! where stemming the words of twenty actions here takes a few microseconds. The words are matched as the
//! search index matched them: stemmed with the same Snowball English stemmer as PostgreSQL's `english`
//! configuration, against the lexemes of the query as the server read it.

use rust_stemmers::{Algorithm, Stemmer};

/// At most this many words in a fragment, and this many fragments: as SQLite's snippets (16 tokens) and the
/// `ts_headline` options used before (24 words, two fragments).
const FRAGMENT_WORDS: usize = 24;
const FRAGMENTS: usize = 2;
/// Words shown before the first match of a fragment.
const WORDS_BEFORE: usize = 4;

/// The lexemes a PostgreSQL `tsquery` (as text: `'smart' & 'sustain' & !'citi'`) looks for, without those
/// it excludes (`!`).
pub(crate) fn query_lexemes(tsquery: &str) -> Vec<String> {
    let mut lexemes = Vec::new();
    let mut chars = tsquery.chars().peekable();
    let mut negated = false;
    while let Some(c) = chars.next() {
        match c {
            '!' => negated = true,
            '\'' => {
                let mut lexeme = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        // A quote is written twice inside a lexeme, a backslash escapes the next character.
                        '\'' if chars.peek() == Some(&'\'') => lexeme.extend(chars.next()),
                        '\'' => break,
                        '\\' => lexeme.extend(chars.next()),
                        c => lexeme.push(c),
                    }
                }
                if !negated && !lexemes.contains(&lexeme) {
                    lexemes.push(lexeme);
                }
                negated = false;
            }
            c if c.is_whitespace() => {}
            _ => negated = false,
        }
    }
    lexemes
}

/// Up to two fragments of `text` around the words whose stem is one of `lexemes`, those words between « and »,
/// "…" where text is left out; the first words of `text` when none matches (the mandate was found by its
/// heading or addressees).
pub(crate) fn snippet(text: &str, lexemes: &[String]) -> String {
    let stemmer = Stemmer::create(Algorithm::English);
    let words = words(text);
    let matches: Vec<bool> = words
        .iter()
        .map(|&(start, end)| {
            let word = text[start..end].to_lowercase();
            if lexemes.contains(&word) {
                return true;
            }
            // The stemmer changes the end of a word, never its first letter: most words need no stemming.
            if !lexemes.iter().any(|l| l.chars().next() == word.chars().next()) {
                return false;
            }
            let stem = stemmer.stem(&word);
            lexemes.iter().any(|l| *l == stem)
        })
        .collect();
    let mut fragments: Vec<(usize, usize)> = Vec::new();
    for (i, _) in matches.iter().enumerate().filter(|(_, m)| **m) {
        if fragments.len() == FRAGMENTS {
            break;
        }
        let covered = fragments.last().map_or(0, |&(_, end)| end);
        if i < covered {
            continue;
        }
        let start = i.saturating_sub(WORDS_BEFORE).max(covered);
        fragments.push((start, (start + FRAGMENT_WORDS).min(words.len())));
    }
    if fragments.is_empty() {
        fragments.push((0, FRAGMENT_WORDS.min(words.len())));
    }
    let mut out = String::new();
    for (n, &(first, end)) in fragments.iter().enumerate() {
        if first > 0 || n > 0 {
            out.push_str(if n > 0 && fragments[n - 1].1 == first { " " } else { "…" });
        }
        let Some(&(mut at, _)) = words.get(first) else { break };
        for i in first..end {
            let (start, stop) = words[i];
            out.push_str(&text[at..start]);
            if matches[i] {
                out.push('«');
                out.push_str(&text[start..stop]);
                out.push('»');
            } else {
                out.push_str(&text[start..stop]);
            }
            at = stop;
        }
        if end == words.len() {
            out.push_str(&text[at..]);
        }
    }
    if fragments.last().is_some_and(|&(_, end)| end < words.len()) {
        out.push('…');
    }
    out
}

/// The byte spans of the words of `text`: runs of letters and digits.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexemes_of_a_query_are_those_it_looks_for() {
        // As PostgreSQL 15 writes websearch_to_tsquery('english', 'ITU-T "study groups" -climate O''Brien').
        let query = "'itu-t' <-> 'itu' & 'studi' <-> 'group' & !'climat' & 'o' <-> 'brien'";
        assert_eq!(query_lexemes(query), ["itu-t", "itu", "studi", "group", "o", "brien"]);
        assert_eq!(query_lexemes("'it''s' & 'a\\\\b'"), ["it's", "a\\b"]);
        assert!(query_lexemes("").is_empty());
    }

    #[test]
    fn matching_words_are_marked_as_the_search_index_matched_them() {
        let lexemes = query_lexemes("'citi' & 'studi'");
        assert_eq!(
            snippet("The ITU-T study groups, and the city of Geneva. Cities and studies; climate.", &lexemes),
            "The ITU-T «study» groups, and the «city» of Geneva. «Cities» and «studies»; climate."
        );
    }

    #[test]
    fn a_long_action_gives_two_fragments_around_its_first_matches() {
        // Res. 130 (Rev. Bucharest 2022), resolves 10 (the seed, line 134), as written.
        let action = "to continue to maintain, in building upon the information base associated with the \"ICT \
                      Security Standards Roadmap\" and \u{201c}Security Compendium\u{201d} and ITU\u{2011}D's efforts \
                      on cybersecurity, and with the assistance of other relevant organizations, an inventory of \
                      national, regional and international initiatives and activities to promote the development of \
                      common approaches in the field of cybersecurity;";
        let lexemes = query_lexemes("'cybersecur'");
        assert_eq!(
            snippet(action, &lexemes),
            "…D's efforts on «cybersecurity», and with the assistance of other relevant organizations, an \
             inventory of national, regional and international initiatives and activities to…in the field of \
             «cybersecurity»;"
        );
        // None of the words: the beginning, cut after 24 words.
        let got = snippet(action, &query_lexemes("'pandem'"));
        assert!(got.starts_with("to continue to maintain, in") && got.ends_with("and ITU\u{2011}D's…"), "{got}");
        assert_eq!(snippet("", &lexemes), "");
    }
}
