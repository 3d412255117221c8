"""The one door to the engine for the CLI and the TUI: decks, queues, reviews, answers.

A `Collection` is an open store plus the decks found on disk. Everything a person does goes
through it, so both front ends record, schedule and report the same way.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from interviewprep import i18n
from interviewprep.core.database import Access
from interviewprep.core.decks import library, links
from interviewprep.core.decks.model import (
    DEFAULT_TIME_LIMIT_S,
    Card,
    CardKind,
    DeckInfo,
    DeckKey,
    DeckProblem,
)
from interviewprep.core.scheduling import (
    DEFAULT_NEW_PER_DAY,
    DEFAULT_RETENTION,
    LEARN_AHEAD,
    CardState,
    Rating,
    Scheduler,
    SchedulerSettings,
)
from interviewprep.core.store import Answer, CardRef, Draft, Store
from interviewprep.i18n import _
from interviewprep.locations import Locations, bundled_decks_dir

Clock = Callable[[], datetime]
FALLBACK_LANGUAGE = "en"
INTERACTIVE_BUSY_TIMEOUT_MS = 100
DECK_LIMIT_PREFIX = "new_per_day:"  # + deck key: a deck's own new-cards-a-day limit
EXTRA_NEW_PREFIX = "extra_new:"  # + deck key + ":" + date: today's raised allowance


def utc_now() -> datetime:
    return datetime.now(UTC)


class Mode(StrEnum):
    REVIEW = "review"  # due cards, then new ones; ratings reschedule
    PRACTICE = "practice"  # every card in order; nothing is rescheduled
    AHEAD = "ahead"  # cards not yet due, soonest first; ratings reschedule (FSRS allows it)
    LIST = "list"  # the cards of a given list in its order (an interview's plan for today)
    WEAK = "weak"  # weak spots: lowest predicted recall, then most Again; ratings reschedule


class AnswerMode(StrEnum):
    """How the person answers: the timer judges a spoken answer against the card's speaking
    time limit; a written one is measured by how long it would take to say."""

    ALOUD = "aloud"
    WRITTEN = "written"


class EmptyReason(StrEnum):
    """Why a review drill has no card to show."""

    NEW_LIMIT = "new_limit"  # new cards are waiting, but today's allowance is used up
    NOTHING_DUE = "nothing_due"  # every card is scheduled for later
    NO_CARDS = "no_cards"


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


class CardStatus(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


STATUS_BY_FSRS_STATE = {1: CardStatus.LEARNING, 2: CardStatus.REVIEW,
                        3: CardStatus.RELEARNING}  # fsrs.State values


def fold(text: str) -> str:
    """Lower case without accents, for searching: "objeción" finds "Objecion"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class BrowsedCard:
    """One row of the deck browser."""

    card: Card
    status: CardStatus
    due: datetime | None
    last_rating: Rating | None
    attempts: int
    suspended: bool


@dataclass(frozen=True)
class DeckSummary:
    info: DeckInfo
    due: int
    new: int


TEXT_SETTINGS = ("desired_retention", "new_per_day", "default_time_limit", "answer_mode",
                 "ui_language")
SETTING_LIMITS = {
    "desired_retention": (0.7, 0.99),
    "new_per_day": (0, 9999),
    "default_time_limit": (10, 3600),
}


@dataclass(frozen=True)
class Settings:
    language: str
    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY
    default_time_limit: int = DEFAULT_TIME_LIMIT_S
    answer_mode: AnswerMode = AnswerMode.WRITTEN
    ui_language: str = ""  # the interface language; empty: follow the system's locale


class SettingsError(ValueError):
    """A setting out of range or of the wrong type; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_number(text: str) -> float:
    """A number as people type it: `0.85` or `0,85`."""
    return float(text.strip().replace(",", ".", 1))


SETTING_NAMES = {"desired_retention": i18n.N_("Desired retention"),
                 "new_per_day": i18n.N_("New cards a day"),
                 "default_time_limit": i18n.N_("The default time limit"),
                 "answer_mode": i18n.N_("The answer mode"),
                 "ui_language": i18n.N_("The interface language")}


def check_setting(name: str, value: object) -> float | int | str:
    """`value` checked and converted for setting `name`; `SettingsError` says what is wrong,
    in the interface language."""
    _ = i18n._
    label = _(SETTING_NAMES[name]) if name in SETTING_NAMES else name
    if name == "ui_language":
        if value not in ("", *i18n.UI_LANGUAGES):
            raise SettingsError(name, _("{setting} must be one of: {choices}").format(
                setting=label, choices=", ".join(i18n.UI_LANGUAGES)))
        return str(value)
    if name == "answer_mode":
        try:
            return AnswerMode(str(value)).value
        except ValueError:
            raise SettingsError(name, _("{setting} must be 'aloud' or 'written'").format(
                setting=label)) from None
    if name not in SETTING_LIMITS:
        raise SettingsError(name, _("There is no setting called {name}").format(name=name))
    low, high = SETTING_LIMITS[name]
    try:
        number = parse_number(value) if isinstance(value, str) else float(str(value))
    except ValueError:
        raise SettingsError(name, _("{setting}: please enter a number").format(
            setting=label)) from None
    if name != "desired_retention":
        if number != int(number):
            raise SettingsError(name, _("{setting}: please enter a whole number").format(
                setting=label))
        number = int(number)
    if not low <= number <= high:
        raise SettingsError(name, _("{setting} must be between {low} and {high}").format(
            setting=label, low=i18n.format_decimal(low), high=i18n.format_decimal(high)))
    return number


def _load_library(store: Store, roots: Sequence[Path]) -> library.Library:
    """The decks under `roots`, then the files linked with `add --link` (a missing linked
    file is listed as skipped, with how to forget it)."""
    linked = [p for p in links.linked_paths(store) if p not in roots]
    found = library.load_library(store, [*roots, *linked])
    found.skipped += [library.SkippedDeck(path, (DeckProblem(
        path, 1, 1, _("this linked deck file is missing; 'interviewprep unlink PATH' "
                      "forgets it")),)) for path in linked if not path.is_file()]
    return found


class Collection:
    def __init__(self, store: Store, decks: library.Library, clock: Clock = utc_now,
                 roots: Sequence[Path] = ()) -> None:
        self.store = store
        # The data folder is where the database is; recordings live beside it.
        self.locations = Locations(store.path.parent)
        self.library = decks
        self._roots = list(roots)
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
        read_only: bool = False,
    ) -> Collection:
        """Open the data folder's store (see `Store` for `read_only`) and load the decks."""
        store = Store(locations.database, access=Access.READ if read_only else Access.WRITE,
                      backups=locations.backups, now=clock())
        if not store.in_memory and store.recordings(unfinished=True):
            # A crash mid-recording: repair the file so nothing said is lost. (Not on a
            # copy in memory: the folder is read-only or the database damaged.)
            from interviewprep.core.voice.recorder import recover

            recover(store, locations)
        roots = [bundled_decks_dir()] if include_bundled else []
        roots += [locations.user_decks, *extra_deck_dirs]
        return cls(store, _load_library(store, roots), clock, roots)

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
            system = i18n.system_language()
            language = system if system in languages else FALLBACK_LANGUAGE
        values: dict[str, Any] = {}
        for name in TEXT_SETTINGS:
            raw = get(name)
            if raw is None:
                continue
            try:
                values[name] = check_setting(name, raw)
            except SettingsError:
                continue  # a damaged row falls back to the default rather than failing
        if "answer_mode" in values:
            values["answer_mode"] = AnswerMode(values["answer_mode"])
        return Settings(language=language, **values)

    def use_language(self, language: str, remember: bool = False) -> None:
        """Switch the current language, for this run or (remember=True) from now on."""
        if remember:
            self.store.set_setting("language", language)
        self.settings = replace(self.settings, language=language)

    def update_settings(self, **changes: object) -> Settings:
        """Check every change, then save them all in one transaction, or none.

        Raises `SettingsError` naming the first field that is wrong."""
        checked: dict[str, str] = {}
        for name, value in changes.items():
            checked[name] = str(check_setting(name, value))
        self.store.set_settings(checked)
        self.settings = self._read_settings()
        self.scheduler = Scheduler(SchedulerSettings(self.settings.desired_retention,
                                                     self.settings.new_per_day))
        return self.settings

    def theme(self) -> str | None:
        return self.store.get_setting("theme")

    def set_theme(self, name: str) -> None:
        self.store.set_setting("theme", name)

    def reader(self) -> Store:
        """A read-only connection of its own, for a worker thread; close it when done."""
        return self.store.reader()

    def reader_collection(self) -> Collection:
        """The same decks over a read-only connection of its own, for a worker thread that
        reads through collection-level functions (planning); close it when done."""
        return Collection(self.store.reader(), self.library, self.clock, self._roots)

    def interactive(self) -> None:
        """Writes from the app give up quickly when another process holds the database;
        the session keeps the text and retries, so typing never freezes."""
        self.store.set_busy_timeout(INTERACTIVE_BUSY_TIMEOUT_MS)

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
                raise DeckNotFoundError(_("no loaded deck at {path}").format(path=spec))
            return found
        key = DeckKey.parse(spec, self.settings.language)
        found = self.library.find(key)
        if found is None:
            known = ", ".join(sorted({d.id for d in self.library.decks})) or _("none")
            raise DeckNotFoundError(_("no deck '{key}' (decks: {known})").format(
                key=key, known=known))
        return found

    def summaries(self, decks: Sequence[DeckInfo]) -> list[DeckSummary]:
        """Due and new counts for each deck; new counts are capped by its limit today."""
        now = self.clock().timestamp()
        out = []
        for deck in decks:
            path = str(deck.path)
            due = self.store.due_count(path, deck.id, deck.language, now)
            unseen = self.store.unseen_count(path, deck.id, deck.language)
            out.append(DeckSummary(deck, due, min(unseen, self.new_left_today(deck))))
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

    def _today(self) -> str:
        return self.clock().astimezone().date().isoformat()

    def new_limit(self, deck: DeckInfo) -> int:
        """New cards a day for this deck: its own limit if set, else the default."""
        own = self.store.get_setting(f"{DECK_LIMIT_PREFIX}{deck.key}")
        if own is not None and own.isdigit():
            return int(own)
        return self.settings.new_per_day

    def set_new_limit(self, deck: DeckInfo, limit: int | None) -> None:
        """Give a deck its own new-cards-a-day limit, or (None) follow the default again."""
        key = f"{DECK_LIMIT_PREFIX}{deck.key}"
        if limit is None:
            self.store.delete_setting(key)
            return
        check_setting("new_per_day", limit)
        self.store.set_setting(key, str(int(limit)))

    def raise_new_limit_today(self, deck: DeckInfo, extra: int = 10) -> int:
        """Allow `extra` more new cards in this deck today only; return what is left now."""
        key = f"{EXTRA_NEW_PREFIX}{deck.key}:{self._today()}"
        already = self.store.get_setting(key)
        self.store.set_setting(key, str(int(already or 0) + extra))
        return self.new_left_today(deck)

    def new_left_today(self, deck: DeckInfo) -> int:
        """New cards this deck may still introduce today. Counted per deck and language, as
        Anki does; restored (imported) reviews never count."""
        extra = self.store.get_setting(f"{EXTRA_NEW_PREFIX}{deck.key}:{self._today()}")
        allowed = self.new_limit(deck) + int(extra or 0)
        introduced = self.store.introduced_since(deck.id, deck.language, self.start_of_day())
        return max(allowed - introduced, 0)

    def _earliest_due(self, deck: DeckInfo, before: float,
                      skip: Iterable[str] = ()) -> tuple[float, str] | None:
        return self.store.earliest_due(str(deck.path), deck.id, deck.language, before, skip)

    def _first_new(self, deck: DeckInfo, skip: Sequence[str] = ()) -> str | None:
        # New cards are introduced in deck order, so every card before the last one found
        # has a state: start there instead of skipping them all again (unless some were
        # skipped, whose state is still to be saved).
        path = str(deck.path)
        found = self.store.first_unseen(path, deck.id, deck.language,
                                        self._new_from.get(path, 0), skip)
        if found is None:
            return None
        if not skip:
            self._new_from[path] = found[0]
        return found[1]

    def item(self, deck: DeckInfo, card_id: str) -> QueueItem:
        card = self.card(deck, card_id)
        assert card is not None, "queued cards come from the card cache"
        return QueueItem(deck, card, self.store.card_state((deck.id, deck.language, card_id)))

    def next_card(
        self, decks: Sequence[DeckInfo], mode: Mode = Mode.REVIEW,
        done: Iterable[CardRef] = (), skip: Iterable[CardRef] = (),
        queue: Sequence[CardRef] = (),
    ) -> QueueItem | None:
        """The next card to show: due reviews first, then new cards up to each deck's limit,
        then learning cards due within a few minutes. Practice goes through every card not
        yet `done` in this session, ignoring due dates; studying ahead takes the cards due
        soonest that were not `done`. `skip` leaves out cards whose rating is not saved yet."""
        if mode is Mode.LIST:
            finished = set(done) | set(skip)
            by_key = {(d.id, d.language): d for d in decks}
            for ref in queue:
                deck = by_key.get(ref[:2])
                if (ref not in finished and deck is not None
                        and self.card(deck, ref[2]) is not None):
                    return self.item(deck, ref[2])
            return None
        if mode is Mode.WEAK:
            return next(iter(self.weak_spots(decks, {*done, *skip}, limit=1)), None)
        if mode is Mode.PRACTICE:
            seen = set(done)
            for deck in decks:
                suspended = self.store.suspended(deck.id, deck.language)
                for card in self.cards(deck):
                    if card.id not in suspended and (deck.id, deck.language, card.id) not in seen:
                        return self.item(deck, card.id)
            return None
        skipped = set(skip) | (set(done) if mode is Mode.AHEAD else set())
        now = self.clock()
        horizon = float("inf") if mode is Mode.AHEAD else now.timestamp()

        def skipped_in(deck: DeckInfo) -> list[str]:
            return [card_id for deck_id, language, card_id in skipped
                    if (deck_id, language) == (deck.id, deck.language)]

        def soonest(before: float) -> QueueItem | None:
            hits = []
            for deck in decks:
                if (hit := self._earliest_due(deck, before, skipped_in(deck))) is not None:
                    hits.append((hit, deck))
            if not hits:
                return None
            (_, card_id), deck = min(hits, key=lambda pair: pair[0][0])
            return self.item(deck, card_id)

        if (due := soonest(horizon)) is not None or mode is Mode.AHEAD:
            return due
        for deck in decks:
            if self.new_left_today(deck) > 0 and (
                    new_id := self._first_new(deck, skipped_in(deck))):
                return self.item(deck, new_id)
        return soonest((now + LEARN_AHEAD).timestamp())

    def weak_spots(self, decks: Sequence[DeckInfo], leave_out: Iterable[CardRef] = (),
                   limit: int | None = None) -> list[QueueItem]:
        """Cards already reviewed whose predicted recall (FSRS retrievability) is below the
        desired retention, or that were ever rated Again: lowest recall first, then most
        Agains. Never-seen cards are not weak spots, only unknown."""
        now = self.clock()
        skipped = set(leave_out)
        found: list[tuple[float, int, int, DeckInfo, str, CardState]] = []
        for order, deck in enumerate(decks):
            for card_id, row, agains in self.store.weak_candidates(
                    str(deck.path), deck.id, deck.language):
                if (deck.id, deck.language, card_id) in skipped:
                    continue
                state = CardState.from_row(row)
                recall = self.scheduler.retrievability(state, now)
                if recall < self.settings.desired_retention or agains:
                    found.append((recall, -agains, order, deck, card_id, state))
        found.sort(key=lambda hit: hit[:3])
        return [QueueItem(deck, card, state) for *_, deck, card_id, state in found[:limit]
                if (card := self.card(deck, card_id)) is not None]

    def empty_reason(self, decks: Sequence[DeckInfo]) -> EmptyReason:
        """Why `next_card` found nothing for a review drill of these decks."""
        if not any(d.card_count for d in decks):
            return EmptyReason.NO_CARDS
        waiting = any(self.store.unseen_count(str(d.path), d.id, d.language) for d in decks)
        return EmptyReason.NEW_LIMIT if waiting else EmptyReason.NOTHING_DUE

    def next_due(self, decks: Sequence[DeckInfo]) -> datetime | None:
        """When the next card of these decks falls due (for the session summary)."""
        times = [t for d in decks if (t := self.store.next_due_at(d.id, d.language)) is not None]
        return datetime.fromtimestamp(min(times), UTC) if times else None

    # -- the deck browser -----------------------------------------------------------------------

    def browse(self, deck: DeckInfo, search: str = "") -> list[BrowsedCard]:
        """Every card of a deck with its state, due date, last rating and attempts; with
        `search`, only cards whose text contains it (case and accents ignored)."""
        overview = self.store.card_overview(deck.id, deck.language)
        suspended = self.store.suspended(deck.id, deck.language)
        wanted = fold(search.strip())
        rows = []
        for card in self.cards(deck):
            if wanted and wanted not in fold(" ".join(card.searchable_text())):
                continue
            seen = overview.get(card.id)
            state = seen.state if seen is not None else None
            rows.append(BrowsedCard(
                card=card,
                status=(CardStatus.NEW if state is None
                        else STATUS_BY_FSRS_STATE.get(state, CardStatus.NEW)),
                due=(datetime.fromtimestamp(seen.due, UTC)
                     if seen is not None and seen.due is not None else None),
                last_rating=(Rating(seen.last_rating)
                             if seen is not None and seen.last_rating else None),
                attempts=seen.attempts if seen is not None else 0,
                suspended=card.id in suspended,
            ))
        return rows

    def set_suspended(self, deck: DeckInfo, card_id: str, suspended: bool) -> None:
        """Suspend a card (never drilled) or bring it back; its history is kept either way."""
        self.store.set_suspended((deck.id, deck.language, card_id), suspended, self.clock())

    def reload_decks(self) -> None:
        """Read the deck folders again: changed files are parsed, unchanged ones come from
        the cache. Called when the person comes back to the deck list."""
        self.library = _load_library(self.store, self._roots)
        self._new_from.clear()

    # -- drafts -----------------------------------------------------------------------------

    def draft(self, item: QueueItem) -> Draft | None:
        return self.store.draft(item.ref)

    def save_draft(self, item: QueueItem, text: str, seconds: float) -> None:
        self.store.save_draft(item.ref, text, seconds, self.clock())

    def answer(self, answer_id: int) -> Answer | None:
        return self.store.answer(answer_id)

    def answers(self, item: QueueItem) -> list[Answer]:
        """Earlier answers to this card, newest first."""
        return self.store.answers(item.deck.id, item.card.id, item.deck.language)

    # -- recording --------------------------------------------------------------------------

    def preview(self, item: QueueItem) -> dict[Rating, timedelta]:
        return self.scheduler.preview(item.state, self.clock())

    def record_answer(self, item: QueueItem, text: str, seconds: float,
                      practice: bool = False, mock_id: int | None = None,
                      follow_up: int | None = None, turn_id: str | None = None) -> int:
        """Commit an answer at once; `mock_id`, `follow_up` and `turn_id` say where in a mock
        interview or a role-played call it was given."""
        return self.store.record_answer(item.ref, text, seconds, self.clock(), practice,
                                        mock_id, follow_up, turn_id)

    def start_mock(self, source: str, language: str, planned: int) -> int:
        return self.store.start_mock(source, language, planned, self.clock())

    def finish_mock(self, mock_id: int) -> None:
        self.store.finish_mock(mock_id, self.clock())

    def rehearsable(self, decks: Sequence[DeckInfo],
                    kinds: Iterable[CardKind]) -> list[QueueItem]:
        """Every unsuspended card of these kinds, deck by deck in deck order."""
        wanted = set(kinds)
        out = []
        for deck in decks:
            suspended = self.store.suspended(deck.id, deck.language)
            for card in self.cards(deck):
                if card.kind in wanted and card.id not in suspended:
                    out.append(QueueItem(deck, card, self.store.card_state(
                        (deck.id, deck.language, card.id))))
        return out

    def set_answer_rating(self, answer_id: int, rating: Rating | None) -> None:
        """Record the rating on a practice answer (practice changes no schedule)."""
        self.store.set_answer_rating(answer_id, rating)

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
