"""Linked decks: deck files a person registered where they are (`add --link`), so a coach
edits the file in place and the app reloads it when it changed. The list is kept as one
setting in the store; the files themselves are never copied or written.
"""

from __future__ import annotations

import json
from pathlib import Path

from interviewprep.core.store import Store

SETTING = "linked_decks"


def linked_paths(store: Store) -> list[Path]:
    """Every linked deck file, in the order it was linked."""
    raw = store.get_setting(SETTING)
    if not raw:
        return []
    try:
        values = json.loads(raw)
    except json.JSONDecodeError:
        return []
    return [Path(v) for v in values if isinstance(v, str)]


def _save(store: Store, paths: list[Path]) -> None:
    store.set_setting(SETTING, json.dumps([str(p) for p in paths], ensure_ascii=False))


def link(store: Store, path: Path) -> bool:
    """Register `path` (made absolute); False when it was linked already."""
    wanted = path.absolute()
    paths = linked_paths(store)
    if wanted in paths:
        return False
    _save(store, [*paths, wanted])
    return True


def unlink(store: Store, path: Path) -> bool:
    """Forget a linked file (the file stays); False when it was not linked."""
    wanted = path.absolute()
    paths = linked_paths(store)
    if wanted not in paths:
        return False
    _save(store, [p for p in paths if p != wanted])
    return True
