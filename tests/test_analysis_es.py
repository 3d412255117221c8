"""Spanish feedback as a Spanish-speaking tester met it: feminine number words, first-person
preterites ("lo elegí") covering a point worded in another person, and "bueno" counted as a
filler only where it is one. Through the real CLI on the bundled decks, and on crafted cards."""

from __future__ import annotations

import pytest

from interviewprep.core.analysis import analyse
from interviewprep.core.analysis.delivery import delivery
from interviewprep.core.decks.model import Card, CardKind
from tests.conftest import RunCli

LLAMADAS = Card(
    id="llamadas", kind=CardKind.QUESTION, prompt="¿Cuánta actividad hacías cada semana?",
    talking_points=("Da tu volumen de llamadas y de reuniones.",), expects_numbers=True,
)
PANEL_ANSWER = ("Os traigo Brightpath, una correduría de Sevilla: 55 000 euros al año, en fase "
                "de propuesta, con cierre el día 28. Lo elegí porque el dolor está "
                "cuantificado. Mi papel fue generar la oportunidad y acompañar al AE.")


def test_feminine_number_words_through_the_cli(cli: RunCli) -> None:
    done = cli("--ui-lang", "es", "--lang", "es", "analyze", "--deck", "sdr-to-ae-promotion",
               "--card", "consistency-over-quarters", "--text",
               "Hice doscientas llamadas a la semana.")
    assert done.code == 0, done.err
    assert "Sin cifras" not in done.out


FEMININE = ["doscientas", "trescientas", "cuatrocientas", "quinientas", "seiscientas",
            "setecientas", "ochocientas", "novecientas", "veintiuna", "veintiún",
            "treinta y una", "noventa y una", "mil doscientas", "dos mil quinientas",
            "doscientas mil", "un millar de"]


@pytest.mark.parametrize("words", FEMININE)
def test_every_feminine_form_is_a_number(words: str) -> None:
    said = f"Hacía {words} llamadas a la semana."
    assert analyse(LLAMADAS, said, 10, 120, "es").uses_numbers
    assert not any(n.startswith("No numbers") for n in analyse(
        LLAMADAS, said, 10, 120, "es").lines())


def test_an_article_is_still_not_a_number() -> None:
    assert not analyse(LLAMADAS, "Hacía una llamada tras otra.", 10, 120, "es").uses_numbers


def test_a_first_person_preterite_covers_the_point_through_the_cli(cli: RunCli) -> None:
    done = cli("--lang", "es", "analyze", "--deck", "roleplay-calls", "--card",
               "promotion-panel-deal-review", "--turn", "which-deal", "--json", "--text",
               PANEL_ANSWER)
    assert done.code == 0, done.err
    data = done.json()
    assert [p["covered"] for p in data["talking_points"]] == [True, True, True]
    assert data["talking_points"][1]["evidence"] == ("Lo elegí porque el dolor está "
                                                     "cuantificado.")
    assert data["suggested_rating"] == "easy"


ELECCION = Card(
    id="eleccion", kind=CardKind.QUESTION, prompt="Háblanos de un negocio.",
    talking_points=("Explica por qué lo elegiste.", "Cuenta cómo lo conseguiste cerrar.",
                    "Di qué cuantificaste con el cliente."),
)


@pytest.mark.parametrize("answer", [
    "Lo elegí porque el dolor era claro. Al final conseguí cerrarlo. Cuantifiqué el ahorro "
    "con el cliente.",
    # Typed without accents, as people often do.
    "Lo elegi porque el dolor era claro. Al final consegui cerrarlo. Cuantifique el ahorro "
    "con el cliente.",
])
def test_first_person_preterites_meet_their_other_forms(answer: str) -> None:
    result = analyse(ELECCION, answer, 20, 120, "es")
    assert [p.found for p in result.points] == [True, True, True]


@pytest.mark.parametrize(("text", "count"), [
    ("Bueno, el resultado fue bueno, y el equipo era muy bueno.", 1),
    ("El resultado fue bueno, aunque tardamos.", 0),
    ("Eso es bueno, pero caro.", 0),
    ("Un cierre muy bueno, sin duda.", 0),
    ("Perdimos el negocio. Bueno, aprendí mucho.", 1),
    ("Lo perdimos y bueno, aprendí mucho.", 1),
    ("Este, bueno, fue duro.", 1),
])
def test_bueno_is_a_filler_only_where_it_opens_a_clause(text: str, count: int) -> None:
    assert delivery(text, None, "es").fillers.get("bueno", 0) == count


def test_the_cli_counts_the_filler_bueno_once(cli: RunCli) -> None:
    done = cli("--lang", "es", "analyze", "--deck", "sdr-to-ae-promotion", "--card",
               "consistency-over-quarters", "--json", "--text",
               "Bueno, el trimestre fue bueno, y el resultado fue bueno: 120 % de cuota.")
    assert done.code == 0, done.err
    assert done.json()["fillers"] == {"bueno": 1}
