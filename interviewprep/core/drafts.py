"""Which part of a card a draft belongs to, so a draft comes back only where it was typed.

A card's own question is the main part (`MAIN`); a mock interview's follow-up and each later
turn of a role-played call have parts of their own. A call's opening line is its card's
main part: what a drill or practice of the card asks first.
"""

from __future__ import annotations

from interviewprep.core.decks.model import Card

MAIN = ""


def draft_part(card: Card, follow_up: int | None = None, turn_id: str | None = None) -> str:
    """The part answered: `follow_up` is an index in the card's follow-ups, `turn_id` a
    role-play turn; neither (or the call's opening turn) is the main question."""
    if follow_up is not None:
        return f"follow-up:{follow_up}"
    if turn_id is not None and not (card.turns and card.turns[0].id == turn_id):
        return f"turn:{turn_id}"
    return MAIN
