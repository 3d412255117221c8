"""Story bank commands: story add|list|show|link|import."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import UserError, open_collection, read_input_file, whole_number
from interviewprep.core.collection import Collection
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.locations import resolve

if TYPE_CHECKING:
    from interviewprep.core import interviews as iv
    from interviewprep.core import story_bank
else:  # imported when a command uses them, not when the parser is built
    iv = lazy_module("interviewprep.core.interviews")
    story_bank = lazy_module("interviewprep.core.story_bank")


# The parser is built for every command: the story module loads only when one runs.
STORY_PARTS = ("situation", "task", "action", "result", "numbers")


def register(sub: Any) -> None:
    p = sub.add_parser("story", help=_("your story bank for behavioural answers"))
    commands = p.add_subparsers(dest="story_command", metavar="ACTION", required=True)
    a = commands.add_parser("add", help=_("write a story down; prints its id"))
    a.add_argument("--title", required=True)
    for name in STORY_PARTS:
        a.add_argument(f"--{name}", default="", metavar="TEXT")
    a.set_defaults(func=cmd_add)
    a = commands.add_parser("list", help=_("your stories and how many questions each answers"))
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(func=cmd_list)
    a = commands.add_parser("show", help=_("a story's outline and linked questions"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(func=cmd_show)
    a = commands.add_parser("link", help=_("link a story to a question it answers"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.add_argument("deck", metavar="DECK", help=_("deck id (or id@lang)"))
    a.add_argument("card", metavar="CARD", help=_("card id"))
    a.add_argument("--unlink", action="store_true", help=_("remove the link instead"))
    a.set_defaults(func=cmd_link)
    a = commands.add_parser("import", help=_("add the stories of a YAML file (default: "
                                             "stories.yaml in the data folder)"))
    a.add_argument("path", nargs="?", type=Path, metavar="FILE")
    a.set_defaults(func=cmd_import)


def cmd_add(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        try:
            new_id = story_bank.add_story(
                collection, args.title, **{n: getattr(args, n) for n in story_bank.STORY_FIELDS})
        except iv.InterviewError as error:
            raise UserError(str(error)) from None
    print(new_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        found = story_bank.stories(collection)
    if args.json:
        print(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(_("No stories yet: interviewprep story add --title TITLE --situation TEXT …"))
    for story in found:
        count = len(story.links)
        print(f"{story.id:>3}  {visible(story.title)}  "
              + ngettext("{count} question", "{count} questions", count).format(count=count))
    return 0


def _story(args: argparse.Namespace, collection: Collection) -> story_bank.Story:
    try:
        return story_bank.get_story(collection, args.id)
    except iv.InterviewError as error:
        raise UserError(str(error)) from None


_LABELS = {"situation": N_("Situation"), "task": N_("Task"), "action": N_("Action"),
           "result": N_("Result"), "numbers": N_("Numbers")}


def cmd_show(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        story = _story(args, collection)
    if args.json:
        print(json.dumps(story.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(visible(story.title))
    for name in story_bank.STORY_FIELDS:
        value = getattr(story, name)
        if value:
            print(f"  {_(_LABELS[name])}: {visible(value)}")
    if story.links:
        print(_("Answers:"))
    for deck, language, card in story.links:
        print(f"  {deck}@{language}/{card}")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        story = _story(args, collection)
        deck = collection.resolve_deck(args.deck)
        try:
            changed = story_bank.link_story(collection, story.id, deck, args.card, args.unlink)
        except iv.InterviewError as error:
            raise UserError(str(error)) from None
    if args.unlink:
        message = _("unlinked") if changed else _("was not linked")
    else:
        message = _("linked") if changed else _("already linked")
    print(f"{visible(story.title)} · {deck.key}/{args.card}: {message}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.path or resolve(args.data_dir).data_dir / story_bank.STORIES_FILE
    try:
        text = read_input_file(path).decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(_("{path}: not UTF-8 text").format(path=path)) from None
    with open_collection(args) as collection:
        added, problems = story_bank.load_stories_yaml(collection, text)
    for problem in problems:
        print(f"{path}:{visible(problem)}")
    if problems:
        raise UserError(_("{path}: nothing imported").format(path=path))
    print(ngettext("imported {count} story; titles already in the bank were skipped",
                   "imported {count} stories; titles already in the bank were skipped",
                   added).format(count=added))
    return 0
