"""`interviewprep analyze` through the real entry point: text, file and standard input, the
JSON contract, one-line errors, and deck text that cannot reach the terminal raw."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli, WriteDeck

ANSWER = ("How often do you write, and what do you write? Has a pen ever died on you while "
          "signing something?")


def test_json_object_follows_the_contract(cli: RunCli, write_deck: WriteDeck,
                                          deck_dir: Path) -> None:
    write_deck()
    done = cli("analyze", "--decks", deck_dir, "--deck", "mini", "--card", "pen", "--json",
               "--text", ANSWER)
    assert done.code == 0, done.err
    data = done.json()
    assert isinstance(data, dict)
    assert list(data) == ["words", "speaking_seconds", "length", "fillers", "filler_rate",
                          "talking_points", "donts", "echoes_guidance", "uses_numbers",
                          "star", "suggested_rating"]
    points = data["talking_points"]
    assert [p["point"] for p in points] == ["Ask what the buyer writes and how often",
                                            "Tie the pen to a problem the buyer named",
                                            "Close by asking for the sale"]
    assert points[0] == {"point": "Ask what the buyer writes and how often", "covered": True,
                         "evidence": "How often do you write, and what do you write?"}
    assert points[2]["covered"] is False and points[2]["evidence"] is None
    assert data["words"] == 20 and data["length"] == "short"


def test_file_and_standard_input_in_another_language(cli: RunCli, write_deck: WriteDeck,
                                                     deck_dir: Path, tmp_path: Path) -> None:
    write_deck("""\
        id: mini
        title: Mini
        language: es
        cards:
          - id: boli
            kind: question
            prompt: Véndeme este bolígrafo.
            dont: [Olvidarte de pedir el pedido al final.]
            talking_points:
              - Pregunta con qué frecuencia escribe y para qué
        """, name="mini-es.yaml")
    answer = tmp_path / "answer.txt"
    answer.write_text("Eh, ¿con qué frecuencia escribes y para qué lo usas?", encoding="utf-8")
    from_file = cli("analyze", "--decks", deck_dir, "--deck", "mini@es", "--card", "boli",
                    "--json", "--file", answer)
    assert from_file.code == 0, from_file.err
    from_stdin = cli("analyze", "--decks", deck_dir, "--deck", "mini@es", "--card", "boli",
                     "--json", "-", stdin=answer.read_text(encoding="utf-8"))
    assert from_stdin.json() == from_file.json()
    data = from_file.json()
    assert isinstance(data, dict)
    assert data["talking_points"][0]["covered"] is True
    assert data["fillers"] == {"eh": 1}


def test_readable_report_quotes_evidence_with_control_characters_escaped(
        cli: RunCli, write_deck: WriteDeck, deck_dir: Path) -> None:
    write_deck()
    done = cli("analyze", "--decks", deck_dir, "--deck", "mini", "--card", "pen", "--text",
               "How often do you \x1b[31mwrite, and what do you write?")
    assert done.code == 0, done.err
    assert "\x1b" not in done.out
    assert "“How often do you \\x1b[31mwrite, and what do you write?”" in done.out
    assert "Touched 1 of 3 talking points." in done.out
    assert "Suggested rating: Hard" in done.out


def test_mistakes_are_one_line(cli: RunCli, write_deck: WriteDeck, deck_dir: Path,
                               tmp_path: Path) -> None:
    write_deck()
    missing = cli("analyze", "--decks", deck_dir, "--deck", "mini", "--card", "nope",
                  "--text", "hi")
    assert (missing.code, missing.err) == (
        1, "interviewprep: error: no card 'nope' in deck mini@en\n")
    binary = tmp_path / "answer.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = cli("analyze", "--decks", deck_dir, "--deck", "mini", "--card", "pen", "--file",
              binary)
    assert bad.code == 1 and bad.err.count("\n") == 1 and "is not UTF-8 text" in bad.err
    no_source = cli("analyze", "--deck", "mini", "--card", "pen")
    assert no_source.code == 1 and "Traceback" not in no_source.err


def test_a_reply_to_one_turn_of_a_roleplay(cli: RunCli, write_deck: WriteDeck,
                                           deck_dir: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "deck-format.md").read_text(
        encoding="utf-8")
    example = next(block.split("```", 1)[0] for block in doc.split("```yaml\n")[1:]
                   if "kind: roleplay" in block)
    write_deck(example, name="roleplay.yaml", dedent=False)
    done = cli("analyze", "--decks", deck_dir, "--deck", "roleplay-example", "--card",
               "cold-call-vp-sales", "--turn", "pain", "--json", "--text",
               "That is about 8,000 dollars per rep each month. Could we meet Thursday?")
    assert done.code == 0, done.err
    data = done.json()
    assert isinstance(data, dict)
    assert [p["covered"] for p in data["talking_points"]] == [True, True]
    unknown = cli("analyze", "--decks", deck_dir, "--deck", "roleplay-example", "--card",
                  "cold-call-vp-sales", "--turn", "nope", "--text", "hi")
    assert (unknown.code, unknown.err) == (
        1, "interviewprep: error: card 'cold-call-vp-sales' has no turn 'nope'\n")
