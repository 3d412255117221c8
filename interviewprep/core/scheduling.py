"""Spaced-repetition scheduling through the `fsrs` package, and the settings that steer it.

No scheduling arithmetic lives here: FSRS decides every interval. This module only converts
between the store's rows and `fsrs.Card`, and previews what each rating would do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

import fsrs

from interviewprep.i18n import N_, _, format_decimal, ngettext, pgettext

DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 20
# Anki's "learn ahead" idea: a learning card due within this window is shown rather than
# ending the session with it a few minutes away.
LEARN_AHEAD = timedelta(minutes=20)


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """The rating as a person says it, in the interface language."""
        return _(RATING_NAMES[self.name])


RATING_NAMES = {"AGAIN": N_("Again"), "HARD": N_("Hard"), "GOOD": N_("Good"),
                "EASY": N_("Easy")}


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state, as stored; `None` state means the card is new."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def to_fsrs(self) -> fsrs.Card:
        # card_id is fixed: fsrs otherwise derives one from the clock and sleeps 1 ms.
        return fsrs.Card(
            card_id=0,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> CardState:
        return cls(
            state=int(card.state),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.timestamp(),
            "last_review": self.last_review.timestamp() if self.last_review else None,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CardState:
        last = row["last_review"]
        return cls(
            state=row["state"],
            step=row["step"],
            stability=row["stability"],
            difficulty=row["difficulty"],
            due=datetime.fromtimestamp(row["due"], UTC),
            last_review=datetime.fromtimestamp(last, UTC) if last is not None else None,
        )


@dataclass(frozen=True)
class SchedulerSettings:
    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY


class Scheduler:
    """FSRS with the user's settings. Fuzzing is off so the preview is exactly what happens."""

    def __init__(self, settings: SchedulerSettings | None = None) -> None:
        self.settings = settings or SchedulerSettings()
        self._fsrs = fsrs.Scheduler(
            desired_retention=self.settings.desired_retention, enable_fuzzing=False
        )

    def review(
        self, state: CardState | None, rating: Rating, now: datetime
    ) -> CardState:
        card = state.to_fsrs() if state else fsrs.Card(card_id=0, due=now)
        updated, _ = self._fsrs.review_card(card, fsrs.Rating(int(rating)), now)
        return CardState.from_fsrs(updated)

    def retrievability(self, state: CardState, now: datetime) -> float:
        """FSRS's predicted chance of recalling the card now (0 to 1)."""
        return float(self._fsrs.get_card_retrievability(state.to_fsrs(), now))

    def preview(self, state: CardState | None, now: datetime) -> dict[Rating, timedelta]:
        """How long until the card is due again after each rating."""
        return {
            rating: self.review(state, rating, now).due - now for rating in Rating
        }


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: 1m, 10m, 3h, 4d, 2mo, 1.5y."""
    seconds = max(delta.total_seconds(), 0)
    minutes = seconds / 60
    # Units are abbreviations (a rating button has little room), so no plural forms.
    if minutes < 60:
        return pgettext("interval", "{count}m").format(count=max(round(minutes), 1))
    hours = minutes / 60
    if hours < 24:
        return pgettext("interval", "{count}h").format(count=round(hours))
    days = hours / 24
    if days < 30:
        return pgettext("interval", "{count}d").format(count=round(days))
    if days < 365:
        return pgettext("interval", "{count}mo").format(
            count=format_decimal(days / 30, "0.#"))
    return pgettext("interval", "{count}y").format(count=format_decimal(days / 365, "0.#"))


def spell_interval(delta: timedelta) -> str:
    """An interval in words for a sentence: `8 days`, `1 hour`, `1.5 years`."""
    seconds = max(delta.total_seconds(), 0)
    minutes = max(round(seconds / 60), 1)
    if minutes < 60:
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    hours = round(seconds / 3600)
    if hours < 24:
        return ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    days = round(seconds / 86400)
    if days < 30:
        return ngettext("{count} day", "{count} days", days).format(count=days)
    if days < 365:
        months = round(days / 30)
        return ngettext("{count} month", "{count} months", months).format(count=months)
    years = round(days / 365, 1)
    # A fraction of a year takes the plural ("1,5 años").
    return ngettext("{count} year", "{count} years", 1 if years == 1 else 2).format(
        count=format_decimal(years, "0.#"))
