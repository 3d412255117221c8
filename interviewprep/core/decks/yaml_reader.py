"""A safe YAML reader that keeps the position of every node.

Built on the parser's event stream (libyaml's when present) rather than `yaml.load`: it never
constructs objects from tags, refuses anchors and aliases, and is several times faster than
composing and constructing, which matters for large decks. Every problem is reported with its
line and column so validation can point at the offending node.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from interviewprep.core.decks.schema import MAX_DEPTH, MAX_PROBLEMS
from interviewprep.core.decks.yaml_messages import yaml_phrase, yaml_problem_text
from interviewprep.core.text import excerpt
from interviewprep.i18n import _, ngettext

try:  # libyaml is optional; its parser is the fast path.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Position = tuple[int, int]


class Node:
    """A parsed YAML node: `value` plus its 1-based line and column."""

    __slots__ = ("column", "line", "value")

    def __init__(self, value: Any, line: int, column: int) -> None:
        self.value = value
        self.line = line
        self.column = column


class ScalarNode(Node):
    """A string, number, boolean or null."""

    __slots__ = ()


class SeqNode(Node):
    """A list: `value` is a list of nodes."""

    __slots__ = ()
    value: list[Node]


class MapNode(Node):
    """A mapping: `value` maps each key to (key node, value node)."""

    __slots__ = ()
    value: dict[str, tuple[ScalarNode, Node]]


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?\Z")
# The first characters a plain scalar that is not a string can start with.
_MAYBE_NOT_STRING = frozenset("0123456789+-.~nNtTfFyYoO")


def _resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar the way YAML 1.1 would for the types decks use."""
    if not text or text[0] in _MAYBE_NOT_STRING:
        if text in _NULLS:
            return None
        if text in _BOOLS:
            return _BOOLS[text]
        if _INT.match(text):
            return int(text.replace("_", ""))
        if _FLOAT.match(text):
            return float(text.replace("_", ""))
    return text


def read(text: str) -> tuple[Node | None, list[YamlProblem]]:  # noqa: PLR0915 - one hot loop
    """Parse one YAML document into nodes; return the root (None if empty) and the problems.

    A syntax error stops parsing (nothing after it can be trusted); anchors, aliases, tags
    and duplicate keys are reported and parsing goes on, so a file shows all its problems,
    up to `MAX_PROBLEMS`. Nothing in the text raises: every fault is a located problem.
    """
    problems: list[YamlProblem] = []
    # Each frame: [container node, pending mapping key or None].
    stack: list[list[Any]] = []
    root: Node | None = None
    documents = 0
    scalar_event = yaml.ScalarEvent
    try:
        parser = _Loader(text)  # the pure-Python reader checks every character here
    except yaml.YAMLError as error:
        return None, [_reader_problem(text, error)]
    # get_event() directly: yaml.parse() wraps it in a generator that costs as much again.
    next_event = parser.get_event
    try:
        while (event := next_event()) is not None:
            mark: Any = event.start_mark
            node: Node
            if type(event) is scalar_event:
                if event.anchor is not None:
                    problems.append(_anchor_problem(mark))
                if event.tag is not None and event.tag != "!":
                    problems.append(_tag_problem(mark, event.tag))
                try:
                    value = _resolve_plain(event.value) if event.implicit[0] else event.value
                except ValueError:  # an integer past Python's digit limit for int()
                    digits = len(event.value)
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1, ngettext(
                        "a number of {count} digit is too long to read; put it in quotes "
                        "if it is text",
                        "a number of {count} digits is too long to read; put it in quotes "
                        "if it is text", digits).format(count=digits)))
                    value = None
                node = ScalarNode(value, mark.line + 1, mark.column + 1)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.anchor is not None:
                    problems.append(_anchor_problem(mark))
                if event.tag is not None and event.tag != "!" and not event.implicit:
                    problems.append(_tag_problem(mark, event.tag))
                is_map = isinstance(event, yaml.MappingStartEvent)
                container: Node = (
                    MapNode({}, mark.line + 1, mark.column + 1)
                    if is_map
                    else SeqNode([], mark.line + 1, mark.column + 1)
                )
                stack.append([container, None])
                if len(stack) > MAX_DEPTH:
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1, _(
                        "lists and mappings are nested more than {depth} levels deep; a deck "
                        "needs four").format(depth=MAX_DEPTH)))
                    return None, problems
                continue
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node = stack.pop()[0]
            elif isinstance(event, yaml.AliasEvent):
                problems.append(_anchor_problem(mark))
                node = ScalarNode(None, mark.line + 1, mark.column + 1)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(
                        YamlProblem(mark.line + 1, mark.column + 1,
                                    _("a deck file holds one YAML document; found a second"))
                    )
                    break
                continue
            elif isinstance(event, yaml.StreamEndEvent):
                break
            else:  # stream start and document ends
                continue
            if problems and len(problems) > MAX_PROBLEMS:  # `problems and`: a hot loop
                return None, problems
            if not stack:
                root = node
                continue
            frame = stack[-1]
            parent = frame[0]
            if type(parent) is SeqNode:
                parent.value.append(node)
            elif frame[1] is None:
                if type(node) is not ScalarNode or not isinstance(node.value, str):
                    problems.append(
                        YamlProblem(node.line, node.column,
                                    _("mapping keys must be plain words"))
                    )
                    node = ScalarNode(f"<key at {node.line}:{node.column}>", node.line,
                                      node.column)
                frame[1] = node
            else:
                key = frame[1]
                frame[1] = None
                if key.value in parent.value:
                    first = parent.value[key.value][0]
                    problems.append(
                        YamlProblem(key.line, key.column, _(
                            "duplicate key '{key}' (first at line {line})").format(
                                key=excerpt(key.value), line=first.line))
                    )
                else:
                    parent.value[key.value] = (key, node)
    except yaml.MarkedYAMLError as error:
        error_mark: Any = error.problem_mark or error.context_mark
        line, column = (1, 1)
        if error_mark is not None:
            line, column = error_mark.line + 1, error_mark.column + 1
        message = yaml_problem_text(error.problem, error.context)
        problems.append(YamlProblem(line, column, _("YAML syntax error: {problem}").format(
            problem=excerpt(message, 120))))
        return None, problems
    except yaml.YAMLError as error:
        problems.append(_reader_problem(text, error))
        return None, problems
    finally:
        parser.dispose()
    return root, problems


def _reader_problem(text: str, error: yaml.YAMLError) -> YamlProblem:
    """The reader's own errors (a character YAML refuses) carry an index, not a mark."""
    position = getattr(error, "position", 0)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = yaml_phrase(getattr(error, "reason", None) or str(error))
    return YamlProblem(line, column, _("the YAML could not be read: {reason}").format(
        reason=excerpt(reason, 120)))


def _anchor_problem(mark: Any) -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1,
                       _("anchors and aliases (& and *) are not allowed in decks; "
                         "write the text out"))


def _tag_problem(mark: Any, tag: str) -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1,
                       _("YAML tags are not allowed in decks (found {tag})").format(
                           tag=excerpt(tag, 80)))

