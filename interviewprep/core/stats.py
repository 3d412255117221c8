"""Progress figures from the store: reviews per day, retention, due forecast, streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from interviewprep.core.collection import Collection
from interviewprep.core.store import Store

REVIEW_STATE = 2  # fsrs.State.Review: a card past its learning steps


@dataclass(frozen=True)
class Stats:
    reviews_per_day: list[tuple[date, int]]  # oldest first, today last
    due_forecast: list[tuple[date, int]]  # today first (today counts what is overdue too)
    retention: float | None  # share of mature reviews not rated Again, last 30 days
    streak_days: int
    total_reviews: int
    total_answers: int

    def to_dict(self) -> dict[str, object]:
        return {
            "reviews_per_day": [{"date": d.isoformat(), "reviews": n}
                                for d, n in self.reviews_per_day],
            "due_forecast": [{"date": d.isoformat(), "due": n} for d, n in self.due_forecast],
            "retention": self.retention,
            "streak_days": self.streak_days,
            "total_reviews": self.total_reviews,
            "total_answers": self.total_answers,
        }


def _local_day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().date()


def compute(collection: Collection, days: int = 30, forecast_days: int = 14,
            store: Store | None = None) -> Stats:
    """The figures, read through `store` (a worker's own connection) or the collection's."""
    store = store or collection.store
    today = collection.clock().astimezone().date()
    first_day = today - timedelta(days=days - 1)
    per_day = dict.fromkeys((first_day + timedelta(days=i) for i in range(days)), 0)
    review_days: set[date] = set()
    passed = mature = 0
    for reviewed_at, rating, state_before in store.review_log():
        day = _local_day(reviewed_at)
        review_days.add(day)
        if day in per_day:
            per_day[day] += 1
            if state_before == REVIEW_STATE:
                mature += 1
                passed += rating > 1
    forecast = dict.fromkeys((today + timedelta(days=i) for i in range(forecast_days)), 0)
    for due in store.due_times():
        day = max(_local_day(due), today)
        if day in forecast:
            forecast[day] += 1
    streak = 0
    day = today if today in review_days else today - timedelta(days=1)
    while day in review_days:
        streak += 1
        day -= timedelta(days=1)
    total_reviews, total_answers = store.totals()
    return Stats(
        reviews_per_day=sorted(per_day.items()),
        due_forecast=sorted(forecast.items()),
        retention=passed / mature if mature else None,
        streak_days=streak,
        total_reviews=total_reviews,
        total_answers=total_answers,
    )
