"""`interview`, `plan` and `story` through the real entry point."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.conftest import RunCli

JD = ("Enterprise AE: MEDDICC, Salesforce, outbound, 3+ years, 120% of quota, SaaS, territory;"
      " willing to travel.")


def _day(days: int) -> str:
    # The CLI's collection runs on the system clock; the core tests inject one.
    return (date.today() + timedelta(days=days)).isoformat()


def test_interview_add_list_show_card_remove(cli: RunCli, tmp_path: Path,
                                             data_dir: Path) -> None:
    jd = tmp_path / "jd.txt"
    jd.write_text(JD, encoding="utf-8")
    added = cli("interview", "add", "--company", "Acme \x1b[2J", "--role", "ae", "--date",
                _day(12), "--time", "10:30", "--job-description", jd, "--minutes-per-day", "25")
    assert added.code == 0, added.err
    interview_id = added.out.strip()
    assert interview_id == "1"
    listed = cli("interview", "list")
    assert "\x1b" not in listed.out and "Acme \\x1b[2J" in listed.out
    assert "12 days left" in listed.out
    [row] = cli("interview", "list", "--json").json()
    assert row["days_left"] == 12 and row["minutes_per_day"] == 25

    shown: Any = cli("interview", "show", interview_id, "--json").json()
    assert {shown[k] for k in ("id", "company", "role", "date", "days_left")} == {
        1, "Acme \x1b[2J", "ae", _day(12), 12}
    terms = {t["term"]: t["cards"] for t in shown["terms"]}
    assert {"deck": "ae-interview", "language": "en", "card": "qualification-framework",
            "score": terms["MEDDICC"][0]["score"]} in terms["MEDDICC"]
    # No bundled card is about travelling for the job.
    assert shown["uncovered"] == ["travel"]
    assert {"deck": "ae-interview", "language": "en", "card": "deal-you-lost"} in shown[
        "questions_without_story"]
    text = cli("interview", "show", interview_id)
    assert "No card covers: travel" in text.out and "interview card 1" in text.out

    card = cli("interview", "card", interview_id)
    assert card.code == 0 and "jd-travel" in card.out
    deck = data_dir / "decks" / "en" / "my-interview-cards.yaml"
    assert cli("validate", deck).code == 0
    again: Any = cli("interview", "show", interview_id, "--json").json()
    assert again["uncovered"] == []

    assert cli("interview", "notes", interview_id, "-", stdin="Panel: VP and a peer AE").code == 0
    noted: Any = cli("interview", "show", interview_id, "--json").json()
    assert noted["notes"] == "Panel: VP and a peer AE"

    assert cli("interview", "remove", interview_id).code == 0
    assert cli("interview", "list", "--json").json() == []


def test_interview_mistakes_are_one_line(cli: RunCli) -> None:
    for args in (("--date", "2020-01-01"), ("--date", "soon"),
                 ("--date", _day(3), "--time", "25:00"),
                 ("--date", _day(3), "--minutes-per-day", "0")):
        result = cli("interview", "add", "--company", "Acme", "--role", "sdr", *args)
        assert result.code == 1 and result.err.startswith("interviewprep: error: ")
        assert len(result.err.strip().splitlines()) == 1
    missing = cli("interview", "show", "9")
    assert missing.code == 1 and "no interview 9" in missing.err
    assert cli("plan").err.startswith("interviewprep: error: no upcoming interview")


def test_plan_json_and_a_budget_that_cannot_reach_the_target(cli: RunCli) -> None:
    cli("interview", "add", "--company", "Acme", "--role", "ae", "--date", _day(6),
        "--minutes-per-day", "2")
    result = cli("plan", "--json", "--max-cards", "12")
    assert result.code == 0, result.err
    plan: Any = result.json()
    assert plan["target"] == 0.95 and len(plan["days"]) == 6
    assert plan["days"][0]["date"] == date.today().isoformat()
    assert all(d["minutes"] <= 2 for d in plan["days"])
    assert len(plan["cards"]) == 12
    assert {"deck", "card", "predicted_recall_on_day"} <= set(plan["cards"][0])
    at_target = sum(c["predicted_recall_on_day"] >= 0.95 for c in plan["cards"])
    assert plan["predicted_at_target"] == round(at_target / 12, 4) < 1
    assert plan["advice"]["minutes_per_day"] > 2 and plan["advice"]["max_cards"] < 12
    text = cli("plan", "--interview", "1", "--max-cards", "12")
    assert "cannot bring every card to the target" in text.out
    assert f"--max-cards {plan['advice']['max_cards']}" in text.out
    assert cli("plan", "--target", "0.99").code == 1


def test_story_add_link_show_list_import(cli: RunCli, data_dir: Path) -> None:
    added = cli("story", "add", "--title", "Initech renewal", "--situation", "At risk",
                "--result", "Renewed +20%", "--numbers", "120k ARR")
    assert added.code == 0 and added.out.strip() == "1"
    linked = cli("story", "link", "1", "ae-interview", "deal-you-lost")
    assert linked.code == 0 and "linked" in linked.out
    assert "already linked" in cli("story", "link", "1", "ae-interview", "deal-you-lost").out
    assert cli("story", "link", "1", "ae-interview", "nope").code == 1
    shown: Any = cli("story", "show", "1", "--json").json()
    assert shown["result"] == "Renewed +20%"
    assert shown["questions"] == [{"deck": "ae-interview", "language": "en",
                                   "card": "deal-you-lost"}]
    assert "1 question" in cli("story", "list").out
    text = cli("story", "show", "1").out
    assert "Situation: At risk" in text and "ae-interview@en/deal-you-lost" in text
    cli("interview", "add", "--company", "Acme", "--role", "ae", "--date", _day(5))
    shown_iv: Any = cli("interview", "show", "1", "--json").json()
    assert {"deck": "ae-interview", "language": "en", "card": "deal-you-lost"} not in shown_iv[
        "questions_without_story"]
    assert cli("story", "link", "1", "ae-interview", "deal-you-lost", "--unlink").code == 0
    assert cli("story", "show", "1", "--json").json()["questions"] == []
    (data_dir / "stories.yaml").write_text(
        "stories:\n  - title: Cold outbound win\n    questions: [sdr-interview/cold-call-opener]\n",
        encoding="utf-8")
    imported = cli("story", "import")
    assert imported.code == 0 and "imported 1 story" in imported.out
    assert [s["title"] for s in cli("story", "list", "--json").json()] == [
        "Initech renewal", "Cold outbound win"]


def test_the_parser_offers_the_roles_the_core_knows() -> None:
    from interviewprep.cli.interview import ROLE_CHOICES
    from interviewprep.core.interviews import ROLES

    assert ROLE_CHOICES == ROLES


def test_the_parser_offers_the_story_parts_the_core_keeps() -> None:
    from interviewprep.cli.stories import STORY_PARTS
    from interviewprep.core.story_bank import STORY_FIELDS

    assert STORY_PARTS == STORY_FIELDS


def test_story_import_names_every_problem_with_its_place(cli: RunCli, tmp_path: Path) -> None:
    stories = tmp_path / "st2.yaml"
    stories.write_text("stories:\n  - title: Good one\n    reslt: ok\n"
                       "  - situation: no title here\n    questions: [bad, mini/pen]\n"
                       "  - title: Third\n    action: [a, b]\n", encoding="utf-8")
    result = cli("story", "import", stories)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{stories}:3:5: unknown key 'reslt' (did you mean 'result'?)",
        f"{stories}:4:5: a story needs a 'title'",
        f"{stories}:5:17: 'bad' does not look like deck-id/card-id or deck-id@lang/card-id",
        f"{stories}:7:13: 'action' must be text"]
    assert result.err == f"interviewprep: error: {stories}: nothing imported\n"
    assert cli("story", "list", "--json").json() == []
