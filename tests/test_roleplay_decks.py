"""The bundled role-play calls: the same calls and turns in every language, and every path
through a call ends."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

from interviewprep.core.decks.yaml_reader import MapNode, Node, SeqNode, read

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "es")
DECK_FILE = "roleplay-calls.yaml"
ARTICLE = ROOT.parent / "shared" / "source" / "sdr-vs-ae.txt"
END = "end"


def plain(node: Node) -> Any:
    if isinstance(node, MapNode):
        return {key: plain(value) for key, (_, value) in node.value.items()}
    if isinstance(node, SeqNode):
        return [plain(item) for item in node.value]
    return node.value


def deck_path(language: str) -> Path:
    return ROOT / "decks" / language / DECK_FILE


def load(language: str) -> dict[str, Any]:
    root, problems = read(deck_path(language).read_text(encoding="utf-8"))
    assert root is not None and not problems, problems
    deck: dict[str, Any] = plain(root)
    assert deck["language"] == language
    return deck


def successors(turns: list[dict[str, Any]], index: int) -> set[str]:
    turn = turns[index]
    if turn.get("end"):
        return set()
    targets = {branch["goto"] for branch in turn.get("branches", [])}
    if "next" in turn:
        targets.add(turn["next"])
    else:
        assert index + 1 < len(turns), f"{turn['id']}: the last turn needs next or end"
        targets.add(turns[index + 1]["id"])
    return targets


def check_call(card: dict[str, Any]) -> None:
    where = card["id"]
    turns: list[dict[str, Any]] = card["turns"]
    ids = [turn["id"] for turn in turns]
    assert len(ids) == len(set(ids)), where
    graph = {turn["id"]: successors(turns, i) for i, turn in enumerate(turns)}
    for turn_id, targets in graph.items():
        assert targets <= set(ids) | {END}, f"{where}/{turn_id}: unknown target {targets}"
    endings = {turn["id"] for turn in turns if turn.get("end")} | {END}
    # Walk backwards from the endings: every turn that is reached must be able to finish.
    finishing = set(endings)
    changed = True
    while changed:
        changed = False
        for turn_id, targets in graph.items():
            if turn_id not in finishing and targets & finishing:
                finishing.add(turn_id)
                changed = True
    reached, queue = {ids[0]}, [ids[0]]
    while queue:
        for target in graph.get(queue.pop(), set()) - reached - {END}:
            reached.add(target)
            queue.append(target)
    assert reached == set(ids), f"{where}: turns never reached: {set(ids) - reached}"
    assert reached <= finishing, f"{where}: no way to an ending from {reached - finishing}"
    for turn in turns:
        if turn.get("end"):
            assert not turn.get("branches") and "next" not in turn, f"{where}/{turn['id']}"
        else:
            assert len(turn.get("talking_points", [])) >= 3, f"{where}/{turn['id']}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_call_is_complete_and_every_path_ends(language: str) -> None:
    cards = load(language)["cards"]
    assert len(cards) >= 4
    for card in cards:
        assert card["kind"] == "roleplay"
        assert card["scenario"].strip() and len(card["scoring"]) >= 3, card["id"]
        assert 10 <= card["time_limit"] <= 180, card["id"]
        check_call(card)


def test_same_calls_and_turns_in_every_language() -> None:
    english, spanish = load("en"), load("es")
    assert english["id"] == spanish["id"]
    for en_card, es_card in zip(english["cards"], spanish["cards"], strict=True):
        assert en_card["id"] == es_card["id"]
        shape = [[(t["id"], t.get("end", False), t.get("next"),
                   [(b["when"], b["goto"]) for b in t.get("branches", [])])
                  for t in card["turns"]] for card in (en_card, es_card)]
        assert shape[0] == shape[1], en_card["id"]
        # Spanish answers run about 20% longer than English ones.
        assert es_card["time_limit"] >= math.floor(en_card["time_limit"] * 1.15), en_card["id"]


def test_spanish_buyer_lines_open_their_questions() -> None:
    for card in load("es")["cards"]:
        for line in [card["prompt"]] + [turn["buyer"] for turn in card["turns"]]:
            if "?" in line:
                assert "¿" in line, f"{card['id']}: {line}"


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")
def test_no_sentence_of_the_source_article_is_copied() -> None:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 8]) for i in range(len(words) - 7)}

    copied = shingles(deck_path("es").read_text(encoding="utf-8"))
    assert not copied & shingles(ARTICLE.read_text(encoding="utf-8"))
