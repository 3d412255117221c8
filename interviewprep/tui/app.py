"""The Textual app and its factory `make_app`, shared by the CLI, `python -m` and tests."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from interviewprep.core.collection import Collection, Mode
from interviewprep.core.decks.model import DeckInfo


class InterviewPrepApp(App[None]):
    TITLE = "interviewprep"

    def __init__(self, collection: Collection, start_deck: DeckInfo | None = None,
                 mode: Mode = Mode.REVIEW) -> None:
        super().__init__()
        self.collection = collection
        self.start_deck = start_deck
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Header()
        decks = self.collection.decks()
        yield Static(f"{len(decks)} decks loaded. The drill screens are on their way.")
        yield Footer()


def make_app(collection: Collection, start_deck: DeckInfo | None = None,
             mode: Mode = Mode.REVIEW) -> InterviewPrepApp:
    return InterviewPrepApp(collection, start_deck, mode)
