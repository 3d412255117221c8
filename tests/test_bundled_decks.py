"""The bundled decks: valid, the same ids in every language, consistent, and worth rehearsing.

Every check runs over every deck file in decks/en and decks/es, so a deck added later is
held to the same rules without touching this module.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from interviewprep.core.decks.model import Card, CardKind, Deck
from interviewprep.core.decks.validate import load_deck_file
from interviewprep.locations import bundled_decks_dir
from tests.conftest import RunCli

DECKS = bundled_decks_dir()
LANGUAGES = ("en", "es")
# The seven decks every release has shipped; others may be added beside them.
ORIGINAL_DECKS = {"ae-interview", "sdr-interview", "sdr-to-ae-promotion", "objection-handling",
                  "interview-dos-donts", "questions-to-ask", "role-knowledge"}
PROMOTION_DECK = "sdr-to-ae-promotion"
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "source" / "sdr-vs-ae.txt"

# Two prompts are near-duplicates when, lowercased and stripped of punctuation (and of any
# stage label before a quoted buyer's line), either
# their edit-distance similarity (fuzz.ratio) reaches 85 or one prompt's words are (almost)
# all contained in the other's (fuzz.token_set_ratio 95). Measured on the bundled decks,
# the closest distinct pair scores 78 on ratio ("Tell me about a deal you lost. What did
# you learn?" against "... a deal that stalled. What did you do?") and 86 on token set;
# a reworded duplicate ("Just send me an email." / "Just send me an email, then.") scores
# above 90 on both. Genuinely different cards that trip this are reworded, not exempted.
NEAR_DUPLICATE_RATIO = 85
NEAR_DUPLICATE_TOKEN_SET = 95

# Spanish calques a Spanish-speaking sales lead would not write (issue #12), and the
# variants we chose against: "costo" over "coste", «» over “”.
SPANISH_BANNED = (
    "ser dueño de las oportunidades", "dueño de las oportunidades", "dueño de mi forecast",
    "conducir descubrimientos", "conducir", "conduzco", "conduciría", "conducido", "conducidas",
    "evento disparador", "eventos disparadores", "fue promovido", "fue promovida",
    "pedir el pedido", "alternativa soportada", "cero rampa", "tomaría reuniones",
    "tamaño de los acuerdos", "coste", "costes", "“", "”",
    # One term each: "ingeniero de preventa" for sales engineer, "AE" for account executive,
    # "negocio" for deal (an open one in the CRM is an "oportunidad").
    "sales engineer", "sales engineers", "ingeniero de ventas", "ingenieros de ventas",
    "ejecutivo de ventas", "ejecutivo de cuenta", "tratos",
)
# British spellings (-ise/-isation, -our, -re, doubled l, ...) caught in earlier versions of
# the English decks, and their near relatives; US spelling throughout.
BRITISH = re.compile(
    r"\b((organi|recogni|reali|priori|summari|apologi|critici|emphasi|standardi|energi|"
    r"personali|speciali|finali|minimi|maximi|optimi|categori|memori|visuali|utili|"
    r"capitali|customi|authori|synchroni|familiari|characteri|normali|stabili|"
    r"incentivi|monetis|scrutini|legitimi|galvani|centrali|formali)s(e|es|ed|ing|ation|ations)"
    r"|\w*(behavio|colo|favo|hono|labo|neighbo|endeavo|rumo|humo)ur(s|ed|ing|able|ite|ites|al)?"
    r"|programmes?|licence|practis(e|es|ed|ing)|maths|centres?|analys(e|es|ed|ing)"
    r"|travell(ed|ing|er)|cancell(ed|ing)|modell(ed|ing)|labell(ed|ing)|judgement|catalogue"
    r"|enrolment|fulfil|defence|offence|cheque|whilst|amongst|towards)\b",
    re.IGNORECASE,
)


def load(language: str) -> dict[str, Deck]:
    decks = {}
    for path in sorted((DECKS / language).glob("*.yaml")):
        deck, problems = load_deck_file(path)
        assert deck is not None, problems
        assert deck.info.language == language
        decks[deck.info.id] = deck
    return decks


def cards(language: str) -> list[tuple[str, Card]]:
    return [(f"{deck_id}/{card.id}", card)
            for deck_id, deck in load(language).items() for card in deck.cards]


def test_validate_command_passes_on_the_bundled_decks(cli: RunCli) -> None:
    files = sum(len(list((DECKS / lang).glob("*.yaml"))) for lang in LANGUAGES)
    result = cli("validate", DECKS)
    assert result.code == 0, result.out
    assert f"{files} decks valid" in result.out


def test_same_decks_and_card_ids_in_every_language() -> None:
    english, spanish = load("en"), load("es")
    assert set(english) == set(spanish)
    assert set(english) >= ORIGINAL_DECKS
    for deck_id, deck in english.items():
        assert [c.id for c in deck.cards] == [c.id for c in spanish[deck_id].cards], deck_id
        assert [c.kind for c in deck.cards] == [c.kind for c in spanish[deck_id].cards]


@pytest.mark.parametrize("language", LANGUAGES)
def test_enough_cards_and_each_one_coaches(language: str) -> None:
    decks = load(language)
    assert sum(len(d.cards) for d in decks.values()) >= 150
    for deck in decks.values():
        for card in deck.cards:
            where = f"{deck.info.id}/{card.id}"
            if card.kind is CardKind.ROLEPLAY:
                # A call coaches turn by turn: every reply it asks for has its points.
                replies = [t for t in card.turns if not t.end]
                assert replies and all(t.talking_points for t in replies), where
                assert card.scoring, where
            elif card.kind is not CardKind.TIP:
                assert len(card.talking_points) >= 3, where
            if card.kind is CardKind.QUESTION:
                assert card.time_limit is not None and 30 <= card.time_limit <= 180, where


@pytest.mark.parametrize("language", LANGUAGES)
def test_objections_and_promotion_panel_questions_carry_follow_ups(language: str) -> None:
    """Interviewers push hardest here: the buyer's second push-back, the panel's next probe."""
    for deck_id, deck in load(language).items():
        for card in deck.cards:
            pushed = card.kind is CardKind.OBJECTION or (
                deck_id == PROMOTION_DECK and card.kind is CardKind.QUESTION)
            if pushed:
                assert card.follow_ups, f"{language}:{deck_id}/{card.id} has no follow-up"


@pytest.mark.parametrize("language", LANGUAGES)
def test_brush_offs_are_answered_in_a_few_seconds(language: str) -> None:
    """The decks advise answering a cold-call brush-off in under 15 s; the timer agrees."""
    brush_offs = [(where, card) for where, card in cards(language)
                  if card.kind is CardKind.OBJECTION and "brush-off" in card.tags]
    assert brush_offs
    for where, card in brush_offs:
        assert card.time_limit is not None and 15 <= card.time_limit <= 20, where


def test_spanish_time_limits_allow_for_longer_answers() -> None:
    """Spanish model answers run about 20% longer than the English ones."""
    spanish = dict(cards("es"))
    for where, card in cards("en"):
        other = spanish[where].time_limit
        if card.time_limit is not None:
            assert other is not None, where
            assert other >= math.floor(card.time_limit * 1.15), (where, card.time_limit, other)


def test_no_prompt_is_repeated_across_decks() -> None:
    for language in LANGUAGES:
        prompts = [c.prompt.strip().lower() for _, c in cards(language)]
        assert len(prompts) == len(set(prompts)), language


def _normalized(prompt: str) -> str:
    """The words that identify a prompt: for a quoted buyer's line, only the quote.

    Objection prompts share stage labels ('Cold call, first 30 seconds (SDR): "..."'),
    which would otherwise make short, different objections look alike.
    """
    quoted = re.fullmatch(r'(?:[^"«“:]*:\s*)?(?:"(.+)"|«(.+)»|“(.+)”)[.!?]?', prompt.strip())
    if quoted:
        prompt = next(group for group in quoted.groups() if group)
    return " ".join(re.findall(r"\w+", prompt.lower()))


def near_duplicates(prompts: list[tuple[str, str]]) -> list[tuple[str, str, int, int]]:
    """Pairs of (where, prompt) whose prompts are near-duplicates, with both scores."""
    words = [(where, _normalized(prompt)) for where, prompt in prompts]
    close = []
    for (a, text_a), (b, text_b) in itertools.combinations(words, 2):
        ratio = round(fuzz.ratio(text_a, text_b))
        # One-word prompts ("No.") are contained in too much to count as a subset match.
        shortest = min(len(text_a.split()), len(text_b.split()))
        token_set = round(fuzz.token_set_ratio(text_a, text_b)) if shortest >= 2 else 0
        if ratio >= NEAR_DUPLICATE_RATIO or token_set >= NEAR_DUPLICATE_TOKEN_SET:
            close.append((a, b, ratio, token_set))
    return close


def test_the_near_duplicate_check_tells_rewordings_from_different_questions() -> None:
    reworded = [("Just send me an email.", "Just send me an email, then."),
                ('Cold call (SDR): "Not interested."', "\"I'm not interested, thanks.\""),
                ("Why do you want to sell for us, specifically?",
                 "Why do you want to sell for us?"),
                ("What is this about?", "What's this call about?")]
    different = [("Tell me about a deal you lost. What did you learn?",
                  "Tell me about a deal that stalled. What did you do?"),
                 ('Cold call (SDR): "I\'m too busy for this right now."',
                  'Cold call (SDR): "We don\'t have budget for this right now."'),
                 ("Sell me this pen.", "No."),
                ('What goes into a good "deal you won" presentation?',
                 "Present a deal you won. You have 15 minutes with the panel.")]
    for first, second in reworded:
        assert near_duplicates([("a", first), ("b", second)]), (first, second)
    for first, second in different:
        assert not near_duplicates([("a", first), ("b", second)]), (first, second)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_prompts_are_near_duplicates(language: str) -> None:
    assert not near_duplicates([(where, card.prompt) for where, card in cards(language)])


def banned_spanish(text: str) -> list[str]:
    """The banned calques and variants in a Spanish text (line breaks count as spaces)."""
    flat = " ".join(text.lower().split())
    return [term for term in SPANISH_BANNED
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", flat)]


def test_the_spanish_and_spelling_checks_catch_what_they_ban() -> None:
    assert banned_spanish("Quiero ser dueño de las\n      oportunidades y del coste.") == [
        "ser dueño de las oportunidades", "dueño de las oportunidades", "coste"]
    assert banned_spanish("El costo, un dueño amable y «comillas».") == []
    assert [m.group(0) for m in BRITISH.finditer("Summarise the behaviour; organize it.")] == [
        "Summarise", "behaviour"]


def test_spanish_avoids_calques_and_mixed_variants() -> None:
    found = [(path.name, term) for path in sorted((DECKS / "es").glob("*.yaml"))
             for term in banned_spanish(path.read_text(encoding="utf-8"))]
    assert not found


def test_english_uses_us_spelling() -> None:
    found = []
    for path in sorted((DECKS / "en").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found += [(path.name, m.group(0)) for m in BRITISH.finditer(text)]
    assert not found


def test_spanish_uses_inverted_question_marks() -> None:
    for deck in load("es").values():
        for card in deck.cards:
            if card.prompt.rstrip('"»”').endswith("?"):
                assert "¿" in card.prompt, f"{deck.info.id}/{card.id}: {card.prompt}"


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")
def test_no_sentence_of_the_source_article_is_copied() -> None:
    article = _shingles(ARTICLE.read_text(encoding="utf-8"))
    for path in sorted((DECKS / "es").glob("*.yaml")):
        copied = _shingles(path.read_text(encoding="utf-8")) & article
        assert not copied, f"{path.name} repeats the article: {sorted(copied)[:3]}"
