"""What a Spanish-speaking tester found in the app: plural counts, key names, the palette's
commands, Textual's own quit notice, the empty-drill message, intervals in a sentence, a
percentage that must not wrap; plus the wording fixes in the catalog and the decks, and
guards that keep every counted or embedded message translatable."""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from interviewprep import i18n
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import spell_interval
from interviewprep.core.settings import SettingsError, check_setting
from interviewprep.tui.app import InterviewPrepApp, make_app
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.keep_together import KeepTogether
from tests.test_tui import SIZE, text_of

PACKAGE = Path(i18n.__file__).parent
SPANISH_DECKS = PACKAGE.parent / "decks" / "es"


def spanish_drill(collection: Collection) -> InterviewPrepApp:
    return make_app(collection, start_deck=collection.resolve_deck("mini"), cursor_blink=False,
                    ui_language="es")


async def test_a_drill_counts_keys_and_intervals_in_spanish(collection: Collection) -> None:
    app = spanish_drill(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "4")
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert " · 1 hecha" in text_of(screen.query_one("#drill-meta", Static))
        # Keys Textual shows by name are named as a Spanish keyboard labels them.
        assert app.get_key_display(Binding("space", "reveal", "Mostrar")) == "espacio"
        assert app.get_key_display(Binding("shift+home", "top", "Arriba")) == "shift+inicio"
        await pilot.press("ctrl+c")
        [notice] = list(app._notifications)
        assert (notice.title, notice.message) == ("¿Quieres salir?",
                                                  "Pulsa ctrl+q para salir de la aplicación")
        await pilot.press("ctrl+s", "4", "ctrl+s", "4")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        body = text_of(summary.query_one("#summary-body", Static))
        assert re.search(r"Próxima tarjeta pendiente: +en \d+ días? \(", body), body


async def test_home_palette_and_quit_notice_say_what_keys_do(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(60, 20)) as pilot:
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        for title, key in (("Repasar todo lo pendiente", "a"),
                           ("Cambiar idioma de los mazos", "l"),
                           ("Ver todos los idiomas", "e"),
                           ("Tarjetas nuevas al día de este mazo", "n")):
            assert commands.get(title) == f"Tecla: {key}", commands
        assert not {"Pend.", "Idioma", "Idiomas", "Nuevas/día"} & set(commands)
        footer = app.screen.query_one(AppFooter).render().plain
        assert "⏎ Repasar a Pendientes " in footer and len(footer) <= 60, footer
        await pilot.press("ctrl+c")
        [notice] = list(app._notifications)
        assert (notice.title, notice.message) == ("¿Quieres salir?",
                                                  "Pulsa q para salir de la aplicación")


async def test_with_no_new_cards_allowed_the_drill_says_so(collection: Collection) -> None:
    collection.update_settings(new_per_day=0)
    app = spanish_drill(collection)
    async with app.run_test(size=SIZE):
        title = text_of(app.screen.query_one("#summary-title", Static))
    assert title.startswith("No hay nada que repasar ahora: este mazo tiene 0 tarjetas "
                            "nuevas al día"), title
    assert "ya usaste" not in title


async def test_the_plan_panel_keeps_each_percentage_on_one_line(
        collection: Collection) -> None:
    from interviewprep.core import interviews
    from interviewprep.tui.screens.interviews import InterviewsScreen

    interviews.add_interview(collection, "Acmé Ñandú", "promotion", date(2026, 3, 9))
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one("#interview-plan", Static)
        assert "panel de promoción" in text_of(panel)
        content = panel.content
    for width in range(24, 60):
        console = Console(width=width, file=StringIO(), record=True)
        console.print(content)
        lines = console.export_text().splitlines()
        assert not [line for line in lines if line.lstrip().startswith("%")], (width, lines)
        assert any("\u00a0%" in line for line in lines)


def test_a_percentage_never_wraps_away_from_its_number() -> None:
    i18n.set_language("es")
    line = Text("Previsto al objetivo ese día: " + i18n.format_percent(1.0) + " de ellas.")
    assert "100\u00a0%" in line.plain
    for width in range(12, 40):
        console = Console(width=width, file=StringIO(), record=True)
        console.print(KeepTogether(line))
        shown = console.export_text()
        assert "100\u00a0%" in shown, (width, shown)
        assert shown.replace("\n", " ").split() == line.plain.split(), "nothing lost"


def test_intervals_and_setting_limits_read_as_sentences() -> None:
    i18n.set_language("es")
    assert spell_interval(timedelta(days=8)) == "8 días"
    assert spell_interval(timedelta(hours=1)) == "1 hora"
    assert spell_interval(timedelta(days=548)) == "1,5 años"
    with pytest.raises(SettingsError) as error:
        check_setting("desired_retention", "0,5")
    assert str(error.value) == "La retención deseada debe estar entre 0,70 y 0,99"


def test_the_spanish_wording_the_tester_asked_for() -> None:
    i18n.set_language("es")
    _ = i18n._
    assert _("Restored your unsaved draft.") == ("Recuperamos el borrador que no llegaste a "
                                                 "enviar.")
    assert _("Weak spots: lowest predicted recall, most Again").endswith(
        "o más veces «Otra vez»")
    assert _("No recording here") == "No se puede grabar"
    assert "importe de los negocios" in _(
        "No numbers: this one asks for figures (quota %, deal sizes, counts).")
    assert _("Answers:") == "Preguntas que responde:", "story show lists the questions"
    assert _("Restored: it will be drilled again.").startswith("Reanudada")


def test_the_served_page_speaks_the_interface_language(tmp_path: Path) -> None:
    import argparse

    import textual_serve

    from interviewprep.cli.serve import app_command, page_template

    command = app_command(argparse.Namespace(data_dir=str(tmp_path), decks=[], lang=None,
                                             ui_lang="es"))
    assert command.endswith(" --ui-lang es"), "the app in the browser speaks it too"

    i18n.set_language("es")
    template = (Path(textual_serve.__file__).parent / "templates" / "app_index.html"
                ).read_text(encoding="utf-8")
    page = page_template(template)
    assert '<html lang="es">' in page and "googleapis" not in page
    for english, spanish in ((">Start<", ">Empezar<"),
                             (">Session ended.<", ">La sesión ha terminado.<"),
                             (">Restart<", ">Volver a empezar<")):
        assert english in template and english not in page and spanish in page


# A negocio is masculine; le is one person, les several.
DECK_MISTAKES = [
    re.compile(r"\bnegocio\b[^.?!]{0,40}\b(la trabajas|se la lleva|perderla|ganarla)\b"),
    re.compile(r"\bnegocios\b[^.?!]{0,60}\bperder una\b"),
    re.compile(r"\ble \w+ a (los|las|nuestros|nuestras|tus|sus|unos|unas)\b"),
    re.compile(r"\bles \w+ a (un|una|tu|su|este|esta)\b"),
]


def test_spanish_decks_agree_in_gender_and_number() -> None:
    found = [f"{path.name}:{number}: {match.group()}"
             for path in sorted(SPANISH_DECKS.glob("*.yaml"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for pattern in DECK_MISTAKES if (match := pattern.search(line))]
    assert found == []


def _calls_in_fstrings(tree: ast.AST) -> list[int]:
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
            for call in ast.walk(node) if isinstance(call, ast.Call)
            and getattr(call.func, "id", None) in ("_", "N_", "ngettext", "pgettext")
            and any(isinstance(arg, ast.Constant) for arg in call.args)]


def test_every_message_is_where_extraction_finds_it_and_counts_use_ngettext() -> None:
    """pybabel (on Python 3.11) does not look inside f-strings, so a message there never
    reaches the catalog; and a count in a `_()` message reads "1 tarjetas"."""
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [f"{path.name}:{line} _() inside an f-string"
                     for line in _calls_in_fstrings(tree)]
        problems += [f"{path.name}:{node.lineno} {{count}} without ngettext"
                     for node in ast.walk(tree) if isinstance(node, ast.Call)
                     and getattr(node.func, "id", None) in ("_", "N_") and node.args
                     and isinstance(node.args[0], ast.Constant)
                     and "{count" in str(node.args[0].value)]
    assert problems == []
