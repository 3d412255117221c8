"""The interface in Spanish: the command line follows the system's locale and --ui-lang, an
unknown or C locale falls back to English, and switching the language in the settings dialog
re-renders the open screen and its footer at once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Select, Static

from interviewprep import i18n
from interviewprep.core.collection import Collection
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.settings import SettingsScreen
from interviewprep.tui.widgets.footer import AppFooter
from tests.conftest import CliResult, WriteDeck

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run(data_dir: Path, *args: str | Path, lang: str | None = None) -> CliResult:
    """The real entry point, with `lang` as the only locale variable set."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env["INTERVIEWPREP_DATA_DIR"] = str(data_dir)
    if lang is not None:
        env["LANG"] = lang
    done = subprocess.run([sys.executable, "-m", "interviewprep", *map(str, args)],
                          check=False, capture_output=True, text=True, env=env, timeout=60)
    return CliResult(done.returncode, done.stdout, done.stderr)


def test_help_follows_a_spanish_system(data_dir: Path) -> None:
    result = run(data_dir, "--help", lang="es_ES.UTF-8")
    assert result.code == 0
    assert result.out.startswith("uso: interviewprep")
    assert "Ensaya entrevistas de ventas con repetición espaciada." in result.out
    assert "muestra este mensaje de ayuda y sale" in result.out
    assert "lista los mazos con tarjetas, pendientes y nuevas" in result.out
    assert "show this help" not in result.out


def test_errors_are_one_spanish_line(data_dir: Path, deck_dir: Path) -> None:
    result = run(data_dir, "--decks", deck_dir, "drill", "nada", lang="es_MX.UTF-8")
    assert result.code == 1
    assert result.err.startswith("interviewprep: error: no existe el mazo 'nada@")
    assert len(result.err.splitlines()) == 1
    result = run(data_dir, "decks", "--sin-esto", lang="es_AR.UTF-8")
    assert result.code == 1
    assert "argumentos no reconocidos: --sin-esto (consulta --help)" in result.err


def test_deck_problems_keep_their_location_and_speak_spanish(data_dir: Path,
                                                             tmp_path: Path) -> None:
    deck = tmp_path / "roto.yaml"
    deck.write_text("id: roto\ntitle: Roto\nlanguage: es\ncards: []\n", encoding="utf-8")
    result = run(data_dir, "--ui-lang", "es", "validate", deck)
    assert result.code == 1
    assert f"{deck}:4:8: 'cards' está vacío; un mazo necesita al menos una tarjeta" \
        in result.out


def test_decks_and_stats_with_ui_lang(data_dir: Path, deck_dir: Path,
                                      write_deck: WriteDeck) -> None:
    write_deck()
    result = run(data_dir, "--ui-lang", "es", "--decks", deck_dir, "decks", lang="C")
    assert result.code == 0, result.err
    assert "Mazos (idioma actual: en)" in result.out
    assert "tarjetas" in result.out and "nuevas" in result.out
    result = run(data_dir, "stats", "--ui-lang", "es", lang="en_US.UTF-8")
    assert result.code == 0, result.err
    assert result.out.startswith("Repasos: 0   Respuestas: 0   Retención (30 días): n/d")
    assert "Racha: 0 días" in result.out


def test_json_output_stays_english(data_dir: Path, deck_dir: Path,
                                   write_deck: WriteDeck) -> None:
    write_deck()
    result = run(data_dir, "--decks", deck_dir, "decks", "--json", lang="es_ES.UTF-8")
    assert '"origin": "--decks"' in result.out and '"language": "en"' in result.out


@pytest.mark.parametrize("lang", ["C", "xx_YY.UTF-8", None])
def test_c_and_unknown_locales_fall_back_to_english(data_dir: Path, deck_dir: Path,
                                                    write_deck: WriteDeck,
                                                    lang: str | None) -> None:
    write_deck()
    result = run(data_dir, "--help", lang=lang)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: interviewprep")
    result = run(data_dir, "--decks", deck_dir, "decks", lang=lang)
    assert (result.code, result.err) == (0, "")
    assert "Decks (current language: en)" in result.out


async def test_switching_the_language_in_settings_rerenders_home_and_footer(
    collection: Collection,
) -> None:
    app = make_app(collection, cursor_blink=False, ui_language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Your decks" in str(app.screen.query_one("#home-title", Static).render())
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#ui_language", Select).value = "es"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Tus mazos" in str(app.screen.query_one("#home-title", Static).render())
        footer = app.screen.query_one(AppFooter).render().plain
        assert "Repasar" in footer and "Ajustes" in footer and "Settings" not in footer
        assert collection.settings.ui_language == "es"


def test_dates_are_read_as_people_write_them() -> None:
    assert i18n.parse_date("2026-11-28") == date(2026, 11, 28)
    assert i18n.parse_date("Nov 28, 2026") == date(2026, 11, 28)
    i18n.set_language("es")
    for text in ("28 nov 2026", "28 de noviembre de 2026", "28/11/2026", "3 dic. 2026"):
        assert i18n.parse_date(text) in (date(2026, 11, 28), date(2026, 12, 3)), text
    assert i18n.parse_date("Nov 28, 2026") == date(2026, 11, 28), "English is understood too"
    assert i18n.format_date(date(2026, 11, 28)) == "28 nov 2026"
    for text in ("pronto", "28 nov", "nov dic 2026"):
        with pytest.raises(ValueError):
            i18n.parse_date(text)


def test_an_interview_date_in_spanish(data_dir: Path) -> None:
    i18n.set_language("es")
    day = date.today() + timedelta(days=40)
    written = i18n.format_date(day)  # such as "7 ene 2027"
    result = run(data_dir, "--ui-lang", "es", "interview", "add", "--company", "Acme",
                 "--role", "ae", "--date", written)
    assert result.code == 0, result.err
    listed = run(data_dir, "interview", "list", "--json")
    assert f'"date": "{day.isoformat()}"' in listed.out
    wrong = run(data_dir, "--ui-lang", "es", "interview", "add", "--company", "Acme",
                "--role", "ae", "--date", "pronto")
    assert wrong.code == 1
    assert wrong.err.startswith("interviewprep: error: 'pronto' no es una fecha: escríbela "
                                "como 2026-12-15 o 15 dic 2026")


async def test_the_command_palette_speaks_spanish(collection: Collection,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.command import CommandList

    from interviewprep.tui.commands import AppCommandPalette

    monkeypatch.setattr(AppCommandPalette, "_NO_MATCHES_COUNTDOWN", 0.001)
    app = make_app(collection, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, AppCommandPalette)
        titles = [c.title for c in app.get_system_commands(app.screen_stack[-2])]
        assert {"Repasar", "Ajustes", "Tema", "Salir"} <= set(titles)
        await pilot.press(*"zzzz")
        shown: list[str] = []
        for _attempt in range(100):  # the palette searches in a worker, then says so
            await pilot.pause(0.02)
            options = app.screen.query_one(CommandList)
            prompts = [options.get_option_at_index(i).prompt
                       for i in range(options.option_count)]
            # a Rich panel once the search found nothing; plain content before that
            shown = [str(getattr(prompt, "renderable", prompt)) for prompt in prompts]
            if any("No se encontraron coincidencias" in s for s in shown):
                break
        assert any("No se encontraron coincidencias" in s for s in shown), shown


def test_the_report_for_a_coach_in_spanish(data_dir: Path, deck_dir: Path,
                                           write_deck: WriteDeck) -> None:
    write_deck()
    result = run(data_dir, "--ui-lang", "es", "--decks", deck_dir, "report", "--format", "html")
    assert result.code == 0, result.err
    assert result.out.startswith('<!doctype html>\n<html lang="es">')
    assert "<title>Informe de ensayos</title>" in result.out
    assert "Desde el principio hasta" in result.out


def test_a_key_label_can_read_differently_from_the_same_english_word() -> None:
    from interviewprep.tui.translation import key_label

    i18n.set_language("es")
    assert key_label("Answer") == "Responder", "ctrl+s answers: a verb on a key"
    assert i18n._("Answer") == "Respuesta", "the card's answer: a noun as a heading"
    assert key_label("Settings") == "Ajustes"


def test_a_spanish_system_gets_spanish_decks_and_interface_on_first_run(data_dir: Path) -> None:
    result = run(data_dir, "decks", lang="es_ES.UTF-8")
    assert result.code == 0, result.err
    assert result.out.startswith("Mazos (idioma actual: es)")
    assert "@es " in result.out and "[incluido]" in result.out
