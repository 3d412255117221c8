"""Feedback on a rehearsed answer: which talking points it touched, time against the limit,
whether it used numbers, and filler words. Plain word matching, offline and instant: a guide
for the person rehearsing, not a grade."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from interviewprep.core.decks.model import Card

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d")
_STOPWORDS = frozenset(
    """a an and are as at be by for from has have how i in is it its of on or that the their
    them they this to was were what when where which who why will with you your yours about
    into over than then there these those our ours can could would should just also more most
    el la los las un una unos unas y o de del al en con por para que como cuando donde quien
    cual cuales es son fue fueron ser estar esta este esto estos estas su sus tu tus mi mis
    lo le les se sin sobre entre pero mas muy ya hay""".split()
)
_FILLERS = {
    # Only words that are almost never anything but filler: "like" or "este" would flag
    # "a customer like you" and "este año".
    "en": ("um", "uh", "erm", "basically", "literally", "you know", "kind of", "sort of"),
    "es": ("eh", "em", "o sea", "digamos", "básicamente"),
}
# Words shorter than this rarely carry the point of a talking point.
_MIN_KEYWORD = 4
_STEM = 5


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in _WORD.findall(_fold(text))
            if len(w) >= _MIN_KEYWORD and w not in _STOPWORDS}


@dataclass(frozen=True)
class Feedback:
    words: int
    seconds: float
    time_limit: int | None
    covered: tuple[str, ...]  # talking points the answer touched
    missed: tuple[str, ...]
    uses_numbers: bool
    fillers: dict[str, int]

    @property
    def over_time_by(self) -> float:
        return max(0.0, self.seconds - self.time_limit) if self.time_limit else 0.0

    def lines(self) -> list[str]:
        """Short human-readable notes, most useful first."""
        notes: list[str] = []
        if self.words == 0:
            return ["Nothing typed: if you rehearsed aloud, compare with the points below."]
        total = len(self.covered) + len(self.missed)
        if total:
            notes.append(f"Touched {len(self.covered)} of {total} talking points.")
        if self.time_limit:
            if self.over_time_by:
                notes.append(f"{self.over_time_by:.0f} s over the {self.time_limit} s limit: "
                              "tighten the story.")
            else:
                notes.append(f"Within the {self.time_limit} s limit ({self.seconds:.0f} s).")
        if not self.uses_numbers:
            notes.append("No numbers: interviewers trust quota %, deal sizes and counts.")
        if self.fillers:
            listed = ", ".join(f"'{w}' ×{n}" for w, n in self.fillers.items())
            notes.append(f"Filler words: {listed}.")
        notes.append(f"{self.words} words.")
        return notes


def _covers(answer_stems: set[str], point: str) -> bool:
    wanted = _stems(point)
    if not wanted:
        return False
    # One shared keyword touches a short point; a long point needs two.
    return len(wanted & answer_stems) >= (1 if len(wanted) <= 8 else 2)


def analyse(card: Card, text: str, seconds: float, time_limit: int | None,
            language: str = "en") -> Feedback:
    answer_stems = _stems(text)
    covered = tuple(p for p in card.talking_points if _covers(answer_stems, p))
    missed = tuple(p for p in card.talking_points if p not in covered)
    folded = f" {' '.join(_WORD.findall(_fold(text)))} "
    fillers = {}
    for filler in _FILLERS.get(language.split("-", maxsplit=1)[0], _FILLERS["en"]):
        count = folded.count(f" {_fold(filler)} ")
        if count:
            fillers[filler] = count
    return Feedback(
        words=len(text.split()),
        seconds=seconds,
        time_limit=time_limit,
        covered=covered,
        missed=missed,
        uses_numbers=bool(_NUMBER.search(text)),
        fillers=fillers,
    )
