//! What the watcher knows of the readers, and the one rule that turns it into the [`ReaderState`] shown.
//!
//! Kept free of PC/SC so the rule can be read (and tested) on its own: the watcher thread and reads only
//! feed facts in; the phase is always derived, so an error cannot outlive its cause.

use std::collections::BTreeMap;

use ehr_core::ErrorCode;
use ehr_core::ports::{CardFailure, ReaderPhase, ReaderState};

/// A card seen in a reader: its ATR and which insertion it is (pcscd's event counter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSeen {
    pub atr: Vec<u8>,
    pub insertion: u32,
}

/// The result of the last read, tied to the card it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    reader: String,
    /// The card's insertion; `None` for "the card was removed", which shows until a card is inserted.
    insertion: Option<u32>,
    phase: ReaderPhase,
    problem: Option<ErrorCode>,
}

#[derive(Debug, Default)]
pub struct Model {
    service: bool,
    readers: Vec<String>,
    /// The reader the user chose; when it is not attached the first reader is used.
    preferred: Option<String>,
    cards: BTreeMap<String, CardSeen>,
    outcome: Option<Outcome>,
}

impl Model {
    pub fn selected(&self) -> Option<&String> {
        self.preferred
            .as_ref()
            .and_then(|p| self.readers.iter().find(|r| *r == p))
            .or_else(|| self.readers.first())
    }

    /// The card in the selected reader, if any.
    pub fn selected_card(&self) -> Option<&CardSeen> {
        self.selected().and_then(|reader| self.cards.get(reader))
    }

    pub fn no_service(&mut self) {
        self.service = false;
        self.readers.clear();
        self.cards.clear();
        self.outcome = None;
    }

    pub fn set_readers(&mut self, readers: Vec<String>) {
        self.service = true;
        self.cards.retain(|name, _| readers.contains(name));
        self.readers = readers;
        if self
            .outcome
            .as_ref()
            .is_some_and(|o| Some(&o.reader) != self.selected())
        {
            self.outcome = None;
        }
    }

    /// A reader's card as pcscd reports it now. A new insertion forgets the last read's outcome.
    pub fn set_card(&mut self, reader: &str, card: Option<CardSeen>) {
        let changed =
            self.cards.get(reader).map(|c| c.insertion) != card.as_ref().map(|c| c.insertion);
        if changed && self.outcome.as_ref().is_some_and(|o| o.reader == reader) {
            let removed_error = self.outcome.as_ref().is_some_and(|o| o.insertion.is_none());
            // "Removed" stays while the reader is empty, so the desk sees why the read failed.
            if card.is_some() || !removed_error {
                self.outcome = None;
            }
        }
        match card {
            Some(card) => self.cards.insert(reader.to_owned(), card),
            None => self.cards.remove(reader),
        };
    }

    pub fn select(&mut self, reader: &str) -> Result<(), CardFailure> {
        if !self.readers.iter().any(|r| r == reader) {
            return Err(CardFailure::UnknownReader(reader.to_owned()));
        }
        self.preferred = Some(reader.to_owned());
        self.outcome = None;
        Ok(())
    }

    pub fn reading(&mut self, reader: &str, insertion: u32) {
        self.outcome = Some(Outcome {
            reader: reader.to_owned(),
            insertion: Some(insertion),
            phase: ReaderPhase::Reading,
            problem: None,
        });
    }

    /// Records a read's result against the card it was started on; a result for a card that has since
    /// been replaced is dropped, as is one the state already explains (no service, no card...).
    pub fn finish(&mut self, reader: &str, insertion: u32, result: Result<(), &CardFailure>) {
        let (phase, problem, tied) = match result {
            Ok(()) => (ReaderPhase::Read, None, true),
            Err(CardFailure::Removed) => (ReaderPhase::Error, Some(ErrorCode::CardRemoved), false),
            Err(CardFailure::NotRecognised) => (
                ReaderPhase::NotRecognised,
                Some(ErrorCode::CardNotRecognised),
                true,
            ),
            Err(
                CardFailure::NoCard
                | CardFailure::NoService
                | CardFailure::NoReader
                | CardFailure::UnknownReader(_),
            ) => {
                self.outcome = None;
                return;
            }
            Err(other) => (ReaderPhase::Error, Some(other.code()), true),
        };
        let current = self.cards.get(reader).map(|c| c.insertion);
        if current.is_some_and(|now| now != insertion) {
            self.outcome = None;
            return;
        }
        self.outcome = Some(Outcome {
            reader: reader.to_owned(),
            insertion: tied.then_some(insertion),
            phase,
            problem,
        });
    }

    /// The state shown; `recognised` says whether some profile knows a card's ATR.
    pub fn state(&self, recognised: impl Fn(&[u8]) -> bool) -> ReaderState {
        let mut state = ReaderState::new(ReaderPhase::NoService);
        if !self.service {
            return state;
        }
        state.readers = self.readers.clone();
        state.selected = self.selected().cloned();
        let Some(reader) = state.selected.clone() else {
            state.phase = ReaderPhase::NoReader;
            return state;
        };
        let card = self.cards.get(&reader);
        let outcome = self
            .outcome
            .as_ref()
            .filter(|o| o.reader == reader && o.insertion == card.map(|c| c.insertion));
        (state.phase, state.problem) = match (card, outcome) {
            (_, Some(o)) => (o.phase, o.problem),
            (None, None) => (ReaderPhase::Ready, None),
            (Some(card), None) if !recognised(&card.atr) => (
                ReaderPhase::NotRecognised,
                Some(ErrorCode::CardNotRecognised),
            ),
            (Some(_), None) => (ReaderPhase::CardPresent, None),
        };
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &[u8] = b"ours";

    fn phase(model: &Model) -> (ReaderPhase, Option<ErrorCode>) {
        let state = model.state(|atr| atr == OURS);
        (state.phase, state.problem)
    }

    fn card(atr: &[u8], insertion: u32) -> Option<CardSeen> {
        Some(CardSeen {
            atr: atr.to_vec(),
            insertion,
        })
    }

    #[test]
    fn phases_follow_the_facts() {
        let mut model = Model::default();
        assert_eq!(phase(&model).0, ReaderPhase::NoService);
        model.set_readers(vec![]);
        assert_eq!(phase(&model).0, ReaderPhase::NoReader);
        model.set_readers(vec!["A".into(), "B".into()]);
        assert_eq!(model.state(|_| true).selected.as_deref(), Some("A"));
        assert_eq!(phase(&model).0, ReaderPhase::Ready);
        model.set_card("A", card(b"other", 1));
        assert_eq!(
            phase(&model),
            (
                ReaderPhase::NotRecognised,
                Some(ErrorCode::CardNotRecognised)
            )
        );
        model.set_card("A", None);
        model.set_card("A", card(OURS, 3));
        assert_eq!(phase(&model).0, ReaderPhase::CardPresent);
        model.reading("A", 3);
        assert_eq!(phase(&model).0, ReaderPhase::Reading);
        model.finish("A", 3, Ok(()));
        assert_eq!(phase(&model).0, ReaderPhase::Read);
        model.set_card("A", None);
        assert_eq!(phase(&model).0, ReaderPhase::Ready);
        model.no_service();
        assert_eq!(phase(&model).0, ReaderPhase::NoService);
    }

    #[test]
    fn a_removed_card_shows_until_the_next_insertion() {
        let mut model = Model::default();
        model.set_readers(vec!["A".into()]);
        model.set_card("A", card(OURS, 1));
        model.reading("A", 1);
        model.finish("A", 1, Err(&CardFailure::Removed));
        model.set_card("A", None);
        assert_eq!(
            phase(&model),
            (ReaderPhase::Error, Some(ErrorCode::CardRemoved))
        );
        model.set_card("A", card(OURS, 3));
        assert_eq!(phase(&model), (ReaderPhase::CardPresent, None));
    }

    #[test]
    fn an_error_belongs_to_its_card() {
        let mut model = Model::default();
        model.set_readers(vec!["A".into(), "B".into()]);
        model.set_card("A", card(OURS, 1));
        let malformed = CardFailure::Malformed {
            step: "x",
            detail: String::new(),
        };
        model.finish("A", 1, Err(&malformed));
        assert_eq!(
            phase(&model),
            (ReaderPhase::Error, Some(ErrorCode::CardMalformed))
        );
        model.set_card("A", None);
        assert_eq!(phase(&model), (ReaderPhase::Ready, None));
        // A result for a card that was swapped meanwhile is dropped.
        model.set_card("A", card(OURS, 5));
        model.finish("A", 3, Err(&malformed));
        assert_eq!(phase(&model), (ReaderPhase::CardPresent, None));
    }

    #[test]
    fn selection_falls_back_to_the_first_reader() {
        let mut model = Model::default();
        model.set_readers(vec!["A".into(), "B".into()]);
        assert_eq!(
            model.select("C"),
            Err(CardFailure::UnknownReader("C".into()))
        );
        model.select("B").unwrap();
        assert_eq!(model.selected().map(String::as_str), Some("B"));
        model.set_readers(vec!["A".into()]);
        assert_eq!(model.selected().map(String::as_str), Some("A"));
        model.set_readers(vec!["A".into(), "B".into()]);
        assert_eq!(model.selected().map(String::as_str), Some("B"));
    }
}
