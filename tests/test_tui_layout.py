"""Layouts at the sizes people use (60, 80, 100 columns) in both interface languages: tables
whose short columns are never cut, the interviews screen stacking when narrow, the rating
bar keeping each key with its label; and the behaviour around them: the feedback scrolled
to its start for each card, a confirmation before removing an interview, the add-interview
dialog's checks in screen order, honest plan wording, quick-fire and weak-spot wording."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input, TextArea

from interviewprep import i18n
from interviewprep.core import interviews
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.quickfire import QuickFire
from interviewprep.core.scheduling import Rating
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.add_interview import AddInterviewScreen
from interviewprep.tui.screens.browser import BrowserScreen
from interviewprep.tui.screens.confirm import ConfirmScreen
from interviewprep.tui.screens.interviews import InterviewsScreen
from interviewprep.tui.screens.quickfire import QuickFireScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.columns import middle_ellipsis
from interviewprep.tui.widgets.ratings import RatingBar
from tests.conftest import Clock, RunCli, WriteDeck
from tests.test_tui import text_of

SIZES = [(60, 20), (80, 24), (100, 30)]

LONG_PROMPTS = """\
id: promotion
title: De SDR a AE
language: es
roles: [sdr, ae]
cards:
  - id: why-now
    kind: question
    prompt: >-
      ¿Por qué ahora? ¿Qué te dice que estás listo para pasar de SDR a AE y llevar
      un pipeline completo tú solo desde el primer día?
    talking_points: [Un resultado con números, Lo que ya haces de AE]
  - id: quota
    kind: objection
    prompt: >-
      Cuéntanos tu cumplimiento mes a mes durante el último año y qué hiciste los
      meses en que no llegaste a la cuota que te pusieron.
    talking_points: [Los números, Qué cambiaste]
"""


def twin_deck(role: str, roles: str) -> str:
    return f"""\
id: preguntas-{role.lower()}
title: Preguntas de entrevista para {role}
language: es
roles: {roles}
cards:
  - id: uno
    kind: question
    prompt: Háblame de ti.
    talking_points: [Quién eres, Por qué ventas]
"""


def table_fits(table: DataTable[object], screen_width: int) -> None:
    """Every column of `table` is inside the table and the table inside the screen."""
    used = sum(c.get_render_width(table) for c in table.columns.values())
    assert used <= table.region.width, "a column is cut off at the table's edge"
    assert table.region.right <= screen_width


def column_width(table: DataTable[object], label: str) -> int:
    [column] = [c for c in table.columns.values() if str(c.label) == label]
    return column.width


@pytest.mark.parametrize("size", SIZES)
async def test_interviews_stack_when_narrow_and_never_cut_a_date(
    collection: Collection, clock: Clock, size: tuple[int, int],
) -> None:
    today = clock().date()
    interviews.add_interview(collection, "Peñalara Software", "ae", today + timedelta(days=17))
    interviews.add_interview(collection, "Mañana SL", "sdr", today + timedelta(days=1))
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        table: DataTable[object] = screen.query_one(DataTable)
        detail = screen.query_one("#interview-detail")
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["Empresa", "Rol", "Fecha", "Días"]
        table_fits(table, size[0])
        assert column_width(table, "Fecha") >= cell_len(i18n.format_date(today))
        assert not table.region.overlaps(detail.region), "the details never cover the list"
        assert str(table.get_row_at(1)[0]) == "Peñalara Software"
        if size[0] < 90:
            assert screen.has_class("-stacked")
            assert detail.region.y >= table.region.bottom
            assert detail.region.width >= size[0] - 4, "the details use the whole width"
        else:
            assert detail.region.width >= 40
        assert "Mañana SL · SDR" in text_of(screen.query_one("#interview-plan"))


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_browse_keeps_state_and_due_visible_with_long_prompts(
    collection: Collection, write_deck: WriteDeck, size: tuple[int, int],
) -> None:
    write_deck(LONG_PROMPTS, name="promotion.yaml")
    collection.reload_decks()
    deck = collection.resolve_deck("promotion@es")
    item = collection.next_card([deck])
    assert item is not None
    collection.rate(item, Rating.GOOD)
    app = make_app(collection, start_deck=None, cursor_blink=False, ui_language="es")
    async with app.run_test(size=size) as pilot:
        await app.push_screen(BrowserScreen(collection, deck))
        await pilot.press("down", "x")  # suspend the second card
        table: DataTable[object] = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[0] == "Tarjeta" and {"Estado", "Pend."} <= set(labels)
        if size[0] >= 100:
            assert labels == ["Tarjeta", "Tipo", "Estado", "Pend.", "Última", "Intentos"]
        table_fits(table, size[0])
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        state = labels.index("Estado")
        assert rows[1][state] == "suspendida"
        due = labels.index("Pend.")
        assert column_width(table, "Pend.") >= cell_len(rows[0][due]) > 1
        assert rows[0][0].endswith("…") and rows[0][0].startswith("¿Por qué ahora?")


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_home_tells_apart_decks_that_share_a_beginning(
    collection: Collection, write_deck: WriteDeck, size: tuple[int, int],
) -> None:
    write_deck(twin_deck("AE", "[]"), name="ae.yaml")
    write_deck(twin_deck("SDR", "[sdr, ae]"), name="sdr.yaml")
    collection.use_language("es")
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=size):
        table: DataTable[object] = app.screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:3] == ["Mazo", "Pend.", "Nuevas"]
        table_fits(table, size[0])
        titles = sorted(str(table.get_row_at(i)[0]) for i in range(table.row_count))
        assert titles[0] != titles[1]
        assert titles[0].endswith("para AE") and titles[1].endswith("para SDR"), titles
        if size[0] >= 100:
            roles = sorted(str(table.get_row_at(i)[labels.index("Roles")])
                           for i in range(table.row_count))
            assert roles == ["SDR, AE", "cualquiera"]


def test_middle_ellipsis_keeps_both_ends() -> None:
    assert middle_ellipsis("Preguntas de entrevista para SDR", 20) == "Preguntas … para SDR"
    assert middle_ellipsis("short", 20) == "short"
    assert cell_len(middle_ellipsis("面接の質問と答えの練習", 9)) <= 9


async def test_each_card_feedback_opens_at_its_start(collection: Collection) -> None:
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, ui_language="es")
    long_answer = "\n".join(f"línea {n}" for n in range(80))
    async with app.run_test(size=(60, 20)) as pilot:
        app.screen.query_one(TextArea).text = long_answer
        await pilot.press("ctrl+s")
        mine = app.screen.query_one("#mine")
        await pilot.press("pagedown", "pagedown")
        assert mine.scroll_y > 0
        await pilot.press("3")
        await pilot.press("space")  # the next card is a tip: reveal it
        await pilot.press("3")
        app.screen.query_one(TextArea).text = long_answer
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert mine.scroll_y == 0 and app.screen.query_one("#guide").scroll_y == 0


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [60, 80])
async def test_rating_bar_never_separates_a_key_from_its_label(
    collection: Collection, language: str, width: int,
) -> None:
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, ui_language=language)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press(*"hola", "ctrl+s")
        await pilot.pause()
        bar = app.screen.query_one(RatingBar)
        lines = bar.text().splitlines()
        assert bar.region.height == len(lines) <= 3
        for rating, label in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
            shown = i18n._(label)
            assert any(f" {rating}  {shown} " in line for line in lines), lines
        assert all(cell_len(line) <= bar.content_size.width for line in lines)


async def test_removing_an_interview_asks_first(collection: Collection, clock: Clock) -> None:
    interviews.add_interview(collection, "Acme", "ae", clock().date() + timedelta(days=9))
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("i", "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Acme" in text_of(app.screen.query_one("#confirm-question"))
        await pilot.press("enter")  # the safe button has focus
        assert isinstance(app.screen, InterviewsScreen)
        assert len(interviews.interviews(collection)) == 1
        await pilot.press("x", "escape")
        assert len(interviews.interviews(collection)) == 1
        await pilot.press("x")
        await pilot.click("#confirm-go")
        await pilot.pause()
        assert isinstance(app.screen, InterviewsScreen)
        assert interviews.interviews(collection) == []


async def test_add_interview_checks_fields_in_screen_order(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "a")
        assert isinstance(app.screen, AddInterviewScreen)
        day = app.screen.query_one("#day", Input)
        assert day.placeholder == "p. ej. " + i18n.format_date(date(2026, 12, 15))
        await pilot.press("ctrl+s")
        error = text_of(app.screen.query_one("#add-interview-error"))
        assert "empresa" in error and "fecha" not in error, error
        assert app.focused is app.screen.query_one("#company")
        app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        error = text_of(app.screen.query_one("#add-interview-error"))
        assert "escribe la fecha" in error and "''" not in error, error
        assert app.focused is day
    assert interviews.interviews(collection) == []


async def test_plan_for_tomorrow_says_what_still_helps(collection: Collection,
                                                     clock: Clock) -> None:
    interviews.add_interview(collection, "Mañana SL", "ae", clock().date() + timedelta(days=1))
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = text_of(app.screen.query_one("#interview-plan"))
        assert " 0 minutos" not in detail and "las 0 mejores" not in detail, detail
        assert "Ninguna tarjeta puede llegar al objetivo" in detail, detail
        assert "práctica" in detail, detail


def test_minutes_are_never_said_as_zero_for_cards() -> None:
    from interviewprep.core.plan import whole_minutes

    assert whole_minutes(0.2, 10) == 1
    assert whole_minutes(7.5, 10) == 8
    assert whole_minutes(3.0, 4) == 3
    assert whole_minutes(0.0, 0) == 0


async def test_quickfire_last_card_and_summary_wording(collection: Collection,
                                                      clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        fire = QuickFire(collection, [deck], count=1, seconds=20, review_seconds=5)
        await app.push_screen(QuickFireScreen(fire))
        screen = app.screen
        assert isinstance(screen, QuickFireScreen)
        await pilot.press(*"ok", "ctrl+s")
        await pilot.pause()
        countdown = text_of(screen.query_one("#countdown"))
        assert "Siguiente" not in countdown and "5 s" in countdown, countdown
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#mine").border_title == "Tus respuestas"


async def test_weak_spots_on_a_deck_never_reviewed_suggest_a_drill(
    collection: Collection,
) -> None:
    app = make_app(collection, start_deck=collection.resolve_deck("mini"), mode=Mode.WEAK,
                   cursor_blink=False, ui_language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        title = text_of(app.screen.query_one("#summary-title"))
        assert "repasaste" not in title and "no has repasado" in title, title


def test_cli_plan_for_tomorrow_says_what_still_helps(cli: RunCli) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    cli("interview", "add", "--company", "Mañana SL", "--role", "sdr", "--date", tomorrow)
    text = cli("plan", "--max-cards", "5")
    assert text.code == 0, text.err
    assert "No card can reach the target in the time left" in text.out
    assert "--mode practice" in text.out and "--max-cards 0" not in text.out
