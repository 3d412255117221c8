"""Card and deck ids made from text: lower case, NFC, words joined by hyphens.

Letters of any script stay as they are (`objeción-precio`); a word the id rule still
refuses (a mark first, say) is folded to ASCII so the id is always valid.
"""

from __future__ import annotations

import re
import unicodedata

from interviewprep.core.decks import schema

MAX_WORDS = 6
MAX_CHARS = 48
_NON_WORD = re.compile(r"[^\w]+|_+", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii())


def slugify(text: str, fallback: str = "card") -> str:
    """A valid id for `text`: its first few words, or `fallback` when none are left."""
    words = [w for w in _NON_WORD.split(unicodedata.normalize("NFC", text).lower()) if w]
    slug = "-".join(words[:MAX_WORDS])[:MAX_CHARS].strip("-")
    valid = schema.normalise_id(slug)
    if valid is None:
        slug = "-".join(w for w in (_fold(w) for w in slug.split("-")) if w)
        valid = schema.normalise_id(slug)
    return valid or fallback


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… when it is already taken; adds the result to `taken`."""
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
