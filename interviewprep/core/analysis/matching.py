"""Which talking points an answer covers, which don'ts it breaks, and whether it is the card's
own guidance pasted back: each with the sentence of the answer that shows it.

A point is compared with every sentence of the answer (and every pair of neighbouring
sentences) as weighted features from `words.features`: Snowball stems of its content words
and the concepts of the sales synonym list. A feature weighs less when it is on the
common-words list or shared by several of the card's points (it tells them apart less), so
rare, specific words decide. A sentence covers a point when the weight it shares reaches
`COVER_THRESHOLD` with at least two features, or contains one of the point's coach-written
`keywords`. Thresholds were tuned on the dev half of `benchmarks/feedback/` only.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from interviewprep.core.analysis.words import (
    ASKS,
    CONCEPT,
    NUMBER,
    Lexicon,
    Sentence,
    features,
    lexicon,
    occurrences,
    sentences,
    tokens,
)

COVER_THRESHOLD = 0.34
# …or when this much weight is shared however long the point is: a long point is covered by
# its two or three most specific ideas, not by all of them.
COVER_WEIGHT = 1.6
DONT_THRESHOLD = 0.5
DONT_WEIGHT = 2.0
LOW_WEIGHT = 0.3
REPEAT_CAP = 2
# A point with this many specific words or fewer is covered by any one of them.
SHORT_POINT = 2
PROMPT_WEIGHT = 0.3
# The answer is pasted guidance when this share of its three-word runs is in the card.
ECHO_SHARE = 0.45
# A negation this many words before what a don't describes turns it around ("never discount").
NEGATION_REACH = 4


@dataclass(frozen=True)
class Point:
    """A talking point or don't to look for, with the coach's optional keywords."""

    text: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    text: str  # the point or don't as the card words it
    found: bool
    evidence: str | None  # the answer's sentence(s) that show it


@dataclass(frozen=True)
class _Window:
    text: str
    features: dict[str, int]
    stems: tuple[str, ...]
    negations: tuple[int, ...]  # token positions of negation words


def _windows(answer: str, lex: Lexicon) -> list[_Window]:
    parts: list[Sentence] = sentences(answer)
    singles = [_window(s.text, lex, s.asks) for s in parts]
    pairs = [_window(f"{a.text} {b.text}", lex, a.asks or b.asks)
             for a, b in itertools.pairwise(parts)]
    return singles + pairs


def _window(text: str, lex: Lexicon, asks: bool) -> _Window:
    words = tokens(text)
    negations = []
    for i in range(len(words)):
        if any(tuple(words[i:i + len(n)]) == n for n in lex.negations):
            negations.append(i)
    return _Window(text, features(text, lex, asks), tuple(lex.stem(w) for w in words),
                   tuple(negations))


def _point_features(text: str, lex: Lexicon) -> dict[str, int]:
    """A point's features with how often each occurs: an idea the point names twice ("a
    smaller starting point or a phased rollout") is worth two of its words."""
    negation_stems = {lex.stem(n[0]) for n in lex.negations if len(n) == 1}
    found: dict[str, int] = {}
    for feature, _ in occurrences(text, lex):
        if feature not in negation_stems:
            found[feature] = min(REPEAT_CAP, found.get(feature, 0) + 1)
    return found


def _weights(items: Sequence[dict[str, int]], lex: Lexicon,
             echo: dict[str, int] | None = None) -> list[dict[str, float]]:
    spread: dict[str, int] = {}
    for item in items:
        for feature in item:
            spread[feature] = spread.get(feature, 0) + 1
    out = []
    for item in items:
        weights = {}
        for feature, count in item.items():
            base = LOW_WEIGHT if feature in lex.low_weight else 1.0
            if feature in (ASKS, NUMBER):
                base = 0.6
            elif echo and feature in echo:
                # Any answer repeats the question's own words; they show no point.
                base *= PROMPT_WEIGHT
            weights[feature] = count * base / math.sqrt(spread[feature])
        out.append(weights)
    return out


def _contains(stems: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return size > 0 and any(stems[i:i + size] == phrase for i in range(len(stems) - size + 1))


def _best(weights: dict[str, float], counts: dict[str, int], windows: Sequence[_Window],
          threshold: float, absolute: float | None, negated: bool) -> tuple[float, _Window | None]:
    total = sum(weights.values())
    if not total:
        return 0.0, None
    best: tuple[float, _Window | None] = (0.0, None)
    significant = sum(counts[f] for f, w in weights.items() if w >= 0.45)
    needed = (1 if significant <= SHORT_POINT else 2) or 1
    for window in windows:
        shared = [f for f in weights if f in window.features]
        strong = [f for f in shared if weights[f] >= 0.45 and f not in (ASKS, NUMBER)]
        if sum(counts[f] for f in shared) < needed or not strong:
            continue
        if negated and _turned_around(window, shared):
            continue
        weight = sum(weights[f] for f in shared)
        score = weight / total
        passes = score >= threshold or (absolute is not None and weight >= absolute)
        # Prefer the shorter window as evidence when a pair adds nothing.
        if passes and (best[1] is None or score > best[0] + 1e-9):
            best = (score, window)
    return best


def _turned_around(window: _Window, shared: list[str]) -> bool:
    starts = [window.features[f] for f in shared if not f.startswith(CONCEPT + "ask")]
    return any(0 < start - n <= NEGATION_REACH for start in starts for n in window.negations)


def _match(points: Sequence[Point], answer: str, language: str, threshold: float,
           absolute: float | None, negated: bool, context: Sequence[str] = (),
           prompt: str = "") -> list[Match]:
    lex = lexicon(language)
    windows = _windows(answer, lex)
    point_features = [_point_features(p.text, lex) for p in points]
    extra = [_point_features(text, lex) for text in context]
    weights = _weights([*point_features, *extra], lex,
                       features(prompt, lex) if prompt else None)[:len(points)]
    out = []
    for point, counts, point_weights in zip(points, point_features, weights, strict=True):
        evidence = _keyword_evidence(point, windows, lex)
        if evidence is None:
            _, window = _best(point_weights, counts, windows, threshold, absolute, negated)
            evidence = window.text if window else None
        out.append(Match(point.text, evidence is not None, evidence))
    return out


def _keyword_evidence(point: Point, windows: Sequence[_Window], lex: Lexicon) -> str | None:
    phrases = [tuple(lex.stem(w) for w in tokens(k)) for k in point.keywords]
    for window in windows:
        if any(_contains(window.stems, phrase) for phrase in phrases):
            return window.text
    return None


def coverage(points: Sequence[Point], answer: str, language: str,
             prompt: str = "") -> list[Match]:
    """Each talking point, in order: covered or not, with the covering sentence. Words of
    the card's `prompt` count for little: repeating the question covers nothing."""
    return _match(points, answer, language, COVER_THRESHOLD, COVER_WEIGHT, negated=False,
                  prompt=prompt)


def donts(items: Sequence[Point], answer: str, language: str,
          points: Sequence[Point] = (), prompt: str = "") -> list[Match]:
    """Each don't, in order: broken or not, with the sentence that breaks it. A sentence
    that negates what the don't describes ("I never lead with a discount") is no hit. Only
    the action is looked for: a condition ("…before you understand the situation") or a
    reason after a semicolon cannot be heard in the words, and would dilute the match."""
    lex = lexicon(language)
    actions = [_quoted(d) or Point(_action(d.text, lex), d.keywords) for d in items]
    found = _match(actions, answer, language, DONT_THRESHOLD, DONT_WEIGHT, negated=True,
                   context=[p.text for p in points], prompt=prompt)
    return [Match(d.text, m.found, m.evidence) for d, m in zip(items, found, strict=True)]


_QUOTED = re.compile(r"'([^']{3,})'(?!\w)|\"([^\"]{3,})\"|“([^”]{3,})”|«([^»]{3,})»")


def _quoted(dont: Point) -> Point | None:
    """A don't that quotes words ("Open with 'How are you today?'") is those words: looked
    for as a phrase, not as loose words that any question would share."""
    found = _QUOTED.search(dont.text)
    if found is None or dont.keywords:
        return None
    quote = next(group for group in found.groups() if group)
    # Nothing can match loosely: the quoted words must appear as they are.
    return Point("", (quote,))


def _action(text: str, lex: Lexicon) -> str:
    cut = re.split(r"[;:—]", text, maxsplit=1)[0]
    for word in lex.cues["condition_words"]:
        match = re.search(rf"\s{re.escape(word)}\s", cut, flags=re.IGNORECASE)
        if match and match.start() > 0:
            cut = cut[:match.start()]
    return cut


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = tokens(text)
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def echo_share(answer: str, guidance: Sequence[str]) -> float:
    """The share of the answer's three-word runs that appear word for word in the guidance."""
    mine = _trigrams(answer)
    if len(mine) < 3:
        return 0.0
    theirs: set[tuple[str, ...]] = set()
    for text in guidance:
        theirs |= _trigrams(text)
    return len(mine & theirs) / len(mine)


def echoes_guidance(answer: str, guidance: Sequence[str]) -> bool:
    """Whether the answer mostly repeats the card's own talking points or model answer."""
    return echo_share(answer, guidance) >= ECHO_SHARE
