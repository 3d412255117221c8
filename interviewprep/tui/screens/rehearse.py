"""The "Rehearse" dialog (the rehearsal modes for the selected deck) and `rehearsal_screen`,
which builds the screen for a mode: the home screen, the command palette and
`interviewprep drill DECK --mode …` all start a mode through it.

Choices: `review`, `practice`, `weak` (the drill, with its queue), `mock` (from the deck),
`mock:ae`, `mock:sdr`, `mock:promotion` (from the decks of a role), `mock:plan` (the next
interview's questions, in the order its plan prepares them), `quickfire`, and
`call:CARD` (one role-played call).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewprep.core.call import CallSession
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import CardKind, DeckInfo
from interviewprep.core.mock import (
    DEFAULT_QUESTIONS,
    MockInterview,
    Role,
    decks_for_role,
    plan_questions,
)
from interviewprep.core.quickfire import QuickFire
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, format_date, ngettext
from interviewprep.tui.translation import translate_bindings

if TYPE_CHECKING:
    from interviewprep.tui.app import InterviewPrepApp

ROLE_NAMES = {Role.AE: N_("Mock interview: AE role"), Role.SDR: N_("Mock interview: SDR role"),
              Role.PROMOTION: N_("Mock interview: SDR-to-AE promotion panel")}


def choices(collection: Collection, deck: DeckInfo) -> list[tuple[str, str]]:
    """(choice, label) for each mode the deck offers, in the order the dialog lists them."""
    cards = collection.cards(deck)
    kinds = {card.kind for card in cards}
    out: list[tuple[str, str]] = [
        ("practice", _("Practice: every card in order, the schedule unchanged"))]
    if kinds & {CardKind.QUESTION, CardKind.OBJECTION}:
        out.append(("mock", ngettext("Mock interview: {count} question from this deck",
                                      "Mock interview: {count} questions from this deck",
                                      DEFAULT_QUESTIONS).format(count=DEFAULT_QUESTIONS)))
    from interviewprep.core.interviews import next_interview

    interview = next_interview(collection)
    if interview is not None:
        out.append(("mock:plan", _("Mock interview: your {company} interview on {day}").format(
            company=visible(interview.company), day=format_date(interview.day))))
    for role, name in ROLE_NAMES.items():
        out.append((f"mock:{role.value}", _(name)))
    if CardKind.OBJECTION in kinds:
        out.append(("quickfire", _("Objection quick-fire (20 s each)")))
    out.append(("weak", _("Weak spots: lowest predicted recall, most Again")))
    for card in cards:
        if card.kind is CardKind.ROLEPLAY:
            out.append((f"call:{card.id}", _("Role-played call: {title}").format(
                title=visible(card.prompt))))
    return out


def rehearsal_screen(app: InterviewPrepApp, decks: Sequence[DeckInfo], choice: str,
                     questions: int | None = None) -> Screen[None] | None:
    """The screen that runs `choice` over `decks`; None when there is nothing to run."""
    from interviewprep.tui.screens.drill import DrillScreen
    from interviewprep.tui.screens.mock import MockScreen
    from interviewprep.tui.screens.quickfire import QuickFireScreen
    from interviewprep.tui.screens.roleplay import RolePlayScreen

    collection = app.collection
    kind, _sep, detail = choice.partition(":")
    if kind in ("review", "practice", "weak", "ahead"):
        return DrillScreen(app.new_session(list(decks), Mode(kind)))
    if kind == "mock":
        source = None
        pool = None
        if detail == "plan":
            planned = plan_questions(collection)
            if planned is None:
                return None
            source, pool = planned
        elif detail:
            role = Role(detail)
            decks, source = decks_for_role(collection.decks(), role), role.value
        # Shuffled so each mock asks something else; nothing secret depends on it.
        mock = MockInterview(collection, decks, questions or DEFAULT_QUESTIONS, source,
                             rng=random.Random(), pool=pool,  # noqa: S311
                             reader=app.prompt_reader())
        return MockScreen(mock) if mock.items else None
    if kind == "quickfire":
        fire = QuickFire(collection, decks, count=questions,
                         rng=random.Random())  # noqa: S311
        return QuickFireScreen(fire) if fire.items else None
    if kind == "call":
        for deck in decks:
            card = collection.card(deck, detail)
            if card is not None and card.kind is CardKind.ROLEPLAY:
                return RolePlayScreen(CallSession(collection, collection.item(deck, card.id),
                                                  reader=app.prompt_reader()))
        return None
    raise ValueError(f"no rehearsal mode {choice!r}")


class RehearseScreen(ModalScreen[str | None]):
    """Lists the modes for one deck; returns the choice, or None."""

    CSS_PATH = "rehearse.tcss"  # loaded when the screen is first shown

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="rehearse.cancel")]

    def __init__(self, collection: Collection, deck: DeckInfo) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.deck = deck

    def compose(self) -> ComposeResult:
        with Vertical(id="rehearse-dialog"):
            yield Static(Text(_("Rehearse: {deck}").format(deck=visible(self.deck.title)),
                              style="bold"))
            yield OptionList(*(Option(Text(label), id=choice)
                               for choice, label in choices(self.collection, self.deck)),
                             id="rehearse-modes")
            yield Static(_("Enter starts · Escape cancels"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
