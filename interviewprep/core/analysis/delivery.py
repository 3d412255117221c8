"""How an answer would sound: words, spoken length at 140 words a minute against the card's
time limit, fillers and hedges per 100 words, and whether it uses numbers (digits or number
words in the deck's language: "five of twelve months", "cinco de doce meses").

The filler and hedge lists are in `lexicon/en.json` and `lexicon/es.json`. Words that are
fillers only sometimes ("like", "right", "este", "bueno") count only when set off by a comma,
dash or ellipsis, so "a customer like you" and "este año" are never flagged; "kind of" after
"what" or "the" is a description, not a hedge. A filler that is also an adjective ("bueno")
counts only where it opens a sentence or clause ("Bueno, …", "y bueno, …"): in "el resultado
fue bueno, y…" it describes the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from interviewprep.core.analysis.words import fold, has_number, lexicon, tokens

WORDS_PER_MINUTE = 140
# Shorter than this share of the time limit leaves most of a strong answer unsaid.
SHORT_SHARE = 0.25
DEFAULT_LIMIT_S = 120

_SET_OFF = re.compile(r"[,;:—–…]|\.\.\.|-\s")


class Length(StrEnum):
    SHORT = "short"
    OK = "ok"
    LONG = "long"


@dataclass(frozen=True)
class Delivery:
    words: int
    speaking_seconds: float
    length: Length
    fillers: dict[str, int]
    hedges: dict[str, int]
    uses_numbers: bool

    @property
    def filler_rate(self) -> float:
        """Fillers and hedges per 100 words."""
        if not self.words:
            return 0.0
        count = sum(self.fillers.values()) + sum(self.hedges.values())
        return round(100 * count / self.words, 1)


def speaking_seconds(words: int) -> float:
    return round(words * 60 / WORDS_PER_MINUTE, 1)


def length(seconds: float, time_limit: int | None) -> Length:
    limit = time_limit or DEFAULT_LIMIT_S
    if seconds > limit:
        return Length.LONG
    if seconds < limit * SHORT_SHARE:
        return Length.SHORT
    return Length.OK


def _pattern(phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in tokens(phrase))
    return re.compile(rf"(?<![\w'])({words})(?![\w'])")


def _count(text: str, phrases: list[str], set_off_only: set[str],
           not_after: dict[str, list[str]],
           clause_start: dict[str, set[str]]) -> dict[str, int]:
    folded = fold(text)
    counts: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    # Longer phrases first, so "i mean" is not also counted as something shorter inside it.
    for phrase in sorted(phrases, key=lambda p: -len(p)):
        key = fold(phrase)
        for match in _pattern(phrase).finditer(folded):
            start, end = match.span(1)
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            if key in set_off_only and not _is_set_off(folded, start, end):
                continue
            before = tokens(folded[:start])[-1:]
            if before and before[0] in {fold(w) for w in not_after.get(key, [])}:
                continue
            if key in clause_start and not _opens_clause(folded, start, clause_start[key]):
                continue
            taken.append((start, end))
            counts[phrase] = counts.get(phrase, 0) + 1
    return counts


def _is_set_off(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    opens = not before or before[-1] in ",;:—–….!?¿¡("
    closes = not after or bool(_SET_OFF.match(after)) or after[0] in ".!?"
    return (opens and closes) or bool(_SET_OFF.match(after))


def _opens_clause(text: str, start: int, openers: set[str]) -> bool:
    """Whether the word at `start` begins a sentence or clause: after nothing, after
    punctuation, or after a word that opens a clause ("y bueno, …")."""
    before = text[:start].rstrip()
    if not before or before[-1] in ",;:—–….!?¿¡(\"'“«":
        return True
    words = tokens(before)
    return bool(words) and words[-1] in openers


def delivery(text: str, time_limit: int | None, language: str) -> Delivery:
    lex = lexicon(language)
    words = tokens(text)
    count = len([w for w in words if w != "%"])
    seconds = speaking_seconds(count)
    cues = lex.cues
    set_off = {fold(p) for p in cues["set_off_only"]}
    not_after: dict[str, list[str]] = {fold(k): v for k, v in cues["not_after"].items()}
    clause_start = {fold(k): {fold(w) for w in v}
                    for k, v in cues["clause_start_only"].items()}
    hedges = _count(text, cues["hedges"], set_off, not_after, clause_start)
    fillers = _count(text, [f for f in cues["fillers"] if f not in cues["hedges"]], set_off,
                     not_after, clause_start)
    return Delivery(
        words=count,
        speaking_seconds=seconds,
        length=length(seconds, time_limit),
        fillers=fillers,
        hedges=hedges,
        uses_numbers=has_number(words, lex),
    )
