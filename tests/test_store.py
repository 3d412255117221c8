"""The store: private files, migrations with data in them, durability across reopen and kill."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interviewprep.core.migrations import LATEST_VERSION, MIGRATIONS, NewerDatabaseError, migrate
from interviewprep.core.scheduling import Rating, Scheduler
from interviewprep.core.store import Store
from tests.conftest import START

REF = ("mini", "en", "pen")


def test_folder_and_database_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store(folder / "db.sqlite3") as store:
        store.record_answer(REF, "hello", 3.0, START)
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_schema_version_is_latest(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


@pytest.mark.parametrize("start", range(1, LATEST_VERSION))
def test_migration_keeps_answers_reviews_states_and_drafts(tmp_path: Path, start: int) -> None:
    """From every earlier schema, with data in it, to the latest."""
    path = tmp_path / "db.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=start)
    old.execute("INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, rating) VALUES ('a1', 'mini', 'en', 'pen', 'my answer', 42, "
                "1000, 3)")
    old.execute("INSERT INTO card_states VALUES ('mini', 'en', 'pen', 2, NULL, 3.1, 5.2, "
                "5000, 1000)")
    old.execute("INSERT INTO reviews(uid, deck_id, language, card_id, rating, reviewed_at, "
                "state_after) VALUES ('r1', 'mini', 'en', 'pen', 3, 1000, '{}')")
    if start >= 2:
        old.execute("INSERT INTO drafts VALUES ('mini', 'en', 'budget', 'half', 7, 1000)")
    old.close()
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert [a.text for a in store.answers()] == ["my answer"]
        state = store.card_state(REF)
        assert state is not None and state.stability == 3.1
        assert [r.uid for r in store.reviews()] == ["r1"]
        if start >= 2:
            kept = store.draft(("mini", "en", "budget"))
            assert kept is not None and kept.text == "half"
        store.save_draft(REF, "draft text", 12.0, START)
        draft = store.draft(REF)
        assert draft is not None and draft.text == "draft text"
        indexes = {row[0] for row in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "reviews_introductions" in indexes


def test_each_migration_step_is_atomic(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    migrate(connection, target=1)
    # A table the next step creates already exists: that step must fail as a whole.
    connection.execute("CREATE TABLE drafts (x)")
    with pytest.raises(sqlite3.OperationalError):
        migrate(connection)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert len(MIGRATIONS) == LATEST_VERSION


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    with pytest.raises(NewerDatabaseError, match="newer than this interviewprep"):
        Store(path)


def test_review_and_undo_persist_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    scheduler = Scheduler()
    after = scheduler.review(None, Rating.GOOD, START)
    with Store(path) as store:
        answer_id = store.record_answer(REF, "answer", 30.0, START)
        uid = store.record_review(REF, Rating.GOOD, None, after, START, 30000, answer_id)
    with Store(path) as store:
        assert store.card_state(REF) == after
        assert store.answers()[0].rating == Rating.GOOD
        assert store.undo_review(uid) == REF
    with Store(path) as store:
        assert store.card_state(REF) is None
        assert store.reviews() == []
        assert store.answers()[0].rating is None, "the answer stays, only its rating goes"


def test_only_the_newest_review_of_a_card_can_be_undone(tmp_path: Path) -> None:
    scheduler = Scheduler()
    first = scheduler.review(None, Rating.GOOD, START)
    second = scheduler.review(first, Rating.GOOD, first.due)
    with Store(tmp_path / "db.sqlite3") as store:
        old_uid = store.record_review(REF, Rating.GOOD, None, first, START, None)
        store.record_review(REF, Rating.GOOD, first, second, first.due, None)
        assert store.undo_review(old_uid) is None
        assert store.card_state(REF) == second


def test_a_killed_process_loses_nothing_it_committed(tmp_path: Path) -> None:
    """Answers are committed as they are made: SIGKILL right after keeps every one."""
    path = tmp_path / "db.sqlite3"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from datetime import datetime, UTC
        from pathlib import Path
        from interviewprep.core.store import Store
        store = Store(Path({str(path)!r}))
        for i in range(50):
            store.record_answer(("mini", "en", "pen"), f"answer {{i}}", 1.0, datetime.now(UTC))
        store.save_draft(("mini", "en", "budget"), "half-typed", 5.0, datetime.now(UTC))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert done.returncode == -9
    with Store(path) as store:
        assert len(store.answers()) == 50
        draft = store.draft(("mini", "en", "budget"))
        assert draft is not None and draft.text == "half-typed"


def test_submitting_an_answer_clears_its_draft(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        store.save_draft(REF, "typing…", 4.0, START)
        store.record_answer(REF, "typing… done", 9.0, START)
        assert store.draft(REF) is None


def test_empty_answer_is_saved_as_such(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        store.record_answer(REF, "", 61.0, START)
        [answer] = store.answers()
        assert answer.text == "" and answer.seconds == 61.0


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "shared-with-me"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with Store(folder / "db.sqlite3"):
        pass
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "db.sqlite3").stat().st_mode) == 0o600
