"""The interview plan against the `fsrs` package's own retrievability, with known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import fsrs
import pytest

from interviewprep.core import interviews as iv
from interviewprep.core import plan as planning
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import CardState, Rating
from interviewprep.core.store import CardRef
from tests.conftest import START, Clock

FSRS = fsrs.Scheduler(enable_fuzzing=False)
INTERVIEW = START + timedelta(days=10)  # 2026-03-12 09:00 UTC; planned days 03-02 … 03-11


def review_state(stability: float, last_review: datetime, due: datetime) -> CardState:
    return CardState(state=int(fsrs.State.Review), step=None, stability=stability,
                     difficulty=5.0, due=due, last_review=last_review)


def ref(n: int) -> CardRef:
    return ("deck", "en", f"c{n}")


def test_a_card_already_at_target_gets_no_review_and_fsrs_gives_its_recall() -> None:
    # Long stability: recall on the day stays above 0.95 without any review.
    state = review_state(100.0, START - timedelta(days=1), START + timedelta(days=200))
    expected = FSRS.get_card_retrievability(state.to_fsrs(), INTERVIEW)
    # The power forgetting curve of FSRS-6: (1 + factor * 11 days / S) ** -decay.
    assert expected == pytest.approx(0.9837, abs=1e-3)
    plan = planning.make_plan([(ref(1), state)], START, INTERVIEW, 20)
    assert plan.predicted[ref(1)] == pytest.approx(expected)
    assert plan.total_reviews == 0 and plan.reachable


def test_a_card_due_after_the_day_is_brought_forward_to_a_day_that_reaches_target() -> None:
    state = review_state(15.0, START - timedelta(days=1), START + timedelta(days=14))
    assert state.due > INTERVIEW  # plain FSRS would not show it before the interview
    assert FSRS.get_card_retrievability(state.to_fsrs(), INTERVIEW) < 0.95

    def one_review_on(day: date) -> float:
        after, _ = FSRS.review_card(state.to_fsrs(), fsrs.Rating.Good,
                                    datetime.combine(day, START.timetz()))
        return float(FSRS.get_card_retrievability(after, INTERVIEW))

    days = [date(2026, 3, 2) + timedelta(days=n) for n in range(10)]
    reaching = [d for d in days if one_review_on(d) >= 0.95]
    assert reaching[0] == date(2026, 3, 4)  # a review on 03-02 or 03-03 is too early
    plan = planning.make_plan([(ref(1), state)], START, INTERVIEW, 20)
    [planned] = [d.day for d in plan.days if ref(1) in d.cards]
    # Brought forward, to a day that reaches the target and not the earliest such day.
    assert planned in reaching and planned > reaching[0]
    assert planned < date(2026, 3, 10)  # before the final pass: its lapse could be repaired
    assert plan.predicted[ref(1)] == pytest.approx(one_review_on(planned))
    assert plan.reachable and plan.total_reviews == pytest.approx(
        2 - FSRS.get_card_retrievability(state.to_fsrs(), datetime.combine(planned,
                                                                           START.timetz())))


def test_a_last_review_on_the_eve_counts_the_chance_of_a_lapse() -> None:
    # Only the final two days are left: the prediction weighs forgetting on the eve.
    state = review_state(5.0, START - timedelta(days=1), START + timedelta(days=14))
    eve = START + timedelta(days=2)
    plan = planning.make_plan([(ref(1), state)], START + timedelta(days=1), eve + timedelta(
        days=1), 20)
    [planned] = [d.day for d in plan.days if ref(1) in d.cards]
    at = datetime.combine(planned, START.timetz())
    chance = FSRS.get_card_retrievability(state.to_fsrs(), at)
    good, _ = FSRS.review_card(state.to_fsrs(), fsrs.Rating.Good, at)
    lapsed, _ = FSRS.review_card(state.to_fsrs(), fsrs.Rating.Again, at)
    lapsed, _ = FSRS.review_card(lapsed, fsrs.Rating.Good, at + timedelta(minutes=10))
    interview = eve + timedelta(days=1)
    expected = (chance * FSRS.get_card_retrievability(good, interview)
                + (1 - chance) * FSRS.get_card_retrievability(lapsed, interview))
    assert plan.predicted[ref(1)] == pytest.approx(expected)
    assert FSRS.get_card_retrievability(good, interview) > expected >= 0.95


def test_new_cards_are_introduced_with_two_days_left_for_reviews_and_budget_is_kept() -> None:
    cards = [(ref(n), None) for n in range(60)]
    plan = planning.make_plan(cards, START, INTERVIEW, 10, seconds_card=30)
    per_day = 10 * 60 // 30
    for n, day in enumerate(plan.days):
        limit = per_day // 2 if n >= len(plan.days) - 2 else per_day  # light final pass
        assert day.reviews <= limit and day.minutes <= 10
    for card, _ in cards:
        days = [n for n, d in enumerate(plan.days) if card in d.cards]
        if days:
            assert days[0] <= len(plan.days) - 3
    assert 0 < plan.at_target < 60 and not plan.reachable


def test_a_plan_that_cannot_be_met_says_what_would_meet_it() -> None:
    cards = [(ref(n), None) for n in range(30)]
    plan = planning.make_plan(cards, START, INTERVIEW, 5, seconds_card=30)
    assert not plan.reachable
    advice = planning.advise(cards, START, INTERVIEW, plan, max_minutes=120)
    assert advice.minutes_per_day is not None and advice.minutes_per_day > 5
    assert planning.make_plan(cards, START, INTERVIEW, advice.minutes_per_day, 30).reachable
    assert 0 < advice.cards < 30
    assert planning.make_plan(cards[:advice.cards], START, INTERVIEW, 5, 30).reachable
    assert not planning.make_plan(cards[:advice.cards + 1], START, INTERVIEW, 5, 30).reachable


def test_new_cards_two_days_before_cannot_reach_target_at_any_budget() -> None:
    cards = [(ref(1), None)]
    soon = START + timedelta(days=2)
    plan = planning.make_plan(cards, START, soon, 600)
    assert plan.predicted[ref(1)] == 0 and plan.total_reviews == 0
    advice = planning.advise(cards, START, soon, plan, max_minutes=600)
    assert advice.minutes_per_day is None and advice.cards == 0


def test_target_is_bounded() -> None:
    with pytest.raises(ValueError, match=r"0\.97"):
        planning.make_plan([], START, INTERVIEW, 20, target=0.99)


def test_interview_plan_uses_the_clock_and_never_writes_fsrs_state(
        collection: Collection, clock: Clock) -> None:
    deck = collection.decks()[0]
    item = collection.item(deck, "pen")
    collection.rate(item, Rating.GOOD)
    clock.advance(minutes=10)
    collection.rate(collection.item(deck, "pen"), Rating.GOOD)
    states = collection.store.all_states()
    interview_id = iv.add_interview(collection, "Acme", "ae", date(2026, 3, 9))
    interview = iv.get_interview(collection, interview_id)
    assert iv.days_left(collection, interview) == 7
    clock.advance(days=2)
    assert iv.days_left(collection, interview) == 5
    plan, cards = planning.interview_plan(collection, interview)
    assert plan.days[0].day == date(2026, 3, 4)  # the clock's day, not the system's
    assert len(plan.days) == 5 and len(cards) == 3
    assert collection.store.all_states() == states
    with pytest.raises(iv.InterviewError, match="past"):
        iv.add_interview(collection, "Acme", "ae", date(2026, 3, 3))


def test_seconds_per_card_is_the_persons_median(collection: Collection) -> None:
    assert planning.seconds_per_card(collection.store) == planning.DEFAULT_SECONDS_PER_CARD
    item = collection.item(collection.decks()[0], "pen")
    for seconds in (20, 30, 40, 50, 300):
        collection.record_answer(item, "answer", seconds)
    assert planning.seconds_per_card(collection.store) == 40
