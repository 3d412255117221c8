"""The deck browser: every card of a deck with its state, due date, last rating and number of
attempts; search by text, open a card's history, suspend or unsuspend it, and edit the deck
file in $EDITOR (the deck is reloaded on return). Only the person's own and linked decks are
edited: a deck that comes with the app is refused, with how to make an editable copy."""

from __future__ import annotations

import os
import shlex
import subprocess

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from interviewprep.core.collection import BrowsedCard, CardStatus, Collection
from interviewprep.core.decks import library
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, format_date
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.columns import Column, fit_columns
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS

STATUS_LABELS = {CardStatus.NEW: N_("new"), CardStatus.LEARNING: N_("learning"),
                 CardStatus.REVIEW: N_("review"), CardStatus.RELEARNING: N_("relearning")}

MIN_CARD_COLUMN = 20
# #browser has one cell of padding either side (browser.tcss).
BROWSER_PADDING = 2


class BrowserScreen(Screen[None]):
    CSS_PATH = "browser.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("slash", "search", N_("Search"), id="browser.search"),
        Binding("enter", "history", N_("History"), id="browser.history"),
        Binding("x", "suspend", N_("Suspend/restore"), id="browser.suspend"),
        Binding("ctrl+e", "edit", N_("Edit deck"), id="browser.edit"),
        Binding("escape", "back", N_("Back"), id="browser.back"),
    ]

    def __init__(self, collection: Collection, deck: DeckInfo) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.deck = deck
        self.rows: list[BrowsedCard] = []

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="browser"):
            yield Static(Text(visible(self.deck.title), style="bold"), id="browser-title")
            yield Input(placeholder=_("Search the cards (/)"), id="browser-search")
            yield DataTable(id="browser-cards", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def on_mount(self) -> None:
        self.refresh_cards()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_cards()

    def refresh_cards(self) -> None:
        search = self.query_one(Input).value
        self.rows = self.collection.browse(self.deck, search)
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        # The prompt takes what the short columns leave; on a narrow terminal Tries, Last
        # and Kind make way so the state and due date always show in full.
        columns = [Column(_("Card")), Column(_("Kind"), drop_order=1), Column(_("State")),
                   Column(_("Due")), Column(_("Last"), drop_order=2),
                   Column(_("Tries"), drop_order=3)]
        for browsed in self.rows:
            state = _(STATUS_LABELS[browsed.status])
            if browsed.suspended:
                state = _("suspended")
            last = _(RATING_LABELS[browsed.last_rating]) if browsed.last_rating else "—"
            due = format_date(browsed.due) if browsed.due is not None else "—"
            style = "dim" if browsed.suspended else ""
            cells = (Text(visible(browsed.card.prompt), style=style),
                     Text(browsed.card.kind.label),
                     Text(state, style="yellow" if browsed.suspended else ""),
                     Text(due), Text(last), Text(str(browsed.attempts)))
            for column, cell in zip(columns, cells, strict=True):
                column.cells.append(cell)
        fit_columns(table, self.size.width - BROWSER_PADDING, columns,
                    [browsed.card.id for browsed in self.rows], minimum=MIN_CARD_COLUMN)
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))

    def selected(self) -> BrowsedCard | None:
        if not self.rows:
            return None
        return self.rows[self.query_one(DataTable).cursor_row]

    @on(DataTable.RowSelected)
    def open_history(self) -> None:
        self.action_history()

    @on(Input.Changed, "#browser-search")
    def search_changed(self) -> None:
        self.refresh_cards()

    @on(Input.Submitted, "#browser-search")
    def search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_history(self) -> None:
        from interviewprep.tui.screens.history import HistoryScreen

        browsed = self.selected()
        if browsed is not None:
            item = self.collection.item(self.deck, browsed.card.id)
            self.app.push_screen(HistoryScreen(self.collection, item))

    def action_suspend(self) -> None:
        browsed = self.selected()
        if browsed is None:
            return
        self.collection.set_suspended(self.deck, browsed.card.id, not browsed.suspended)
        self.notify(_("Restored: it will be drilled again.") if browsed.suspended
                    else _("Suspended: it will not be drilled."), timeout=2)
        self.refresh_cards()

    def action_edit(self) -> None:
        if self._refuse_bundled():
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(_("Set $EDITOR to edit a deck from here."), severity="warning")
            return
        command = [*shlex.split(editor), str(self.deck.path)]
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            if not self.app.is_headless:  # in a browser there is no terminal to lend
                self.notify(_("The editor can only be opened in a terminal."),
                            severity="warning")
                return
            subprocess.run(command, check=False, stdin=subprocess.DEVNULL)
        self.collection.reload_decks()
        reloaded = self.collection.library.find(self.deck.key)
        if reloaded is None:
            problems = [s for s in self.collection.library.skipped if s.path == self.deck.path]
            reason = visible(problems[0].reason) if problems else ""
            self.notify(_("The deck no longer loads: {reason}").format(reason=reason),
                        severity="error", markup=False, timeout=8)
            self.app.pop_screen()
            return
        self.deck = reloaded
        self.refresh_cards()
        self.notify(_("Deck reloaded."), timeout=2)

    def _refuse_bundled(self) -> bool:
        """A deck that comes with the app is never opened in the editor; say how to have
        one of your own instead (`add` refuses a copy that keeps a bundled deck's id)."""
        if not library.is_bundled(self.deck):
            return False
        self.notify(_("Decks that come with interviewprep are read-only. For one you can "
                      "edit, copy {path} to a file of your own, give it a new id, and run "
                      "'interviewprep add' on it; or start a deck with 'interviewprep new'.")
                    .format(path=visible(str(self.deck.path))),
                    title=_("Not editable"), severity="warning", markup=False, timeout=12)
        return True

    def action_back(self) -> None:
        self.app.pop_screen()
