"""The local SQLite store: scheduling state, reviews, answers, drafts, settings, deck cache.

Every write is its own transaction, committed before the call returns (WAL mode), so a crash
or a kill loses nothing already recorded. The folder is 0700 and the files 0600.

The SQL lives in this package, one module per area; `Store` is all of them over one
connection.
"""

from __future__ import annotations

from interviewprep.core.store.deck_cache import DeckCacheStore
from interviewprep.core.store.interviews import InterviewsStore
from interviewprep.core.store.mocks import MocksStore
from interviewprep.core.store.queues import QueuesStore
from interviewprep.core.store.recordings import RecordingsStore
from interviewprep.core.store.reviews import ReviewsStore
from interviewprep.core.store.rows import (
    NOT_SUSPENDED_CARD,
    NOT_SUSPENDED_STATE,
    Answer,
    CardOverview,
    CardRef,
    Draft,
    MockRow,
    Recording,
    Review,
)

__all__ = ["NOT_SUSPENDED_CARD", "NOT_SUSPENDED_STATE", "Answer", "CardOverview", "CardRef",
           "Draft", "MockRow", "Recording", "Review", "Store"]


class Store(ReviewsStore, MocksStore, RecordingsStore, QueuesStore, DeckCacheStore,
            InterviewsStore):
    """One open database. Use as a context manager or call `close()`; see `StoreBase`."""
