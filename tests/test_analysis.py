"""Answer feedback on crafted answers in English and Spanish: coverage with evidence,
look-alikes refused, don'ts with evidence, pasted guidance, numbers, length, fillers and
hedges, STAR cues, the suggested rating and the `analyze --json` contract."""

from __future__ import annotations

from interviewprep.core.analysis import Length, Suggestion, analyse
from interviewprep.core.decks.model import Card, CardKind

BUDGET = Card(
    id="no-budget", kind=CardKind.OBJECTION, prompt="We don't have budget for this right now.",
    talking_points=(
        "Find out whether the money doesn't exist or simply hasn't been allocated yet.",
        "Ask when the next budget cycle starts and who decides where the money goes.",
        "Offer a smaller starting point or phased rollout if it fits their process.",
    ),
    dont=("Offer a discount before you understand the situation.",),
    example="That's fair. Is it that nothing is set aside for this area, or that this "
            "year's plan is already spent?",
    time_limit=90,
)
PRESUPUESTO = Card(
    id="sin-presupuesto", kind=CardKind.OBJECTION,
    prompt="Ahora mismo no tenemos presupuesto para esto.",
    talking_points=(
        "Pregunta cuándo empieza el próximo ciclo de presupuesto y quién decide a dónde va "
        "el dinero.",
        "Ofrece un punto de partida más pequeño o una implementación por fases.",
        "Pregunta cómo hacen las compras de software.",
    ),
    dont=("Ofrecer un descuento antes de entender la situación.",),
    time_limit=90,
)
LOST_DEAL = Card(
    id="lost-deal", kind=CardKind.QUESTION, prompt="Tell me about a deal you lost.",
    talking_points=("Own your part in the loss without blaming the buyer",),
    time_limit=120, tags=("star",), expects_numbers=True,
)


def test_a_paraphrase_is_credited_with_the_sentence_that_covers_it() -> None:
    answer = ("I hear you. When does your new fiscal year start, and who signs off on "
              "spending? We could also begin with a single team as a pilot.")
    result = analyse(BUDGET, answer, 40, 90)
    assert [p.found for p in result.points] == [False, True, True]
    assert result.points[1].evidence == ("When does your new fiscal year start, and who "
                                         "signs off on spending?")
    assert result.points[2].evidence == "We could also begin with a single team as a pilot."


def test_a_spanish_paraphrase_is_credited() -> None:
    answer = ("Lo entiendo. ¿Cuándo empieza vuestro año fiscal y quién aprueba el gasto? "
              "Podemos empezar con un piloto en un solo equipo.")
    result = analyse(PRESUPUESTO, answer, 40, 90, "es")
    assert [p.found for p in result.points] == [True, True, False]
    assert result.points[0].evidence == ("¿Cuándo empieza vuestro año fiscal y quién aprueba "
                                         "el gasto?")


def test_look_alikes_cover_nothing() -> None:
    english = analyse(BUDGET, "Budget is something every company talks about, and money is "
                      "what our dashboard tracks for every customer.", 20, 90)
    assert english.covered == ()
    spanish = analyse(PRESUPUESTO, "Tengo mucho compromiso con cada cliente y con el "
                      "presupuesto de mi equipo.", 20, 90, "es")
    assert spanish.covered == ()  # "compromiso" is not "compras"


def test_coach_keywords_cover_a_point() -> None:
    card = Card(id="k", kind=CardKind.QUESTION, prompt="How do you multi-thread a deal?",
                talking_points=("Reach the economic buyer early",),
                point_keywords=(("cfo", "chief financial officer"),))
    result = analyse(card, "By week two I had the CFO on a call.", None, None)
    assert result.points[0].found
    assert result.points[0].evidence == "By week two I had the CFO on a call."


def test_a_broken_dont_is_shown_with_its_evidence_and_a_negated_one_is_not() -> None:
    broke = analyse(BUDGET, "Understood. I can give you a big discount and a lower price "
                    "if you sign today.", 20, 90)
    assert broke.donts[0].found
    assert broke.donts[0].evidence == ("I can give you a big discount and a lower price if "
                                       "you sign today.")
    kept = analyse(BUDGET, "I would never offer a discount this early.", 20, 90)
    assert not kept.donts[0].found
    spanish = analyse(PRESUPUESTO, "Te hago un descuento y te bajo el precio si firmas hoy.",
                      20, 90, "es")
    assert spanish.donts[0].found
    assert not analyse(PRESUPUESTO, "Nunca ofrezco un descuento tan pronto.", 20, 90,
                       "es").donts[0].found


def test_pasted_guidance_is_flagged_and_never_rated_above_hard() -> None:
    pasted = " ".join(BUDGET.talking_points)
    result = analyse(BUDGET, pasted, 60, 90)
    assert result.echoes_guidance
    assert result.suggested_rating in (Suggestion.AGAIN, Suggestion.HARD)
    assert result.lines()[0].startswith("This mostly repeats the card's own guidance")
    own = analyse(BUDGET, "When does your fiscal year start and who signs off?", 20, 90)
    assert not own.echoes_guidance


def test_numbers_in_digits_and_words_in_both_languages() -> None:
    def numbers(text: str, language: str = "en") -> bool:
        return analyse(LOST_DEAL, text, 10, 120, language).uses_numbers

    assert numbers("I was ahead five of twelve months.")
    assert numbers("Revenue grew forty percent.")
    assert numbers("We closed 12 deals.")
    assert numbers("Estuve por encima cinco de doce meses.", "es")
    assert not numbers("Este año cerré con un cliente nuevo.", "es")
    assert not numbers("A customer like you.")


def test_the_numbers_note_only_on_cards_that_expect_numbers() -> None:
    assert any(n.startswith("No numbers") for n in analyse(LOST_DEAL, "I lost it.", 5,
                                                            120).lines())
    assert not any(n.startswith("No numbers") for n in analyse(BUDGET, "Fair.", 5,
                                                                90).lines())


def test_fillers_and_hedges_without_ordinary_uses() -> None:
    result = analyse(BUDGET, "Um, basically I think we could, you know, start small, um.",
                     10, 90)
    assert result.fillers == {"um": 2, "basically": 1, "you know": 1}
    assert result.hedges == {"i think": 1}
    assert result.filler_rate == round(100 * 5 / result.words, 1)
    plain = analyse(BUDGET, "A customer like you saved 12 hours; what kind of tool is it?",
                    10, 90)
    assert plain.fillers == {} and plain.hedges == {}
    spanish = analyse(PRESUPUESTO, "Este año, o sea, creo que cerré 14 tratos. Este, "
                      "bueno, fue duro.", 10, 90, "es")
    assert spanish.fillers == {"o sea": 1, "este": 1, "bueno": 1}
    assert spanish.hedges == {"creo que": 1}


def test_length_from_words_at_140_a_minute() -> None:
    short = analyse(BUDGET, "Fair enough.", None, 90)
    assert short.words == 2 and short.length is Length.SHORT
    ok = analyse(BUDGET, " ".join(["word"] * 140), None, 90)
    assert ok.speaking_seconds == 60.0 and ok.length is Length.OK
    long = analyse(BUDGET, " ".join(["word"] * 280), None, 90)
    assert long.length is Length.LONG
    assert long.seconds == long.speaking_seconds == 120.0  # untimed: the spoken length


def test_star_cues_in_both_languages() -> None:
    english = analyse(LOST_DEAL, "Last year I was working a 90k deal. My goal was to sign "
                      "before their budget closed. I called the CFO and I rebuilt the "
                      "business case. In the end we closed it at 80k.", 60, 120)
    assert english.star is not None
    assert english.star.to_json() == {"situation": True, "task": True, "action": True,
                                      "result": True}
    spanish = analyse(LOST_DEAL, "El año pasado llevaba un negocio grande. Mi objetivo era "
                      "firmar antes del cierre. Llamé al director y preparé un caso de "
                      "negocio. Al final cerramos 80 mil.", 60, 120, "es")
    assert spanish.star is not None and all(spanish.star.to_json().values())
    vague = analyse(LOST_DEAL, "We worked hard as a team and in the end we closed it.", 60,
                    120)
    assert vague.star is not None
    assert not vague.star.action  # "we", not what the person did
    assert not vague.star.result  # no number, and this card expects one
    assert analyse(BUDGET, "Fair.", 5, 90).star is None  # not a behavioural card


def test_suggested_rating() -> None:
    assert analyse(BUDGET, "", 60, 90).suggested_rating is Suggestion.AGAIN
    strong = ("Totally fair. Is there really no money for this, or has this year's budget "
              "already been committed elsewhere? When does your fiscal year start, and who "
              "signs off on spending? We could begin with a single team as a pilot.")
    assert analyse(BUDGET, strong, 40, 90).suggested_rating is Suggestion.EASY
    worse = analyse(BUDGET, strong + " I can also give you a big discount and a lower "
                    "price if you sign today.", 40, 90)
    assert worse.suggested_rating is Suggestion.GOOD


def test_empty_answer_says_so() -> None:
    result = analyse(BUDGET, "", 60, 90)
    assert result.words == 0 and result.covered == ()
    assert result.lines() == ["Nothing typed: if you rehearsed aloud, compare with the points "
                              "below."]


def test_json_object_matches_the_contract() -> None:
    data = analyse(BUDGET, "Um, when does your fiscal year start?", None, 90).to_json()
    assert list(data) == ["words", "speaking_seconds", "length", "fillers", "filler_rate",
                          "talking_points", "donts", "echoes_guidance", "uses_numbers",
                          "star", "suggested_rating"]
    assert [p["point"] for p in data["talking_points"]] == list(BUDGET.talking_points)
    assert data["talking_points"][1]["covered"] is True
    assert data["talking_points"][0] == {"point": BUDGET.talking_points[0], "covered": False,
                                         "evidence": None}
    assert data["donts"] == [{"dont": BUDGET.dont[0], "hit": False, "evidence": None}]
    assert data["fillers"] == {"um": 1} and data["star"] is None
    assert data["length"] == "short" and data["suggested_rating"] == "hard"


def test_analysis_survives_a_submodule_imported_while_it_loads_lazily() -> None:
    # The mock interview crashed on ctrl+s: core/call.py imports analysis.delivery while the
    # lazily loaded package runs, which rebinds the package's `delivery` to the submodule.
    import subprocess
    import sys

    code = ("from interviewprep.lazy import lazy_module\n"
            "analysis = lazy_module('interviewprep.core.analysis')\n"
            "import interviewprep.core.call\n"
            "assert callable(analysis.measure_delivery) and callable(analysis.star_cues)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stderr
