"""A mock interview as a state machine: questions one at a time, timed, with no guidance; a
card's first follow-up asked as the interviewer's next question; then a review of every
answer with its analysis and a rating each, which feeds the scheduler.

Phases: ASKING until the last question is answered, then REVIEWING (one answer at a time,
its suggested rating ready to accept or override) until every answer is rated, then DONE.
Every answer is committed when it is submitted and every rating when it is given, through a
`WriteQueue` that keeps and retries what a busy or full database refused. The mock is kept
as a row of its own (`mocks`), its answers linked to it.

Where the questions come from: a deck (or several), a role, or the plan of the next interview.
A role takes the decks of the current language whose `roles` list it (`ae`, `sdr`); the
promotion panel takes the decks whose id or tags say `promotion`; an interview plan takes
its cards in the order `core.interviews` prepares them (those its job description names
first). Question and objection cards are asked; tips and role-play calls are not (a call has
its own screen).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from interviewprep.core.analysis import Feedback, analyse, analyse_parts
from interviewprep.core.answer_clock import AnswerClock
from interviewprep.core.card_queue import QueueItem
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import CardKind, DeckInfo, DeckKey
from interviewprep.core.drafts import draft_part
from interviewprep.core.scheduling import Rating
from interviewprep.core.settings import AnswerMode
from interviewprep.core.writes import WriteQueue

if TYPE_CHECKING:
    from interviewprep.core.voice.speech import PromptReader

DEFAULT_QUESTIONS = 5
ASKED_KINDS = (CardKind.QUESTION, CardKind.OBJECTION)
SUGGESTED = {"again": Rating.AGAIN, "hard": Rating.HARD, "good": Rating.GOOD,
             "easy": Rating.EASY}


class Role(StrEnum):
    AE = "ae"
    SDR = "sdr"
    PROMOTION = "promotion"  # the SDR-to-AE promotion panel


def plan_questions(collection: Collection) -> tuple[str, list[QueueItem]] | None:
    """The next interview's name and its questions in preparation order; None without one."""
    from interviewprep.core.interviews import interview_cards, next_interview

    interview = next_interview(collection)
    if interview is None:
        return None
    items = []
    for deck_id, language, card_id in interview_cards(collection, interview):
        deck = collection.library.find(DeckKey(deck_id, language))
        card = collection.card(deck, card_id) if deck is not None else None
        if deck is not None and card is not None and card.kind in ASKED_KINDS:
            items.append(collection.item(deck, card_id))
    return f"plan:{interview.company}", items


def decks_for_role(decks: Sequence[DeckInfo], role: Role) -> list[DeckInfo]:
    """The decks a mock for `role` draws from (see the module docstring)."""
    if role is Role.PROMOTION:
        return [d for d in decks if "promotion" in d.id or "promotion" in d.tags]
    return [d for d in decks if role.value in d.roles]


class MockPhase(StrEnum):
    ASKING = "asking"
    REVIEWING = "reviewing"
    DONE = "done"


@dataclass(frozen=True)
class MockAnswer:
    """One question of the mock and what was said to it."""

    item: QueueItem
    question: str
    follow_up: int | None  # index in the card's follow_ups; None: the card's own prompt
    text: str
    seconds: float
    feedback: Feedback
    answer_id: int | None = None  # set once the answer is in the store
    rating: Rating | None = None

    @property
    def suggested(self) -> Rating:
        return SUGGESTED[self.feedback.suggested_rating.value]


@dataclass(frozen=True)
class MockView:
    phase: MockPhase
    question: str | None  # what the interviewer asks now (ASKING)
    item: QueueItem | None  # the card asked now, or the answer under review's card
    is_follow_up: bool
    number: int  # the main question asked now, from 1
    planned: int  # main questions in this mock
    elapsed: float
    time_limit: int | None
    draft: str
    answers: tuple[MockAnswer, ...]
    reviewing: int | None  # index in `answers` of the one under review
    unsaved: str | None
    reading: bool = False  # the question is being read aloud; its timer waits
    reading_failure: str | None = None


class MockInterview:
    def __init__(self, collection: Collection, decks: Sequence[DeckInfo],
                 questions: int = DEFAULT_QUESTIONS, source: str | None = None,
                 rng: random.Random | None = None, follow_ups: bool = True,
                 pool: Sequence[QueueItem] | None = None,
                 reader: PromptReader | None = None) -> None:
        """`rng` shuffles the cards (None: deck order); `source` names what was rehearsed
        (default: the deck keys); `pool`, when given, is asked in its own order; `reader`
        reads each question aloud before its timer starts."""
        self.collection = collection
        self.decks = list(decks)
        if pool is not None:
            pool, rng = list(pool), None
        else:
            pool = collection.rehearsable(self.decks, ASKED_KINDS)
        if rng is not None:
            rng.shuffle(pool)
        self.items = pool[:max(questions, 0)]
        self.source = source or ",".join(str(d.key) for d in self.decks)
        self.follow_ups = follow_ups
        self.writes = WriteQueue()
        self.answers: list[MockAnswer] = []
        self.phase = MockPhase.ASKING if self.items else MockPhase.DONE
        self.mock_id: int | None = None
        self._index = 0  # the main question asked now
        self._follow_up: int | None = None
        self.draft = ""
        self._draft_dirty = False
        self._clock = AnswerClock(collection.clock, reader)
        self._reviewing = 0
        if self.items:
            language = self.items[0].deck.language
            self._restore_draft()
            self._clock.restart(self.question(), language)

            def start() -> None:
                self.mock_id = collection.start_mock(self.source, language, len(self.items))

            self.writes.write(start)

    # -- reading ---------------------------------------------------------------------------

    @property
    def current(self) -> QueueItem | None:
        if self.phase is MockPhase.ASKING:
            return self.items[self._index]
        if self.phase is MockPhase.REVIEWING:
            return self.answers[self._reviewing].item
        return None

    def question(self) -> str | None:
        item = self.current
        if self.phase is not MockPhase.ASKING or item is None:
            return None
        if self._follow_up is not None:
            return item.card.follow_ups[self._follow_up]
        return item.card.prompt

    @property
    def elapsed(self) -> float:
        return self._clock.elapsed

    def view(self) -> MockView:
        item = self.current
        asking = self.phase is MockPhase.ASKING
        return MockView(
            phase=self.phase,
            question=self.question(),
            item=item,
            is_follow_up=asking and self._follow_up is not None,
            number=min(self._index + 1, len(self.items)),
            planned=len(self.items),
            elapsed=self.elapsed if asking else 0.0,
            time_limit=(self.collection.time_limit(item.card)
                        if asking and item is not None else None),
            draft=self.draft,
            answers=tuple(self.answers),
            reviewing=self._reviewing if self.phase is MockPhase.REVIEWING else None,
            unsaved=self.writes.unsaved,
            reading=asking and self._clock.reading,
            reading_failure=self._clock.failure,
        )

    # -- actions ---------------------------------------------------------------------------

    def type(self, text: str) -> None:
        if self.phase is MockPhase.ASKING and text != self.draft:
            self.draft, self._draft_dirty = text, True

    def submit(self, text: str | None = None) -> MockView:
        """Answer the question asked now: saved at once; the next question follows."""
        if self.phase is not MockPhase.ASKING:
            raise RuntimeError("there is no question to answer now")
        if text is not None:
            self.draft = text
        item = self.items[self._index]
        seconds = self.elapsed
        answer = MockAnswer(item, self.question() or "", self._follow_up, self.draft, seconds,
                            self._analyse(item, self.draft, seconds, self._follow_up))
        position = len(self.answers)
        self.answers.append(answer)

        def save() -> None:
            answer_id = self.collection.record_answer(
                item, answer.text, answer.seconds, mock_id=self.mock_id,
                follow_up=answer.follow_up)
            self.answers[position] = replace(self.answers[position], answer_id=answer_id)

        self._draft_dirty = False
        self.writes.write(save)
        self._next_question(item)
        return self.view()

    def rate(self, rating: Rating | None = None) -> MockView:
        """Rate the answer under review (None: take the suggested rating) and commit it; a
        card's own answer reschedules the card, a follow-up's rating is kept on its answer."""
        if self.phase is not MockPhase.REVIEWING:
            raise RuntimeError("answers are rated after the last question")
        position = self._reviewing
        answer = self.answers[position]
        chosen = rating or answer.suggested
        self.answers[position] = replace(answer, rating=chosen)

        def save() -> None:
            saved = self.answers[position]
            if saved.follow_up is None:
                self.collection.rate(saved.item, chosen, int(saved.seconds * 1000),
                                     saved.answer_id)
            elif saved.answer_id is not None:
                self.collection.set_answer_rating(saved.answer_id, chosen)

        self.writes.write(save)
        self._reviewing += 1
        if self._reviewing >= len(self.answers):
            self.phase = MockPhase.DONE

            def finish() -> None:
                if self.mock_id is not None:
                    self.collection.finish_mock(self.mock_id)

            self.writes.write(finish)
        return self.view()

    def flush(self) -> bool:
        """Retry what is queued, then keep the answer being typed as the card's draft."""
        if not self.writes.flush():
            return False
        if self._draft_dirty and self.phase is MockPhase.ASKING:
            item, text, seconds = self.items[self._index], self.draft, self.elapsed
            part = draft_part(item.card, self._follow_up)
            if self.writes.try_now(lambda: self.collection.save_draft(item, text, seconds,
                                                                      part)):
                self._draft_dirty = False
        return self.writes.unsaved is None

    def leave(self) -> bool:
        self._clock.stop()
        return self.flush()

    # -- inside ----------------------------------------------------------------------------

    def _next_question(self, item: QueueItem) -> None:
        self.draft = ""
        if self.follow_ups and self._follow_up is None and item.card.follow_ups:
            self._follow_up = 0
        else:
            self._follow_up = None
            self._index += 1
            if self._index >= len(self.items):
                self._index = len(self.items) - 1
                self.phase = MockPhase.REVIEWING
        if self.phase is MockPhase.ASKING:
            self._restore_draft()
            self._clock.restart(self.question(), self.items[self._index].deck.language)
        else:
            self._clock.stop()

    def _restore_draft(self) -> None:
        """What was typed to this very question (the card's own, or this follow-up) when the
        app last stopped comes back; a draft of another part of the card never does."""
        item = self.items[self._index]
        try:
            saved = self.collection.draft(item, draft_part(item.card, self._follow_up))
        except sqlite3.OperationalError:  # busy: start empty rather than freeze
            saved = None
        self.draft = saved.text if saved is not None else ""

    def _analyse(self, item: QueueItem, text: str, seconds: float,
                 follow_up: int | None) -> Feedback:
        aloud = self.collection.settings.answer_mode is AnswerMode.ALOUD
        limit = self.collection.time_limit(item.card) if aloud else None
        timed = seconds if aloud else None  # written: measured by how long it takes to say
        language = item.deck.language
        if follow_up is None:
            return analyse(item.card, text, timed, limit, language)
        # A follow-up has no talking points of its own; its don'ts are the card's.
        return analyse_parts(item.card, text, timed, limit, language, (), item.card.dont,
                             item.card.follow_ups[follow_up])
