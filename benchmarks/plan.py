"""Interview plan benchmark: a simulated learner prepares N new cards for an interview D days
away with M minutes a day, following the plan (recomputed each morning) or plain FSRS.

    python benchmarks/plan.py --json

The learner's memory is FSRS's own model with fixed parameters (the `fsrs` package's
defaults, pinned below): a review at time t is recalled with probability R(t) from
`fsrs.Scheduler.get_card_retrievability`, rated Good when recalled and Again when not; a
learning or relearning card is shown again in the same session until it graduates, and
every showing counts as a review. New cards are rated Good on first sight.

Each showing costs --seconds-per-card (default 20). Reported, averaged over --seeds runs:
the share of cards whose recall on the interview day (the same fsrs retrievability) is at
or above the target, the mean recall, total reviews and the busiest day's minutes, for
- `plan`: interviewprep's plan at the target, within the daily budget;
- `fsrs_0.9`, `fsrs_0.97`: plain FSRS at that desired retention, every due card each day
  and 20 new cards a day (the app's default), as a person following FSRS would; and
- `fsrs_0.9_budget`, `fsrs_0.97_budget`: the same, stopped at the daily budget.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import fsrs

from interviewprep.core.plan import make_plan
from interviewprep.core.scheduling import CardState

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STEP = timedelta(minutes=10)
NEW_PER_DAY = 20
# FSRS-6's default parameters in fsrs 6.3, written out so the learner stays the same learner
# whatever the installed version's defaults become.
PARAMETERS = (0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
              0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
              0.1542)
Cards = list[fsrs.Card | None]


def session(card: fsrs.Card | None, at: datetime, rng: random.Random,
            scheduler: fsrs.Scheduler) -> tuple[fsrs.Card, int]:
    """Show a card until it leaves (re)learning for today; return it and the showings."""
    views = 0
    if card is None:
        card = fsrs.Card(card_id=0, due=at)
    while True:
        now = at + views * STEP
        recalled = card.last_review is None or rng.random() < scheduler.get_card_retrievability(
            card, now)
        card, _ = scheduler.review_card(card, fsrs.Rating.Good if recalled else fsrs.Rating.Again,
                                        now)
        views += 1
        if card.state == fsrs.State.Review or views >= 6:
            return card, views


def run_fsrs(n: int, days: int, retention: float, budget: int | None, seed: int,
             ) -> tuple[Cards, list[int]]:
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(PARAMETERS, desired_retention=retention,
                               enable_fuzzing=False)
    cards: Cards = [None] * n
    per_day = []
    next_new = 0
    for day in range(days):
        at = START + timedelta(days=day)
        views = 0
        due = sorted((c.due, i) for i, c in enumerate(cards)
                     if c is not None and c.due < at + timedelta(days=1))
        queue = [i for _, i in due]
        introduced = 0
        while next_new < n and introduced < NEW_PER_DAY:
            queue.append(next_new)
            next_new += 1
            introduced += 1
        for index in queue:
            if budget is not None and views >= budget:
                if cards[index] is None:
                    next_new = min(next_new, index)  # not introduced after all
                    break
                continue
            cards[index], shown = session(cards[index], at, rng, scheduler)
            views += shown
        per_day.append(views)
    return cards, per_day


def run_plan(n: int, days: int, minutes: int, seconds: float, target: float, seed: int,
             ) -> tuple[Cards, list[int]]:
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(PARAMETERS, enable_fuzzing=False)
    interview = START + timedelta(days=days)
    cards: Cards = [None] * n
    refs = [("bench", "en", f"c{i}") for i in range(n)]
    index = {ref: i for i, ref in enumerate(refs)}
    per_day = []
    for day in range(days):
        at = START + timedelta(days=day)
        states = [(ref, CardState.from_fsrs(c) if c else None) for ref, c in zip(
            refs, cards, strict=True)]
        plan = make_plan(states, at, interview, minutes, seconds, target, scheduler)
        views = 0
        for ref in plan.days[0].cards:
            i = index[ref]
            cards[i], shown = session(cards[i], at, rng, scheduler)
            views += shown
        per_day.append(views)
    return cards, per_day


def measure(cards: Cards, per_day: list[int], days: int, target: float, seconds: float,
            ) -> dict[str, float]:
    scheduler = fsrs.Scheduler(PARAMETERS, enable_fuzzing=False)
    interview = START + timedelta(days=days)
    recall = [scheduler.get_card_retrievability(c, interview) if c else 0.0 for c in cards]
    return {"share_at_target": sum(r >= target for r in recall) / len(recall),
            "mean_recall": statistics.fmean(recall),
            "total_reviews": sum(per_day),
            "busiest_day_minutes": max(per_day) * seconds / 60}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--minutes", type=int, default=20)
    # 200 cards in 20 minutes a day is a scenario of short items (tips, one-line answers);
    # --seconds-per-card 45 is the app's default for a person with no timing history.
    parser.add_argument("--seconds-per-card", type=float, default=20.0)
    parser.add_argument("--target", type=float, default=0.95)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    budget = int(args.minutes * 60 // args.seconds_per_card)
    strategies: dict[str, Callable[[int], tuple[Cards, list[int]]]] = {
        "plan": lambda seed: run_plan(args.cards, args.days, args.minutes,
                                      args.seconds_per_card, args.target, seed),
        "fsrs_0.9": lambda seed: run_fsrs(args.cards, args.days, 0.9, None, seed),
        "fsrs_0.97": lambda seed: run_fsrs(args.cards, args.days, 0.97, None, seed),
        "fsrs_0.9_budget": lambda seed: run_fsrs(args.cards, args.days, 0.9, budget, seed),
        "fsrs_0.97_budget": lambda seed: run_fsrs(args.cards, args.days, 0.97, budget, seed),
    }
    results: dict[str, dict[str, float]] = {}
    started = time.perf_counter()
    for name, run in strategies.items():
        runs = [measure(*run(seed), args.days, args.target, args.seconds_per_card)
                for seed in range(args.seeds)]
        results[name] = {key: round(statistics.fmean(r[key] for r in runs), 4)
                         for key in runs[0]}
    plan, fsrs97 = results["plan"], results["fsrs_0.97"]
    out = {
        "cards": args.cards, "days": args.days, "minutes_per_day": args.minutes,
        "seconds_per_card": args.seconds_per_card, "target": args.target,
        "seeds": args.seeds, "results": results,
        "plan_beats_fsrs_0.97": plan["share_at_target"] > fsrs97["share_at_target"]
        and plan["total_reviews"] < fsrs97["total_reviews"],
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for name, figures in results.items():
            print(f"{name:<18} at target {figures['share_at_target']:.0%}  "
                  f"mean recall {figures['mean_recall']:.3f}  "
                  f"reviews {figures['total_reviews']:.0f}  "
                  f"busiest day {figures['busiest_day_minutes']:.0f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
