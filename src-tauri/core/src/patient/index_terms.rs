//! What the register is found by without opening it: the terms a registration is indexed under and the
//! terms a search or a duplicate check looks up. Adapters store each term only as a keyed HMAC (a blind
//! index, the CipherSweet approach), so the database holds no name or number in the clear; a lookup gives
//! candidates, which are opened and checked exactly ([`PatientRecord::matches`],
//! [`PatientRecord::duplicate_issues`]). Every rule of normalisation lives here, beside those two.

use std::collections::BTreeSet;

use super::form::{DocumentNumber, PatientRegistration};
use super::register::{compact, fold};

/// A term: its kind and its normalised value, as the bytes an adapter blinds (`kind`, NUL, value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term(Vec<u8>);

impl Term {
    fn new(kind: &str, value: &str) -> Term {
        Term([kind.as_bytes(), value.as_bytes()].join(&0u8))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Latin names are searched by runs of three characters (shorter queries read the whole register).
const GRAM: usize = 3;

/// A registration's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTerms {
    /// The document, as the duplicate check compares it: unique in the register unless an override of the
    /// duplicate warning was recorded.
    pub document: Term,
    /// The folded English name with the date of birth: the second duplicate check.
    pub name_and_birth: Term,
    /// What search looks up: name n-grams, Chinese characters and pairs, the whole and the masked number.
    pub search: BTreeSet<Term>,
}

impl IndexTerms {
    pub fn of(registration: &PatientRegistration) -> IndexTerms {
        let r = registration;
        let mut search = BTreeSet::new();
        for name in [english(r), reversed(r)] {
            search.extend(grams(&name).map(|gram| Term::new("en", &gram)));
        }
        if let Some(chinese) = &r.chinese_name {
            search.extend(chinese_terms(chinese.as_str()));
        }
        search.insert(Term::new(
            "number",
            &compact(&number_of(&r.document.number)),
        ));
        search.insert(Term::new("number", &compact(&r.document.number.masked())));
        IndexTerms {
            document: document_term(&r.document.number),
            name_and_birth: name_and_birth_term(r),
            search,
        }
    }
}

/// What to look up for a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerms {
    /// The empty query: the most recent registrations.
    Recent,
    /// Candidates are the registrations that have every term of at least one of these groups (a name
    /// search, a Chinese-name search, a number search: a query may be any of them).
    AnyGroup(Vec<BTreeSet<Term>>),
    /// Too short to narrow by an index (one or two Latin letters): every registration is a candidate.
    Everything,
}

impl SearchTerms {
    pub fn of(query: &str) -> SearchTerms {
        let query = query.trim();
        if query.is_empty() {
            return SearchTerms::Recent;
        }
        let mut groups = Vec::new();
        let folded = fold(query);
        let latin: BTreeSet<Term> = grams(&folded).map(|g| Term::new("en", &g)).collect();
        let has_han = query.chars().any(is_han);
        if !latin.is_empty() {
            groups.push(latin);
        } else if !has_han && folded.chars().count() < GRAM {
            return SearchTerms::Everything;
        }
        if has_han {
            let chars: Vec<char> = query.chars().collect();
            let group: BTreeSet<Term> = if chars.len() == 1 {
                chinese_terms(query).collect()
            } else {
                chars
                    .windows(2)
                    .map(|pair| Term::new("zh2", &pair.iter().collect::<String>()))
                    .collect()
            };
            groups.push(group);
        }
        let number = compact(query);
        if number.len() >= 4 {
            groups.push(BTreeSet::from([Term::new("number", &number)]));
        }
        SearchTerms::AnyGroup(groups)
    }
}

fn english(r: &PatientRegistration) -> String {
    fold(&r.english_name())
}

fn reversed(r: &PatientRegistration) -> String {
    fold(&format!(
        "{} {}",
        r.english_given_name
            .as_ref()
            .map(|g| g.as_str())
            .unwrap_or(""),
        r.english_surname
    ))
}

/// Every run of [`GRAM`] characters (spaces included: a query may span a space).
fn grams(text: &str) -> impl Iterator<Item = String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(GRAM - 1))
        .map(move |i| chars[i..i + GRAM].iter().collect::<String>())
        .collect::<Vec<_>>()
        .into_iter()
}

/// A Chinese name's characters and adjacent pairs: a query of one character or of several.
fn chinese_terms(name: &str) -> impl Iterator<Item = Term> {
    let chars: Vec<char> = name.chars().collect();
    let singles: Vec<Term> = chars
        .iter()
        .map(|c| Term::new("zh1", &c.to_string()))
        .collect();
    let pairs: Vec<Term> = chars
        .windows(2)
        .map(|pair| Term::new("zh2", &pair.iter().collect::<String>()))
        .collect();
    singles.into_iter().chain(pairs)
}

fn is_han(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic()
}

fn number_of(number: &DocumentNumber) -> String {
    match number {
        DocumentNumber::HongKong { number } => number.as_str().to_owned(),
        DocumentNumber::Foreign { number, .. } => number.clone(),
    }
}

/// Two documents are the same when their numbers are equal as the duplicate check compares them (kind,
/// number and, for a foreign one, the issuing country).
pub fn document_term(number: &DocumentNumber) -> Term {
    let value = match number {
        DocumentNumber::HongKong { number } => format!("hk:{}", number.as_str()),
        DocumentNumber::Foreign {
            number,
            issuing_country,
        } => format!("foreign:{issuing_country}:{number}"),
    };
    Term::new("document", &value)
}

pub fn name_and_birth_term(r: &PatientRegistration) -> Term {
    Term::new("name_birth", &format!("{}|{}", english(r), r.date_of_birth))
}
