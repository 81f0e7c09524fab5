//! Finding a topic from the list of flows: the words the server sends for each flow in one
//! language ([`SearchIndex`]), and the matcher the app runs on them as the person types
//! ([`Searcher`]), tolerant of case, accents and small typos.
//!
//! A result is a place in a flow to head for: a node, reached by the answers the person still
//! gives from the flow's start, or the flow itself. Every node is one: its own text (the
//! question, or the outcome's title), the answers that lead to it, and its keywords.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{Flow, Node};
use crate::org::Organisation;

/// The most results a search lists.
pub const MAX_RESULTS: usize = 8;

/// What can be searched in every live flow, in one language, with the organisation's words
/// filled in: what the server sends at [`crate::api::SEARCH_INDEX_PATH`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchIndex {
    pub flows: Vec<SearchFlow>,
}

/// One flow's searchable words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchFlow {
    pub id: String,
    pub title: String,
    /// The common topics the flow covers, as the list of flows names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// One per node, in the flow file's order.
    pub goals: Vec<SearchGoal>,
}

/// One node a search can head for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchGoal {
    /// The node's id in the flow file, as an address names it (`toward=request_unlink`).
    pub node: String,
    /// The node's own text: the question, or the outcome's title.
    pub title: String,
    /// The answers that lead to the node: choices' labels, and the checks whose "no" does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

impl SearchIndex {
    /// The searchable words of `flows` in `lang`, with the organisation's words filled in.
    pub fn of<'f>(
        flows: impl IntoIterator<Item = &'f Flow>,
        org: &Organisation,
        lang: Lang,
    ) -> SearchIndex {
        let fill = |text: &crate::Text| org.fill_in(text.get(lang), lang);
        let flows = flows.into_iter().map(|flow| {
            let mut goals: Vec<SearchGoal> = flow
                .nodes()
                .iter()
                .map(|node| SearchGoal {
                    node: node.key().to_owned(),
                    title: fill(node.text()),
                    answers: Vec::new(),
                    keywords: node.keywords().iter().map(fill).collect(),
                })
                .collect();
            for node in flow.nodes() {
                let leading: Vec<_> = match node {
                    Node::Question(q) => {
                        q.choices().iter().map(|c| (c.next(), c.label())).collect()
                    }
                    Node::Checklist(c) => c.items().iter().map(|i| (i.fail(), i.text())).collect(),
                    Node::Number(_) | Node::Outcome(_) => Vec::new(),
                };
                for (target, label) in leading {
                    let answers = &mut goals[target.0].answers;
                    let label = fill(label);
                    if !answers.contains(&label) {
                        answers.push(label);
                    }
                }
            }
            SearchFlow {
                id: flow.id().to_owned(),
                title: fill(flow.title()),
                topics: flow.topics().iter().map(fill).collect(),
                goals,
            }
        });
        SearchIndex {
            flows: flows.collect(),
        }
    }
}

/// `text` as searches compare it: lower case, accents dropped from Latin letters (á → a,
/// ñ → n, ü → u, ß → ss), apostrophes dropped ("don't" → "dont"), and anything that is not a
/// letter or a digit made a space, with single spaces between the words. Letters of other
/// scripts are compared as written.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '\'' | '\u{2019}' => {}
            '\u{c0}'..='\u{17f}' => push_latin(c, &mut out),
            c if c.is_alphanumeric() => out.push(c),
            _ if out.is_empty() || out.ends_with(' ') => {}
            _ => out.push(' '),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Adds the plain letters of a Latin-1 or Latin Extended-A character (U+00C0 to U+017F) to
/// `out`, in lower case: "a" for both "Á" and "á", a space for "×" and "÷".
fn push_latin(c: char, out: &mut String) {
    /// One letter per character from U+00C0, `*` for those written with two.
    const LETTERS: &[u8; 192] = b"aaaaaa*ceeeeiiiidnooooo ouuuuy**\
        aaaaaa*ceeeeiiiidnooooo ouuuuy*y\
        aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrsssssssstttttt\
        uuuuuuuuuuuuwwyyyzzzzzzs";
    let letters = match c {
        'Æ' | 'æ' => "ae",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Ĳ' | 'ĳ' => "ij",
        'Œ' | 'œ' => "oe",
        _ => {
            let letter = char::from(LETTERS[c as usize - 0xc0]);
            match letter {
                ' ' if out.is_empty() || out.ends_with(' ') => {}
                letter => out.push(letter),
            }
            return;
        }
    };
    out.push_str(letters);
}

/// Words too common to tell one topic from another, left out of a query unless it has no
/// other: "the", "my"; "el", "mi".
fn is_common(word: &str, lang: Lang) -> bool {
    const EN: &[&str] = &[
        "a", "am", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from",
        "how", "i", "im", "in", "is", "it", "me", "my", "of", "on", "or", "the", "this", "to",
        "was", "what", "with",
    ];
    const ES: &[&str] = &[
        "a", "al", "como", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "me",
        "mi", "mis", "o", "para", "por", "que", "se", "su", "sus", "tu", "tus", "un", "una", "y",
    ];
    match lang {
        Lang::En => EN.contains(&word),
        Lang::Es => ES.contains(&word),
    }
}

/// Where a word of a result was found, which says how much a match there counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// The flow's title, on a node's result: it places the node, but does not find it.
    Context,
    /// An answer that leads to the node, or a topic of the flow.
    Answer,
    /// The node's own text.
    Title,
    /// A keyword of the node, or the flow's title on the flow's own result.
    Keyword,
}

impl Field {
    fn weight(self) -> u32 {
        match self {
            Field::Context => 1,
            Field::Answer => 2,
            Field::Title => 3,
            Field::Keyword => 4,
        }
    }
}

/// How closely a word of the query matches a word of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    /// Within a small edit distance: one slip in a word of 4 to 7 letters, two in a longer one.
    Typo,
    /// The start of the word, for a query word of 3 letters or more.
    Prefix,
    Exact,
}

impl Closeness {
    fn weight(self) -> u32 {
        match self {
            Closeness::Typo => 1,
            Closeness::Prefix => 2,
            Closeness::Exact => 3,
        }
    }

    /// How `query` matches `word`, both normalised, if it does.
    fn of(query: &str, word: &str) -> Option<Closeness> {
        if query == word {
            return Some(Closeness::Exact);
        }
        let letters = query.chars().count();
        if letters >= 3 && word.starts_with(query) {
            return Some(Closeness::Prefix);
        }
        let slips = match letters {
            0..=3 => return None,
            4..=7 => 1,
            _ => 2,
        };
        within(query, word, slips).then_some(Closeness::Typo)
    }
}

/// Whether `a` becomes `b` in at most `max` edits: a letter added, dropped, changed, or two
/// neighbours swapped (the optimal string alignment distance).
fn within(a: &str, b: &str, max: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(previous[j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()] <= max
}

/// A search index made ready for matching: every text normalised once, so each keystroke
/// only compares words.
#[derive(Debug, Clone)]
pub struct Searcher {
    index: SearchIndex,
    lang: Lang,
    places: Vec<Place>,
}

/// One result a search may list: a flow, or one of its nodes, with its words.
#[derive(Debug, Clone)]
struct Place {
    flow: usize,
    goal: Option<usize>,
    words: Vec<(String, Field)>,
}

/// One result, best first: a node of a flow, or the flow itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit<'s> {
    pub flow: &'s SearchFlow,
    /// The node to head for, or none for the flow as a whole.
    pub goal: Option<&'s SearchGoal>,
}

impl Hit<'_> {
    /// What the result names: the node's text, or the flow's title.
    pub fn title(&self) -> &str {
        self.goal.map_or(&self.flow.title, |g| &g.title)
    }
}

impl Searcher {
    /// Readies `index`, written in `lang`, for searching.
    pub fn new(index: SearchIndex, lang: Lang) -> Searcher {
        let mut places = Vec::new();
        for (f, flow) in index.flows.iter().enumerate() {
            let mut words = Vec::new();
            add_words(&mut words, [&flow.title], Field::Keyword);
            add_words(&mut words, &flow.topics, Field::Answer);
            places.push(Place {
                flow: f,
                goal: None,
                words,
            });
            for (g, goal) in flow.goals.iter().enumerate() {
                let mut words = Vec::new();
                add_words(&mut words, [&goal.title], Field::Title);
                add_words(&mut words, &goal.answers, Field::Answer);
                add_words(&mut words, &goal.keywords, Field::Keyword);
                add_words(&mut words, [&flow.title], Field::Context);
                places.push(Place {
                    flow: f,
                    goal: Some(g),
                    words,
                });
            }
        }
        Searcher {
            index,
            lang,
            places,
        }
    }

    /// The places `query` finds, best first, at most [`MAX_RESULTS`]. Every word of the query
    /// (but the most common ones, such as "the") must match a word of the place, and at least
    /// one must match the place's own words, not only its flow's title. An exact word counts
    /// more than the start of one, and that more than a typo; a keyword (or a flow's title)
    /// more than a node's title, and that more than an answer leading there or a topic.
    pub fn find(&self, query: &str) -> Vec<Hit<'_>> {
        let query = normalise(query);
        let all: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
        let mut words: Vec<&str> = all
            .iter()
            .copied()
            .filter(|w| !is_common(w, self.lang))
            .collect();
        if words.is_empty() {
            words = all;
        }
        words.dedup();
        if words.is_empty() {
            return Vec::new();
        }
        // The best places so far, best first: on a tie a flow before a node, then in the order
        // of the index. Kept in order as they come, as only a few are listed.
        let mut best: Vec<(Reverse<u32>, bool, usize)> = Vec::with_capacity(MAX_RESULTS + 1);
        for (i, place) in self.places.iter().enumerate() {
            let Some(points) = score(place, &words) else {
                continue;
            };
            let key = (Reverse(points), place.goal.is_some(), i);
            let at = best.partition_point(|held| *held < key);
            if at < MAX_RESULTS {
                best.insert(at, key);
                best.truncate(MAX_RESULTS);
            }
        }
        best.into_iter()
            .map(|(_, _, i)| {
                let place = &self.places[i];
                let flow = &self.index.flows[place.flow];
                Hit {
                    flow,
                    goal: place.goal.map(|g| &flow.goals[g]),
                }
            })
            .collect()
    }
}

fn add_words<'t>(
    words: &mut Vec<(String, Field)>,
    texts: impl IntoIterator<Item = &'t String>,
    field: Field,
) {
    for text in texts {
        let normalised = normalise(text);
        let each = normalised.split(' ').filter(|w| !w.is_empty());
        words.extend(each.map(|w| (w.to_owned(), field)));
    }
}

/// How well `place` matches every one of `words`, if it does.
fn score(place: &Place, words: &[&str]) -> Option<u32> {
    let mut total = 0;
    let mut own = false;
    for query in words {
        let mut best = None;
        for (word, field) in &place.words {
            if let Some(closeness) = Closeness::of(query, word) {
                best = best.max(Some(closeness.weight() * field.weight()));
                own |= *field != Field::Context;
            }
        }
        total += best?;
    }
    own.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_latin_letter_folds_to_plain_lowercase_letters() {
        let latin = |c: char| {
            let mut out = String::new();
            push_latin(c, &mut out);
            out
        };
        for c in '\u{c0}'..='\u{17f}' {
            let folded = latin(c);
            let plain = !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_lowercase());
            assert!(plain || c == '×' || c == '÷', "{c:?} folds to {folded:?}");
        }
        for (c, plain) in [
            ('Ł', "l"),
            ('ž', "z"),
            ('ſ', "s"),
            ('Ő', "o"),
            ('Ÿ', "y"),
            ('Ş', "s"),
            ('Ğ', "g"),
            ('ı', "i"),
            ('Ŋ', "n"),
            ('ķ', "k"),
            ('ŵ', "w"),
            ('Ů', "u"),
            ('Ø', "o"),
            ('Ý', "y"),
            ('Ñ', "n"),
            ('ü', "u"),
            ('Æ', "ae"),
        ] {
            assert_eq!(latin(c), plain, "{c:?}");
        }
    }

    #[test]
    fn edits_are_counted_as_people_slip() {
        assert!(within("pasword", "password", 1));
        assert!(within("pasword", "pssword", 1));
        assert!(within("psasword", "password", 1));
        assert!(!within("pasword", "passwort", 1));
        assert!(within("verificacoin", "verificacion", 1));
        assert!(!within("abcd", "dcba", 2));
        assert!(within("", "ab", 2));
    }
}
