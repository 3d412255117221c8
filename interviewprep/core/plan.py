"""Deadline-aware planning: which cards to review on which day so that each is predicted to be
recalled on the interview day at a target, within minutes a day.

Predictions are the `fsrs` package's own: each planned review is simulated with
`fsrs.Scheduler.review_card` (rated Good) on a copy of the card, and recall on the day is
`fsrs.Scheduler.get_card_retrievability` at the interview's start. The plan never writes a
card's state; only real reviews do, and after the interview the normal schedule goes on.

How days are filled: every (card, day) review is valued by the predicted recall it adds on
the interview day, counted up to the target with a bonus for crossing it, per view it is
expected to cost (a lapse is shown again); the best is taken until no day has room (a lazy
greedy). A card is brought to the latest day with room that lifts it above the target
(among days within 1% of its cheapest such day: reviewing while recall is still high rarely
lapses), cards that one review cannot lift get earlier reviews, and days are filled by recall
gained per minute. A new card is introduced on the first day with room, and only where two
more days remain for reviews. Planned further ahead than three days, the last two days hold
half the budget, a light final pass; there a last review's chance of lapsing counts, since
no day is left to repair it. Earlier lapses are repaired by the next day's plan, made from
what really happened.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import fsrs

from interviewprep.core.collection import Collection
from interviewprep.core.interviews import Interview, interview_cards
from interviewprep.core.scheduling import CardState
from interviewprep.core.store import CardRef, Store
from interviewprep.i18n import _

DEFAULT_TARGET = 0.95
MAX_TARGET = 0.97
MIN_TARGET = 0.7
DEFAULT_SECONDS_PER_CARD = 45.0
# The person's own median needs this many timed answers before it replaces the default.
MIN_ANSWERS_FOR_MEDIAN = 5
# Crossing the target is what the plan is for: it outweighs partial recall gained elsewhere.
TARGET_BONUS = 1.0
LEARNING_STEP = timedelta(minutes=10)
FINAL_DAYS = 2
MIN_GAIN = 1e-9
# Among days that lift a card above the target, the latest whose recall per view is within
# 1% of the best: no earlier than needed, but not onto a day where a lapse grows likely.
LATE_SLACK = 0.99
MAX_VIEWS = 4  # showings of one card in one day's session
# A new card is introduced only where this many days remain before the interview,
# the day it is learnt included: one review is not enough to hold it at the target.
NEW_CARD_DAYS = 3


@dataclass(frozen=True)
class PlannedDay:
    day: date
    cards: tuple[CardRef, ...]
    reviews: float  # expected views: both steps of an introduction, relearning after lapses
    minutes: float


def whole_minutes(minutes: float, cards: int) -> int:
    """Minutes as the person is told them: rounded up, so a day with cards never says 0."""
    return max(1, math.ceil(minutes - 1e-9)) if cards else 0


@dataclass(frozen=True)
class Plan:
    interview_day: date
    target: float
    minutes_per_day: int
    seconds_per_card: float
    days: tuple[PlannedDay, ...]
    predicted: dict[CardRef, float] = field(repr=False)

    @property
    def at_target(self) -> int:
        return sum(1 for r in self.predicted.values() if r >= self.target - 1e-12)

    @property
    def share_at_target(self) -> float:
        return self.at_target / len(self.predicted) if self.predicted else 1.0

    @property
    def reachable(self) -> bool:
        return self.at_target == len(self.predicted)

    @property
    def total_reviews(self) -> float:
        return sum(d.reviews for d in self.days)


def seconds_per_card(store: Store) -> float:
    """The person's median time per answered card, else a default."""
    seconds = [a.seconds for a in store.answers() if not a.practice and a.seconds > 0]
    if len(seconds) < MIN_ANSWERS_FOR_MEDIAN:
        return DEFAULT_SECONDS_PER_CARD
    return float(statistics.median(seconds))


def check_target(target: float) -> float:
    if not MIN_TARGET <= target <= MAX_TARGET:
        raise ValueError(_("the target must be between {low} and {high}").format(
            low=MIN_TARGET, high=MAX_TARGET))
    return target


class _Planner:
    def __init__(self, cards: Sequence[tuple[CardRef, CardState | None]], moments: list[datetime],
                 interview: datetime, capacity: list[float], target: float,
                 scheduler: fsrs.Scheduler) -> None:
        self.refs = [ref for ref, _ in cards]
        self.start = [state.to_fsrs() if state else None for _, state in cards]
        self.moments = moments
        self.interview = interview
        self.capacity = capacity
        self.target = target
        self.fsrs = scheduler
        self.planned: list[list[int]] = [[] for _ in cards]
        self.used: list[dict[int, float]] = [{} for _ in cards]  # card -> {day: views}

    def _session(self, card: fsrs.Card, at: datetime, first: fsrs.Rating) -> fsrs.Card:
        """One day's showing: `first`, then Good each time the card comes back in the
        session (learning steps) until it graduates."""
        card, _ = self.fsrs.review_card(card, first, at)
        views = 1
        while card.state != fsrs.State.Review and views < MAX_VIEWS:
            card, _ = self.fsrs.review_card(card, fsrs.Rating.Good, at + views * LEARNING_STEP)
            views += 1
        return card

    def simulate(self, index: int, days: Sequence[int]) -> tuple[float, list[float]]:
        """Predicted recall on the day after reviews on `days`, and the views each review is
        expected to cost.

        Reviews are taken as recalled: a lapse is caught when the next day's plan is made
        from what really happened. A last review in the final two days may be forgotten with
        the chance fsrs gives and no day left to repair it, so there the prediction weighs
        both outcomes: a card is not left to a review it is likely to fail on the eve."""
        card = self.start[index]
        costs: list[float] = []
        last: tuple[fsrs.Card, datetime, float] | None = None
        for day in sorted(days):
            at = self.moments[day]
            if card is None or card.last_review is None:
                # First sight: read and rated Good, then shown again at the next step.
                new = card or fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=at)
                card = self._session(new, at, fsrs.Rating.Good)
                costs.append(2.0)
                last = None
                continue
            recall = float(self.fsrs.get_card_retrievability(card, at))
            # A lapse before the final pass is caught when tomorrow's plan is made.
            last = (card, at, recall) if day >= len(self.moments) - FINAL_DAYS else None
            card = self._session(card, at, fsrs.Rating.Good)
            costs.append(1.0 + (1.0 - recall))  # a lapse is shown again after relearning
        if card is None or card.last_review is None:
            return 0.0, costs
        recalled = float(self.fsrs.get_card_retrievability(card, self.interview))
        if last is None:
            return recalled, costs
        before, at, chance = last
        lapsed = self._session(before, at, fsrs.Rating.Again)
        forgot = float(self.fsrs.get_card_retrievability(lapsed, self.interview))
        return chance * recalled + (1.0 - chance) * forgot, costs

    def value(self, recall: float) -> float:
        return min(recall, self.target) + (TARGET_BONUS if recall >= self.target else 0.0)

    def best_move(self, index: int) -> tuple[float, int, float] | None:
        """(gain per view, day, views) of the best review to add to this card, if any."""
        current = self.planned[index]
        base = self.value(self.simulate(index, current)[0])
        if base >= self.target + TARGET_BONUS:
            return None
        new = self.start[index] is None and not current
        last_intro_day = len(self.moments) - NEW_CARD_DAYS
        best: tuple[float, int, float] | None = None
        reaching: list[tuple[float, int, float]] = []
        for day in range(len(self.moments)):
            if day in current or (new and day > last_intro_day):
                continue
            days = sorted([*current, day])
            recall, costs = self.simulate(index, days)
            views = costs[days.index(day)]
            if self.capacity[day] < views:
                continue
            gain = (self.value(recall) - base) / views
            if gain <= MIN_GAIN:
                continue
            if new:
                # Introduce on the first day with room: a day's minutes unused are lost, and
                # an early start leaves room to repair lapses before the final pass.
                return gain, day, views
            if recall >= self.target:
                reaching.append((gain, day, views))
            # Otherwise the most recall per view; ties go to the later day.
            elif best is None or gain >= best[0] - 1e-12:
                best = (gain, day, views)
        if reaching:
            cheapest = max(g for g, _, _ in reaching)
            return max((m for m in reaching if m[0] >= cheapest * LATE_SLACK),
                       key=lambda m: m[1])
        return best

    def run(self) -> None:
        heap: list[tuple[float, int, int, int]] = []
        version = [0] * len(self.refs)

        def push(index: int) -> None:
            move = self.best_move(index)
            if move is not None:
                heapq.heappush(heap, (-move[0], -move[1], index, version[index]))

        for index in range(len(self.refs)):
            push(index)
        while heap:
            neg_gain, neg_day, index, seen = heapq.heappop(heap)
            day = -neg_day
            if seen != version[index]:
                continue
            move = self.best_move(index)
            if move is None:
                continue
            if move[1] != day or move[0] < -neg_gain - 1e-9:  # stale: look again
                version[index] += 1
                heapq.heappush(heap, (-move[0], -move[1], index, version[index]))
                continue
            self.planned[index].append(day)
            self._account(index)
            version[index] += 1
            push(index)

    def _account(self, index: int) -> None:
        # Adding an earlier review moves the introduction's second view off a later day.
        days = sorted(self.planned[index])
        costs = dict(zip(days, self.simulate(index, days)[1], strict=True))
        for day in set(costs) | set(self.used[index]):
            self.capacity[day] -= costs.get(day, 0) - self.used[index].get(day, 0)
        self.used[index] = costs

    def result(self) -> tuple[list[list[tuple[int, float]]], dict[CardRef, float]]:
        per_day: list[list[tuple[int, float]]] = [[] for _ in self.moments]
        predicted = {}
        for index, ref in enumerate(self.refs):
            days = sorted(self.planned[index])
            recall, costs = self.simulate(index, days)
            predicted[ref] = recall
            for day, views in zip(days, costs, strict=True):
                per_day[day].append((index, views))
        return per_day, predicted


def make_plan(
    cards: Sequence[tuple[CardRef, CardState | None]],
    now: datetime,
    interview: datetime,
    minutes_per_day: int,
    seconds_card: float = DEFAULT_SECONDS_PER_CARD,
    target: float = DEFAULT_TARGET,
    scheduler: fsrs.Scheduler | None = None,
) -> Plan:
    """Plan reviews from `now`'s local day to the day before `interview` (both aware)."""
    check_target(target)
    scheduler = scheduler or fsrs.Scheduler(enable_fuzzing=False)
    local_interview = interview.astimezone()
    first, last = now.astimezone().date(), local_interview.date()
    moments = []
    for offset in range(max((last - first).days, 0)):
        day = first + timedelta(days=offset)
        # Reviews happen at the interview's time of day, so whole days separate each from it.
        at = datetime.combine(day, local_interview.timetz()).astimezone(UTC)
        moments.append(max(at, now.astimezone(UTC)))
    per_day = int(minutes_per_day * 60 // seconds_card)
    capacity = [float(per_day)] * len(moments)
    if len(moments) > FINAL_DAYS + 1:
        # Planned ahead, the last two days are a light final pass; once they are all that
        # is left, their whole budget may repair what lapsed.
        for index in range(len(moments) - FINAL_DAYS, len(moments)):
            capacity[index] = per_day / 2
    planner = _Planner(cards, moments, interview.astimezone(UTC), capacity, target, scheduler)
    planner.run()
    by_day, predicted = planner.result()
    days = tuple(
        PlannedDay(first + timedelta(days=d), tuple(planner.refs[i] for i, _ in reviews),
                   sum(v for _, v in reviews),
                   round(sum(v for _, v in reviews) * seconds_card / 60, 1))
        for d, reviews in enumerate(by_day))
    return Plan(last, target, minutes_per_day, seconds_card, days, predicted)


@dataclass(frozen=True)
class Advice:
    """What would reach the target when the budget does not."""

    minutes_per_day: int | None  # None: no budget up to the limit reaches it in the days left
    cards: int  # the most cards, in the order given, this budget brings to the target


def advise(
    cards: Sequence[tuple[CardRef, CardState | None]], now: datetime, interview: datetime,
    plan: Plan, max_minutes: int = 600, scheduler: fsrs.Scheduler | None = None,
) -> Advice:
    """The smallest daily budget that reaches the target for every card (to within 5%), and
    the most cards the current budget reaches it for."""
    def reaches(minutes: int, count: int) -> bool:
        return make_plan(cards[:count], now, interview, minutes, plan.seconds_per_card,
                         plan.target, scheduler).reachable

    minutes: int | None = None
    if reaches(max_minutes, len(cards)):
        low, high = plan.minutes_per_day, max_minutes
        while high - low > max(1, low // 20):
            middle = (low + high) // 2
            low, high = (low, middle) if reaches(middle, len(cards)) else (middle, high)
        minutes = high
    fewer, more = 0, len(cards)  # reaches(fewer) holds, reaches(more) does not
    while more - fewer > 1:
        middle = (fewer + more) // 2
        fewer, more = (middle, more) if reaches(plan.minutes_per_day, middle) else (
            fewer, middle)
    return Advice(minutes, fewer)


def interview_plan(
    collection: Collection, interview: Interview, target: float = DEFAULT_TARGET,
    max_cards: int | None = None,
) -> tuple[Plan, list[tuple[CardRef, CardState | None]]]:
    """The plan for an interview's cards (best matches to its job description first), and
    the cards it covers. Today comes from the collection's clock."""
    refs = interview_cards(collection, interview)
    if max_cards is not None:
        refs = refs[:max_cards]
    cards = [(ref, collection.store.card_state(ref)) for ref in refs]
    plan = make_plan(cards, collection.clock(), interview.moment(), interview.minutes_per_day,
                     seconds_per_card(collection.store), target)
    return plan, cards
