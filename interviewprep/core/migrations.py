"""The store's schema, as forward migrations keyed by `PRAGMA user_version`.

Each entry takes the database from version N-1 to N. Never edit a shipped entry: add one.
"""

from __future__ import annotations

import sqlite3

from interviewprep.i18n import _

_V1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Parsed decks, so an unchanged deck file is never parsed twice.
CREATE TABLE deck_files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    info TEXT,              -- DeckInfo as JSON, NULL when the file has problems
    problems TEXT           -- list of [line, column, message] as JSON, NULL when valid
);
CREATE TABLE cached_cards (
    path TEXT NOT NULL REFERENCES deck_files(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    card_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (path, position)
);
CREATE UNIQUE INDEX cached_cards_by_id ON cached_cards(path, card_id);
-- History belongs to (deck id, language, card id), never to a file or a card's text.
CREATE TABLE card_states (
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL NOT NULL,          -- unix seconds, UTC
    last_review REAL,
    PRIMARY KEY (deck_id, language, card_id)
);
CREATE INDEX card_states_due ON card_states(deck_id, language, due);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    rating INTEGER NOT NULL,    -- 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at REAL NOT NULL,
    duration_ms INTEGER,
    state_before TEXT,          -- card_states row as JSON (NULL for a new card), for undo
    state_after TEXT NOT NULL
);
CREATE INDEX reviews_by_card ON reviews(deck_id, language, card_id);
CREATE INDEX reviews_by_time ON reviews(reviewed_at);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    text TEXT NOT NULL,
    seconds REAL NOT NULL,
    answered_at REAL NOT NULL,
    rating INTEGER,
    review_uid TEXT,            -- the review this answer was rated in, if any
    practice INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX answers_by_card ON answers(deck_id, language, card_id, answered_at);
"""

_V2 = """
-- What is in the answer box, saved every few seconds so a crash loses nothing typed.
CREATE TABLE drafts (
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    text TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    PRIMARY KEY (deck_id, language, card_id)
);
"""

_V3 = """
-- The daily new-card limit counts first reviews; index just those.
CREATE INDEX reviews_introductions ON reviews(reviewed_at) WHERE state_before IS NULL;
"""

_V4 = """
-- New cards per day count per deck and language, and restored (imported) reviews never
-- use up today's allowance.
ALTER TABLE reviews ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
DROP INDEX reviews_introductions;
CREATE INDEX reviews_introductions ON reviews(deck_id, language, reviewed_at)
    WHERE state_before IS NULL AND imported = 0;
"""

_V5 = """
-- A parsed deck is reused only by the parser that made it (deck-format version, app version,
-- language of its messages); rows from before this column are parsed again.
ALTER TABLE deck_files ADD COLUMN parsed_by TEXT NOT NULL DEFAULT '';
"""

_V6 = """
-- Cards the person set aside in the deck browser: never drilled until unsuspended.
CREATE TABLE suspended_cards (
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    suspended_at REAL NOT NULL,
    PRIMARY KEY (deck_id, language, card_id)
);
"""

_V7 = """
-- Spoken answers. A row is made when recording starts (before the answer exists) so a crash
-- mid-recording still leaves the file findable; `seconds` stays NULL until it is finished.
CREATE TABLE recordings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    answer_id INTEGER REFERENCES answers(id) ON DELETE SET NULL,
    path TEXT NOT NULL,             -- relative to the data folder
    started_at REAL NOT NULL,
    seconds REAL,                   -- NULL while recording or after a crash, until repaired
    measures TEXT,                  -- voice-activity measures as JSON
    transcript TEXT,                -- what the recogniser heard, or the person's correction
    transcript_engine TEXT,
    transcript_words TEXT,          -- [[word, start_s, end_s], ...] as JSON
    transcript_corrected INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recordings_by_answer ON recordings(answer_id);
CREATE INDEX recordings_by_card ON recordings(deck_id, language, card_id, started_at);
CREATE INDEX recordings_unfinished ON recordings(id) WHERE seconds IS NULL;
"""

_V8 = """
-- A real interview the person prepares for (issue #14); several may exist.
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    company TEXT NOT NULL,
    role TEXT NOT NULL,             -- ae, sdr or promotion
    date TEXT NOT NULL,             -- YYYY-MM-DD, the person's local day
    time TEXT,                      -- HH:MM, local; NULL when not known
    job_description TEXT NOT NULL DEFAULT '',
    minutes_per_day INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL
);
-- The story bank: real stories behavioural answers are built from.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    situation TEXT NOT NULL DEFAULT '',
    task TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    numbers TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
-- Which questions a story answers; keyed like history, by (deck id, language, card id).
CREATE TABLE story_links (
    story_uid TEXT NOT NULL REFERENCES stories(uid) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    PRIMARY KEY (story_uid, deck_id, language, card_id)
);
CREATE INDEX story_links_by_card ON story_links(deck_id, language, card_id);
"""

_V9 = """
-- A mock interview kept as a whole; its answers point back to it. A follow-up's answer and a
-- role-played call's replies say which question of their card they answer.
CREATE TABLE mocks (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,           -- what was rehearsed: deck keys or a role
    language TEXT NOT NULL,
    planned INTEGER NOT NULL,       -- questions asked for
    started_at REAL NOT NULL,
    finished_at REAL                -- NULL until every answer is rated
);
CREATE INDEX mocks_by_time ON mocks(started_at);
ALTER TABLE answers ADD COLUMN mock_id INTEGER REFERENCES mocks(id) ON DELETE SET NULL;
ALTER TABLE answers ADD COLUMN follow_up INTEGER;  -- index in the card's follow_ups
ALTER TABLE answers ADD COLUMN turn_id TEXT;       -- the role-play turn replied to
CREATE INDEX answers_by_mock ON answers(mock_id) WHERE mock_id IS NOT NULL;
"""

_V10 = """
-- A draft belongs to one part of its card, restored only there: '' the card's own question
-- (a role-played call's opening line), 'follow-up:N' a mock's follow-up, 'turn:ID' a later
-- turn of a call. Drafts from before were the card's own question's.
CREATE TABLE drafts_by_part (
    deck_id TEXT NOT NULL,
    language TEXT NOT NULL,
    card_id TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    PRIMARY KEY (deck_id, language, card_id, part)
);
INSERT INTO drafts_by_part(deck_id, language, card_id, part, text, seconds, updated_at)
    SELECT deck_id, language, card_id, '', text, seconds, updated_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_by_part RENAME TO drafts;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10)
LATEST_VERSION = len(MIGRATIONS)


class NewerDatabaseError(Exception):
    """The database was written by a newer interviewprep; refuse rather than damage it."""


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the database to `target`, one version per transaction; return the old version."""
    (current,) = connection.execute("PRAGMA user_version").fetchone()
    if current > LATEST_VERSION:
        raise NewerDatabaseError(
            _("the database is at schema version {version}, newer than this interviewprep "
              "understands ({latest}); upgrade interviewprep").format(
                  version=current, latest=LATEST_VERSION)
        )
    for version in range(current + 1, target + 1):
        script = MIGRATIONS[version - 1]
        # executescript commits first; the explicit BEGIN makes each step all-or-nothing.
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return int(current)
