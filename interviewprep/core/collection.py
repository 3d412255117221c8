"""The one door to the engine for the CLI and the TUI: decks, queues, reviews, answers.

A `Collection` is an open store plus the decks found on disk. Everything a person does goes
through it, so both front ends record, schedule and report the same way. It delegates the
choice of the next card to `core.card_queue` and reads the person's settings through
`core.settings`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from interviewprep.core.card_queue import CardQueue, EmptyReason, Mode, QueueItem
from interviewprep.core.database import Access
from interviewprep.core.decks import library, links
from interviewprep.core.decks.model import Card, CardKind, DeckInfo, DeckKey, DeckProblem
from interviewprep.core.drafts import MAIN, draft_part
from interviewprep.core.scheduling import Rating, Scheduler, SchedulerSettings
from interviewprep.core.settings import Settings, check_setting, read_settings
from interviewprep.core.store import Answer, CardRef, Draft, Store
from interviewprep.i18n import _
from interviewprep.locations import Locations, bundled_decks_dir

Clock = Callable[[], datetime]
INTERACTIVE_BUSY_TIMEOUT_MS = 100


def utc_now() -> datetime:
    return datetime.now(UTC)


class DeckNotFoundError(LookupError):
    pass


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
        self.settings = read_settings(self.store, self.library.languages)
        self.scheduler = Scheduler(SchedulerSettings(self.settings.desired_retention,
                                                     self.settings.new_per_day))
        self._queue = CardQueue(self)

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
        self.settings = read_settings(self.store, self.library.languages)
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

    # -- queues (chosen by `CardQueue`) -----------------------------------------------------

    def item(self, deck: DeckInfo, card_id: str) -> QueueItem:
        card = self.card(deck, card_id)
        assert card is not None, "queued cards come from the card cache"
        return QueueItem(deck, card, self.store.card_state((deck.id, deck.language, card_id)))

    def next_card(
        self, decks: Sequence[DeckInfo], mode: Mode = Mode.REVIEW,
        done: Iterable[CardRef] = (), skip: Iterable[CardRef] = (),
        queue: Sequence[CardRef] = (),
    ) -> QueueItem | None:
        """The next card to show in this mode; see `CardQueue.next_card`."""
        return self._queue.next_card(decks, mode, done, skip, queue)

    def weak_spots(self, decks: Sequence[DeckInfo], leave_out: Iterable[CardRef] = (),
                   limit: int | None = None) -> list[QueueItem]:
        """Lowest predicted recall first, then most Agains; see `CardQueue.weak_spots`."""
        return self._queue.weak_spots(decks, leave_out, limit)

    def has_reviews(self, decks: Sequence[DeckInfo]) -> bool:
        """Whether any unsuspended card of these decks has been reviewed: without one there
        are no weak spots to look for yet."""
        return any(self.store.weak_candidates(str(d.path), d.id, d.language) for d in decks)

    def empty_reason(self, decks: Sequence[DeckInfo]) -> EmptyReason:
        """Why `next_card` found nothing for a review drill of these decks."""
        return self._queue.empty_reason(decks)

    def next_due(self, decks: Sequence[DeckInfo]) -> datetime | None:
        """When the next card of these decks falls due (for the session summary)."""
        return self._queue.next_due(decks)

    def new_limit(self, deck: DeckInfo) -> int:
        """New cards a day for this deck: its own limit if set, else the default."""
        return self._queue.new_limit(deck)

    def set_new_limit(self, deck: DeckInfo, limit: int | None) -> None:
        """Give a deck its own new-cards-a-day limit, or (None) follow the default again."""
        self._queue.set_new_limit(deck, limit)

    def raise_new_limit_today(self, deck: DeckInfo, extra: int = 10) -> int:
        """Allow `extra` more new cards in this deck today only; return what is left now."""
        return self._queue.raise_new_limit_today(deck, extra)

    def new_left_today(self, deck: DeckInfo) -> int:
        """New cards this deck may still introduce today."""
        return self._queue.new_left_today(deck)

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
        self._queue.forget_positions()

    # -- drafts -----------------------------------------------------------------------------

    def draft(self, item: QueueItem, part: str = MAIN) -> Draft | None:
        """The draft of one part of the card (see core/drafts.py), or None."""
        return self.store.draft(item.ref, part)

    def save_draft(self, item: QueueItem, text: str, seconds: float,
                   part: str = MAIN) -> None:
        self.store.save_draft(item.ref, text, seconds, self.clock(), part)

    def discard_draft(self, item: QueueItem) -> None:
        self.store.discard_draft(item.ref)

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
                                        mock_id, follow_up, turn_id,
                                        draft_part(item.card, follow_up, turn_id))

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
        self._queue.forget_positions()
        return self.store.undo_review(uid)

    def time_limit(self, card: Card) -> int | None:
        if card.time_limit is not None:
            return card.time_limit
        return self.settings.default_time_limit if card.kind.is_rehearsed else None
