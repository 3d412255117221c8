"""Anki, both ways: read packages and plain-text exports into decks, write packages Anki opens."""
