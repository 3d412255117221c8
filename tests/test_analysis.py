"""Answer feedback: talking points touched, time against the limit, numbers, fillers."""

from __future__ import annotations

from interviewprep.core.analysis import analyse
from interviewprep.core.decks.model import Card, CardKind

CARD = Card(
    id="lost-deal", kind=CardKind.QUESTION, prompt="Tell me about a deal you lost.",
    talking_points=(
        "Name the deal, its size and why it mattered",
        "Own your part in the loss without blaming the buyer",
        "Say what you changed in your process afterwards",
    ),
    time_limit=90,
)


def test_points_touched_and_missed() -> None:
    answer = ("We lost a 40k deal to a cheaper rival: we never met the CFO. "
              "Since then I changed my process and multi-thread every deal.")
    result = analyse(CARD, answer, 75, 90)
    assert "Name the deal, its size and why it mattered" in result.covered
    assert "Say what you changed in your process afterwards" in result.covered
    assert result.missed == ("Own your part in the loss without blaming the buyer",)
    assert result.uses_numbers and result.over_time_by == 0


def test_over_time_no_numbers_and_fillers() -> None:
    result = analyse(CARD, "Um, basically we lost it, you know, um.", 130, 90)
    assert result.over_time_by == 40
    assert not result.uses_numbers
    assert result.fillers == {"um": 2, "basically": 1, "you know": 1}
    notes = result.lines()
    assert "40 s over the 90 s limit: tighten the story." in notes
    assert any(note.startswith("No numbers") for note in notes)


def test_ordinary_words_are_not_fillers() -> None:
    assert analyse(CARD, "A customer like you saved 12 hours.", 10, 90).fillers == {}
    spanish = analyse(CARD, "Este año, o sea, cerré 14 tratos.", 10, 90, language="es")
    assert spanish.fillers == {"o sea": 1}


def test_accents_do_not_hide_a_match() -> None:
    card = Card(id="x", kind=CardKind.QUESTION, prompt="¿?",
                talking_points=("Explica la negociación con números",))
    assert analyse(card, "La negociacion cerró con 3 años", 10, None, "es").covered


def test_empty_answer_says_so() -> None:
    result = analyse(CARD, "", 60, 90)
    assert result.words == 0 and result.covered == ()
    assert result.lines() == ["Nothing typed: if you rehearsed aloud, compare with the points "
                              "below."]
