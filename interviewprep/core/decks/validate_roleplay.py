"""Checks for the parts of the deck format beyond plain text: talking points with keywords,
true/false flags, and the turns of a `roleplay` card with their branches, including that
every `goto`/`next` names a turn, every turn can be reached, and every path can end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interviewprep.core.decks import schema
from interviewprep.core.decks.turns import END, Branch, Turn, When
from interviewprep.core.decks.yaml_reader import MapNode, Node, ScalarNode, SeqNode
from interviewprep.core.text import excerpt
from interviewprep.i18n import _

if TYPE_CHECKING:
    from interviewprep.core.decks.validate import _Checker

Points = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


def points(checker: _Checker, name: str, node: Node) -> Points | None:
    """A list whose items are texts or `{text, keywords}` mappings."""
    if not isinstance(node, SeqNode):
        checker.text_list(name, node)  # says why this is not a list
        return None
    texts: list[str] = []
    keywords: list[tuple[str, ...]] = []
    ok = True
    for item in node.value:
        if isinstance(item, MapNode):
            values = checker.fields(item, _POINT_FIELDS, "talking point")
            if "text" not in values:
                ok = False
                continue
            texts.append(values["text"])
            keywords.append(values.get("keywords", ()))
        else:
            text = checker.text(name, item)
            if text is None:
                ok = False
                continue
            texts.append(text)
            keywords.append(())
    if not ok:
        return None
    return tuple(texts), tuple(keywords) if any(keywords) else ()


_POINT_FIELDS = (
    schema.Field("text", "text", "The talking point.", required=True),
    schema.Field("keywords", "text_list", "Words or phrases that show it is covered."),
)


def flag(checker: _Checker, name: str, node: Node) -> bool | None:
    if not isinstance(node, ScalarNode) or not isinstance(node.value, bool):
        checker.at(node, _("'{name}' must be true or false").format(name=name))
        return None
    return node.value


def target(checker: _Checker, name: str, node: Node) -> str | None:
    text = checker.text(name, node)
    return None if text is None else checker.identifier(name, text, node)


def when(checker: _Checker, node: Node) -> str | None:
    text = checker.text("when", node)
    if text is not None and text not in schema.WHENS:
        checker.at(node, _("unknown condition '{when}'; valid: {valid}").format(
            when=excerpt(text), valid=", ".join(schema.WHENS)))
        return None
    return text


def _branches(checker: _Checker, node: Node) -> tuple[Branch, ...] | None:
    if not isinstance(node, SeqNode):
        checker.at(node, _("'branches' must be a list of mappings with 'when' and 'goto'"))
        return None
    out = []
    ok = True
    for item in node.value:  # every branch is checked, even after a bad one
        if not isinstance(item, MapNode):
            checker.at(item, _("each branch must be a mapping with 'when' and 'goto'"))
            ok = False
            continue
        values = checker.fields(item, schema.BRANCH_FIELDS, "branch")
        if "when" not in values or "goto" not in values:
            ok = False
            continue
        out.append(Branch(When(values["when"]), values["goto"], values.get("mentions", ())))
    return tuple(out) if ok else None


def value(checker: _Checker, field: schema.Field, node: Node) -> Any:
    """The checked value of a field whose type this module owns."""
    if field.type == "points":
        return points(checker, field.name, node)
    if field.type == "flag":
        return flag(checker, field.name, node)
    if field.type == "target":
        return target(checker, field.name, node)
    if field.type == "when":
        return when(checker, node)
    if field.type == "branches":
        return _branches(checker, node)
    if field.type == "turns":
        return None  # checked as a whole by `turns`, which needs every turn's id
    raise AssertionError(f"unhandled field type {field.type}")


def turns(checker: _Checker, node: Node) -> tuple[Turn, ...] | None:
    """The turns of a role-play card, with the graph they make checked."""
    if not isinstance(node, SeqNode) or not node.value:
        checker.at(node, _("'turns' must be a list with at least one turn"))
        return None
    before = len(checker.problems)
    out: list[Turn] = []
    where: dict[str, Node] = {}
    targets: list[tuple[str, Node]] = []
    leads: dict[str, list[str]] = {}  # each turn's branch targets, as written
    has_next: dict[str, str | None] = {}  # each turn's `next`, as written
    for item in node.value:
        if not isinstance(item, MapNode):
            checker.at(item, _("each turn must be a mapping with 'id' and 'buyer'"))
            continue
        values = checker.fields(item, schema.TURN_FIELDS, "turn")
        turn_id = values.get("id")
        if turn_id is None or "buyer" not in values:
            continue
        if turn_id in where or turn_id == END:
            checker.at(item.value["id"][1], _("duplicate turn id '{id}'").format(
                id=excerpt(turn_id)) if turn_id != END else _("'end' cannot be a turn id"))
            continue
        where[turn_id] = item
        texts, keywords = values.get("talking_points", ((), ()))
        turn = Turn(id=turn_id, buyer=values["buyer"], talking_points=texts,
                    point_keywords=keywords, dont=values.get("dont", ()),
                    branches=values.get("branches", ()), next=values.get("next"),
                    end=values.get("end", False), time_limit=values.get("time_limit"))
        if turn.end and (turn.branches or turn.next or turn.talking_points):
            checker.at(item, _("turn '{id}' ends the call: it takes no branches, next or "
                               "talking_points").format(id=excerpt(turn_id)))
        # Where the reply can lead, read from the file itself so a branch with another
        # mistake (say, an unknown condition) still counts for the checks below.
        gotos = [_raw_target(item.value.get("next"))]
        branch_list = item.value.get("branches")
        if branch_list is not None and isinstance(branch_list[1], SeqNode):
            gotos += [_raw_target(b.value.get("goto")) for b in branch_list[1].value
                      if isinstance(b, MapNode)]
        for name, at in (g for g in gotos if g is not None):
            targets.append((name, at))
        out.append(turn)
        leads[turn_id] = [name for name, _at in (g for g in gotos[1:] if g is not None)]
        has_next[turn_id] = gotos[0][0] if gotos[0] is not None else None
    unknown = set()
    for name, at in targets:
        if name != END and name not in where:
            unknown.add(name)
            checker.at(at, _("no turn with id '{id}' in this card (turns: {turns})").format(
                id=excerpt(name), turns=excerpt(", ".join(where), 200)))
    if out and len(out) == len(node.value):
        # Unreachable turns and loops are reported in the same run as every other mistake;
        # a misspelt target is given the benefit of the doubt (it may be meant to end).
        # Not when a turn could not be read at all: the graph would be missing it.
        _check_graph(checker, tuple(out), where, leads, has_next, unknown)
    return tuple(out) if len(checker.problems) == before else None


def _raw_target(entry: tuple[ScalarNode, Node] | None) -> tuple[str, Node] | None:
    if entry is None or not isinstance(entry[1], ScalarNode) or not isinstance(
            entry[1].value, str):
        return None
    return entry[1].value, entry[1]


def successors(turns: tuple[Turn, ...], index: int) -> list[str]:
    """Where the call can go after turn `index`: its branches and its default."""
    turn = turns[index]
    if turn.end:
        return []
    default = turn.next or (turns[index + 1].id if index + 1 < len(turns) else END)
    return [*(b.goto for b in turn.branches), default]


def _check_graph(checker: _Checker, turns: tuple[Turn, ...], where: dict[str, Node],
                 leads: dict[str, list[str]], has_next: dict[str, str | None],
                 unknown: set[str]) -> None:
    def after(i: int) -> list[str]:
        turn = turns[i]
        if turn.end:
            return []
        default = has_next[turn.id] or (turns[i + 1].id if i + 1 < len(turns) else END)
        return [*leads[turn.id], default]

    index = {turn.id: i for i, turn in enumerate(turns)}
    reachable = {turns[0].id}
    stack = [turns[0].id]
    while stack:
        for name in after(index[stack.pop()]):
            if name in index and name not in reachable:
                reachable.add(name)
                stack.append(name)
    ends = {t.id for t in turns if t.end}
    ends |= {t.id for i, t in enumerate(turns) if any(
        s == END or s in unknown for s in after(i))}
    changed = True
    while changed:
        changed = False
        for i, turn in enumerate(turns):
            if turn.id not in ends and any(s in ends for s in after(i)):
                ends.add(turn.id)
                changed = True
    for turn in turns:
        if turn.id not in reachable:
            checker.at(where[turn.id], _("turn '{id}' is never reached: no goto or next "
                                         "leads to it").format(id=excerpt(turn.id)))
        elif turn.id not in ends:
            checker.at(where[turn.id], _("turn '{id}' can never reach an end: its "
                                         "branches loop with no way out").format(
                                             id=excerpt(turn.id)))
