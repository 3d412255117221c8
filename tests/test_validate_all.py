"""`validate` reports every problem in one run: control characters with their places and the
rest of the file, every role-play mistake at once, and two files sharing a deck id."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli

CONTROL = (
    'id: ctl\ntitle: "Control \x01 chars"\nlanguage: en\ncards:\n'
    '  - id: a\n    kind: question\n    prompt: "Hi \x1b[31m there"\n    answer: x\n'
    "  - id: a\n    kind: tip\n    prompt: Tip\n"
    "  - id: o\n    kind: objection\n    prompt: Why now?\n"
)

ROLEPLAY = """\
id: rp
title: RP
language: en
cards:
  - id: call
    kind: roleplay
    prompt: A call
    scenario: You call.
    turns:
      - id: one
        buyer: Hello?
        branches:
          - when: sounds_nice
            goto: two
          - when: asks_question
            goto: nowhere
      - id: two
        buyer: Go on.
        next: two
      - id: three
        buyer: Never here.
        end: true
"""


def test_control_characters_and_every_other_problem_in_one_run(cli: RunCli,
                                                                tmp_path: Path) -> None:
    deck = tmp_path / "ctl.yaml"
    deck.write_text(CONTROL, encoding="utf-8")
    result = cli("validate", deck)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{deck}:2:17: U+0001 (control character) is not allowed")
    assert lines[1].startswith(f"{deck}:7:17: U+001B (escape) is not allowed")
    assert f"{deck}:9:5: a tip card needs an 'answer' to reveal" in lines
    assert f"{deck}:9:9: duplicate card id 'a' (first at line 5)" in lines
    assert (f"{deck}:12:5: an objection card needs something to reveal: talking_points, "
            "answer, example, do or dont") in lines
    assert lines[-1] == "5 problems in 1 file; 0 decks valid"
    formatted = cli("fmt", deck)
    assert formatted.code == 1 and deck.read_text(encoding="utf-8") == CONTROL


def test_every_role_play_mistake_in_one_run(cli: RunCli, tmp_path: Path) -> None:
    deck = tmp_path / "rp.yaml"
    deck.write_text(ROLEPLAY, encoding="utf-8")
    result = cli("validate", deck)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{deck}:13:19: unknown condition 'sounds_nice'; valid: asks_question, breaks_dont, "
        "covers_points, misses_points",
        f"{deck}:16:19: no turn with id 'nowhere' in this card (turns: one, two, three)",
        f"{deck}:17:9: turn 'two' can never reach an end: its branches loop with no way out",
        f"{deck}:20:9: turn 'three' is never reached: no goto or next leads to it",
        "4 problems in 1 file; 0 decks valid"]


def test_two_files_with_one_deck_id_are_a_problem(cli: RunCli, tmp_path: Path) -> None:
    body = "title: {t}\nlanguage: en\ncards:\n  - id: t\n    kind: tip\n    prompt: {t}?\n" \
           "    answer: Yes.\n"
    first, second = tmp_path / "d2" / "a" / "x.yaml", tmp_path / "d2" / "b" / "y.yaml"
    for path, head in ((first, "id: same\n"), (second, "# the other\nid: same\n")):
        path.parent.mkdir(parents=True)
        path.write_text(head + body.format(t=path.stem), encoding="utf-8")
    result = cli("validate", tmp_path / "d2")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{second}:2:5: deck 'same@en' is also the id of {first}: the app loads only one of "
        "them; give this one another id",
        "1 problem in 1 file; 1 deck valid"]
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # a plain copy
    copied = cli("validate", tmp_path / "d2")
    assert copied.code == 1 and "warning" not in copied.out, "no near-duplicate noise"
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.yaml").write_text("id: different\n" + body.format(t="z"), encoding="utf-8")
    assert cli("validate", first, other).code == 0, "different ids pass"
