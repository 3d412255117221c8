"""The engine: decks, store, scheduling and answer analysis. Never imports a UI toolkit."""
