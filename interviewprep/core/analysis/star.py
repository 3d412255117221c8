"""STAR cues for behavioural questions ("tell me about a time…"): is there a situation, a
task, actions told in the first person singular, and a result (with a number, when the card
expects one)? Cue phrases per language are in `lexicon/<lang>.json` under "star"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewprep.core.analysis.words import fold, has_number, lexicon, sentences, tokens
from interviewprep.core.decks.model import Card

STAR_TAGS = frozenset({"star", "behavioural", "behavioral"})
_BEHAVIOURAL = re.compile(
    r"\b(tell me about a|describe a time|give me an example|walk me through a time|"
    r"cuentame (una|un|alguna|algun)|describe una (vez|situacion)|dame un ejemplo|"
    r"hablame de una vez)", re.IGNORECASE)
# Two first-person actions make a story of what the person did, not a passing "I".
MIN_ACTIONS = 2


@dataclass(frozen=True)
class Star:
    situation: bool
    task: bool
    action: bool
    result: bool

    def to_json(self) -> dict[str, bool]:
        return {"situation": self.situation, "task": self.task, "action": self.action,
                "result": self.result}


def is_behavioural(card: Card) -> bool:
    return bool(STAR_TAGS & set(card.tags)) or bool(_BEHAVIOURAL.search(fold(card.prompt)))


def _has_phrase(words: list[str], phrases: list[str]) -> bool:
    text = f" {' '.join(words)} "
    return any(f" {' '.join(tokens(p))} " in text for p in phrases)


def _actions(text: str, cues: dict[str, list[str]], language: str) -> int:
    skip = {fold(w) for w in cues["action_not"]}
    if language == "en":
        words = tokens(text)
        return sum(1 for i, w in enumerate(words[:-1]) if w == "i" and words[i + 1] not in skip
                   ) + words.count("i've")
    # Spanish drops the pronoun: the verb's own ending says "I" (llamé, decidí, propuse).
    irregular = {fold(w) for w in cues["action_irregular"]}
    count = 0
    for raw in re.findall(r"[^\W\d_]+", text.lower()):
        folded = fold(raw)
        if folded in irregular or (len(raw) > 3 and raw[-1] in "éí" and folded not in skip):
            count += 1
    return count


def star(card: Card, text: str, language: str) -> Star | None:
    """The STAR cues of an answer to a behavioural card; None for other cards."""
    if not is_behavioural(card):
        return None
    lex = lexicon(language)
    cues = lex.cues["star"]
    words = tokens(text)
    result = False
    for sentence in sentences(text):
        sentence_words = tokens(sentence.text)
        if _has_phrase(sentence_words, cues["result"]) and (
                not card.expects_numbers or has_number(sentence_words, lex)):
            result = True
    return Star(
        situation=_has_phrase(words, cues["situation"]),
        task=_has_phrase(words, cues["task"]),
        action=_actions(text, cues, lex.language) >= MIN_ACTIONS,
        result=result,
    )
