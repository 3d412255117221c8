"""Decks: the model, the safe YAML reader, validation, the JSON Schema and discovery."""

from interviewprep.core.decks.model import Card, CardKind, Deck, DeckKey, DeckProblem

__all__ = ["Card", "CardKind", "Deck", "DeckKey", "DeckProblem"]
