"""Deck loading and validation: every error class points at its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.core.decks.library import load_library
from interviewprep.core.decks.model import CardKind, Deck, DeckProblem
from interviewprep.core.decks.schema import CARD_KEYS, DECK_KEYS, json_schema
from interviewprep.core.decks.validate import load_deck_file, parse_deck
from interviewprep.core.store import Store
from tests.conftest import SMALL_DECK, WriteDeck


def problems_of(text: str | bytes, name: str = "deck.yaml") -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    deck, problems = parse_deck(data, Path(name))
    assert deck is None, "a deck with problems must not load"
    return [str(p) for p in problems]


def test_valid_deck_loads_every_field(write_deck: WriteDeck) -> None:
    deck, problems = load_deck_file(write_deck())
    assert problems == []
    assert deck is not None
    assert deck.info.id == "mini" and deck.info.language == "en"
    assert deck.info.roles == ("ae",)
    assert [c.id for c in deck.cards] == ["pen", "punctual", "budget"]
    pen = deck.cards[0]
    assert pen.kind is CardKind.QUESTION and pen.time_limit == 90
    assert len(pen.talking_points) == 3
    assert deck.cards[1].answer == "Five minutes early, with the link and audio tested."


def test_typo_key_suggests_the_right_one() -> None:
    text = SMALL_DECK.replace("    talking_points:\n      - Ask what",
                              "    talkin_points:\n      - Ask what")
    assert problems_of(text) == [
        "deck.yaml:6:5: a question card needs something to reveal: talking_points, answer, "
        "example, do or dont",
        "deck.yaml:9:5: unknown card key 'talkin_points'; did you mean 'talking_points'? "
        "(allowed: id, kind, prompt, answer, talking_points, do, dont, example, follow_ups, "
        "time_limit, tags, expects_numbers, scenario, speaker, turns, scoring)"
    ]


def test_wrong_kind_lists_the_valid_ones() -> None:
    text = SMALL_DECK.replace("kind: tip", "kind: tips")
    assert problems_of(text) == [
        "deck.yaml:15:11: unknown kind 'tips' (did you mean 'tip'?); valid kinds: "
        "question, tip, objection, roleplay"
    ]


def test_duplicate_card_id_names_both_lines() -> None:
    text = SMALL_DECK.replace("id: budget", "id: pen")
    assert problems_of(text) == ["deck.yaml:18:9: duplicate card id 'pen' (first at line 6)"]


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    text = (SMALL_DECK.replace("kind: tip", "kind: tipp").replace("time_limit: 90",
            "time_limit: soon").replace("language: en", "langage: en"))
    problems = problems_of(text)
    assert problems == [
        "deck.yaml:1:1: deck is missing required key 'language'",
        "deck.yaml:3:1: unknown deck key 'langage'; did you mean 'language'? (allowed: id, "
        "title, description, language, roles, tags, author, version, cards)",
        "deck.yaml:13:17: 'time_limit' must be a whole number of seconds",
        "deck.yaml:15:11: unknown kind 'tipp' (did you mean 'tip'?); valid kinds: question, "
        "tip, objection, roleplay",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "deck.yaml:1:1: the deck is empty; a deck is a mapping with id, title, language "
              "and cards"),
        (b"   \n\n", "deck.yaml:1:1: the deck is empty; a deck is a mapping with id, title, "
                    "language and cards"),
        (b"- a\n- b\n", "deck.yaml:1:1: a deck must be a mapping (id, title, language, cards, "
                        "…) at the top, found a list"),
        (b"id: x\ntitle: caf\xe9\n", "deck.yaml:2:11: the file is not UTF-8 text; save it as "
                                     "UTF-8"),
        (b"id: x\ncards:\n\t- id: a\n", "deck.yaml:3:1: tab used for indentation; YAML "
                                       "indents with spaces"),
        (b"id: x\ntitle: [unclosed\n", "deck.yaml:3:1: YAML syntax error: did not find "
                                      "expected ',' or ']'"),
        (b"id: &a x\ntitle: *a\n", "deck.yaml:1:5: anchors and aliases (& and *) are not "
                                   "allowed in decks; write the text out"),
        (b"id: !!python/object/apply:os.system [echo]\n", "deck.yaml:1:5: YAML tags are not "
         "allowed in decks (found tag:yaml.org,2002:python/object/apply:os.system)"),
    ],
)
def test_file_level_errors_are_one_line_each(data: bytes, expected: str) -> None:
    assert expected in problems_of(data)


def test_oversized_deck_is_refused_with_the_limit() -> None:
    data = b"id: x\n" + b"# padding\n" * (900 * 1024)
    assert problems_of(data) == ["deck.yaml:1:1: the deck is 8.8 MiB; decks are limited to "
                                 "8 MiB"]


def test_a_value_yaml_reads_as_boolean_gets_a_quote_hint() -> None:
    text = SMALL_DECK.replace("answer: Five minutes early, with the link and audio tested.",
                              "answer: no")
    assert problems_of(text) == ["deck.yaml:17:13: 'answer' must be text, found the boolean "
                                 "false (put it in quotes to make it text)"]


def test_tip_without_answer_and_question_without_guidance() -> None:
    text = """\
id: x
title: X
language: en
cards:
  - id: t
    kind: tip
    prompt: P
  - id: q
    kind: question
    prompt: Q
"""
    assert problems_of(text) == [
        "deck.yaml:5:5: a tip card needs an 'answer' to reveal",
        "deck.yaml:8:5: a question card needs something to reveal: talking_points, answer, "
        "example, do or dont",
    ]


def test_broken_deck_does_not_stop_the_others(tmp_path: Path, write_deck: WriteDeck,
                                              deck_dir: Path) -> None:
    write_deck()
    write_deck("id: broken\ntitle: [\n", name="broken.yaml")
    with Store(tmp_path / "db.sqlite3") as store:
        library = load_library(store, [deck_dir])
    assert [d.id for d in library.decks] == ["mini"]
    assert [s.path.name for s in library.skipped] == ["broken.yaml"]
    assert "YAML syntax error" in library.skipped[0].reason


def test_duplicate_deck_id_and_language_skips_the_second(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path
) -> None:
    first = write_deck(name="a.yaml")
    second = write_deck(name="b.yaml")
    spanish = write_deck(SMALL_DECK.replace("language: en", "language: es"), name="c.yaml")
    with Store(tmp_path / "db.sqlite3") as store:
        library = load_library(store, [deck_dir])
    assert [d.path for d in library.decks] == [first, spanish]
    assert len(library.skipped) == 1
    message = str(library.skipped[0].problems[0])
    assert str(second) in message and str(first) in message


def test_unchanged_decks_are_not_parsed_again(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewprep.core.decks import validate as validate_module

    path = write_deck()
    write_deck("id: broken\n", name="broken.yaml")
    db = tmp_path / "db.sqlite3"
    with Store(db) as store:
        load_library(store, [deck_dir])
    calls: list[Path] = []
    real_parse = validate_module.parse_deck

    def counting_parse(data: bytes, where: Path) -> tuple[Deck | None, list[DeckProblem]]:
        calls.append(where)
        return real_parse(data, where)

    monkeypatch.setattr(validate_module, "parse_deck", counting_parse)
    with Store(db) as store:
        again = load_library(store, [deck_dir])
    assert calls == []
    assert [d.id for d in again.decks] == ["mini"]
    assert len(again.skipped) == 1, "cached problems are reported without parsing"

    path.write_text(SMALL_DECK.replace("Mini deck", "Mini deck, edited"), encoding="utf-8")
    with Store(db) as store:
        edited = load_library(store, [deck_dir])
    assert calls == [path]
    assert edited.decks[0].title == "Mini deck, edited"


def test_symlink_escaping_the_deck_folder_is_refused(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path
) -> None:
    outside = write_deck(folder=tmp_path / "elsewhere")
    (deck_dir / "sneaky.yaml").symlink_to(outside)
    with Store(tmp_path / "db.sqlite3") as store:
        library = load_library(store, [deck_dir])
    assert library.decks == []
    assert "links outside its folder" in library.skipped[0].reason


def test_schema_lists_exactly_the_keys_the_validator_accepts() -> None:
    schema = json_schema()
    assert list(schema["properties"]) == list(DECK_KEYS)
    assert list(schema["$defs"]["card"]["properties"]) == list(CARD_KEYS)
    assert schema["required"] == ["id", "title", "language", "cards"]
    assert schema["$defs"]["card"]["properties"]["kind"]["enum"] == ["question", "tip",
                                                                     "objection", "roleplay"]


def test_the_documented_example_deck_is_valid(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "deck-format.md").read_text(
        encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    deck, problems = parse_deck(example.encode(), tmp_path / "example.yaml")
    assert problems == []
    assert deck is not None
    assert [c.kind.value for c in deck.cards] == ["question", "tip", "objection"]


def test_pure_python_parser_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the reader falls back to PyYAML's SafeLoader, with the same answers."""
    import yaml

    from interviewprep.core.decks import yaml_reader

    fast = parse_deck(SMALL_DECK.encode(), Path("deck.yaml"))
    monkeypatch.setattr(yaml_reader, "_Loader", yaml.SafeLoader)
    assert parse_deck(SMALL_DECK.encode(), Path("deck.yaml")) == fast
    assert problems_of("id: &a x\n") == ["deck.yaml:1:1: deck is missing required key 'cards'",
                                         "deck.yaml:1:1: deck is missing required key "
                                         "'language'",
                                         "deck.yaml:1:1: deck is missing required key 'title'",
                                         "deck.yaml:1:5: anchors and aliases (& and *) are "
                                         "not allowed in decks; write the text out"]
