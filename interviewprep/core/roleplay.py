"""Running a `roleplay` card: the buyer's current line, the person's reply analysed, the
branch the reply takes, and the next line, until the call ends. No UI here: a screen shows
`current.buyer`, calls `submit`, and at the end shows `history` with the card's scoring
guide."""

from __future__ import annotations

from dataclasses import dataclass

from interviewprep.core.analysis import Feedback, analyse_parts
from interviewprep.core.analysis.matching import Point
from interviewprep.core.analysis.words import lexicon, sentences, tokens
from interviewprep.core.decks.model import Card, CardKind
from interviewprep.core.decks.turns import END, Branch, Turn, When
from interviewprep.i18n import _


def analyse_turn(card: Card, turn: Turn, answer: str, seconds: float | None,
                 time_limit: int | None, language: str) -> Feedback:
    """Feedback on a reply to one buyer line: the turn's own points and don'ts."""
    points = tuple(Point(point, turn.point_keywords[i] if i < len(turn.point_keywords) else ())
                   for i, point in enumerate(turn.talking_points))
    return analyse_parts(card, answer, seconds, time_limit, language, points, turn.dont,
                         turn.buyer)


@dataclass(frozen=True)
class TurnResult:
    turn: Turn
    answer: str
    seconds: float
    feedback: Feedback
    branch: Branch | None  # the branch the reply took; None: the turn's default
    goes_to: str  # the next turn's id, or "end"


class RolePlay:
    """One run through a role-play card."""

    def __init__(self, card: Card, language: str) -> None:
        if card.kind is not CardKind.ROLEPLAY or not card.turns:
            raise ValueError(_("card '{id}' is not a role-play").format(id=card.id))
        self.card = card
        self.language = language
        self._index = {turn.id: i for i, turn in enumerate(card.turns)}
        self._current: Turn | None = card.turns[0]
        self._history: list[TurnResult] = []

    @property
    def current(self) -> Turn | None:
        """The turn whose buyer line is showing; None once the call ended after a reply."""
        return self._current

    @property
    def finished(self) -> bool:
        """No more replies: the call ended, on an ending line or after the last reply."""
        return self._current is None or self._current.end

    @property
    def history(self) -> tuple[TurnResult, ...]:
        return tuple(self._history)

    def time_limit(self) -> int | None:
        turn = self._current
        return (turn.time_limit if turn and turn.time_limit else None) or self.card.time_limit

    def submit(self, answer: str, seconds: float) -> TurnResult:
        """Reply to the current buyer line; the call moves on to the next line."""
        turn = self._current
        if turn is None or turn.end:
            raise RuntimeError("the call has ended; there is nothing to reply to")
        feedback = analyse_turn(self.card, turn, answer, seconds, self.time_limit(),
                                self.language)
        branch = next((b for b in turn.branches if self._matches(b, answer, feedback)), None)
        goes_to = branch.goto if branch else self._default(turn)
        result = TurnResult(turn, answer, seconds, feedback, branch, goes_to)
        self._history.append(result)
        self._current = None if goes_to == END else self.card.turns[self._index[goes_to]]
        return result

    def _default(self, turn: Turn) -> str:
        if turn.next:
            return turn.next
        following = self._index[turn.id] + 1
        return self.card.turns[following].id if following < len(self.card.turns) else END

    def _matches(self, branch: Branch, answer: str, feedback: Feedback) -> bool:
        if branch.mentions and not self._mentions(answer, branch.mentions):
            return False
        if branch.when is When.ASKS_QUESTION:
            return any(s.asks for s in sentences(answer))
        if branch.when is When.BREAKS_DONT:
            return bool(feedback.broken_donts)
        if branch.when is When.COVERS_POINTS:
            return bool(feedback.points) and not feedback.missed
        # misses_points: most of the turn's points are missing. The coverage check is a cue
        # that can miss a point made in unusual words; one miss must not derail the call.
        return bool(feedback.points) and 2 * len(feedback.covered) < len(feedback.points)

    def _mentions(self, answer: str, words: tuple[str, ...]) -> bool:
        lex = lexicon(self.language)
        said = [lex.stem(w) for w in tokens(answer)]
        for phrase in words:
            wanted = [lex.stem(w) for w in tokens(phrase)]
            size = len(wanted)
            if size and any(said[i:i + size] == wanted for i in range(len(said) - size + 1)):
                return True
        return False
