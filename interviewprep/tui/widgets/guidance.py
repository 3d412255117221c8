"""Renders a card's guidance (answer, talking points, do/don't, example, follow-ups) and the
feedback on a typed answer, as Rich text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from interviewprep.core.decks.model import Card
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _

if TYPE_CHECKING:  # the analysis loads at the first reveal, not to show the first card
    from interviewprep.core.analysis import Feedback, Match
    from interviewprep.core.story_bank import Story


def _section(title: str, style: str) -> Text:
    return Text(title, style=f"bold {style}")


def _bullets(items: tuple[str, ...], marker: str, style: str = "") -> list[Table]:
    """One grid of marker and text, so wrapped lines hang under the text, not the marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2, justify="right")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(Text(marker, style=style), Text(visible(item)))
    return [grid]


def guidance(card: Card) -> RenderableType:
    """Everything a card offers to compare an answer against."""
    parts: list[RenderableType] = []
    if card.answer:
        parts += [_section(_("Answer"), "cyan"), Text(visible(card.answer)), Text()]
    if card.talking_points:
        parts += [_section(_("A strong answer covers"), "cyan"),
                  *_bullets(card.talking_points, "•"), Text()]
    if card.do:
        parts += [_section(_("Do"), "green"), *_bullets(card.do, "✓", "green"), Text()]
    if card.dont:
        parts += [_section(_("Don't"), "red"), *_bullets(card.dont, "✗", "red"), Text()]
    if card.example:
        parts += [_section(_("Example"), "cyan"), Text(visible(card.example), style="italic"),
                  Text()]
    if card.follow_ups:
        parts += [_section(_("They may follow up with"), "cyan"),
                  *_bullets(card.follow_ups, "?"), Text()]
    return Group(*parts)


def feedback(result: Feedback, notes: tuple[str, ...] = ()) -> RenderableType:
    """How the answer measured up: notes, then each talking point with the sentence that
    covers it (or not yet), then the don'ts it broke, quoted."""
    lines: list[RenderableType] = [_section(_("How it measured up"), "cyan")]
    lines += _bullets((*notes, *result.lines()), "·")
    covered = [p for p in result.points if p.found]
    if covered:
        lines += [Text(), Text(_("Covered:"), style="bold")]
        lines += _quoted(covered, "✓", "green")
    if result.missed:
        lines += [Text(), Text(_("Not touched yet:"), style="bold")]
        lines += _bullets(result.missed, "○", "yellow")
    if result.broken_donts:
        lines += [Text(), Text(_("Don'ts it broke:"), style="bold red")]
        lines += _quoted(list(result.broken_donts), "✗", "red")
    return Group(*lines)


def _quoted(matches: list[Match], marker: str, style: str) -> list[Table]:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2, justify="right")
    grid.add_column(ratio=1)
    for match in matches:
        text = Text(visible(match.text))
        if match.evidence:
            text.append("\n“" + visible(match.evidence) + "”", style="dim italic")
        grid.add_row(Text(marker, style=style), text)
    return [grid]


STORY_PARTS = (("situation", N_("Situation")), ("task", N_("Task")), ("action", N_("Action")),
               ("result", N_("Result")), ("numbers", N_("Numbers")))


def story_outline(stories: Sequence[Story]) -> RenderableType:
    """The person's own stories linked to this question, as an outline to check against."""
    parts: list[RenderableType] = []
    for story in stories:
        parts += [_section(_("Your story: {title}").format(title=visible(story.title)),
                           "magenta")]
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold")
        grid.add_column(ratio=1)
        for name, label in STORY_PARTS:
            value = getattr(story, name)
            if value:
                grid.add_row(_(label), Text(visible(value)))
        parts += [grid, Text()]
    return Group(*parts)
