"""Feedback on a rehearsed answer (typed now, transcribed later) against its card, in the
deck's language: talking points covered with the sentence that covers each, don'ts broken,
pasted guidance, numbers, length and fillers, STAR cues, and a suggested rating.

Offline, instant, measured in `benchmarks/feedback.py`: a cue for the person rehearsing,
not a grade. `analyse` is what the drill calls; `Feedback.to_json` is the
`interviewprep analyze --json` object, whose field names are a contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The functions go by names of their own: importing a submodule later (core/call.py does,
# while this package may still be loading lazily) rebinds `delivery` and `star` on the
# package to the submodules themselves.
from interviewprep.core.analysis.delivery import Length
from interviewprep.core.analysis.delivery import delivery as measure_delivery
from interviewprep.core.analysis.matching import Match, Point, coverage, donts, echoes_guidance
from interviewprep.core.analysis.rating import Suggestion, suggest
from interviewprep.core.analysis.star import Star
from interviewprep.core.analysis.star import star as star_cues
from interviewprep.core.decks.model import Card
from interviewprep.i18n import N_, _, format_decimal, ngettext

STAR_PARTS = {"situation": N_("situation"), "task": N_("task"), "action": N_("action"),
              "result": N_("result")}

__all__ = ["Feedback", "Length", "Match", "Star", "Suggestion", "analyse", "analyse_parts"]


@dataclass(frozen=True)
class Feedback:
    words: int
    seconds: float  # how long the person took, as timed (else the spoken length)
    time_limit: int | None
    points: tuple[Match, ...]
    donts: tuple[Match, ...]
    echoes_guidance: bool
    uses_numbers: bool
    expects_numbers: bool
    speaking_seconds: float
    length: Length
    fillers: dict[str, int]
    hedges: dict[str, int]
    filler_rate: float
    star: Star | None
    suggested_rating: Suggestion

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.points if p.found)

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.points if not p.found)

    @property
    def broken_donts(self) -> tuple[Match, ...]:
        return tuple(d for d in self.donts if d.found)

    @property
    def over_time_by(self) -> float:
        return max(0.0, self.seconds - self.time_limit) if self.time_limit else 0.0

    def lines(self) -> list[str]:
        """Short notes for the person, most useful first."""
        if self.words == 0:
            return [_("Nothing typed: if you rehearsed aloud, compare with the points below.")]
        notes: list[str] = []
        if self.echoes_guidance:
            notes.append(_("This mostly repeats the card's own guidance: say it in your own "
                           "words."))
        if self.points:
            total = len(self.points)
            notes.append(ngettext("Touched {covered} of {total} talking point.",
                                  "Touched {covered} of {total} talking points.", total).format(
                covered=len(self.covered), total=total))
        else:
            notes.append(_("No talking points to compare with: the suggested rating goes by "
                           "length only."))
        for dont in self.broken_donts:
            notes.append(_("Don't: {dont}").format(dont=dont.text))
        if self.time_limit:
            if self.over_time_by:
                notes.append(_("{over} s over the {limit} s limit: tighten the story.").format(
                    over=f"{self.over_time_by:.0f}", limit=self.time_limit))
            else:
                notes.append(_("Within the {limit} s limit ({seconds} s).").format(
                    limit=self.time_limit, seconds=f"{self.seconds:.0f}"))
        # Without a limit (a written answer in the drill) the length has nothing to go by.
        if self.time_limit and self.length is Length.LONG:
            notes.append(_("About {seconds} s spoken: longer than the time limit.").format(
                seconds=f"{self.speaking_seconds:.0f}"))
        elif self.time_limit and self.length is Length.SHORT:
            notes.append(_("About {seconds} s spoken: short for this question.").format(
                seconds=f"{self.speaking_seconds:.0f}"))
        if self.expects_numbers and not self.uses_numbers:
            notes.append(_("No numbers: this one asks for figures (quota %, deal sizes, "
                           "counts)."))
        if self.star is not None:
            missing = [name for name, present in self.star.to_json().items() if not present]
            if missing:
                notes.append(_("STAR: no clear {parts}.").format(
                    parts=", ".join(_(STAR_PARTS[name]) for name in missing)))
        tics = {**self.fillers, **self.hedges}
        if tics:
            # Quotation marks are the language's own: “um” in English, «o sea» in Spanish.
            listed = ", ".join(_("“{word}” ×{times}").format(word=w, times=n)
                               for w, n in tics.items())
            notes.append(_("Fillers and hedges: {listed} ({rate} per 100 words).").format(
                listed=listed, rate=format_decimal(self.filler_rate, "0.#")))
        notes.append(ngettext("{count} word.", "{count} words.", self.words).format(
            count=self.words))
        return notes

    def to_json(self) -> dict[str, Any]:
        """The `analyze --json` object; the lists follow the card's order."""
        return {
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "length": self.length.value,
            "fillers": {**self.fillers, **self.hedges},
            "filler_rate": self.filler_rate,
            "talking_points": [{"point": p.text, "covered": p.found, "evidence": p.evidence}
                               for p in self.points],
            "donts": [{"dont": d.text, "hit": d.found, "evidence": d.evidence}
                      for d in self.donts],
            "echoes_guidance": self.echoes_guidance,
            "uses_numbers": self.uses_numbers,
            "star": self.star.to_json() if self.star else None,
            "suggested_rating": self.suggested_rating.value,
        }


def guidance_texts(card: Card) -> list[str]:
    """What the card shows as guidance: pasting it back is not an answer."""
    return [*card.talking_points, *card.do, *card.dont,
            *(t for t in (card.answer, card.example) if t)]


def analyse_parts(card: Card, text: str, seconds: float | None, time_limit: int | None,
                  language: str, talking_points: tuple[Point, ...],
                  dont_items: tuple[str, ...], prompt: str) -> Feedback:
    """`analyse` against given points and don'ts: a role-play turn has its own."""
    said = measure_delivery(text, time_limit, language)
    points = coverage(talking_points, text, language, prompt) if text.strip() else [
        Match(p.text, False, None) for p in talking_points]
    broken = donts([Point(d) for d in dont_items], text, language, talking_points,
                   prompt) if (
        text.strip()) else [Match(d, False, None) for d in dont_items]
    echoes = echoes_guidance(text, [*guidance_texts(card), *(p.text for p in talking_points)])
    return Feedback(
        words=said.words,
        seconds=said.speaking_seconds if seconds is None else seconds,
        time_limit=time_limit,
        points=tuple(points),
        donts=tuple(broken),
        echoes_guidance=echoes,
        uses_numbers=said.uses_numbers,
        expects_numbers=card.expects_numbers,
        speaking_seconds=said.speaking_seconds,
        length=said.length,
        fillers=said.fillers,
        hedges=said.hedges,
        filler_rate=said.filler_rate,
        star=star_cues(card, text, language) if text.strip() else None,
        suggested_rating=suggest(
            words=said.words, covered=sum(p.found for p in points), total=len(points),
            donts_broken=sum(d.found for d in broken), too_long=said.length is Length.LONG,
            missing_numbers=card.expects_numbers and not said.uses_numbers,
            echoes_guidance=echoes),
    )


def analyse(card: Card, text: str, seconds: float | None, time_limit: int | None,
            language: str = "en") -> Feedback:
    """Feedback on `text` as an answer to `card`, in the deck's `language`. `seconds` is how
    long the answer took; None (a transcript, a pasted text) takes its spoken length."""
    points = tuple(Point(p, card.keywords_of(i)) for i, p in enumerate(card.talking_points))
    return analyse_parts(card, text, seconds, time_limit, language, points, card.dont,
                         card.prompt)
