"""The one door to the engine for the CLI and the TUI: decks, queues, reviews, answers.

A `Collection` is an open store plus the decks found on disk. Everything a person does goes
through it, so both front ends record, schedule and report the same way.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from interviewprep.core.decks import library
from interviewprep.core.decks.model import DEFAULT_TIME_LIMIT_S, Card, DeckInfo, DeckKey
from interviewprep.core.scheduling import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    LEARN_AHEAD,
    CardState,
    Rating,
    Scheduler,
    SchedulerSettings,
)
from interviewprep.core.store import CardRef, Store
from interviewprep.locations import Locations, bundled_decks_dir

Clock = Callable[[], datetime]
FALLBACK_LANGUAGE = "en"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Mode(StrEnum):
    REVIEW = "review"  # due cards, then new ones; ratings reschedule
    PRACTICE = "practice"  # every card in order; nothing is rescheduled


class DeckNotFoundError(LookupError):
    pass


@dataclass(frozen=True)
class QueueItem:
    deck: DeckInfo
    card: Card
    state: CardState | None  # None: the card has never been reviewed

    @property
    def ref(self) -> CardRef:
        return (self.deck.id, self.deck.language, self.card.id)


@dataclass(frozen=True)
class DeckSummary:
    info: DeckInfo
    due: int
    new: int


@dataclass(frozen=True)
class Settings:
    language: str
    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY
    default_time_limit: int = DEFAULT_TIME_LIMIT_S


def system_language() -> str | None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split("_")[0].split(".")[0].lower() or None
    code = locale.getlocale()[0]
    return code.split("_")[0].lower() if code else None


class Collection:
    def __init__(self, store: Store, decks: library.Library, clock: Clock = utc_now) -> None:
        self.store = store
        self.library = decks
        self.clock = clock
        self.settings = self._read_settings()
        self.scheduler = Scheduler(SchedulerSettings(self.settings.desired_retention,
                                                     self.settings.new_per_day))
        self._new_from: dict[str, int] = {}  # deck path -> position of its first new card

    @classmethod
    def open(
        cls,
        locations: Locations,
        extra_deck_dirs: Iterable[Path] = (),
        clock: Clock = utc_now,
        include_bundled: bool = True,
    ) -> Collection:
        store = Store(locations.database)
        roots = [bundled_decks_dir()] if include_bundled else []
        roots += [locations.user_decks, *extra_deck_dirs]
        return cls(store, library.load_library(store, roots), clock)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings ---------------------------------------------------------------------------

    def _read_settings(self) -> Settings:
        get = self.store.get_setting
        language = get("language")
        if language is None:
            languages = self.library.languages()
            system = system_language()
            language = system if system in languages else FALLBACK_LANGUAGE
        return Settings(
            language=language,
            desired_retention=float(get("desired_retention") or DEFAULT_RETENTION),
            new_per_day=int(get("new_per_day") or DEFAULT_NEW_PER_DAY),
            default_time_limit=int(get("default_time_limit") or DEFAULT_TIME_LIMIT_S),
        )

    def use_language(self, language: str, remember: bool = False) -> None:
        """Switch the current language, for this run or (remember=True) from now on."""
        if remember:
            self.store.set_setting("language", language)
        self.settings = replace(self.settings, language=language)

    def update_settings(self, **changes: str | float | int) -> Settings:
        """Validate and save settings; raises ValueError with a readable message."""
        for name, value in changes.items():
            if name == "desired_retention" and not 0.7 <= float(value) <= 0.99:
                raise ValueError("desired retention must be between 0.70 and 0.99")
            if name == "new_per_day" and not 0 <= int(value) <= 9999:
                raise ValueError("new cards per day must be between 0 and 9999")
            if name == "default_time_limit" and not 10 <= int(value) <= 3600:
                raise ValueError("the default time limit must be between 10 and 3600 seconds")
            if name not in Settings.__dataclass_fields__:
                raise ValueError(f"unknown setting {name}")
            self.store.set_setting(name, str(value))
        self.settings = self._read_settings()
        self.scheduler = Scheduler(SchedulerSettings(self.settings.desired_retention,
                                                     self.settings.new_per_day))
        return self.settings

    # -- decks ------------------------------------------------------------------------------

    def decks(self, language: str | None = None, every_language: bool = False) -> list[DeckInfo]:
        if every_language:
            return list(self.library.decks)
        wanted = language or self.settings.language
        return [d for d in self.library.decks if d.language == wanted]

    def resolve_deck(self, spec: str) -> DeckInfo:
        """`ID` (current language), `ID@lang`, or a path to a deck file already loaded."""
        if spec.endswith((".yaml", ".yml")) or os.sep in spec:
            found = self.library.by_path(Path(spec))
            if found is None:
                raise DeckNotFoundError(f"no loaded deck at {spec}")
            return found
        key = DeckKey.parse(spec, self.settings.language)
        found = self.library.find(key)
        if found is None:
            known = ", ".join(sorted({d.id for d in self.library.decks})) or "none"
            raise DeckNotFoundError(f"no deck '{key}' (decks: {known})")
        return found

    def summaries(self, decks: Sequence[DeckInfo]) -> list[DeckSummary]:
        """Due and new counts for each deck; new counts are capped by today's limit."""
        now = self.clock().timestamp()
        new_left = self.new_left_today()
        out = []
        for deck in decks:
            (due,) = self.store.db.execute(
                "SELECT count(*) FROM card_states s JOIN cached_cards c ON c.path = ? "
                "AND c.card_id = s.card_id WHERE s.deck_id = ? AND s.language = ? "
                "AND s.due <= ?",
                (str(deck.path), deck.id, deck.language, now),
            ).fetchone()
            (unseen,) = self.store.db.execute(
                "SELECT count(*) FROM cached_cards c WHERE c.path = ? AND NOT EXISTS "
                "(SELECT 1 FROM card_states s WHERE s.deck_id = ? AND s.language = ? "
                "AND s.card_id = c.card_id)",
                (str(deck.path), deck.id, deck.language),
            ).fetchone()
            out.append(DeckSummary(deck, due, min(unseen, new_left)))
        return out

    def summary(self, deck: DeckInfo) -> DeckSummary:
        return self.summaries([deck])[0]

    def cards(self, deck: DeckInfo) -> list[Card]:
        return library.cards(self.store, deck)

    def card(self, deck: DeckInfo, card_id: str) -> Card | None:
        return library.card(self.store, deck, card_id)

    # -- queues -----------------------------------------------------------------------------

    def start_of_day(self) -> float:
        local = self.clock().astimezone()
        return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()

    def new_left_today(self) -> int:
        """New cards still allowed today; the limit counts across all decks."""
        (introduced,) = self.store.db.execute(
            "SELECT count(*) FROM reviews WHERE state_before IS NULL AND reviewed_at >= ?",
            (self.start_of_day(),),
        ).fetchone()
        return max(self.settings.new_per_day - int(introduced), 0)

    def _earliest_due(self, deck: DeckInfo, before: float) -> tuple[float, str] | None:
        row = self.store.db.execute(
            "SELECT s.due, s.card_id FROM card_states s JOIN cached_cards c ON c.path = ? "
            "AND c.card_id = s.card_id WHERE s.deck_id = ? AND s.language = ? AND s.due <= ? "
            "ORDER BY s.due LIMIT 1",
            (str(deck.path), deck.id, deck.language, before),
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def _first_new(self, deck: DeckInfo) -> str | None:
        # New cards are introduced in deck order, so every card before the last one found
        # has a state: start there instead of skipping them all again.
        path = str(deck.path)
        row = self.store.db.execute(
            "SELECT c.position, c.card_id FROM cached_cards c WHERE c.path = ? "
            "AND c.position >= ? AND NOT EXISTS (SELECT 1 FROM card_states s "
            "WHERE s.deck_id = ? AND s.language = ? AND s.card_id = c.card_id) "
            "ORDER BY c.position LIMIT 1",
            (path, self._new_from.get(path, 0), deck.id, deck.language),
        ).fetchone()
        if row is None:
            return None
        self._new_from[path] = row[0]
        return str(row[1])

    def item(self, deck: DeckInfo, card_id: str) -> QueueItem:
        card = self.card(deck, card_id)
        assert card is not None, "queued cards come from the card cache"
        return QueueItem(deck, card, self.store.card_state((deck.id, deck.language, card_id)))

    def next_card(
        self, decks: Sequence[DeckInfo], mode: Mode = Mode.REVIEW,
        done: Iterable[CardRef] = (),
    ) -> QueueItem | None:
        """The next card to show: due reviews first, then new cards up to the day's limit,
        then learning cards due within a few minutes. Practice goes through every card not
        yet `done` in this session, ignoring due dates."""
        if mode is Mode.PRACTICE:
            seen = set(done)
            for deck in decks:
                for card in self.cards(deck):
                    if (deck.id, deck.language, card.id) not in seen:
                        return self.item(deck, card.id)
            return None
        now = self.clock()
        due = [(hit, deck) for deck in decks
               if (hit := self._earliest_due(deck, now.timestamp())) is not None]
        if due:
            (_, card_id), deck = min(due, key=lambda pair: pair[0][0])
            return self.item(deck, card_id)
        if self.new_left_today() > 0:
            for deck in decks:
                if new_id := self._first_new(deck):
                    return self.item(deck, new_id)
        ahead = [(hit, deck) for deck in decks if (
            hit := self._earliest_due(deck, (now + LEARN_AHEAD).timestamp())) is not None]
        if ahead:
            (_, card_id), deck = min(ahead, key=lambda pair: pair[0][0])
            return self.item(deck, card_id)
        return None

    def next_due(self, decks: Sequence[DeckInfo]) -> datetime | None:
        """When the next card of these decks falls due (for the session summary)."""
        best: float | None = None
        for deck in decks:
            row = self.store.db.execute(
                "SELECT min(due) FROM card_states WHERE deck_id = ? AND language = ?",
                (deck.id, deck.language),
            ).fetchone()
            if row[0] is not None and (best is None or row[0] < best):
                best = row[0]
        return None if best is None else datetime.fromtimestamp(best, UTC)

    # -- recording --------------------------------------------------------------------------

    def preview(self, item: QueueItem) -> dict[Rating, timedelta]:
        return self.scheduler.preview(item.state, self.clock())

    def record_answer(self, item: QueueItem, text: str, seconds: float,
                      practice: bool = False) -> int:
        return self.store.record_answer(item.ref, text, seconds, self.clock(), practice)

    def rate(self, item: QueueItem, rating: Rating, duration_ms: int | None = None,
             answer_id: int | None = None) -> str:
        """Schedule the card with FSRS and commit the review at once; return its uid."""
        now = self.clock()
        before = self.store.card_state(item.ref)
        after = self.scheduler.review(before, rating, now)
        return self.store.record_review(item.ref, rating, before, after, now, duration_ms,
                                        answer_id)

    def undo_review(self, uid: str) -> CardRef | None:
        """Take back a review; its card may be new again."""
        self._new_from.clear()
        return self.store.undo_review(uid)

    def time_limit(self, card: Card) -> int | None:
        if card.time_limit is not None:
            return card.time_limit
        return self.settings.default_time_limit if card.kind.is_rehearsed else None
