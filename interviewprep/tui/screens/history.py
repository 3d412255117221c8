"""A card's earlier answers, newest first (those to a follow-up or a role-play turn labelled
with what they replied to), and a diff between any two attempts."""

from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from interviewprep.core.answer_context import answer_context
from interviewprep.core.card_queue import QueueItem
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import Answer
from interviewprep.core.text import excerpt, visible
from interviewprep.core.voice.drill import SpokenAnswers
from interviewprep.i18n import N_, _, format_datetime, format_decimal, ngettext
from interviewprep.tui.appref import app_of
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS
from interviewprep.tui.widgets.timer import format_seconds

WORD = re.compile(r"\S+|\s+")


def word_diff(older: Answer, newer: Answer) -> Text:
    """The newer attempt with the words it removed struck through in red and the words it
    added in green: a two-word change shows as two words, not a whole paragraph."""
    old_words, new_words = WORD.findall(older.text), WORD.findall(newer.text)
    text = Text()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            text.append(visible("".join(new_words[b1:b2])))
            continue
        removed = "".join(old_words[a1:a2])
        if tag in ("replace", "delete"):
            text.append(visible(removed), style="strike red")
        if tag == "replace" and not removed[-1:].isspace() and not new_words[b1].isspace():
            text.append(" ")  # "I" replaced by "Practice" reads "I Practice", not "IPractice"
        if tag in ("replace", "insert"):
            text.append(visible("".join(new_words[b1:b2])), style="bold green")
    if old_words == new_words:
        text = Text(_("The two attempts are the same."))
    return text


def when(timestamp: float, year: bool = False) -> str:
    """The exact local time of an attempt, to the second (the year only where there is
    room: the attempt's own title)."""
    return format_datetime(datetime.fromtimestamp(timestamp, UTC), seconds=True, year=year)


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("m", "mark", N_("Mark for diff"), id="history.mark"),
        Binding("d", "diff", N_("Diff"), id="history.diff"),
        Binding("p", "play", N_("Play recording"), id="history.play"),
        Binding("escape", "back", N_("Back"), id="history.back"),
    ]

    def __init__(self, collection: Collection, item: QueueItem) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.item = item
        self.answers = collection.answers(item)
        self.marked: int | None = None
        self.voice = SpokenAnswers(collection)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Static(Text(visible(_("History · {prompt}").format(prompt=self.item.card.prompt))),
                     id="history-title")
        with Horizontal(id="history"):
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="attempt-view"):
                yield Static(id="attempt", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        # The app's microphone and speaker (a fake one in tests).
        self.voice = SpokenAnswers(self.collection, app_of(self).device_factory)
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column(" ", key="mark", width=1)
        for label in (_("When"), _("Time"), _("Rating"), _("Words")):
            table.add_column(label)
        replies = [answer_context(self.item.card, answer) for answer in self.answers]
        if any(replies):
            table.add_column(_("Answer to"), key="context")
        for index, answer in enumerate(self.answers):
            rating = _(RATING_LABELS[Rating(answer.rating)]) if answer.rating else "—"
            cells = [Text(""), Text(when(answer.answered_at)),
                     Text(format_seconds(answer.seconds)), Text(rating),
                     Text(str(len(answer.text.split())))]
            if any(replies):
                context = replies[index]
                cells.append(Text(excerpt(context, 30), style="italic") if context
                             else Text(_("the card"), style="dim"))
            table.add_row(*cells, key=str(index))
        self.query_one("#attempt-view").border_title = _("Attempt")
        if not self.answers:
            self.query_one("#attempt", Static).update(_("No earlier answers for this card yet."))
        table.focus()

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        return table.cursor_row if self.answers else None

    @on(DataTable.RowHighlighted)
    def show_attempt(self, event: DataTable.RowHighlighted) -> None:
        answer = self.answers[event.cursor_row]
        title = _("Attempt {when}").format(when=when(answer.answered_at, year=True))
        if self.marked == event.cursor_row:
            title += " · " + _("marked")
        self.query_one("#attempt-view").border_title = title
        shown = Text()
        context = answer_context(self.item.card, answer)
        if context:
            shown.append(visible(context) + "\n\n", style="bold italic")
        shown.append(visible(answer.text) or _("(nothing typed)"))
        for recording in self.voice.recordings_of_answer(answer.id):
            shown.append("\n\n" + _("Spoken ({seconds} s), p plays it:").format(
                seconds=round(recording.seconds or 0)) + "\n", style="bold")
            shown.append(visible(recording.transcript) if recording.transcript
                         else _("(not transcribed)"), style="" if recording.transcript
                         else "dim")
            if recording.measures:
                shown.append("\n" + self._measures(recording.measures), style="dim")
        self.query_one("#attempt", Static).update(shown)

    @staticmethod
    def _measures(data: dict[str, Any]) -> str:
        from interviewprep.core.voice.vad import Measures

        measures = Measures.from_dict(data)
        count = len(measures.long_pauses)
        pauses = ngettext("{count} pause over {limit} s", "{count} pauses over {limit} s",
                          count).format(count=count, limit=format_decimal(2.5))
        line = _("speaking {speech} s of {duration} s · longest pause {pause} s · "
                 "{pauses}").format(
            speech=round(measures.speech_s), duration=round(measures.duration_s),
            pause=format_decimal(measures.longest_pause_s, "0.0"), pauses=pauses)
        return line + "\n" + measures.timeline(50)

    def action_play(self) -> None:
        from interviewprep.core.voice import VoiceUnavailable

        selected = self._selected()
        if selected is None:
            return
        recordings = self.voice.recordings_of_answer(self.answers[selected].id)
        if not recordings:
            self.notify(_("This attempt was not recorded."), timeout=2)
            return
        try:
            self.voice.play(recordings[-1])
        except VoiceUnavailable as error:
            self.notify(str(error), severity="warning", markup=False, timeout=10)

    def on_unmount(self) -> None:
        self.voice.close()

    def action_mark(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        table: DataTable[Text] = self.query_one(DataTable)
        if self.marked is not None:
            table.update_cell(str(self.marked), "mark", Text(""))
        self.marked = selected
        table.update_cell(str(selected), "mark", Text("●", style="bold yellow"))
        self.query_one("#attempt-view").border_title = _("Attempt {when}").format(
            when=when(self.answers[selected].answered_at)) + " · " + _("marked")
        self.notify(_("Marked. Move to another attempt and press d to compare."), timeout=3)

    def action_diff(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        other = self.marked if self.marked not in (None, selected) else selected + 1
        if other is None or other >= len(self.answers):
            self.notify(_("Nothing older to compare with."), timeout=3)
            return
        older, newer = sorted((self.answers[selected], self.answers[other]),
                              key=lambda a: (a.answered_at, a.id))
        self.query_one("#attempt-view").border_title = _("Changes: {older} → {newer}").format(
            older=when(older.answered_at), newer=when(newer.answered_at))
        self.query_one("#attempt", Static).update(word_diff(older, newer))

    def action_back(self) -> None:
        self.app.pop_screen()
