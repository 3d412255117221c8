"""The YAML parser's own problem texts in the interface language.

PyYAML (and libyaml under it) says what went wrong in fixed English phrases ("found
unexpected end of stream"). The ones a deck author meets are marked here for translation,
each under its own English; a rarer one is shown as the parser wrote it.
"""

from __future__ import annotations

from interviewprep.i18n import N_, _

# libyaml's phrases (scanner.c, parser.c, reader.c), then the pure-Python parser's.
PHRASES = frozenset((
    N_("found unexpected end of stream"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("did not find expected key"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("block sequence entries are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found unknown escape character"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found undefined tag handle"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("control characters are not allowed"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid trailing UTF-8 octet"),
    N_("incomplete UTF-8 octet sequence"),
    N_("invalid Unicode character"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while scanning a block scalar"),
    N_("while scanning a plain scalar"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
))


def yaml_phrase(phrase: str) -> str:
    """One of the parser's phrases in the interface language (unknown ones as they are)."""
    phrase = phrase.strip()
    return _(phrase) if phrase in PHRASES else phrase


def yaml_problem_text(problem: str | None, context: str | None) -> str:
    """What the parser found: its problem, else its context."""
    if problem:
        return yaml_phrase(problem)
    if context:
        return yaml_phrase(context)
    return _("invalid YAML")
