"""The Spanish interface never falls behind the English one, and nothing shown to a person
skips the translation function."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from interviewprep import i18n

PACKAGE = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def extracted() -> set[tuple[str, str | None]]:
    """Every message the code marks, as `pybabel extract` finds it: (msgid, context)."""
    found: set[tuple[str, str | None]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS,
    ):
        found.add((message if isinstance(message, str) else message[0], context))
    return found


def spanish() -> Catalog:
    with (PACKAGE / "locale" / "es" / "LC_MESSAGES" / "interviewprep.po").open("rb") as po:
        return read_po(po)


def test_every_message_has_a_current_spanish_translation() -> None:
    catalog = spanish()
    untranslated = []
    for message, context in sorted(extracted(), key=str):
        entry = catalog.get(message, context=context)
        if entry is None:
            untranslated.append(f"missing from es.po (run `make catalogs`): {message!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            untranslated.append(f"not translated: {message!r}")
    assert untranslated == []


def test_translations_keep_their_placeholders() -> None:
    for entry in spanish():
        if not entry.id or not entry.string:
            continue
        ids = tuple(entry.id) if isinstance(entry.id, tuple | list) else (entry.id,)
        strings = (tuple(entry.string) if isinstance(entry.string, tuple | list)
                   else (entry.string,))
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            # A singular form may spell out its number ("una tarjeta") instead of {count}.
            assert set(PLACEHOLDER.findall(string)) <= wanted | set(PLACEHOLDER.findall(ids[0]))
            assert set(PLACEHOLDER.findall(string)) >= wanted - {"{count}", "%s"}, entry.id


# Calls whose text reaches a person, and which argument holds it.
SHOWN = {"notify": 0, "Static": 0, "Label": 0, "Button": 0, "UserError": 0, "update": 0,
         "SystemCommand": 0, "add_column": 0, "Binding": 2, "print": 0}
SHOWN_KEYWORDS = {"help", "description", "title", "placeholder", "border_title"}
WORDS = re.compile(r"[A-Za-z]{3,}")


def _is_prose(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_prose(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _is_prose(node.left) or _is_prose(node.right)
    return False


def untranslated_literals(path: Path) -> list[str]:
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr in SHOWN_KEYWORDS
                for t in node.targets) and _is_prose(node.value):
            problems.append(f"{path.name}:{node.lineno}")
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        index = SHOWN.get(name)
        if index is not None and len(node.args) > index and _is_prose(node.args[index]):
            problems.append(f"{path.name}:{node.lineno} {name}()")
        for keyword in node.keywords:
            if keyword.arg in SHOWN_KEYWORDS and _is_prose(keyword.value):
                problems.append(f"{path.name}:{node.lineno} {keyword.arg}=")
    return problems


@pytest.mark.parametrize("folder", ["cli", "tui"])
def test_nothing_shown_skips_translation(folder: str) -> None:
    problems = [p for path in sorted((PACKAGE / folder).rglob("*.py"))
                for p in untranslated_literals(path)]
    assert problems == []


def test_the_language_follows_the_system_and_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert i18n.choose_language() == "es"
    monkeypatch.setenv("LANG", "C")
    assert i18n.choose_language() == "en"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.choose_language() == "en"
    monkeypatch.setenv("LANGUAGE", "es:en")
    assert i18n.choose_language() == "es"
    assert i18n.choose_language("en") == "en", "an explicit choice wins"
    try:
        i18n.set_language("es")
        assert i18n.ngettext("{count} day", "{count} days", 1) == "{count} día"
        assert i18n.ngettext("{count} day", "{count} days", 3) == "{count} días"
        assert i18n.format_decimal(0.85, "0.00") == "0,85"
        assert i18n._("Settings saved.") == "Ajustes guardados."
    finally:
        i18n.set_language("en")


# In the core, what reaches a person is an exception's message or a deck problem. Errors
# that mean a bug in the program (a wrong phase, an unhandled case) stay in English.
PROGRAMMER_ERRORS = {"AssertionError", "RuntimeError", "PhaseError", "NotImplementedError",
                     "TypeError", "KeyError"}
# Calls that make a deck problem or warning, and which argument holds its message.
CORE_SHOWN = {"at": 1, "problem": 2, "_warn": 1, "_problem": 1, "DeckProblem": 3}


def untranslated_core_messages(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            kind = node.exc.func
            name = kind.attr if isinstance(kind, ast.Attribute) else getattr(kind, "id", "")
            if name not in PROGRAMMER_ERRORS and node.exc.args and _is_prose(node.exc.args[0]):
                problems.append(f"{path.name}:{node.lineno} raise {name}")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            index = CORE_SHOWN.get(name)
            if index is not None and len(node.args) > index and _is_prose(node.args[index]):
                problems.append(f"{path.name}:{node.lineno} {name}()")
    return problems


def test_core_messages_shown_to_people_are_translated() -> None:
    problems = [p for path in sorted((PACKAGE / "core").rglob("*.py"))
                for p in untranslated_core_messages(path)]
    assert problems == []


def test_the_core_guard_catches_an_untranslated_message(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(checker, node, name):\n"
        "    checker.at(node, f\"'{name}' is empty\")\n"
        "    raise ValueError('the file is too large')\n"
        "    raise RuntimeError('already recording')\n"
        "    checker.at(node, _('is fine'))\n", encoding="utf-8")
    assert sorted(untranslated_core_messages(sample)) == [
        "sample.py:2 at()", "sample.py:3 raise ValueError"]
