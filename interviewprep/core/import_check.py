"""Checking an export file before anything from it is written: every field's type and range.

An import file comes from another machine or another person, so it is untrusted: a rating of
99, a year past 9999, a NaN duration or an unknown FSRS state would break history, stats,
export and the drill for good once stored. Each problem is reported as `answers[3].rating:
99 is not 1–4`; the import writes nothing when there is any.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from interviewprep.core.text import excerpt
from interviewprep.i18n import _

MAX_REPORTED = 5
# Python's datetime covers years 1 to 9999; anything outside cannot be shown or scheduled.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC).timestamp()
LATEST = datetime(9999, 12, 30, tzinfo=UTC).timestamp()
FSRS_STATES = (1, 2, 3)  # fsrs.State: Learning, Review, Relearning
RATINGS = (1, 2, 3, 4)
MAX_INTEGER = 2**53  # exact in JSON and in SQLite


class Problem(ValueError):
    """One field that is wrong, described for a person; `field` is its dotted path."""

    def __init__(self, reason: str, field: str = "") -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.reason = reason
        self.field = field


def _shown(value: Any) -> str:
    return excerpt(json.dumps(value, ensure_ascii=False))


def _text(value: Any, empty_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise Problem(_("{value} is not text").format(value=_shown(value)))
    if not value and not empty_ok:
        raise Problem(_("is empty"))
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(_("{value} is not a number").format(value=_shown(value)))
    if isinstance(value, float) and not math.isfinite(value):
        raise Problem(_("{value} is not a finite number").format(value=_shown(value)))
    if abs(value) > MAX_INTEGER:
        raise Problem(_("{value} is out of range").format(value=_shown(value)))
    return float(value)


def _integer(value: Any) -> int:
    number = _number(value)
    if not isinstance(value, int) and not number.is_integer():
        raise Problem(_("{value} is not a whole number").format(value=_shown(value)))
    return int(number)


def _time(value: Any) -> float:
    stamp = _number(value)
    if not EARLIEST <= stamp <= LATEST:
        raise Problem(_("{value} is not a time between the years 1 and 9999").format(
            value=_shown(value)))
    return stamp


def _not_negative(value: Any) -> float:
    number = _number(value)
    if number < 0:
        raise Problem(_("{value} is negative").format(value=_shown(value)))
    return number


def _rating(value: Any) -> int:
    if isinstance(value, bool) or value not in RATINGS:
        raise Problem(_("{value} is not 1–4").format(value=_shown(value)))
    return int(value)


def _fsrs_state(value: Any) -> int:
    if isinstance(value, bool) or value not in FSRS_STATES:
        raise Problem(_("{value} is not a known FSRS state (1, 2 or 3)").format(
            value=_shown(value)))
    return int(value)


def _step(value: Any) -> int:
    step = _integer(value)
    if step < 0:
        raise Problem(_("{value} is negative").format(value=_shown(value)))
    return step


def _stability(value: Any) -> float:
    number = _number(value)
    if number <= 0:
        raise Problem(_("{value} is not above 0").format(value=_shown(value)))
    return number


def _difficulty(value: Any) -> float:
    number = _number(value)
    if not 1 <= number <= 10:
        raise Problem(_("{value} is not 1–10").format(value=_shown(value)))
    return number


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Problem(_("{value} is not true or false").format(value=_shown(value)))
    return value


Check = Callable[[Any], Any]
# name -> (check, required); an optional field may be missing or null.
Fields = dict[str, tuple[Check, bool]]

_IDS: Fields = {"deck_id": (_text, True), "language": (_text, True), "card_id": (_text, True)}
_STATE: Fields = {"state": (_fsrs_state, True), "step": (_step, False),
                  "stability": (_stability, False), "difficulty": (_difficulty, False),
                  "due": (_time, True), "last_review": (_time, False)}
ANSWER: Fields = {"uid": (_text, True), **_IDS,
                  "text": (lambda v: _text(v, empty_ok=True), True),
                  "seconds": (_not_negative, True), "answered_at": (_time, True),
                  "rating": (_rating, False), "practice": (_flag, False)}
REVIEW: Fields = {"uid": (_text, True), **_IDS, "rating": (_rating, True),
                  "reviewed_at": (_time, True), "duration_ms": (_step, False),
                  "state_before": (lambda v: _object(v, _STATE), False),
                  "state_after": (lambda v: _object(v, _STATE), True)}
CARD_STATE: Fields = {**_IDS, **_STATE}


def _role(value: Any) -> str:
    from interviewprep.core.interviews import ROLES

    if value not in ROLES:
        raise Problem(_("{value} is not one of {roles}").format(
            value=_shown(value), roles=", ".join(ROLES)))
    return str(value)


def _day(value: Any) -> str:
    from interviewprep.core.interviews import InterviewError, parse_day

    text = _text(value)
    try:
        parse_day(text)
    except InterviewError:
        raise Problem(_("{value} is not a date such as 2026-05-31").format(
            value=_shown(value))) from None
    return text


def _minutes(value: Any) -> int:
    from interviewprep.core.interviews import MAX_MINUTES_PER_DAY

    minutes = _integer(value)
    if not 1 <= minutes <= MAX_MINUTES_PER_DAY:
        raise Problem(_("{value} is not 1–{most}").format(value=_shown(value),
                                                          most=MAX_MINUTES_PER_DAY))
    return minutes


def _clock_time(value: Any) -> str:
    text = _text(value)
    hours, _sep, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2
            and int(hours) < 24 and int(minutes) < 60):
        raise Problem(_("{value} is not a time of day such as 14:30").format(
            value=_shown(value)))
    return text


def _any_text(value: Any) -> str:
    return _text(value, empty_ok=True)


INTERVIEW: Fields = {"uid": (_text, True), "company": (_any_text, True), "role": (_role, True),
                     "date": (_day, True), "time": (_clock_time, False),
                     "job_description": (_any_text, True), "minutes_per_day": (_minutes, True),
                     "notes": (_any_text, True), "created_at": (_time, True)}
STORY: Fields = {"uid": (_text, True), "title": (_text, True), "situation": (_any_text, True),
                 "task": (_any_text, True), "action": (_any_text, True),
                 "result": (_any_text, True), "numbers": (_any_text, True),
                 "created_at": (_time, True), "updated_at": (_time, True)}
STORY_LINK: Fields = {"story_uid": (_text, True), **_IDS}


def _relative_file(value: Any) -> str:
    """A file beside the export: a relative path that stays inside the export's folder."""
    text = _text(value)
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
        raise Problem(_("{value} is not a file beside the export").format(
            value=_shown(value)))
    return text


def _measures(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Problem(_("{value} is not an object").format(value=_shown(value)))
    return value


RECORDING: Fields = {"uid": (_text, True), "answer_uid": (_text, False), **_IDS,
                     "file": (_relative_file, False), "started_at": (_time, True),
                     "seconds": (_not_negative, False), "measures": (_measures, False),
                     "transcript": (_any_text, False), "transcript_engine": (_text, False),
                     "transcript_corrected": (_flag, False)}


def _object(value: Any, fields: Fields) -> dict[str, Any]:
    """The checked fields of one JSON object (missing optional ones as None)."""
    if not isinstance(value, dict):
        raise Problem(_("{value} is not an object").format(value=_shown(value)))
    out: dict[str, Any] = {}
    for name, (check, required) in fields.items():
        field = value.get(name)
        try:
            if field is None:
                if required:
                    raise Problem(_("is missing"))
                out[name] = None
            else:
                out[name] = check(field)
        except Problem as problem:
            inner = f"{name}.{problem.field}" if problem.field else name
            raise Problem(problem.reason, inner) from None
    return out


def check_rows(data: dict[str, Any], key: str, fields: Fields,
               problems: list[str]) -> list[dict[str, Any]]:
    """Every row of `data[key]` checked; problems are appended (all of them counted)."""
    rows = data.get(key, [])
    if not isinstance(rows, list):
        problems.append(_("{key}: is not a list").format(key=key))
        return []
    checked = []
    for index, row in enumerate(rows):
        try:
            checked.append(_object(row, fields))
        except Problem as problem:
            where = f"{key}[{index}]" + (f".{problem.field}" if problem.field else "")
            problems.append(f"{where}: {problem.reason}")
    return checked


def refuse_constant(name: str) -> Any:
    """For `json.loads(parse_constant=…)`: NaN and Infinity are not numbers we store."""
    raise Problem(_("{value} is not a number").format(value=name))
