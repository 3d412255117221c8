"""The drill state machine, driven with no UI at all, through the real store."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from interviewprep.core.card_queue import EmptyReason, Mode
from interviewprep.core.collection import Collection
from interviewprep.core.drill_state import Phase, PhaseError
from interviewprep.core.scheduling import Rating
from interviewprep.core.session import DrillSession
from interviewprep.core.settings import AnswerMode
from interviewprep.core.voice.recorder import AudioDevice, FakeDevice
from interviewprep.locations import Locations
from tests.conftest import SMALL_DECK, START, Clock, WriteDeck


def test_a_whole_drill_without_textual(collection: Collection, clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    session = DrillSession(collection, [deck])
    view = session.start()
    assert view.phase is Phase.ANSWERING and view.item is not None
    assert view.item.card.id == "pen"
    session.type("I ask what they write")
    clock.advance(seconds=30)
    view = session.submit()
    assert view.phase is Phase.REVEALED and view.answer == "I ask what they write"
    assert view.preview is not None and set(view.preview) == set(Rating)
    assert view.feedback is not None
    [saved] = collection.store.answers()
    assert (saved.text, saved.seconds, saved.rating) == ("I ask what they write", 30.0, None)
    view = session.rate(Rating.EASY)
    assert view.phase is Phase.RECALLING and view.item is not None
    assert view.item.card.id == "punctual"
    session.reveal()
    view = session.rate(Rating.EASY)
    assert view.phase is Phase.ANSWERING and view.item is not None
    view = session.submit("")
    view = session.rate(Rating.EASY)
    assert view.phase is Phase.DONE and view.item is None
    assert collection.store.answers()[0].rating == Rating.EASY
    assert len(collection.store.reviews()) == 3


def test_actions_out_of_phase_are_refused_and_change_nothing(collection: Collection) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    session.start()
    with pytest.raises(PhaseError):
        session.rate(Rating.GOOD)  # not revealed yet
    with pytest.raises(PhaseError):
        session.reveal()  # a question is submitted, not revealed
    with pytest.raises(PhaseError):
        session.undo()  # nothing rated yet
    assert collection.store.reviews() == [] and collection.store.answers() == []
    session.submit("answer")
    with pytest.raises(PhaseError):
        session.submit("again")
    with pytest.raises(PhaseError):
        session.type("more")
    assert [a.text for a in collection.store.answers()] == ["answer"]


def test_practice_changes_no_schedule(collection: Collection) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")], Mode.PRACTICE)
    view = session.start()
    shown = []
    while view.item is not None:
        shown.append(view.item.card.id)
        assert view.preview is None
        if view.phase is Phase.RECALLING:
            session.reveal()
        else:
            session.submit("practised")
        view = session.rate(Rating.AGAIN)
    assert shown == ["pen", "punctual", "budget"]
    assert collection.store.reviews() == [] and collection.store.all_states() == []
    assert [a.rating for a in collection.store.answers()] == [1, 1]
    assert all(a.practice for a in collection.store.answers())


def test_undo_brings_the_card_back_revealed_with_its_answer(collection: Collection) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    session.start()
    session.submit("first try")
    view = session.rate(Rating.GOOD)
    assert view.item is not None and view.item.card.id == "punctual"
    view = session.undo()
    assert view.phase is Phase.REVEALED and view.answer == "first try"
    assert view.item is not None and view.item.card.id == "pen" and view.item.state is None
    assert collection.store.reviews() == []
    [answer] = collection.store.answers()
    assert answer.text == "first try" and answer.rating is None
    session.rate(Rating.HARD)
    assert collection.store.answers()[0].rating == Rating.HARD


def test_summary_counts_ratings_and_time(collection: Collection, clock: Clock) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    view = session.start()
    for rating in (Rating.GOOD, Rating.EASY, Rating.AGAIN):
        clock.advance(seconds=10)
        if view.phase is Phase.RECALLING:
            session.reveal()
        else:
            session.submit("x")
        view = session.rate(rating)
    summary = session.summary()
    assert summary.cards_done == 3 and summary.seconds == 30.0
    assert summary.ratings == {Rating.AGAIN: 1, Rating.HARD: 0, Rating.GOOD: 1, Rating.EASY: 1}
    assert summary.answers_saved == 2
    assert summary.next_due is not None
    assert summary.next_due - (START + timedelta(seconds=30)) == timedelta(minutes=1)


def test_draft_is_restored_with_its_time(collection: Collection, clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    session = DrillSession(collection, [deck])
    session.start()
    session.type("half an answer")
    clock.advance(seconds=20)
    session.leave()
    again = DrillSession(collection, [deck])
    view = again.start()
    assert view.draft == "half an answer" and view.draft_restored
    clock.advance(seconds=5)
    assert again.view().elapsed == 25.0
    again.submit()
    assert collection.store.answers()[0].text == "half an answer"
    assert collection.store.draft(("mini", "en", "pen")) is None


@pytest.fixture
def blocker(data_dir: Path) -> Iterator[sqlite3.Connection]:
    """Another process's long write: a second connection holding the write lock."""
    other = sqlite3.connect(data_dir / "interviewprep.sqlite3", isolation_level=None)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_busy_database_keeps_answer_rating_and_draft_then_saves_them(
    collection: Collection, blocker: sqlite3.Connection,
) -> None:
    collection.interactive()  # as the app does: a write gives up quickly instead of freezing
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    session.start()
    blocker.execute("BEGIN IMMEDIATE")
    view = session.submit("typed while another import held the lock")
    assert view.phase is Phase.REVEALED and view.unsaved == "busy"
    view = session.rate(Rating.EASY)
    assert view.unsaved == "busy" and view.item is not None
    assert view.item.card.id == "punctual", "the unsaved card is not shown again"
    session.reveal()
    session.rate(Rating.EASY)
    session.type("a draft on the third card")
    assert not session.flush()
    assert collection.store.answers() == [] and collection.store.reviews() == []
    blocker.execute("ROLLBACK")
    assert session.flush()
    assert session.view().unsaved is None
    [answer] = collection.store.answers()
    assert answer.text == "typed while another import held the lock"
    assert answer.rating == Rating.EASY
    assert [r.card_id for r in collection.store.reviews()] == ["pen", "punctual"]
    assert collection.store.draft(("mini", "en", "budget")) is not None


def test_undo_of_a_rating_not_yet_saved_drops_it(
    collection: Collection, blocker: sqlite3.Connection,
) -> None:
    collection.interactive()
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    session.start()
    session.submit("kept")
    blocker.execute("BEGIN IMMEDIATE")
    session.rate(Rating.AGAIN)
    view = session.undo()
    assert view.phase is Phase.REVEALED and view.answer == "kept"
    blocker.execute("ROLLBACK")
    session.rate(Rating.GOOD)
    assert session.flush()
    [review] = collection.store.reviews()
    assert review.rating == Rating.GOOD


def test_full_disk_keeps_the_text_and_retries(collection: Collection) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")])
    session.start()
    (pages,) = collection.store.db.execute("PRAGMA page_count").fetchone()
    collection.store.db.execute(f"PRAGMA max_page_count = {pages}")
    session.type("x" * 200_000)  # needs pages the database may not grow to
    assert not session.flush()
    assert session.view().unsaved == "full"
    assert session.view().draft == "x" * 200_000
    collection.store.db.execute("PRAGMA max_page_count = 1073741823")
    assert session.flush()
    draft = collection.store.draft(("mini", "en", "pen"))
    assert draft is not None and len(draft.text) == 200_000


def test_new_cards_are_counted_per_deck_and_language(
    data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock,
) -> None:
    write_deck()
    write_deck(SMALL_DECK.replace("id: mini", "id: other"), name="other.yaml")
    write_deck(SMALL_DECK.replace("language: en", "language: es"), name="mini-es.yaml")
    with Collection.open(Locations(data_dir), [deck_dir], clock, include_bundled=False) as c:
        c.update_settings(new_per_day=1)
        mini, other, spanish = (c.resolve_deck(k) for k in ("mini", "other", "mini@es"))
        for deck in (mini, other, spanish):
            item = c.next_card([deck])
            assert item is not None and item.state is None
            c.rate(item, Rating.EASY)
        assert [c.new_left_today(d) for d in (mini, other, spanish)] == [0, 0, 0]
        assert c.next_card([mini]) is None
        assert c.empty_reason([mini]) is EmptyReason.NEW_LIMIT
        c.set_new_limit(other, 3)
        assert c.new_left_today(other) == 2 and c.new_left_today(mini) == 0
        assert c.raise_new_limit_today(mini, 10) == 10
        clock.advance(days=1)
        assert c.new_left_today(mini) == 1, "raising the limit was for that day only"


def test_imported_reviews_do_not_use_up_today(
    data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock, tmp_path: Path,
) -> None:
    from interviewprep.core import exchange

    write_deck()
    with Collection.open(Locations(data_dir), [deck_dir], clock, include_bundled=False) as c:
        deck = c.resolve_deck("mini")
        for _ in range(3):
            item = c.next_card([deck])
            assert item is not None
            c.rate(item, Rating.EASY)
        exported = exchange.export_json(c)
    with Collection.open(Locations(tmp_path / "fresh"), [deck_dir], clock,
                         include_bundled=False) as fresh:
        exchange.import_json(fresh, exported)
        assert len(fresh.store.reviews()) == 3
        assert fresh.new_left_today(fresh.resolve_deck("mini")) == 20


def test_nothing_due_offers_studying_ahead(collection: Collection, clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    for _ in range(3):
        item = collection.next_card([deck])
        assert item is not None
        collection.rate(item, Rating.EASY)
    review = DrillSession(collection, [deck])
    assert review.start().phase is Phase.DONE
    assert review.view().empty_reason is EmptyReason.NOTHING_DUE
    ahead = DrillSession(collection, [deck], Mode.AHEAD)
    seen = []
    view = ahead.start()
    while view.item is not None:
        seen.append(view.item.card.id)
        if view.phase is Phase.RECALLING:
            ahead.reveal()
        else:
            ahead.submit("early")
        view = ahead.rate(Rating.GOOD)
    assert sorted(seen) == ["budget", "pen", "punctual"]
    assert len(collection.store.reviews()) == 6


def test_written_answers_are_not_judged_against_speaking_limits(
    collection: Collection, clock: Clock,
) -> None:
    words = " ".join(["word"] * 70)  # said aloud: 30 s at 140 words a minute
    written = DrillSession(collection, [collection.resolve_deck("mini")],
                           answer_mode=AnswerMode.WRITTEN)
    written.start()
    clock.advance(seconds=120)  # typing it took longer than the 90 s limit
    view = written.submit(words)
    assert not view.over_time
    assert view.feedback is not None and view.feedback.seconds == 30.0
    assert view.feedback.over_time_by == 0
    written.set_answer_mode(AnswerMode.ALOUD)
    feedback = written.view().feedback
    assert feedback is not None and feedback.over_time_by == 30.0


def test_answering_aloud_is_timed_against_the_limit(collection: Collection,
                                                    clock: Clock) -> None:
    session = DrillSession(collection, [collection.resolve_deck("mini")],
                           answer_mode=AnswerMode.ALOUD)
    session.start()
    clock.advance(seconds=91)
    assert session.view().over_time
    collection.update_settings(answer_mode="aloud")
    assert DrillSession(collection, []).answer_mode is AnswerMode.ALOUD


def _wait_for(condition: Callable[[], bool]) -> None:
    """The recorder writes from its own thread; wait (bounded) for what it has to do."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the recorder never got there"
        time.sleep(0.01)


def test_a_spoken_answer_is_recorded_attached_and_measured_from_its_transcript(
    collection: Collection,
) -> None:
    from tests.voice_helpers import pcm, voiced

    audio = pcm(voiced(1.0))
    frames = [audio[i:i + 3200] for i in range(0, len(audio), 3200)]
    session = DrillSession(collection, [collection.resolve_deck("mini")],
                           device_factory=lambda: FakeDevice(frames))
    session.start()
    view = session.start_recording()
    assert view.recording and len(view.recordings) == 1
    _wait_for(lambda: session.voice.seconds >= 1.0)
    view = session.submit("")  # said aloud, nothing typed
    assert not view.recording and view.transcript is None, "transcription is still to come"
    [answer] = collection.store.answers()
    [recording] = collection.store.recordings(answer_id=answer.id)
    assert recording.seconds == pytest.approx(1.0)
    assert (collection.locations.data_dir / recording.path).stat().st_size > 32_000
    collection.store.save_transcript(recording.id, "I ask what the buyer writes every day",
                                     "test")
    view = session.transcribed(recording.id)
    assert view.transcript == "I ask what the buyer writes every day"
    assert view.feedback is not None and view.feedback.words == 8
    view = session.correct_transcript("I ask when budgets are set and share a number: 40%")
    assert view.feedback is not None and view.feedback.uses_numbers
    corrected = collection.store.recording(recording.id)
    assert corrected is not None and corrected.transcript_corrected
    session.rate(Rating.GOOD)
    assert collection.store.answers()[0].rating == Rating.GOOD


def test_no_microphone_says_why_once_and_typing_goes_on(collection: Collection) -> None:
    from interviewprep.core.voice import VoiceUnavailable

    def no_device() -> AudioDevice:
        raise VoiceUnavailable("voice features need the 'sounddevice' package: pip install x")

    session = DrillSession(collection, [collection.resolve_deck("mini")],
                           device_factory=no_device)
    session.start()
    with pytest.raises(VoiceUnavailable):
        session.start_recording()
    view = session.view()
    assert view.voice_unavailable is not None and "pip install" in view.voice_unavailable
    session.submit("typed instead")
    assert [a.text for a in collection.store.answers()] == ["typed instead"]
