"""What an answer replied to: the card itself, one of its follow-ups (asked in a mock
interview), or a role-play turn. The report and the card's history both label answers
with it, so a follow-up's answer is never taken for an answer to the card."""

from __future__ import annotations

from interviewprep.core.decks.model import Card
from interviewprep.core.store import Answer
from interviewprep.i18n import _


def is_own_answer(answer: Answer) -> bool:
    """True for an answer to the card's own prompt: not a follow-up's, not a turn's."""
    return answer.follow_up is None and answer.turn_id is None


def answer_context(card: Card | None, answer: Answer) -> str | None:
    """None for an answer to the card itself; else what it replied to, as a person reads it
    ("follow-up: <the question>", "turn <id>: <the buyer's line>"). The text is raw: the
    caller escapes it for where it is shown."""
    if answer.follow_up is not None:
        index = answer.follow_up
        if card is not None and 0 <= index < len(card.follow_ups):
            return _("follow-up: {question}").format(question=card.follow_ups[index])
        return _("follow-up {number}").format(number=index + 1)
    if answer.turn_id is not None:
        buyer = next((t.buyer for t in card.turns if t.id == answer.turn_id), None) \
            if card is not None else None
        if buyer is not None:
            return _("turn {turn}: {line}").format(turn=answer.turn_id, line=buyer)
        return _("turn {turn}").format(turn=answer.turn_id)
    return None
