"""Warnings for deck authors (`validate` prints them; `validate --strict` fails on them):
question cards with nothing to compare an answer against, very long prompts, near-duplicate
prompts within a deck or across decks, and deck ids that clash with a bundled deck.

Warnings never stop a deck from loading; they point at what a coach may want to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from interviewprep.core.decks.model import Card, CardKind, Deck, DeckKey, DeckProblem
from interviewprep.core.decks.yaml_reader import MapNode, ScalarNode, SeqNode, read
from interviewprep.i18n import _, format_percent, ngettext

LONG_PROMPT_CHARS = 280
# token_sort_ratio on lower-cased words without punctuation: 88 catches rewordings such as
# "Tell me about a deal you lost" / "Tell me about a deal that you lost", not siblings.
NEAR_DUPLICATE_SCORE = 88.0


@dataclass(frozen=True)
class _Where:
    deck: Deck
    card: Card
    line: int
    column: int


def _card_positions(path: Path) -> dict[str, tuple[int, int]]:
    """Line and column of each card's mapping, for pointing warnings at it."""
    try:
        root, _ = read(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return {}
    if not isinstance(root, MapNode) or "cards" not in root.value:
        return {}
    cards = root.value["cards"][1]
    out: dict[str, tuple[int, int]] = {}
    if isinstance(cards, SeqNode):
        for node in cards.value:
            if isinstance(node, MapNode) and "id" in node.value:
                id_node = node.value["id"][1]
                if isinstance(id_node, ScalarNode):
                    out[str(id_node.value)] = (node.line, node.column)
    return out


def _places(deck: Deck) -> list[_Where]:
    positions = _card_positions(deck.info.path)
    return [_Where(deck, card, *positions.get(card.id, (1, 1))) for card in deck.cards]


def _warn(where: _Where, message: str) -> DeckProblem:
    return DeckProblem(where.deck.info.path, where.line, where.column,
                       _("warning: card '{id}': {message}").format(id=where.card.id,
                                                                   message=message))


def lint(decks: Sequence[Deck], others: Sequence[Deck] = (),
         bundled: Sequence[DeckKey] = ()) -> list[DeckProblem]:
    """Warnings for `decks`; `others` (decks already installed) are only compared against."""
    warnings: list[DeckProblem] = []
    checked = [w for deck in decks for w in _places(deck)]
    checked_paths = {deck.info.path for deck in decks}
    for deck in decks:
        if deck.key in bundled:
            warnings.append(DeckProblem(deck.info.path, 1, 1, _(
                "warning: deck id '{key}' is a bundled deck's; this deck will be skipped "
                "(give it another id)").format(key=deck.key)))
    for where in checked:
        card = where.card
        if card.kind is CardKind.QUESTION and not card.talking_points:
            warnings.append(_warn(where, _("a question without talking_points gets no "
                                           "feedback on what the answer covered")))
        if len(card.prompt) > LONG_PROMPT_CHARS:
            warnings.append(_warn(where, ngettext(
                "the prompt is {count} character; keep it under {limit} so it reads at a "
                "glance",
                "the prompt is {count} characters; keep it under {limit} so it reads at a "
                "glance", len(card.prompt)).format(count=len(card.prompt),
                                                   limit=LONG_PROMPT_CHARS)))
    pool = checked + [_Where(d, c, 0, 0) for d in others if d.info.path not in checked_paths
                      for c in d.cards]
    prompts = [w.card.prompt for w in pool]
    for i, where in enumerate(checked):
        hits = process.extract(where.card.prompt, prompts, scorer=fuzz.token_sort_ratio,
                               processor=utils.default_process,
                               score_cutoff=NEAR_DUPLICATE_SCORE, limit=None)
        for _match, score, j in hits:
            other = pool[j]
            # Each pair of checked cards is reported once; other languages never compare.
            if j == i or (j < len(checked) and j < i) or \
                    other.deck.info.language != where.deck.info.language:
                continue
            place = (_("this deck") if other.deck.info.path == where.deck.info.path
                     else _("deck '{key}'").format(key=other.deck.key))
            warnings.append(_warn(where, _(
                "prompt nearly duplicates card '{id}' in {place} ({score} similar)").format(
                    id=other.card.id, place=place, score=format_percent(score / 100))))
    return sorted(warnings)
