"""The drill as a state machine: which card is up, its phase, the draft, the clock, the
feedback, the rating preview, undo and the summary.

A front end (the TUI, a browser, a script) shows `DrillSession.view()` and sends the person's
actions; it decides nothing itself. Phases: a rehearsed card is ANSWERING until the answer is
submitted, a tip card RECALLING until it is revealed; then REVEALED until it is rated, which
moves to the next card or to DONE. An action that does not fit the phase raises
`PhaseError` and changes nothing.

Nothing typed is lost: every write to the store (the answer, the rating, the draft) that
fails because the database is busy or the disk is full stays queued in memory (a
`WriteQueue`), the view says so, and `flush()` (called by the front end every few seconds)
retries it in order. The phase, attempts, view and summary are data in `core.drill_state`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewprep.core.answer_clock import AnswerClock
from interviewprep.core.card_queue import Mode, QueueItem
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import CardKind, DeckInfo
from interviewprep.core.drill_state import (
    Attempt,
    DrillView,
    Phase,
    PhaseError,
    SessionSummary,
)
from interviewprep.core.scheduling import Rating
from interviewprep.core.settings import AnswerMode
from interviewprep.core.store import CardRef
from interviewprep.core.voice.drill import DeviceFactory, SpokenAnswers
from interviewprep.core.writes import WriteQueue
from interviewprep.lazy import lazy_module

if TYPE_CHECKING:
    from interviewprep.core import analysis, story_bank
    from interviewprep.core.analysis import Feedback
    from interviewprep.core.story_bank import Story
    from interviewprep.core.voice.speech import PromptReader
else:  # needed at the first reveal, not to show the first card
    analysis = lazy_module("interviewprep.core.analysis")
    story_bank = lazy_module("interviewprep.core.story_bank")


@dataclass
class DrillSession:
    collection: Collection
    decks: Sequence[DeckInfo]
    mode: Mode = Mode.REVIEW
    answer_mode: AnswerMode | None = None  # None: the person's setting
    attempts: list[Attempt] = field(default_factory=list)
    device_factory: DeviceFactory | None = None  # the microphone; tests pass a fake one
    queue: Sequence[CardRef] = ()  # Mode.LIST: the cards to go through, in order
    reader: PromptReader | None = None  # reads each prompt aloud before its timer starts

    def __post_init__(self) -> None:
        self.voice = SpokenAnswers(self.collection, self.device_factory)
        if self.answer_mode is None:
            self.answer_mode = self.collection.settings.answer_mode
        self.phase = Phase.DONE
        self.current: QueueItem | None = None
        self.draft = ""
        self.draft_restored = False
        self._draft_dirty = False
        self._clock = AnswerClock(self.collection.clock, self.reader)
        self._already = 0.0  # seconds spent on this card before (a restored draft)
        self._stopped_at: float | None = None
        self._attempt: Attempt | None = None
        self.feedback: Feedback | None = None
        # Writes not yet in the store; a rating's write is owned by its attempt, so undo
        # can drop it.
        self._writes = WriteQueue()
        self._started_once = False
        self._stories: tuple[Story, ...] = ()

    # -- reading ---------------------------------------------------------------------------

    def start(self) -> DrillView:
        """Show the first card (once); later calls just return the view."""
        if not self._started_once:
            self._started_once = True
            self._advance()
        return self.view()

    @property
    def unsaved(self) -> str | None:
        """Why something is not saved yet (it is kept and retried), or None."""
        return self._writes.unsaved

    @property
    def elapsed(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        return self._already + self._clock.elapsed

    @property
    def recordings(self) -> tuple[int, ...]:
        """The current card's recordings: those being made, then its answer's."""
        if self._attempt is not None:
            return self._attempt.recordings
        return tuple(self.voice.card_recordings)

    def time_limit(self) -> int | None:
        return None if self.current is None else self.collection.time_limit(self.current.card)

    def view(self) -> DrillView:
        item = self.current
        limit = self.time_limit()
        elapsed = self.elapsed
        aloud = self.answer_mode is AnswerMode.ALOUD
        preview = None
        if item is not None and self.phase is Phase.REVEALED and self.mode is not Mode.PRACTICE:
            preview = self.collection.preview(item)
        return DrillView(
            phase=self.phase,
            item=item,
            mode=self.mode,
            answer_mode=self.answer_mode or AnswerMode.WRITTEN,
            done=len(self.attempts),
            draft=self.draft,
            draft_restored=self.draft_restored,
            elapsed=elapsed,
            time_limit=limit,
            over_time=aloud and limit is not None and elapsed > limit,
            answer=self._attempt.text if self._attempt else None,
            feedback=self.feedback,
            preview=preview,
            can_undo=bool(self.attempts),
            unsaved=self.unsaved,
            empty_reason=(self.collection.empty_reason(self.decks)
                          if item is None and self.mode is Mode.REVIEW else None),
            recording=self.voice.recording,
            recording_level=self.voice.level,
            recordings=self.recordings,
            transcript=self._attempt.transcript if self._attempt is not None else None,
            voice_unavailable=self.voice.unavailable,
            reading=self._clock.reading,
            reading_failure=self._clock.failure,
            stories=self._stories if self.phase is Phase.REVEALED else (),
        )

    # -- actions ---------------------------------------------------------------------------

    def type(self, text: str) -> None:
        """The answer box now holds `text` (kept in memory at once, saved by `flush`)."""
        if self.phase not in (Phase.ANSWERING, Phase.RECALLING):
            raise PhaseError("the answer can only change while answering")
        if text != self.draft:
            self.draft = text
            self._draft_dirty = True

    def set_answer_mode(self, mode: AnswerMode) -> None:
        """Answering aloud or in writing, for this drill; the feedback follows it."""
        self.answer_mode = mode
        if self._attempt is not None and self._attempt.text is not None:
            self.feedback = self._analyse(self._attempt.text, self._attempt.seconds)

    def start_recording(self) -> DrillView:
        """Record the spoken answer to the current card (raises `VoiceUnavailable`, whose
        message says what to install, when there is no way to record here)."""
        if self.phase is not Phase.ANSWERING or self.current is None:
            raise PhaseError("record while answering a card")
        if not self.voice.recording:
            self.voice.start(self.current.ref)
        return self.view()

    def stop_recording(self) -> DrillView:
        self.voice.stop()
        return self.view()

    def transcribed(self, recording_id: int) -> DrillView:
        """A worker saved a transcript: the feedback now measures what was said."""
        recording = self.voice.recording_of(recording_id)
        attempt = self._attempt
        if recording is None or attempt is None or recording_id not in attempt.recordings:
            return self.view()
        recordings = [r for rid in attempt.recordings
                      if (r := self.voice.recording_of(rid)) is not None]
        if any(r.transcript is None for r in recordings):
            return self.view()  # the others are still being transcribed
        # "" when nothing was recognised: transcribed, but there are no words to measure.
        attempt.transcript = " ".join(r.transcript or "" for r in recordings).strip()
        self.feedback = self._analyse(attempt.text or "", attempt.seconds)
        return self.view()

    def correct_transcript(self, text: str) -> DrillView:
        """The person fixes what the recogniser heard; the feedback follows the correction."""
        attempt = self._attempt
        if attempt is None or not attempt.recordings:
            raise PhaseError("there is no spoken answer to correct")
        first, *rest = attempt.recordings
        self.voice.correct(first, text)
        for recording_id in rest:
            self.voice.correct(recording_id, "")
        return self.transcribed(first)

    def submit(self, text: str | None = None) -> DrillView:
        """Submit the answer: it is saved before anything else, then the guidance shows."""
        if self.phase is not Phase.ANSWERING or self.current is None:
            raise PhaseError("there is no answer to submit now")
        if text is not None:
            self.draft = text
        seconds = self._stop_clock()
        attempt = Attempt(self.current, self.draft, seconds,
                          recordings=tuple(self.voice.take_for_answer()))
        self._attempt = attempt
        self.phase = Phase.REVEALED
        self._stories = self._linked_stories()
        self._draft_dirty = False
        self.feedback = self._analyse(self.draft, seconds)
        self._write_answer(attempt)
        return self.view()

    def reveal(self, text: str | None = None) -> DrillView:
        """Reveal a tip card's answer. What the person typed while recalling (`text`, or the
        draft) is kept as their answer; with nothing typed the card was recalled silently."""
        if self.phase is not Phase.RECALLING or self.current is None:
            raise PhaseError("there is nothing to reveal now")
        if text is not None:
            self.draft = text
        recalled = self.draft if self.draft.strip() else None
        attempt = Attempt(self.current, recalled, self._stop_clock())
        self._attempt = attempt
        self.phase = Phase.REVEALED
        self._stories = self._linked_stories()
        self._draft_dirty = False
        if recalled is not None:
            self._write_answer(attempt)
        else:  # a saved draft of only blanks is not kept
            item = self.current
            self._write(None, lambda: self.collection.discard_draft(item))
        return self.view()

    def rate(self, rating: Rating) -> DrillView:
        """Rate the revealed card, commit it, and move to the next card."""
        if self.phase is not Phase.REVEALED or self._attempt is None:
            raise PhaseError("rate a card after its answer is revealed")
        attempt = self._attempt
        attempt.rating = rating
        self.attempts.append(attempt)
        self._write(attempt, lambda: self._save_rating(attempt))
        self._advance()
        return self.view()

    def undo(self) -> DrillView:
        """Take back the last rating: that card comes back revealed, its answer kept."""
        if not self.attempts:
            raise PhaseError("there is no rating to undo")
        attempt = self.attempts[-1]

        def take_back() -> None:
            if attempt.saved and attempt.review_uid is not None:
                self.collection.undo_review(attempt.review_uid)
            elif attempt.saved and attempt.answer_id is not None:
                self.collection.set_answer_rating(attempt.answer_id, None)

        if not self._writes.try_now(take_back):
            return self.view()  # nothing changed; the person can try again
        # A rating that never reached the store: drop its queued write instead.
        self._writes.drop(attempt)
        self.attempts.pop()
        self._save_draft_now()  # the card being left keeps its draft
        attempt.rating, attempt.review_uid, attempt.saved = None, None, False
        self.current = self.collection.item(attempt.item.deck, attempt.item.card.id)
        self._attempt = attempt
        self.phase = Phase.REVEALED
        self._stopped_at = attempt.seconds
        self.draft = attempt.text or ""
        self.draft_restored = False
        self.feedback = (self._analyse(attempt.text, attempt.seconds)
                         if attempt.text is not None else None)
        return self.view()

    def played(self, seconds: float, rating: Rating, review_uid: str | None) -> DrillView:
        """The current card was rehearsed and rated on a screen of its own (a role-played
        call, see core/call.py), which saved it; the drill counts it and moves on."""
        if self.phase is not Phase.ANSWERING or self.current is None:
            raise PhaseError("there is no card being answered")
        self.attempts.append(Attempt(self.current, "", seconds, rating=rating,
                                     review_uid=review_uid, saved=True))
        self._advance()
        return self.view()

    def leave(self) -> None:
        """The person leaves the drill: keep the draft, recordings and everything queued."""
        self._clock.stop()
        self.voice.stop()
        self.flush()

    def flush(self) -> bool:
        """Retry every queued write in order, then save the draft if it changed. Returns
        True when everything is saved; never raises for a busy or full database."""
        return self._writes.flush() and self._save_draft_now()

    def summary(self) -> SessionSummary:
        return SessionSummary.of(self.attempts, self.collection.next_due(self.decks))

    # -- inside ----------------------------------------------------------------------------

    def _analyse(self, text: str, seconds: float) -> Feedback:
        assert self.current is not None
        spoken = self._attempt.transcript if self._attempt is not None else None
        if spoken and not text.strip():
            # Nothing typed: what was said is the answer.
            return analysis.analyse(self.current.card, spoken, seconds, self.time_limit(),
                           self.current.deck.language)
        aloud = self.answer_mode is AnswerMode.ALOUD
        limit = self.time_limit() if aloud else None
        # A written answer is measured by how long it takes to say, not how long typing took.
        return analysis.analyse(self.current.card, text, seconds if aloud else None, limit,
                       self.current.deck.language)

    def _linked_stories(self) -> tuple[Story, ...]:
        if self.current is None:
            return ()
        return tuple(story_bank.stories_for(self.collection, self.current.ref))

    def _stop_clock(self) -> float:
        seconds = self.elapsed
        self._stopped_at = seconds
        self._clock.stop()  # an answer given while the question was still being read
        return seconds

    def _write(self, rating_of: Attempt | None, write: Callable[[], None]) -> None:
        if self._writes.write(write, owner=rating_of):
            self._save_draft_now()

    def _write_answer(self, attempt: Attempt) -> None:
        """Save `attempt`'s answer (once, however often the write is retried) and attach
        the recordings made for it."""
        def save() -> None:
            if attempt.answer_id is None:
                attempt.answer_id = self.collection.record_answer(
                    attempt.item, attempt.text or "", attempt.seconds,
                    practice=self.mode is Mode.PRACTICE)
            self.voice.attach(list(attempt.recordings), attempt.answer_id)

        self._write(None, save)

    def _save_rating(self, attempt: Attempt) -> None:
        assert attempt.rating is not None
        if self.mode is Mode.PRACTICE:
            if attempt.answer_id is not None:
                self.collection.set_answer_rating(attempt.answer_id, attempt.rating)
        else:
            attempt.review_uid = self.collection.rate(
                attempt.item, attempt.rating, int(attempt.seconds * 1000), attempt.answer_id)
        attempt.saved = True

    def _save_draft_now(self) -> bool:
        item = self.current
        if not self._draft_dirty or item is None or self.phase not in (Phase.ANSWERING,
                                                                         Phase.RECALLING):
            return True
        if not self._writes.try_now(
                lambda: self.collection.save_draft(item, self.draft, self.elapsed)):
            return False
        self._draft_dirty = False
        return True

    def _unsaved_refs(self) -> list[CardRef]:
        return [a.item.ref for a in self.attempts if not a.saved]

    def _advance(self) -> None:
        self._save_draft_now()
        done = [a.item.ref for a in self.attempts]
        self.current = self.collection.next_card(self.decks, self.mode, done,
                                                 skip=self._unsaved_refs(), queue=self.queue)
        self._attempt = None
        self.feedback = None
        self._stories = ()
        self._stopped_at = None
        self._draft_dirty = False
        self.draft_restored = False
        self.draft, self._already = "", 0.0
        if self.current is None:
            self.phase = Phase.DONE
            self._clock.stop()
            return
        # A role-played call reads its own lines, on its own screen.
        spoken = self.current.card.kind is not CardKind.ROLEPLAY
        self._clock.restart(self.current.card.prompt if spoken else None,
                            self.current.deck.language)
        # A tip is recalled, a question answered; either may be typed, and has a draft.
        self.phase = (Phase.ANSWERING if self.current.card.kind.is_rehearsed
                      else Phase.RECALLING)
        try:
            draft = self.collection.draft(self.current)
        except sqlite3.OperationalError:
            draft = None
        if draft is not None:
            self.draft, self._already = draft.text, draft.seconds
            self.draft_restored = True

