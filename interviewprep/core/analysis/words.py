"""Words for the analysis: normalising, tokenising, sentence splitting, Snowball stems, and the
per-language lexicon shipped in `lexicon/` (stop words, sales synonyms, fillers, hedges,
number words, negations, STAR cues).

Everything is compared accent-free and lowercase, on both sides, so "negociacion" typed
without accents still meets "negociación" in a card.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import Stemmer

SUPPORTED = ("en", "es")
# A concept from the synonym list is a feature of its own, kept apart from stems by the tilde.
CONCEPT = "~"
ASKS = CONCEPT + "ask"
NUMBER = CONCEPT + "number"

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|%", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?;…])[\"'”»)]*\s+|\n+")
_DIGIT = re.compile(r"\d")
_NAMED = re.compile(r"\s*\[(\w+)\]")


def base_language(language: str) -> str:
    """`es-MX` -> `es`; a language without a lexicon of its own uses the English one."""
    code = language.split("-", maxsplit=1)[0].lower()
    return code if code in SUPPORTED else "en"


def fold(text: str) -> str:
    """Lowercase without accents; typographic apostrophes made plain."""
    text = text.lower().replace("’", "'").replace("ʼ", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Folded words (and `%`), in order."""
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class Sentence:
    text: str  # as the person wrote it, for quoting as evidence
    asks: bool  # ends with a question mark


def sentences(text: str) -> list[Sentence]:
    out = []
    for raw in _SENTENCE_END.split(text):
        part = raw.strip()
        if part and tokens(part):
            out.append(Sentence(part, part.rstrip("\"'”»)").endswith("?")))
    return out


def _read(name: str) -> str:
    return (resources.files("interviewprep.core.analysis") / "lexicon" / name).read_text(
        encoding="utf-8")


def _word_lines(name: str) -> list[str]:
    return [line for line in _read(name).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    language: str
    stopwords: frozenset[str]
    # stem sequence -> the concepts it names; single words included
    phrases: dict[tuple[str, ...], frozenset[str]]
    longest_phrase: int
    low_weight: frozenset[str]  # stems
    number_words: frozenset[str]  # folded words
    negations: tuple[tuple[str, ...], ...]
    cues: dict[str, Any]  # the rest of the language file, folded where it is matched

    def stem(self, word: str) -> str:
        return _stem(self.language, word)


@lru_cache(maxsize=65536)
def _stem(language: str, word: str) -> str:
    stem = str(_stemmer(language).stemWord(word))
    return _spanish_stem(word, stem) if language == "es" else stem


def _spanish_stem(word: str, stem: str) -> str:
    """Words reach Snowball folded (so "elegi" typed without accents meets "elegí"), but its
    Spanish stemmer drops a final "i" only when it carries the accent: the first person
    preterite "elegí", "conseguí", "perdí" would keep it and miss "elegiste", "conseguimos",
    "perdimos". Such a word is stemmed as if accented. A stem ending in "qu" is the spelling
    of a hard "c" before "e" ("cuantifiqué", "busqué"): written "c", as in "cuantificado"."""
    if stem == word and len(word) > 3 and word.endswith("i"):
        stem = fold(str(_stemmer("es").stemWord(word[:-1] + "í")))
    if stem.endswith("qu") and len(stem) > 3:
        stem = stem[:-2] + "c"
    return stem


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


@lru_cache(maxsize=4)
def lexicon(language: str) -> Lexicon:
    """The lexicon for `language` (any tag; see `base_language`), read once."""
    code = base_language(language)
    stopwords = frozenset(word for line in _word_lines(f"stopwords-{code}.txt")
                          for word in tokens(line))
    data: dict[str, Any] = json.loads(_read(f"{code}.json"))
    phrases: dict[tuple[str, ...], set[str]] = {}
    for number, line in enumerate(_word_lines(f"synonyms-{code}.txt")):
        # "[ask] ask | question" names the concept, so a question mark can stand for it.
        named = _NAMED.match(line)
        concept = CONCEPT + named.group(1) if named else f"{CONCEPT}{code}{number}"
        for phrase in line[named.end() if named else 0:].split("|"):
            stems = tuple(_stem(code, word) for word in tokens(phrase))
            if stems:
                phrases.setdefault(stems, set()).add(concept)
    return Lexicon(
        language=code,
        stopwords=stopwords,
        phrases={key: frozenset(value) for key, value in phrases.items()},
        longest_phrase=max(len(key) for key in phrases),
        low_weight=frozenset(_stem(code, fold(w)) for w in data["low_weight"]),
        number_words=frozenset(fold(w) for w in data["number_words"]),
        negations=tuple(tuple(tokens(n)) for n in data["negations"]),
        cues=data,
    )


def has_number(words: list[str], lex: Lexicon) -> bool:
    return any(_DIGIT.search(word) or word in lex.number_words for word in words)


def occurrences(text: str, lex: Lexicon, asks: bool = False) -> list[tuple[str, int]]:
    """Every meaning-bearing feature of `text` with the token position it starts at: stems
    of content words, plus a concept for every synonym-list phrase found (the longest phrase
    wins and stands in for its words), `~ask` for a question and `~number` for a number."""
    words = tokens(text)
    stems = [lex.stem(word) for word in words]
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(stems):
        for size in range(min(lex.longest_phrase, len(stems) - i), 0, -1):
            concepts = lex.phrases.get(tuple(stems[i:i + size]))
            if concepts is not None:
                found += [(concept, i) for concept in sorted(concepts)]
                i += size
                break
        else:
            if words[i] not in lex.stopwords and len(words[i]) > 1:
                found.append((stems[i], i))
            i += 1
    if asks:
        found.append((ASKS, len(words)))
    if has_number(words, lex):
        found.append((NUMBER, 0))
    return found


def features(text: str, lex: Lexicon, asks: bool = False) -> dict[str, int]:
    """The features of `text` (see `occurrences`), each with the position it first starts."""
    first: dict[str, int] = {}
    for feature, position in occurrences(text, lex, asks):
        first.setdefault(feature, position)
    return first
