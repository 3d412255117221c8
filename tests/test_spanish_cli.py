"""What a Spanish-speaking tester found on the command line: plurals, numbers and dates in
Spanish form, and no English left in errors, prompts, generated files or the served page.
Each runs the real entry point with the Spanish interface (`--ui-lang es`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import wave
from datetime import date, timedelta
from pathlib import Path

from interviewprep import i18n
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from tests.conftest import RunCli, WriteDeck
from tests.test_spanish import run
from tests.voice_helpers import RATE, pcm, silence, voiced

ES = ("--ui-lang", "es")


def test_errors_name_no_english_type_path_or_system_message(cli: RunCli, tmp_path: Path,
                                                              deck_dir: Path) -> None:
    help_text = cli(*ES, "--help").out
    assert "muestra el número de versión del programa y sale" in help_text
    assert "show program's version" not in help_text
    target = cli(*ES, "plan", "--target", "abc")
    assert "argumento --target: no es un número: 'abc'" in target.err
    questions = cli(*ES, "drill", "mini", "--questions", "abc")
    assert "argumento --questions: no es un número entero: 'abc'" in questions.err
    no_answer = cli(*ES, "analyze", "--deck", "mini", "--card", "pen")
    assert no_answer.code == 1
    assert no_answer.err == ("interviewprep: error: indica la respuesta con --text TEXTO, "
                             "--file ARCHIVO o - para leerla de la entrada estándar\n")
    missing = cli(*ES, "import", tmp_path / "noexiste.json")
    assert missing.err.endswith("noexiste.json: no existe ese archivo\n")
    broken = tmp_path / "roto.json"
    broken.write_text("{a", encoding="utf-8")
    bad_json = cli(*ES, "import", broken)
    assert bad_json.err.endswith(
        "roto.json:1:2: JSON no válido: se esperaba un nombre entre comillas dobles\n")
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    exists = cli(*ES, "--data-dir", afile / "datos", "decks")
    assert exists.err == (f"interviewprep: error: {afile}: ya existe un archivo o una "
                          "carpeta con ese nombre\n")
    assert not [r for r in (target, questions, no_answer, missing, bad_json, exists)
                if r.code != 1]


def test_the_plan_in_spanish_form(cli: RunCli) -> None:
    i18n.set_language("es")
    day = date.today() + timedelta(days=3)
    added = cli(*ES, "interview", "add", "--company", "Acmé Ñandú", "--role", "promotion",
                "--date", day.isoformat())
    assert added.code == 0, added.err
    listed = cli(*ES, "interview", "list").out
    assert "Acmé Ñandú  (panel de promoción)" in listed and "(promotion)" not in listed
    one = cli(*ES, "plan", "--max-cards", "1").out
    assert one.startswith(f"Plan para Acmé Ñandú el {i18n.format_date(day)}: 1 tarjeta, "
                          "objetivo de recuerdo 95\u00a0% ese día\n")
    every = cli(*ES, "plan").out
    rows = [line for line in every.splitlines() if line.startswith("  ")]
    assert len(rows) == 3, every
    # The columns line up whatever the date's length; minutes have a decimal comma.
    assert len({row.index("tarjeta") for row in rows}) == 1, rows
    assert len({len(row) for row in rows}) == 1, rows
    assert all(re.search(r"\d+,\d min$", row) for row in rows), rows
    assert re.search(r"Previsión al objetivo ese día: \d+ de \d+ \(\d+\u00a0%\)", every)


def test_counts_take_their_plural_forms(cli: RunCli, write_deck: WriteDeck, deck_dir: Path,
                                        data_dir: Path) -> None:
    write_deck("id: solo\ntitle: Solo\nlanguage: en\ncards:\n"
               "  - {id: una, kind: tip, prompt: ¿Qué?, answer: Esto.}\n", name="solo.yaml")
    with Collection.open(Locations(data_dir), [deck_dir], include_bundled=False) as collection:
        item = collection.item(collection.resolve_deck("solo"), "una")
        collection.rate(item, Rating.GOOD, 5000, collection.record_answer(item, "Esto", 5.0))
    decks = cli(*ES, "--decks", deck_dir, "decks").out
    assert re.search(r"solo@en +1 tarjeta +0 pendientes +0 nuevas +Solo", decks), decks
    report = cli(*ES, "--decks", deck_dir, "report").out
    assert "1 tarjeta ensayada, 1 respuesta, 1 valoración." in report


def test_seconds_megabytes_and_fillers_in_spanish(cli: RunCli, tmp_path: Path,
                                                  write_deck: WriteDeck,
                                                  deck_dir: Path) -> None:
    models = cli(*ES, "models", "list").out
    assert "no instalado (descarga de 41,2 MB)" in models
    recording = tmp_path / "tono.wav"
    with wave.open(str(recording), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm(voiced(1.0) + silence(0.5)))
    listened = cli(*ES, "listen", recording, "--lang", "en")
    assert listened.code == 0, listened.err
    assert listened.out.startswith("Duración 1,5 s, hablando ")
    write_deck("id: boli\ntitle: Boli\nlanguage: es\ncards:\n  - id: pen\n    kind: question\n"
               "    prompt: Véndeme este bolígrafo.\n"
               "    talking_points: [Pregunta qué escribe y con qué frecuencia]\n",
               name="boli.yaml")
    analysed = cli(*ES, "--decks", deck_dir, "analyze", "--deck", "boli@es", "--card", "pen",
                   "--text", "O sea, le preguntaría qué escribe y cuánto.")
    assert "· Tocaste 0 de 1 punto clave." in analysed.out, analysed.out
    assert "Muletillas y atenuadores: «o sea» ×1 (12,5 por cada 100 palabras)." \
        in analysed.out


def test_replacing_a_file_asks_in_spanish(cli: RunCli, tmp_path: Path,
                                          data_dir: Path) -> None:
    import pty

    existing = tmp_path / "copia.json"
    existing.write_text("mía", encoding="utf-8")
    parent, child = pty.openpty()
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
    with subprocess.Popen([sys.executable, "-m", "interviewprep", *ES, "export", "-o",
                           str(existing)], stdin=child, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env) as process:
        os.close(child)
        os.write(parent, b"s\n")
        _out, err = process.communicate(timeout=60)
    os.close(parent)
    assert process.returncode == 0, err
    assert f"{existing} ya existe. ¿Reemplazarlo? [s/N]".encode() in err
    assert existing.read_text(encoding="utf-8") != "mía"


def test_files_written_for_a_spanish_speaker_are_in_spanish(cli: RunCli, tmp_path: Path,
                                                            data_dir: Path) -> None:
    new_help = run(data_dir, "new", "--help", lang="es_ES.UTF-8").out
    assert "(por defecto: en)" not in new_help
    starter = tmp_path / "otro-mazo.yaml"
    made = run(data_dir, "new", "otro-mazo", "--output", starter, lang="es_ES.UTF-8")
    assert made.code == 0, made.err
    text = starter.read_text(encoding="utf-8")
    assert "\nlanguage: es\n" in text and "# Un mazo de interviewprep." in text
    notes = tmp_path / "notas.txt"
    notes.write_text("#separator:tab\n#deck:Ventas\n¿Cuánto dura el ciclo?\t\n",
                     encoding="utf-8")
    imported = cli(*ES, "--lang", "es", "import-anki", notes)
    assert imported.code == 0, imported.err
    deck = (data_dir / "decks" / "es" / "anki-ventas.yaml").read_text(encoding="utf-8")
    assert deck.startswith("# Importado de Anki con interviewprep import-anki desde ")
    assert "answer: (vacía en Anki)" in deck and "empty in Anki" not in deck
    again = cli(*ES, "--lang", "es", "import-anki", notes)
    assert again.code == 0, "a deck import-anki wrote in Spanish is its own to replace"
    broken = tmp_path / "roto.yaml"
    broken.write_text('id: roto\ntitle: "sin cerrar\n', encoding="utf-8")
    checked = cli(*ES, "validate", broken)
    assert f"{broken}:3:1: error de sintaxis YAML: el archivo termina a mitad de un valor" \
        in checked.out, checked.out
