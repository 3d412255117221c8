"""A dialog for one deck's own new-cards-a-day limit (empty: follow the default)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.settings import SettingsError
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _
from interviewprep.tui.translation import translate_bindings


class DeckLimitScreen(ModalScreen[bool]):
    """Returns True when the limit was saved."""

    CSS_PATH = "deck_limit.tcss"  # loaded when the screen is first shown

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="deck-limit.cancel")]

    def __init__(self, collection: Collection, deck: DeckInfo) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.deck = deck

    def compose(self) -> ComposeResult:
        own = self.collection.new_limit(self.deck)
        default = self.collection.settings.new_per_day
        with Vertical(id="deck-limit-dialog"):
            yield Static(Text(visible(self.deck.title), style="bold"))
            yield Static(_("New cards a day for this deck (empty: the default, {default}). "
                           "Enter saves.").format(default=default), markup=False)
            yield Input("" if own == default else str(own), id="deck-limit", type="integer")
            yield Static(id="deck-limit-error", markup=False)

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        try:
            self.collection.set_new_limit(self.deck, int(value) if value else None)
        except (SettingsError, ValueError) as error:
            self.query_one("#deck-limit-error", Static).update(f"⚠ {error}")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
