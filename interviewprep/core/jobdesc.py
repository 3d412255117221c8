"""What a job description asks for, and which cards rehearse it.

A small lexicon of sales skills, tools, methods, segments and numbers, each with English and
Spanish phrasings, is stemmed with PyStemmer (Snowball) and looked for in the description's
stemmed words; every term found is matched against the cards' prompts, answers, talking
points and tags the same way, and ranked. This is deliberately its own small list: the
answer analysis may later share one lexicon with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import Stemmer

from interviewprep.core.decks.model import Card

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMERS = {"en": "english", "es": "spanish"}


@dataclass(frozen=True)
class Term:
    key: str
    category: str  # skill, tool, method, segment, number
    en: tuple[str, ...]  # phrasings; the first is the label
    es: tuple[str, ...]

    def label(self, language: str) -> str:
        return (self.es if language == "es" else self.en)[0]


def _t(key: str, category: str, en: str, es: str) -> Term:
    return Term(key, category, tuple(en.split("|")), tuple(es.split("|")))


# The words sales job descriptions use, and what a card about the same thing would say.
TERMS: tuple[Term, ...] = (
    _t("meddicc", "method", "MEDDICC|MEDDIC|MEDDPICC", "MEDDICC|MEDDIC|MEDDPICC"),
    _t("bant", "method", "BANT", "BANT"),
    _t("spin", "method", "SPIN selling|SPIN", "venta SPIN|SPIN"),
    _t("challenger", "method", "Challenger", "Challenger"),
    _t("qualification", "method", "qualification|qualify|discovery call|discovery",
       "cualificación|calificación|cualificar|calificar|descubrimiento"),
    _t("salesforce", "tool", "Salesforce", "Salesforce"),
    _t("hubspot", "tool", "HubSpot", "HubSpot"),
    _t("crm", "tool", "CRM", "CRM"),
    _t("outreach", "tool", "Outreach.io|Salesloft|sales engagement",
       "Outreach.io|Salesloft|plataforma de prospección"),
    _t("linkedin", "tool", "LinkedIn|Sales Navigator", "LinkedIn|Sales Navigator"),
    _t("outbound", "skill", "outbound|cold call|cold calling|cold email|prospecting",
       "outbound|llamada en frío|llamadas en frío|prospección|prospectar"),
    _t("inbound", "skill", "inbound|lead", "inbound|lead|leads"),
    _t("pipeline", "skill", "pipeline|pipeline generation", "pipeline|embudo"),
    _t("quota", "number", "quota|target attainment", "cuota|objetivo de ventas"),
    _t("closing", "skill", "closing|close deals|negotiation|negotiate",
       "cierre|cerrar|negociación|negociar"),
    _t("demo", "skill", "demo|product demonstration|presentation",
       "demo|demostración|presentación"),
    _t("objections", "skill", "objection handling|objections", "objeciones|objeción"),
    _t("forecast", "skill", "forecast|forecasting", "previsión|forecast"),
    _t("full-cycle", "skill", "full cycle|full-cycle|end-to-end sales",
       "ciclo completo|ciclo de venta completo"),
    _t("stakeholders", "skill", "stakeholders|decision maker|champion|economic buyer",
       "interlocutores|decisor|campeón|comprador económico"),
    _t("account-management", "skill", "account management|upsell|expansion|renewal",
       "gestión de cuentas|venta adicional|expansión|renovación"),
    _t("value-selling", "method", "value selling|ROI|business case",
       "venta de valor|ROI|caso de negocio"),
    _t("enterprise", "segment", "enterprise|large accounts", "enterprise|grandes cuentas"),
    _t("mid-market", "segment", "mid-market|midmarket", "mid-market|mediana empresa"),
    _t("smb", "segment", "SMB|small business", "pyme|pymes|pequeña empresa"),
    _t("saas", "segment", "SaaS|software", "SaaS|software"),
    _t("b2b", "segment", "B2B", "B2B"),
    _t("territory", "segment", "territory|region", "territorio|región|zona"),
    _t("sdr-role", "skill", "SDR|BDR|sales development",
       "SDR|BDR|desarrollo de ventas"),
    _t("ae-role", "skill", "account executive|AE", "account executive|ejecutivo de cuentas|AE"),
    _t("experience", "skill", "experience|track record", "experiencia|trayectoria"),
    _t("metrics", "skill", "KPI|KPIs|metrics|data-driven", "KPI|KPIs|métricas|datos"),
    _t("teamwork", "skill", "collaboration|cross-functional|teamwork",
       "colaboración|equipo|trabajo en equipo"),
    _t("coachability", "skill", "coachable|feedback|coaching", "feedback|aprendizaje|mentoría"),
    _t("resilience", "skill", "resilience|rejection|grit", "resiliencia|rechazo|constancia"),
    _t("languages", "skill", "bilingual|fluent|native speaker", "bilingüe|fluido|nativo"),
    _t("travel", "skill", "travel", "viajar|viajes|desplazamientos"),
)
_BY_KEY = {t.key: t for t in TERMS}

# Numbers a description asks for, and the lexicon term a card about them would match.
_NUMBER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{1,2})\s*\+?\s*(?:years?|yrs?|años?)\b", re.IGNORECASE), "experience"),
    (re.compile(r"\b(\d{2,3})\s*%", re.IGNORECASE), "quota"),
    (re.compile(r"(?:[$€£]\s?\d[\d.,]*\s?[kKmM]?\b|\b\d[\d.,]*\s?[kKmM]?\s?(?:[$€£]|USD|EUR)\b)"),
     "quota"),
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _stemmer(language: str) -> Any:
    return Stemmer.Stemmer(_STEMMERS.get(language.split("-", maxsplit=1)[0], "english"))


def stems(text: str, language: str) -> tuple[str, ...]:
    """The words of `text`, lowercased, stemmed for `language`, then accent-folded."""
    words = _WORD.findall(text.lower())
    return tuple(fold(s) for s in _stemmer(language).stemWords(words))


@cache
def _phrases(key: str, language: str) -> tuple[tuple[str, ...], ...]:
    term = _BY_KEY[key]
    # Descriptions mix languages ("outbound", "SaaS" in Spanish text): try both phrasings.
    both = (*term.en, *term.es) if language != "es" else (*term.es, *term.en)
    return tuple(dict.fromkeys(p for p in (stems(x, language) for x in both) if p))


def _count(words: Sequence[str], phrase: Sequence[str]) -> int:
    n = len(phrase)
    return sum(1 for i in range(len(words) - n + 1) if tuple(words[i:i + n]) == tuple(phrase))


def _hits(words: Sequence[str], key: str, language: str) -> int:
    return sum(_count(words, p) for p in _phrases(key, language))


@dataclass(frozen=True)
class Found:
    """One thing the description asks for: a lexicon term or a number it states."""

    label: str
    key: str  # the lexicon term cards are matched on
    category: str
    mentions: int


def extract(text: str, language: str) -> list[Found]:
    """Terms and numbers the description names, most mentioned first."""
    words = stems(text, language)
    found: list[Found] = []
    for term in TERMS:
        hits = _hits(words, term.key, language)
        if hits:
            found.append(Found(term.label(language), term.key, term.category, hits))
    for pattern, key in _NUMBER_PATTERNS:
        for match in pattern.finditer(text):
            label = " ".join(match.group(0).split())
            if not any(f.label == label for f in found):
                found.append(Found(label, key, "number", 1))
    found.sort(key=lambda f: (-f.mentions, f.category == "number", f.label.lower()))
    return found


def card_text_stems(card: Card, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(stems of the prompt and tags, stems of everything else on the card)."""
    head = stems(" ".join((card.prompt, *(t.replace("-", " ") for t in card.tags))), language)
    body = stems(" ".join((card.answer or "", *card.talking_points, *card.do, *card.dont,
                           card.example or "", *card.follow_ups)), language)
    return head, body


@dataclass(frozen=True)
class CardMatch:
    deck_id: str
    language: str
    card_id: str
    score: int


def match_cards(
    key: str, cards: Iterable[tuple[str, str, Card, tuple[tuple[str, ...], tuple[str, ...]]]],
) -> list[CardMatch]:
    """Cards that rehearse a term, best first: a hit in the prompt or tags counts three
    times one in the answer or talking points."""
    out = []
    for deck_id, language, card, (head, body) in cards:
        score = 3 * _hits(head, key, language) + _hits(body, key, language)
        if score:
            out.append(CardMatch(deck_id, language, card.id, score))
    out.sort(key=lambda m: (-m.score, m.deck_id, m.card_id))
    return out


def slug(text: str) -> str:
    """A card id made from a term: lowercase ASCII words joined by hyphens."""
    return "-".join(_WORD.findall(fold(text))) or "term"
