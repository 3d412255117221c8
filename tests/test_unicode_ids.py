"""Deck and card ids in any alphabet (issue #13): lowercase letters and digits joined by
hyphens, in NFC. A decomposed id is the same id; capitals are refused with the lowercase
spelling as a hint; the published JSON Schema agrees with a standard validator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from interviewprep.core.decks.validate import load_deck_file
from interviewprep.locations import bundled_decks_dir
from tests.conftest import SMALL_DECK, RunCli, WriteDeck

DECOMPOSED = "objeci" + "o\u0301" + "n-cierre"  # ó as o + combining acute accent


def spanish_deck() -> str:
    return (SMALL_DECK.replace("id: mini", "id: año-fiscal")
            .replace("id: pen", "id: objeción-precio")
            .replace("id: budget", f"id: {DECOMPOSED}")
            .replace("id: punctual", "id: 日本語-2"))


def test_unicode_ids_load_in_nfc(cli: RunCli, write_deck: WriteDeck, deck_dir: Path) -> None:
    path = write_deck(spanish_deck(), name="año.yaml")
    result = cli("validate", path)
    # The deck's "Sell me this pen." also warns: it nearly duplicates a bundled card.
    assert result.code == 0 and "\n1 deck valid\n1 warning\n" in result.out
    deck, _ = load_deck_file(path)
    assert deck is not None
    assert [c.id for c in deck.cards] == ["objeción-precio", "日本語-2", "objeción-cierre"]
    listed = cli("--decks", deck_dir, "decks", "--json").json()
    assert isinstance(listed, dict)
    assert "año-fiscal@en" in [d["key"] for d in listed["decks"]]
    # Typed decomposed on the command line, it is still the same deck.
    result = cli("--decks", deck_dir, "history", "--deck", "an\u0303o-fiscal")
    assert result.code == 0, result.err


def tip(card_id: str) -> str:
    return f"  - id: {card_id}\n    kind: tip\n    prompt: P\n    answer: A\n"


def test_bad_ids_say_what_an_id_is(cli: RunCli, write_deck: WriteDeck) -> None:
    cards = [tip("año--fiscal"), tip("x" * 61), tip("objeción-precio"),
             tip("objeci\u00f3n-precio"), tip(DECOMPOSED), tip("objeci\u00f3n-cierre")]
    path = write_deck("id: Objeción-Precio\ntitle: T\nlanguage: es\ncards:\n" + "".join(cards))
    result = cli("validate", path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[:5] == [
        f"{path}:1:5: 'id' must be lowercase words of letters (any alphabet) and digits "
        "joined by single hyphens, like 'objection-price' or 'objeción-precio'; got "
        "'Objeción-Precio' (write it in lower case: 'objeción-precio')",
        f"{path}:5:9: 'id' must be lowercase words of letters (any alphabet) and digits "
        "joined by single hyphens, like 'objection-price' or 'objeción-precio'; got "
        "'año--fiscal'",
        f"{path}:9:9: 'id' is 61 characters long; ids are at most 60",
        f"{path}:17:9: duplicate card id 'objeción-precio' (first at line 13)",
        # The decomposed spelling of an id is the same id.
        f"{path}:25:9: duplicate card id 'objeción-cierre' (first at line 21)",
    ]


def load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the safe loader, in C


def test_json_schema_agrees_with_the_app(cli: RunCli) -> None:
    result = cli("schema")
    assert result.code == 0
    validator = jsonschema.Draft202012Validator(json.loads(result.out))
    decks = sorted(bundled_decks_dir().rglob("*.yaml"))
    assert len(decks) >= 14
    for path in decks:
        validator.validate(load(path.read_text(encoding="utf-8")))
    validator.validate(load(spanish_deck()))
    # The pattern cannot say "lowercase letter" in every validator's regex dialect; it
    # refuses what is plainly wrong, and `validate` checks the rest.
    base = load(SMALL_DECK)
    for bad in ("Objeción", "ÁRBOL", "año fiscal", "año--fiscal", "-año", "año-", "a_b",
                "a.b", "a\u202eb", "a\x1bb", "a\u00a0b", "x" * 61, ""):
        assert not validator.is_valid({**base, "id": bad}), bad
        assert not validator.is_valid({**base, "cards": [{**base["cards"][0], "id": bad}]}), bad
