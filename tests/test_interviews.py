"""Interviews, job-description tailoring, personal cards and the story bank, in the core."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interviewprep.core import exchange, jobdesc, story_bank
from interviewprep.core import interviews as iv
from interviewprep.core.collection import Collection
from interviewprep.core.decks.validate import load_deck_file
from interviewprep.locations import Locations
from tests.conftest import Clock, WriteDeck

JD_EN = """Enterprise Account Executive. 3+ years closing SaaS deals, a MEDDICC
qualification habit, Salesforce hygiene, outbound prospecting in your own territory and a
record of beating quota (120%)."""
JD_ES = """Buscamos un SDR con 2 años de experiencia en prospección outbound y llamadas en
frío, conocimiento de HubSpot y cumplimiento de cuota en empresas SaaS."""

TAILOR_DECK = """\
id: jd
title: JD deck
language: en
roles: [ae]
cards:
  - id: qualify
    kind: question
    prompt: Which qualification framework do you use?
    talking_points: [Name MEDDICC or BANT and show it on a real deal]
  - id: quota
    kind: question
    prompt: What was your quota attainment last year?
    talking_points: [The number against the plan]
    tags: [star]
  - id: lost
    kind: question
    prompt: Tell me about a deal you lost.
    talking_points: [What you changed]
    tags: [behavioral]
  - id: prospecting
    kind: tip
    prompt: How many touches in an outbound sequence?
    answer: Eight to twelve over three weeks.
"""


def test_extracts_skills_tools_methods_segments_and_numbers_in_english() -> None:
    labels = {f.label for f in jobdesc.extract(JD_EN, "en")}
    assert {"MEDDICC", "Salesforce", "outbound", "quota", "enterprise", "SaaS", "territory",
            "3+ years", "120%"} <= labels


def test_extracts_spanish_with_stemming() -> None:
    found = {f.label: f for f in jobdesc.extract(JD_ES, "es")}
    assert {"outbound", "HubSpot", "cuota", "SaaS", "SDR", "2 años"} <= set(found)
    # "prospección" and "llamadas en frío" are both outbound: counted together.
    assert found["outbound"].mentions >= 3


def test_tailoring_ranks_cards_lists_uncovered_and_stories(
        collection: Collection, write_deck: WriteDeck, data_dir: Path, deck_dir: Path,
        clock: Clock) -> None:
    write_deck(TAILOR_DECK, name="jd.yaml")
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as opened:
        new_id = iv.add_interview(opened, "Acme", "ae", date(2026, 3, 20),
                                  job_description=JD_EN)
        interview = iv.get_interview(opened, new_id)
        tailoring = iv.tailor(opened, interview)
        by_term = {t.term: [m.card_id for m in t.cards] for t in tailoring.terms}
        assert by_term["MEDDICC"] == ["qualify"]
        assert by_term["quota"][0] == "quota"  # a hit in the prompt ranks first
        assert by_term["outbound"] == ["prospecting"]
        assert "Salesforce" in tailoring.uncovered and "MEDDICC" not in tailoring.uncovered
        assert set(tailoring.questions_without_story) == {("jd", "en", "quota"),
                                                          ("jd", "en", "lost")}
        assert iv.interview_cards(opened, interview)[0] in {("jd", "en", "qualify"),
                                                            ("jd", "en", "quota")}
        story = story_bank.add_story(opened, "The Initech renewal", situation="Renewal at risk",
                             result="Renewed at +20%", numbers="120k ARR")
        deck = opened.resolve_deck("jd")
        assert story_bank.link_story(opened, story, deck, "lost")
        assert not story_bank.link_story(opened, story, deck, "lost")
        assert iv.tailor(opened, interview).questions_without_story == (("jd", "en", "quota"),)
        assert [s.title for s in story_bank.stories_for(opened, ("jd", "en", "lost"))] == [
            "The Initech renewal"]
        with pytest.raises(iv.InterviewError, match="no card"):
            story_bank.link_story(opened, story, deck, "nope")


def test_personal_card_makes_a_valid_deck_and_is_not_duplicated(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    path, card_id = iv.create_personal_card(decks, "en", "Salesforce")
    iv.create_personal_card(decks, "en", "3+ years")
    again, _ = iv.create_personal_card(decks, "en", "Salesforce")
    assert again == path and card_id == "jd-salesforce"
    deck, problems = load_deck_file(path)
    assert deck is not None and not problems
    assert [c.id for c in deck.cards] == ["jd-salesforce", "jd-3-years"]
    assert "Salesforce" in deck.cards[0].prompt
    assert path.stat().st_mode & 0o777 == 0o600
    es_path, _ = iv.create_personal_card(decks, "es", "cuota")
    es_deck, _ = load_deck_file(es_path)
    assert es_deck is not None and es_deck.cards[0].prompt.startswith("La oferta pide cuota")


def test_export_and_import_carry_interviews_and_stories(
        collection: Collection, data_dir: Path, deck_dir: Path, clock: Clock,
        tmp_path: Path) -> None:
    iv.add_interview(collection, "Acme", "promotion", date(2026, 4, 1), "14:30",
                     "MEDDICC", 30, notes="Panel with the VP")
    story = story_bank.add_story(collection, "Lost deal", action="Mapped the CFO")
    story_bank.link_story(collection, story, collection.decks()[0], "pen")
    data = exchange.export_json(collection)
    with Collection.open(Locations(tmp_path / "other"), [deck_dir], clock=clock,
                         include_bundled=False) as other:
        exchange.import_json(other, data)
        exchange.import_json(other, data)  # twice: nothing duplicated
        [interview] = iv.interviews(other)
        assert (interview.company, interview.role, interview.time, interview.notes) == (
            "Acme", "promotion", "14:30", "Panel with the VP")
        [copied] = story_bank.stories(other)
        assert copied.action == "Mapped the CFO" and copied.links == (("mini", "en", "pen"),)
    bad = {**data, "interviews": [{**data["interviews"][0], "role": "ceo"}]}
    with Collection.open(Locations(tmp_path / "third"), [deck_dir], clock=clock,
                         include_bundled=False) as third:
        with pytest.raises(exchange.ExportFormatError, match="interviews"):
            exchange.import_json(third, bad)
        assert third.store.answers() == [] and iv.interviews(third) == []


STORIES_YAML = """\
stories:
  - title: The Initech renewal
    situation: Renewal at risk after our champion left
    result: Renewed at +20%
    numbers: 120k ARR
    questions: [mini/pen, mini@es/pen]
  - title: Cold outbound win
    action: Forty calls a day for a month
"""


def test_stories_load_from_yaml_once_and_a_bad_file_adds_nothing(
        collection: Collection) -> None:
    assert story_bank.load_stories_yaml(collection, STORIES_YAML) == (2, [])
    assert story_bank.load_stories_yaml(collection, STORIES_YAML) == (0, [])  # titles already here
    first, second = story_bank.stories(collection)
    assert first.numbers == "120k ARR" and second.action.startswith("Forty")
    assert first.links == (("mini", "en", "pen"), ("mini", "es", "pen"))
    for bad in ("stories:\n  - title: x\n    mood: happy\n",
                "stories:\n  - &a {title: y}\n", "- just a list\n",
                "stories:\n  - title: z\n    questions: [no-slash]\n",
                "stories:\n  - title: ok\n  - title: !!python/object x\n"):
        added, problems = story_bank.load_stories_yaml(collection, bad)
        assert added == 0 and problems, bad
    assert len(story_bank.stories(collection)) == 2


def test_the_coach_report_includes_the_story_bank(collection: Collection) -> None:
    story = story_bank.add_story(collection, "Lost deal", result="Won it back next quarter")
    story_bank.link_story(collection, story, collection.decks()[0], "pen")
    report = exchange.export_markdown(collection)
    assert "## Story: Lost deal" in report
    assert "- **Result:** Won it back next quarter" in report and "`mini@en/pen`" in report
