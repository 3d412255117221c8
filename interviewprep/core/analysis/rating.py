"""A suggested self-rating from the analysis; the person can always choose another.

The share of talking points covered sets the start (three quarters or more: Easy; half:
Good; a quarter: Hard; less: Again); a broken don't or an answer far over time costs one
step; a card that expects numbers and got none caps it at Good; pasted guidance caps it at
Hard, and an empty answer is Again.

Without talking points (a mock interview's follow-up question, a card or call turn that has
none) there is no coverage to measure: the start is set by substance alone, never above
Good. A sentence or two (fewer than `BARE_WORDS`) is Again, a short reply (fewer than
`SUBSTANTIAL_WORDS`) Hard, anything longer Good; the same steps down and caps apply.
"""

from __future__ import annotations

from enum import StrEnum


class Suggestion(StrEnum):
    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


# About 6 s and 17 s aloud at 140 words a minute.
BARE_WORDS = 15
SUBSTANTIAL_WORDS = 40

_ORDER = (Suggestion.AGAIN, Suggestion.HARD, Suggestion.GOOD, Suggestion.EASY)


def suggest(words: int, covered: int, total: int, donts_broken: int, too_long: bool,
            missing_numbers: bool, echoes_guidance: bool) -> Suggestion:
    if words == 0:
        return Suggestion.AGAIN
    if not total:
        step = 0 if words < BARE_WORDS else 1 if words < SUBSTANTIAL_WORDS else 2
    elif (share := covered / total) >= 0.75:
        step = 3
    elif share >= 0.5:
        step = 2
    elif share >= 0.25:
        step = 1
    else:
        step = 0
    if donts_broken:
        step -= 1
    if too_long:
        step -= 1
    if missing_numbers:
        step = min(step, 2)
    if echoes_guidance:
        step = min(step, 1)
    return _ORDER[max(0, step)]
