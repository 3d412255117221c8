"""Translation: the functions every user-facing string goes through, and the interface language.

Strings are looked up when they are shown, not when a module is imported, so switching the
language re-renders in the new one. Mark a string that must be defined before a language is
chosen (a module constant, a binding description) with `N_` and pass it through `_` where it
is shown. Catalogs are gettext `.po` files under `interviewprep/locale/`; the package build
compiles them to `.mo`.
"""

from __future__ import annotations

import gettext
import os
import re
from datetime import date, datetime
from pathlib import Path

DOMAIN = "interviewprep"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "en"
UI_LANGUAGES = ("en", "es")



class _Active:
    translation: gettext.NullTranslations = gettext.NullTranslations()
    language: str = DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


def _(message: str) -> str:
    """`message` in the interface language."""
    return _Active.translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the interface language."""
    return _Active.translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the interface language, told apart from the same English by `context`."""
    return _Active.translation.pgettext(context, message)


def language_code(value: str | None) -> str | None:
    """`es_ES.UTF-8` -> `es`; None for the C/POSIX locale or an empty value."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].split("-")[0]
    code = code.strip().lower()
    return None if code in ("", "c", "posix") else code


def system_language() -> str | None:
    """The language the system's locale variables ask for, as gettext reads them."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if not value:
            continue
        if variable == "LANGUAGE":
            # A priority list; gettext ignores it under the C locale, and so do we.
            for part in value.split(":"):
                code = language_code(part)
                if code:
                    return code
            continue
        return language_code(value)
    return None


def choose_language(requested: str | None = None) -> str:
    """The supported interface language for `requested`, else the system's, else English."""
    for candidate in (language_code(requested), system_language()):
        if candidate in UI_LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Switch the interface language (an unsupported one falls back); return the one in use."""
    chosen = choose_language(language)
    _Active.translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen],
                                              fallback=True)
    _Active.language = chosen
    return chosen


def current_language() -> str:
    return _Active.language


# -- numbers and dates in the interface language (Babel's CLDR data, loaded when first used)


def format_decimal(value: float, pattern: str = "0.##") -> str:
    """`0.85` as `0.85` in English and `0,85` in Spanish."""
    from babel.numbers import format_decimal as babel_format_decimal

    return str(babel_format_decimal(value, format=pattern, locale=_Active.language))


def format_percent(value: float) -> str:
    """`0.9` as `90%` in English and `90 %` in Spanish."""
    from babel.numbers import format_percent as babel_format_percent

    return str(babel_format_percent(value, locale=_Active.language))


def format_date(value: date | datetime) -> str:
    """`Nov 28, 2026` in English, `28 nov 2026` in Spanish."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, format="medium", locale=_Active.language))


def format_datetime(value: datetime, seconds: bool = False, year: bool = True) -> str:
    """A local date and time, to the minute or (seconds=True) to the second; without the
    year (`Mar 2 9:00 AM`, `2 mar 9:00`) where a column has little room."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton
    from babel.dates import format_time as babel_format_time

    local = value.astimezone()
    time = babel_format_time(local, format="medium" if seconds else "short",
                             locale=_Active.language)
    day = (babel_format_date(local, format="medium", locale=_Active.language) if year
           else format_skeleton("MMMd", local, locale=_Active.language))
    return f"{day} {time}"


def parse_date(text: str) -> date:
    """A day as a person types it: `2026-11-28`, or the interface language's own way
    (`Nov 28, 2026`, `28 nov 2026`, `28 de noviembre de 2026`, `28/11/2026`). English month
    names are understood in every language. ValueError if it is not a day."""
    from babel.dates import get_month_names
    from babel.dates import parse_date as babel_parse_date

    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    words = re.findall(r"[^\W\d_]+", text.lower())
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not words:
        try:
            return babel_parse_date(text, locale=_Active.language)
        except (ValueError, IndexError):
            raise ValueError(text) from None
    months: dict[str, int] = {}
    for language in {_Active.language, DEFAULT_LANGUAGE}:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                months[str(name).lower().rstrip(".")] = int(number)
    found = [months[word] for word in words if word in months]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 1000]
    if len(found) != 1 or len(years) != 1 or len(days) != 1:
        raise ValueError(text)
    return date(years[0], found[0], days[0])
