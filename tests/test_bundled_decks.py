"""The bundled decks: valid, the same ids in every language, and worth rehearsing with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interviewprep.core.decks.model import CardKind, Deck
from interviewprep.core.decks.validate import load_deck_file
from interviewprep.locations import bundled_decks_dir
from tests.conftest import RunCli

DECKS = bundled_decks_dir()
LANGUAGES = ("en", "es")
EXPECTED_DECKS = {"ae-interview", "sdr-interview", "sdr-to-ae-promotion", "objection-handling",
                  "interview-dos-donts", "questions-to-ask", "role-knowledge",
                  "cold-call-brush-offs", "methods-and-tools", "work-samples"}
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "sdr-vs-ae.txt"


def load(language: str) -> dict[str, Deck]:
    decks = {}
    for path in sorted((DECKS / language).glob("*.yaml")):
        deck, problems = load_deck_file(path)
        assert deck is not None, problems
        assert deck.info.language == language
        decks[deck.info.id] = deck
    return decks


def test_validate_command_passes_on_the_bundled_decks(cli: RunCli) -> None:
    result = cli("validate", DECKS)
    assert result.code == 0, result.out
    assert "20 deck(s) valid" in result.out


def test_same_decks_and_card_ids_in_every_language() -> None:
    english, spanish = load("en"), load("es")
    assert set(english) == set(spanish) == EXPECTED_DECKS
    for deck_id, deck in english.items():
        assert [c.id for c in deck.cards] == [c.id for c in spanish[deck_id].cards], deck_id
        assert [c.kind for c in deck.cards] == [c.kind for c in spanish[deck_id].cards]


@pytest.mark.parametrize("language", LANGUAGES)
def test_enough_cards_and_each_one_coaches(language: str) -> None:
    decks = load(language)
    assert sum(len(d.cards) for d in decks.values()) >= 150
    for deck in decks.values():
        for card in deck.cards:
            where = f"{deck.info.id}/{card.id}"
            if card.kind is not CardKind.TIP:
                assert len(card.talking_points) >= 3, where
            if card.kind is CardKind.QUESTION:
                assert card.time_limit is not None and 30 <= card.time_limit <= 180, where


def test_no_prompt_is_repeated_across_decks() -> None:
    for language in LANGUAGES:
        prompts = [c.prompt.strip().lower() for d in load(language).values() for c in d.cards]
        assert len(prompts) == len(set(prompts)), language


def test_spanish_uses_inverted_question_marks() -> None:
    for deck in load("es").values():
        for card in deck.cards:
            if card.prompt.rstrip('"»”').endswith("?"):
                assert "¿" in card.prompt, f"{deck.info.id}/{card.id}: {card.prompt}"


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")
def test_no_sentence_of_the_source_article_is_copied() -> None:
    article = _shingles(ARTICLE.read_text(encoding="utf-8"))
    for path in sorted((DECKS / "es").glob("*.yaml")):
        copied = _shingles(path.read_text(encoding="utf-8")) & article
        assert not copied, f"{path.name} repeats the article: {sorted(copied)[:3]}"
