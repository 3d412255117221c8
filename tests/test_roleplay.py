"""Role-play cards: the documented example validates, a branching call is driven to each of
its endings, and broken graphs are refused with located errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.core.decks.model import Card, CardKind, Deck
from interviewprep.core.decks.turns import When
from interviewprep.core.decks.validate import parse_deck
from interviewprep.core.roleplay import RolePlay

DOC = Path(__file__).resolve().parents[1] / "docs" / "deck-format.md"


def _doc_example() -> str:
    blocks = DOC.read_text(encoding="utf-8").split("```yaml\n")[1:]
    return next(b.split("```", 1)[0] for b in blocks if "kind: roleplay" in b)


def _deck(text: str) -> Deck:
    deck, problems = parse_deck(text.encode(), Path("deck.yaml"))
    assert problems == []
    assert deck is not None
    return deck


def _problems(text: str) -> list[str]:
    deck, problems = parse_deck(textwrap.dedent(text).encode(), Path("deck.yaml"))
    assert deck is None
    return [str(p) for p in problems]


@pytest.fixture
def call() -> Card:
    card = _deck(_doc_example()).cards[0]
    assert card.kind is CardKind.ROLEPLAY
    return card


def test_the_documented_roleplay_validates_and_round_trips(call: Card) -> None:
    assert [t.id for t in call.turns] == ["opener", "brush-off", "pain", "think-about-it",
                                          "meeting-booked", "not-interested"]
    assert call.turns[0].branches[0].when is When.BREAKS_DONT
    assert call.turns[2].point_keywords[0] == ("per rep", "each month", "every month")
    assert call.scoring and call.scenario and call.time_limit == 45
    assert Card.from_dict(call.to_dict()) == call


def test_a_good_call_books_the_meeting(call: Card) -> None:
    run = RolePlay(call, "en")
    assert run.current is not None and run.current.buyer == "Dana speaking. Who's this?"
    first = run.submit("Hi Dana, it's Sam from Rampwise, I'm calling because you're hiring "
                       "ten reps. How long does a new rep take to ramp today?", 20)
    assert first.branch is not None and first.branch.when is When.ASKS_QUESTION
    assert run.current is not None and run.current.id == "pain"
    second = run.submit("Six months at a full salary is about 8,000 dollars per rep each "
                        "month. Could we meet for 20 minutes on Thursday at ten?", 25)
    assert second.feedback.missed == ()
    assert run.finished and run.current is not None and run.current.id == "meeting-booked"
    assert [r.turn.id for r in run.history] == ["opener", "pain"]
    with pytest.raises(RuntimeError):
        run.submit("anything", 1)


def test_pitching_first_ends_the_call(call: Card) -> None:
    run = RolePlay(call, "en")
    result = run.submit("Our platform has great product features: AI dashboards, fifty "
                        "integrations and reports.", 15)
    assert result.feedback.broken_donts
    assert result.goes_to == "not-interested"
    assert run.finished and run.current is not None and run.current.end


def test_no_question_leads_to_the_brush_off_then_a_polite_end(call: Card) -> None:
    run = RolePlay(call, "en")
    run.submit("Hi, this is Sam from Rampwise.", 5)
    assert run.current is not None and run.current.id == "brush-off"
    run.submit("Sure, what would you want to see in it?", 5)
    assert run.current is not None and run.current.id == "pain"
    missed = run.submit("Okay, I understand.", 5)
    assert missed.goes_to == "think-about-it"
    last = run.submit("Of course, talk soon.", 5)
    assert last.goes_to == "end"
    assert run.finished and run.current is None
    assert len(run.history) == 4


def test_a_brush_off_without_a_question_is_not_interested(call: Card) -> None:
    run = RolePlay(call, "en")
    run.submit("Hi, this is Sam from Rampwise.", 5)
    run.submit("Okay, I will send it.", 5)
    assert run.current is not None and run.current.id == "not-interested" and run.finished


def test_mentions_narrow_a_branch() -> None:
    card = _deck("""\
id: rp
title: RP
language: es
cards:
  - id: llamada
    kind: roleplay
    prompt: Llamada
    scenario: Una llamada corta.
    turns:
      - id: inicio
        buyer: "¿Quién es?"
        branches:
          - when: asks_question
            mentions: [presupuesto]
            goto: fin-bueno
        next: fin-malo
      - id: fin-bueno
        buyer: "Hablemos."
        end: true
      - id: fin-malo
        buyer: "Adiós."
        end: true
""").cards[0]
    run = RolePlay(card, "es")
    run.submit("¿Cómo va tu semana?", 5)
    assert run.current is not None and run.current.id == "fin-malo"
    run = RolePlay(card, "es")
    run.submit("¿Cuándo se decide el presupuesto del año que viene?", 5)
    assert run.current is not None and run.current.id == "fin-bueno"


HEAD = """\
id: rp
title: RP
language: en
cards:
  - id: call
    kind: roleplay
    prompt: A call
    scenario: A short call.
    turns:
"""


def test_a_goto_to_a_missing_turn_is_located() -> None:
    assert _problems(HEAD + """\
      - id: start
        buyer: Hello?
        branches:
          - when: asks_question
            goto: nowhere
""") == ["deck.yaml:14:19: no turn with id 'nowhere' in this card (turns: start)"]


def test_unreachable_turns_and_loops_without_exit_are_refused() -> None:
    assert _problems(HEAD + """\
      - id: start
        buyer: Hello?
        next: again
      - id: again
        buyer: Say that again?
        next: start
      - id: lonely
        buyer: Nobody comes here.
        end: true
""") == [
        "deck.yaml:10:9: turn 'start' can never reach an end: its branches loop with no "
        "way out",
        "deck.yaml:13:9: turn 'again' can never reach an end: its branches loop with no "
        "way out",
        "deck.yaml:16:9: turn 'lonely' is never reached: no goto or next leads to it",
    ]


def test_a_loop_with_a_way_out_is_allowed() -> None:
    deck = _deck(HEAD + """\
      - id: start
        buyer: Hello?
        branches:
          - when: misses_points
            goto: start
        talking_points: [Say who you are]
        next: end
""")
    assert deck.cards[0].turns[0].branches[0].goto == "start"


def test_roleplay_fields_are_checked_where_they_belong() -> None:
    assert _problems("""\
        id: rp
        title: RP
        language: en
        cards:
          - id: call
            kind: roleplay
            prompt: A call
          - id: q
            kind: question
            prompt: Why sales?
            answer: Because.
            scenario: Not here.
          - id: over
            kind: roleplay
            prompt: Over
            scenario: x
            turns:
              - id: bye
                buyer: Bye.
                end: true
                next: bye
        """) == [
        "deck.yaml:5:5: a roleplay card needs 'scenario'",
        "deck.yaml:5:5: a roleplay card needs 'turns'",
        "deck.yaml:12:5: 'scenario' belongs on roleplay cards only",
        "deck.yaml:18:9: turn 'bye' ends the call: it takes no branches, next or "
        "talking_points",
    ]


def test_talking_points_with_keywords_and_expects_numbers() -> None:
    deck = _deck("""\
id: kw
title: KW
language: en
cards:
  - id: q
    kind: question
    prompt: Your quota?
    expects_numbers: true
    talking_points:
      - Plain point
      - text: Point with keywords
        keywords: [quota, attainment]
""")
    card = deck.cards[0]
    assert card.expects_numbers
    assert card.talking_points == ("Plain point", "Point with keywords")
    assert card.point_keywords == ((), ("quota", "attainment"))
    assert _problems("""\
        id: kw
        title: KW
        language: en
        cards:
          - id: q
            kind: question
            prompt: Your quota?
            expects_numbers: yes please
            talking_points:
              - keywords: [quota]
        """) == [
        "deck.yaml:8:22: 'expects_numbers' must be true or false",
        "deck.yaml:10:9: talking point is missing required key 'text'",
    ]


def test_misses_points_means_most_of_them() -> None:
    card = _deck(HEAD + """\
      - id: start
        buyer: We already use a spreadsheet.
        talking_points:
          - Ask how long the spreadsheet takes each week
          - Ask who maintains the spreadsheet
        branches:
          - when: misses_points
            goto: lost
        next: won
      - id: lost
        buyer: Then we're fine, thanks.
        end: true
      - id: won
        buyer: Good question, let me explain.
        end: true
""").cards[0]
    run = RolePlay(card, "en")
    run.submit("How many hours a week does the spreadsheet take your team?", 5)
    assert run.current is not None and run.current.id == "won"  # one of two is enough
    run = RolePlay(card, "en")
    run.submit("Spreadsheets are great.", 5)
    assert run.current is not None and run.current.id == "lost"
