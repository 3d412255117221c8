"""The person's settings: their values and defaults, how a typed value is checked (in the
interface language, naming the field), and how the saved rows are read back.

The rows live in the store's settings table; `Collection` reads them through
`read_settings` and saves changes only after `check_setting` accepted every one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interviewprep import i18n
from interviewprep.core.decks.model import DEFAULT_TIME_LIMIT_S
from interviewprep.core.scheduling import DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION
from interviewprep.core.store import Store

FALLBACK_LANGUAGE = "en"


class AnswerMode(StrEnum):
    """How the person answers: the timer judges a spoken answer against the card's speaking
    time limit; a written one is measured by how long it would take to say."""

    ALOUD = "aloud"
    WRITTEN = "written"


TEXT_SETTINGS = ("desired_retention", "new_per_day", "default_time_limit", "answer_mode",
                 "ui_language", "read_aloud")
SWITCH_VALUES = {"on": True, "off": False, "true": True, "false": False, "yes": True, "sí": True,
                 "si": True,
                 "no": False, "1": True, "0": False}
SETTING_LIMITS = {
    "desired_retention": (0.7, 0.99),
    "new_per_day": (0, 9999),
    "default_time_limit": (10, 3600),
}


@dataclass(frozen=True)
class Settings:
    language: str
    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY
    default_time_limit: int = DEFAULT_TIME_LIMIT_S
    answer_mode: AnswerMode = AnswerMode.WRITTEN
    ui_language: str = ""  # the interface language; empty: follow the system's locale
    read_aloud: bool = False  # questions and buyer lines read aloud before the timer starts


class SettingsError(ValueError):
    """A setting out of range or of the wrong type; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_number(text: str) -> float:
    """A number as people type it: `0.85` or `0,85`."""
    return float(text.strip().replace(",", ".", 1))


SETTING_NAMES = {"desired_retention": i18n.N_("Desired retention"),
                 "new_per_day": i18n.N_("New cards a day"),
                 "default_time_limit": i18n.N_("The default time limit"),
                 "answer_mode": i18n.N_("The answer mode"),
                 "ui_language": i18n.N_("The interface language"),
                 "read_aloud": i18n.N_("Reading questions aloud")}


def check_setting(name: str, value: object) -> float | int | str:
    """`value` checked and converted for setting `name`; `SettingsError` says what is wrong,
    in the interface language."""
    _ = i18n._
    label = _(SETTING_NAMES[name]) if name in SETTING_NAMES else name
    if name == "ui_language":
        if value not in ("", *i18n.UI_LANGUAGES):
            raise SettingsError(name, _("{setting} must be one of: {choices}").format(
                setting=label, choices=", ".join(i18n.UI_LANGUAGES)))
        return str(value)
    if name == "read_aloud":
        switch = SWITCH_VALUES.get(str(value).strip().lower())
        if switch is None:
            raise SettingsError(name, _("{setting} must be 'on' or 'off'").format(
                setting=label))
        return "on" if switch else "off"
    if name == "answer_mode":
        try:
            return AnswerMode(str(value)).value
        except ValueError:
            raise SettingsError(name, _("{setting} must be 'aloud' or 'written'").format(
                setting=label)) from None
    if name not in SETTING_LIMITS:
        raise SettingsError(name, _("There is no setting called {name}").format(name=name))
    low, high = SETTING_LIMITS[name]
    try:
        number = parse_number(value) if isinstance(value, str) else float(str(value))
    except ValueError:
        raise SettingsError(name, _("{setting}: please enter a number").format(
            setting=label)) from None
    if name != "desired_retention":
        if number != int(number):
            raise SettingsError(name, _("{setting}: please enter a whole number").format(
                setting=label))
        number = int(number)
    if not low <= number <= high:
        # A share is written as the settings show it, "0.70", not "0.7".
        pattern = "0.00" if name == "desired_retention" else "0.##"
        raise SettingsError(name, _("{setting} must be between {low} and {high}").format(
            setting=label, low=i18n.format_decimal(low, pattern),
            high=i18n.format_decimal(high, pattern)))
    return number


def read_settings(store: Store, deck_languages: Callable[[], list[str]]) -> Settings:
    """The saved settings; with no language saved yet, the system's if some deck is in it
    (`deck_languages` is asked only then), else English."""
    get = store.get_setting
    language = get("language")
    if language is None:
        languages = deck_languages()
        system = i18n.system_language()
        language = system if system in languages else FALLBACK_LANGUAGE
    values: dict[str, Any] = {}
    for name in TEXT_SETTINGS:
        raw = get(name)
        if raw is None:
            continue
        try:
            values[name] = check_setting(name, raw)
        except SettingsError:
            continue  # a damaged row falls back to the default rather than failing
    if "answer_mode" in values:
        values["answer_mode"] = AnswerMode(values["answer_mode"])
    if "read_aloud" in values:
        values["read_aloud"] = values["read_aloud"] == "on"
    return Settings(language=language, **values)
