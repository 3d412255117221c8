"""A mock interview's follow-up answers get an honest suggested rating: a follow-up has no
talking points of its own, so junk is not "Good"; it goes by substance, says so, and reads
the same in English and Spanish. Through the real store, and `history` through the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewprep import i18n
from interviewprep.core.collection import Collection
from interviewprep.core.mock import MockInterview, MockPhase
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from tests.conftest import Clock, RunCli, WriteDeck

DECKS = {"en": """\
id: follow
title: Follow-ups
language: {language}
cards:
  - id: why-sales
    kind: question
    prompt: Why do you want to work in sales?
    talking_points:
      - A moment you chose sales
      - What you enjoy about winning customers
    follow_ups:
      - What would your last manager say about you?
""", "es": """\
id: follow
title: Repreguntas
language: {language}
cards:
  - id: por-que-ventas
    kind: question
    prompt: ¿Por qué quieres trabajar en ventas?
    talking_points:
      - Un momento en que elegiste ventas
      - Lo que disfrutas al ganar clientes
    follow_ups:
      - ¿Qué diría de ti tu último responsable?
"""}
JUNK = {"en": "Answer number 3 with accents: search.",
        "es": "Respuesta número 3 con ñ y acentos: búsqueda."}
SUBSTANTIAL = {
    "en": ("She would say I am coachable and persistent: when my connect rate dropped in "
           "March I asked her to listen to my calls, rewrote my opener with her, and by May "
           "I was booking eleven meetings a month again, the most on the team, and I kept "
           "sharing what worked with the two new reps."),
    "es": ("Diría que soy constante y que me dejo entrenar: cuando en marzo bajó mi tasa de "
           "contacto le pedí que escuchara mis llamadas, reescribimos juntos la apertura y "
           "en mayo ya volvía a cerrar once reuniones al mes, la cifra más alta del equipo, "
           "y compartí lo que funcionaba con los dos nuevos SDR."),
}


@pytest.fixture(params=["en", "es"])
def deck(request: pytest.FixtureRequest, data_dir: Path, deck_dir: Path,
         write_deck: WriteDeck, clock: Clock) -> Iterator[tuple[Collection, str]]:
    language = str(request.param)
    write_deck(DECKS[language].format(language=language), name="follow.yaml")
    opened = Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                             include_bundled=False)
    yield opened, language
    opened.close()


def _mock(collection: Collection, language: str, main: str, follow_up: str) -> MockInterview:
    mock = MockInterview(collection, [collection.resolve_deck(f"follow@{language}")],
                         questions=1)
    mock.submit(main)
    assert mock.view().is_follow_up
    mock.submit(follow_up)
    assert mock.phase is MockPhase.REVIEWING
    return mock


def test_a_junk_follow_up_is_not_suggested_good(deck: tuple[Collection, str],
                                                cli: RunCli) -> None:
    collection, language = deck
    mock = _mock(collection, language, JUNK[language], JUNK[language])
    main, follow_up = mock.answers
    assert main.suggested is Rating.AGAIN
    assert follow_up.suggested is Rating.AGAIN, "the same junk, the same suggestion"
    mock.rate(None)
    mock.rate(None)  # accepting the suggestions, as the tester did
    assert mock.phase is MockPhase.DONE
    assert [a.rating for a in reversed(collection.store.answers())] == [1, 1]
    done = cli("--ui-lang", language, "history")
    assert done.code == 0, done.err
    listed = done.out
    mock_label = {"en": "mock", "es": "simulacro"}[language]
    assert listed.count(f"· {mock_label} {mock.mock_id}") == 2
    assert ("Good" if language == "en" else "Bien") not in listed


def test_a_substantial_follow_up_is_suggested_good_and_says_why(
        deck: tuple[Collection, str]) -> None:
    collection, language = deck
    mock = _mock(collection, language, JUNK[language], SUBSTANTIAL[language])
    follow_up = mock.answers[1]
    assert follow_up.suggested is Rating.GOOD, "never Easy: there is nothing to measure"
    i18n.set_language(language)
    note = {"en": "No talking points to compare with: the suggested rating goes by length "
                  "only.",
            "es": "No hay puntos clave con los que comparar: la valoración sugerida solo "
                  "tiene en cuenta la longitud."}[language]
    assert note in follow_up.feedback.lines()
    assert not any(note in line for line in mock.answers[0].feedback.lines())


def test_a_short_follow_up_is_hard(deck: tuple[Collection, str]) -> None:
    collection, language = deck
    words = SUBSTANTIAL[language].split()
    mock = _mock(collection, language, JUNK[language], " ".join(words[:25]) + ".")
    assert mock.answers[1].suggested is Rating.HARD
