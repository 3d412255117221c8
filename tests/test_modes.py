"""The rehearsal modes through the real store: a mock interview with follow-ups, reviewed and
rated; objection quick-fire on the injectable clock; weak spots on seeded histories; a
role-played call driven to two different endings; the Rehearse dialog and `drill --mode`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import ContentSwitcher, OptionList, TextArea

from interviewprep.core.call import CallPhase, CallSession
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.mock import MockInterview, MockPhase, Role, decks_for_role
from interviewprep.core.quickfire import QuickFire, QuickFirePhase
from interviewprep.core.scheduling import Rating
from interviewprep.core.session import DrillSession
from interviewprep.locations import Locations
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.mock import MockScreen
from interviewprep.tui.screens.quickfire import QuickFireScreen
from interviewprep.tui.screens.rehearse import RehearseScreen
from interviewprep.tui.screens.roleplay import RolePlayScreen
from interviewprep.tui.screens.summary import SummaryScreen
from tests.conftest import Clock, RunCli, WriteDeck
from tests.test_roleplay import _doc_example
from tests.test_tui import text_of

SIZE = (100, 30)
MODES_DECK = """\
id: modes
title: Modes deck
language: en
roles: [ae]
cards:
  - id: why-sales
    kind: question
    prompt: Why do you want to work in sales?
    talking_points:
      - A moment you chose sales
      - What you enjoy about winning customers
      - A result with a number
    dont:
      - Say it is only about the money
    follow_ups:
      - What would your last manager say about you?
    time_limit: 60
  - id: pen
    kind: question
    prompt: Sell me this pen.
    talking_points:
      - Ask what the buyer writes and how often
      - Tie the pen to a problem the buyer named
      - Close by asking for the sale
  - id: punctual
    kind: tip
    prompt: How early do you join a video interview?
    answer: Five minutes early.
  - id: budget
    kind: objection
    prompt: We have no budget.
    talking_points:
      - Acknowledge it
      - Ask when budgets are set
      - Share a customer result with numbers
  - id: timing
    kind: objection
    prompt: Call me next quarter.
    talking_points:
      - Agree to the timing
      - Ask what changes next quarter
      - Book a specific date
"""


@pytest.fixture
def modes(data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock) -> Any:
    write_deck(MODES_DECK, name="modes.yaml")
    write_deck(_doc_example(), name="calls.yaml", dedent=False)
    opened = Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                             include_bundled=False)
    yield opened
    opened.close()


def type_into(app: Any, text: str) -> None:
    app.screen.query_one(TextArea).text = text


async def test_mock_with_a_follow_up_then_review_rates_every_answer(
        modes: Collection, clock: Clock, cli: RunCli) -> None:
    deck = modes.resolve_deck("modes")
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        mock = MockInterview(modes, [deck], questions=2)
        await app.push_screen(MockScreen(mock))
        screen = app.screen
        assert isinstance(screen, MockScreen)
        assert text_of(screen.query_one("#prompt")).strip() == "Why do you want to work in sales?"
        assert screen.query_one("#card-area", ContentSwitcher).current == "answer", \
            "no guidance while answering"
        type_into(app, "I chose sales when I closed my first deal; I enjoy winning "
                       "customers and hit 120% of quota.")
        clock.advance(seconds=40)
        await pilot.press("ctrl+s")
        assert "follow-up" in text_of(screen.query_one("#drill-meta"))
        assert "last manager" in text_of(screen.query_one("#prompt"))
        [first] = modes.store.answers()
        assert first.text.startswith("I chose sales"), "saved as soon as it is given"
        type_into(app, "She would say I am coachable and persistent.")
        await pilot.press("ctrl+s")
        type_into(app, "This pen writes.")
        await pilot.press("ctrl+s")
        assert mock.phase is MockPhase.REVIEWING
        meta = text_of(screen.query_one("#drill-meta"))
        assert "answer 1 of 3" in meta
        assert "Touched" in text_of(screen.query_one("#feedback"))
        suggested = mock.answers[0].suggested
        assert f"Suggested: {suggested.label}" in text_of(screen.query_one("#rating-line"))
        await pilot.press("enter")  # accept the suggestion
        await pilot.press("4")  # the follow-up: Easy
        await pilot.press("1")  # the pen: Again
        assert mock.view().phase is MockPhase.DONE
        assert "Mock finished" in text_of(screen.query_one("#prompt"))
    answers = list(reversed(modes.store.answers()))
    assert [(a.card_id, a.follow_up, a.rating) for a in answers] == [
        ("why-sales", None, int(suggested)), ("why-sales", 0, 4), ("pen", None, 1)]
    assert {a.mock_id for a in answers} == {mock.mock_id} and mock.mock_id
    assert answers[0].seconds == 40
    ratings = {r.card_id: r.rating for r in modes.store.reviews()}
    assert ratings == {"why-sales": int(suggested), "pen": 1}, "one review per card"
    stored = modes.store.mock(mock.mock_id)
    assert stored is not None and stored.finished_at is not None and stored.planned == 2
    history = cli("history", "--json").json()
    assert isinstance(history, list)
    assert {entry["mock_id"] for entry in history} == {mock.mock_id}
    assert sorted(str(entry["follow_up"]) for entry in history) == ["0", "None", "None"]
    listed = cli("history").out
    assert listed.count(f"· mock {mock.mock_id}") == 3 and "· follow-up 1" in listed


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_bundled_call_can_be_played_to_an_ending(data_dir: Path, clock: Clock,
                                                       language: str) -> None:
    with Collection.open(Locations(data_dir), clock=clock) as bundled:
        [deck] = [d for d in bundled.decks(language) if d.id == "roleplay-calls"]
        calls = [c for c in bundled.cards(deck) if c.kind.value == "roleplay"]
        assert len(calls) >= 5
        for card in calls:
            call = CallSession(bundled, bundled.item(deck, card.id))
            for reply in range(len(card.turns)):
                if call.phase is not CallPhase.ANSWERING:
                    break
                call.submit(f"Reply {reply}: could you tell me more about that?")
            assert call.phase is CallPhase.ENDED, card.id
            assert call.rate(None).rating is not None


def test_mock_by_role_takes_the_decks_that_list_it(modes: Collection) -> None:
    decks = modes.decks()
    assert [d.id for d in decks_for_role(decks, Role.AE)] == ["modes"]
    assert decks_for_role(decks, Role.PROMOTION) == []
    mock = MockInterview(modes, decks_for_role(decks, Role.AE), questions=9)
    assert [i.card.id for i in mock.items] == ["why-sales", "pen", "budget", "timing"], \
        "questions and objections only: no tips, no role-played calls"


async def test_quickfire_counts_down_and_applies_or_overrides_the_suggestion(
        modes: Collection, clock: Clock) -> None:
    deck = modes.resolve_deck("modes")
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        fire = QuickFire(modes, [deck], seconds=20, review_seconds=5)
        assert [i.card.id for i in fire.items] == ["budget", "timing"]
        await app.push_screen(QuickFireScreen(fire))
        screen = app.screen
        assert isinstance(screen, QuickFireScreen)
        assert "20 s left" in text_of(screen.query_one("#countdown"))
        type_into(app, "Fair enough.")
        clock.advance(seconds=12)
        screen.tick()
        assert "8 s left" in text_of(screen.query_one("#countdown"))
        type_into(app, "Fair enough. When are budgets set? One customer saved 30%.")
        clock.advance(seconds=9)
        screen.tick()  # time is up: what was typed goes in
        await pilot.pause()
        assert fire.phase is QuickFirePhase.REVIEWING
        [saved] = modes.store.answers()
        assert saved.text == "Fair enough. When are budgets set? One customer saved 30%."
        assert "Next in 5 s" in text_of(screen.query_one("#countdown"))
        clock.advance(seconds=2)
        await pilot.press("2")  # overridden within the review moment
        assert fire.view().phase is QuickFirePhase.ANSWERING
        assert screen.query_one(TextArea).text == "", "a fresh box for the next objection"
        clock.advance(seconds=21)
        screen.tick()  # nothing typed: an empty answer, suggested Again
        clock.advance(seconds=5)
        screen.tick()  # the review moment passed: the suggestion is applied
        assert fire.view().phase is QuickFirePhase.DONE
        assert "Round finished" in text_of(screen.query_one("#prompt"))
    reviews = {r.card_id: r.rating for r in modes.store.reviews()}
    assert reviews == {"budget": 2, "timing": 1}
    assert [a.rating for a in modes.store.answers()] == [1, 2]


def test_weak_spots_lowest_recall_first_then_most_again(modes: Collection,
                                                        clock: Clock) -> None:
    deck = modes.resolve_deck("modes")
    for card_id, rating in (("pen", Rating.AGAIN), ("budget", Rating.HARD),
                            ("timing", Rating.EASY), ("why-sales", Rating.AGAIN)):
        modes.rate(modes.item(deck, card_id), rating)
    clock.advance(days=2)
    modes.rate(modes.item(deck, "why-sales"), Rating.EASY)  # well known now, once Again
    weak = [item.card.id for item in modes.weak_spots([deck])]
    # pen: recall about 0.70; budget about 0.87; why-sales about 1.0 but rated Again once;
    # timing (about 0.97, never Again) is not a weak spot; punctual was never seen.
    assert weak == ["pen", "budget", "why-sales"]
    session = DrillSession(modes, [deck], Mode.WEAK)
    session.start()
    seen = []
    while session.current is not None:
        seen.append(session.current.card.id)
        session.submit("an answer")
        session.rate(Rating.GOOD)
    assert seen == weak, "the drill goes through the weak spots once each"


async def test_a_role_played_call_reaches_two_different_endings(
        modes: Collection, clock: Clock) -> None:
    app = make_app(modes, cursor_blink=False)
    endings = []
    replies = {
        "booked": ["Hi Dana, it's Sam from Rampwise, I'm calling because you're hiring ten "
                   "reps. How long does a new rep take to ramp today?",
                   "Six months at a full salary is about 8,000 dollars per rep each month. "
                   "Could we meet for 20 minutes on Thursday at ten?"],
        "pitched": ["Our platform has great product features: AI dashboards, fifty "
                    "integrations and reports."],
    }
    async with app.run_test(size=SIZE) as pilot:
        for said in replies.values():
            await pilot.press("r")
            assert isinstance(app.screen, RehearseScreen)
            options = app.screen.query_one(OptionList)
            ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
            assert ids[0] == "practice" and "weak" in ids
            assert "mock" not in ids, "no questions in this deck to mock"
            options.highlighted = ids.index("call:cold-call-vp-sales")
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, RolePlayScreen)
            assert "Dana speaking" in text_of(screen.query_one("#prompt"))
            for reply in said:
                type_into(app, reply)
                clock.advance(seconds=15)
                await pilot.press("ctrl+s")
            results = text_of(screen.query_one("#results"))
            assert "Scoring guide" in results and "The call ends:" in results
            endings.append(screen.session.play.current.id if screen.session.play.current
                           else None)
            await pilot.press("enter")
            assert "Rated" in text_of(screen.query_one("#rating-line"))
            await pilot.press("escape")
    assert endings == ["meeting-booked", "not-interested"]
    answers = list(reversed(modes.store.answers()))
    assert [a.turn_id for a in answers] == ["opener", "pain", "opener"]
    assert answers[0].text == replies["booked"][0], "each reply saved verbatim"
    assert len(modes.store.reviews()) == 2


async def test_drill_mode_starts_from_make_app_and_the_home_keys(modes: Collection) -> None:
    deck = modes.resolve_deck("modes")
    app = make_app(modes, start_deck=deck, cursor_blink=False, rehearsal="quickfire",
                   questions=1)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, QuickFireScreen)
        assert len(app.screen.session.items) == 1
    app = make_app(modes, start_deck=deck, cursor_blink=False, rehearsal="mock")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, MockScreen)
    app = make_app(modes, start_deck=deck, cursor_blink=False, mode=Mode.WEAK)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "No weak spots" in text_of(app.screen.query_one("#summary-title"))
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        from interviewprep.tui.commands import binding_commands

        names = {c.title for c in binding_commands(app.screen)}
        assert {"Rehearse", "Mock interview", "Objection quick-fire", "Weak spots"} <= names
        await pilot.press("m")  # the first deck is the role-play: no questions to mock
        assert not isinstance(app.screen, MockScreen)
        await pilot.press("down", "m")
        assert isinstance(app.screen, MockScreen)


def test_cli_drill_mode_reaches_the_app(modes: Collection, monkeypatch: pytest.MonkeyPatch,
                                        data_dir: Path, deck_dir: Path) -> None:
    from interviewprep import cli as cli_package
    from interviewprep.tui import app as app_module

    started: list[dict[str, Any]] = []

    class Recorded:
        _exception = None
        return_code = 0

        def run(self) -> None:
            pass

    def fake_make_app(collection: Collection, **kwargs: Any) -> Recorded:
        started.append({**kwargs, "deck": kwargs["start_deck"].id})
        return Recorded()

    monkeypatch.setattr(app_module, "make_app", fake_make_app)
    monkeypatch.setattr(cli_package.drill, "require_terminal", lambda: None)
    deck_file = deck_dir / "modes.yaml"
    common = ["--data-dir", str(data_dir)]
    assert cli_package.main(["drill", str(deck_file), "--mode", "mock", "--questions", "3",
                             *common]) == 0
    assert cli_package.main(["drill", str(deck_file), "--mode", "weak", *common]) == 0
    assert cli_package.main(["drill", str(deck_file), "--practice", *common]) == 0
    assert [(s["rehearsal"], s["questions"], s["mode"]) for s in started] == [
        ("mock", 3, Mode.REVIEW), (None, None, Mode.WEAK), (None, None, Mode.PRACTICE)]


def test_cli_drill_mode_mistakes_are_one_line(cli: RunCli, write_deck: WriteDeck) -> None:
    deck = write_deck(MODES_DECK, name="modes.yaml")
    result = cli("drill", deck, "--mode", "quickfire", "--questions", "0")
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "interviewprep: error: --questions takes a number from 1 and goes with --mode mock "
        "or --mode quickfire"]
    result = cli("drill", deck, "--practice", "--mode", "mock")
    assert result.code == 1 and "do not go together" in result.err
    result = cli("drill", deck, "--mode", "cram")
    assert result.code == 1 and "invalid choice" in result.err
    assert "quickfire" in cli("drill", "--help").out


def test_mock_keeps_answers_when_the_database_is_busy(modes: Collection,
                                                      data_dir: Path) -> None:
    deck = modes.resolve_deck("modes")
    mock = MockInterview(modes, [deck], questions=1, follow_ups=False)
    other = Collection.open(Locations(data_dir), include_bundled=False)
    modes.interactive()
    try:
        other.store.db.execute("BEGIN IMMEDIATE")
        mock.submit("typed while another process writes")
        assert mock.view().unsaved == "busy"
        other.store.db.execute("COMMIT")
        assert mock.flush()
    finally:
        other.close()
    mock.rate(Rating.GOOD)
    [answer] = modes.store.answers()
    assert (answer.text, answer.rating, answer.mock_id) == (
        "typed while another process writes", 3, mock.mock_id)


async def call_screen_opened(app: Any, pilot: Any) -> None:
    """The drill opens a call's screen once it has drawn itself; on a loaded machine that
    can take more than one pause."""
    for _attempt in range(200):
        if isinstance(app.screen, RolePlayScreen):
            await pilot.pause()  # and let it finish mounting: its box takes the focus
            return
        await pilot.pause(0.01)
    raise AssertionError(f"the call's screen never opened: {app.screen!r}")


@pytest.mark.parametrize("mode", [Mode.REVIEW, Mode.PRACTICE])
async def test_a_call_met_in_the_drill_is_played_on_its_own_screen(
        modes: Collection, mode: Mode) -> None:
    deck = next(d for d in modes.decks() if d.id != "modes")
    app = make_app(modes, start_deck=deck, mode=mode, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await call_screen_opened(app, pilot)
        type_into(app, "Our platform has great product features: AI dashboards.")
        await pilot.press("ctrl+s", "4", "escape")  # Easy: not due again this session
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), "the drill counted the call, moved on"
        assert app.screen.summary.cards_done == 1
    [answer] = modes.store.answers()
    assert (answer.turn_id, answer.rating) == ("opener", 4)
    assert len(modes.store.reviews()) == (0 if mode is Mode.PRACTICE else 1)


async def test_leaving_a_call_met_in_the_drill_leaves_the_drill(modes: Collection) -> None:
    deck = next(d for d in modes.decks() if d.id != "modes")
    app = make_app(modes, start_deck=deck, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await call_screen_opened(app, pilot)
        type_into(app, "Hello, half a reply")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RolePlayScreen | DrillScreen)
    assert modes.store.answers() == []
    assert modes.store.reviews() == []


def test_a_reply_being_typed_survives_leaving_the_call(modes: Collection, data_dir: Path,
                                                       clock: Clock) -> None:
    deck = next(d for d in modes.decks() if d.id != "modes")
    item = modes.item(deck, modes.cards(deck)[0].id)
    call = CallSession(modes, item)
    call.type("Hi Dana, it's Sam from")
    assert call.flush()
    with Collection.open(Locations(data_dir), [data_dir.parent / "decks"], clock=clock,
                         include_bundled=False) as reopened:
        again = CallSession(reopened, reopened.item(deck, item.card.id))
        assert again.view().draft == "Hi Dana, it's Sam from"
        again.submit()
        assert reopened.draft(again.item) is None, "the reply is an answer now, not a draft"
        [answer] = reopened.store.answers()
        assert (answer.text, answer.turn_id) == ("Hi Dana, it's Sam from", "opener")


async def test_keys_typed_fast_keep_their_order_around_ctrl_s(modes: Collection) -> None:
    deck = modes.resolve_deck("modes")
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(QuickFireScreen(QuickFire(modes, [deck], count=1)))
        await pilot.press(*"ok 1", "ctrl+s", "2")
        await pilot.pause()
    [answer] = modes.store.answers()
    assert (answer.text, answer.rating) == ("ok 1", 2), "1 typed, 2 rated"


def test_mock_from_the_next_interview_plan(modes: Collection, clock: Clock) -> None:
    from datetime import timedelta

    from interviewprep.core.interviews import add_interview, interview_cards, next_interview
    from interviewprep.core.mock import plan_questions
    from interviewprep.tui.screens.rehearse import choices

    deck = modes.resolve_deck("modes")
    assert plan_questions(modes) is None
    assert "mock:plan" not in dict(choices(modes, deck))
    add_interview(modes, "Acme", "ae", (clock.now + timedelta(days=5)).date(),
                  job_description="Handle objections about budget and pricing.")
    planned = plan_questions(modes)
    assert planned is not None
    source, items = planned
    assert source == "plan:Acme"
    assert {i.card.kind.value for i in items} <= {"question", "objection"}
    interview = next_interview(modes)
    assert interview is not None
    ordered = [ref for ref in interview_cards(modes, interview)
               if ref[2] in {"why-sales", "pen", "budget", "timing", "cold-call-vp-sales"}]
    assert [i.ref for i in items] == [r for r in ordered if r[2] != "cold-call-vp-sales"], \
        "the plan's order (its job description's cards first), questions and objections only"
    mock = MockInterview(modes, [], questions=2, source=source, pool=items)
    assert [i.card.id for i in mock.items] == [i.card.id for i in items[:2]]
    assert "Acme" in dict(choices(modes, deck))["mock:plan"]
