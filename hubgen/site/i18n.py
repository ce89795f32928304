"""The hub's language: Hubgen's own words from gettext catalogs, dates and times from the locale (Babel, CLDR).

The language is the one Material for MkDocs uses, ``theme.language`` in mkdocs.yml (:func:`language_of`). Hubgen's
strings are written in English in its templates and code; their translations are catalogs in the gettext form,
``hubgen/locale/<lang>/LC_MESSAGES/<domain>.po`` (domain ``hubgen`` for pages, feeds and calendars; ``hubgen_js``
for the scripts), read as they are at build time: no compiled ``.mo`` is kept beside them. The templates,
``hubgen/locale/hubgen.pot`` and ``hubgen_js.pot``, are made by ``tools/update_catalogs.sh``. A region
(``es-MX``) takes its own catalog if there is one, else its language's (``es``); what no catalog translates stays
English (:func:`missing` lists it, for ``hubgen check``).

Reusable pieces::

    language_of(config)                  # "es-MX" from mkdocs.yml's theme.language ("en" without one)
    translations(language, "hubgen")     # a gettext translations object (gettext, ngettext, pgettext)
    missing(language, "hubgen")          # the msgids that fall back to English (empty for English)
    language_problems(config_file)       # hubgen check's warning at mkdocs.yml:line of theme.language (both domains)
    Dates(language)                      # short/long dates, months, weekdays, time spans, as the locale writes them
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_location
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..content.problems import Problems
from ..content.settings import read_config

LOCALE_DIR = Path(__file__).parent.parent / "locale"
DOMAIN = "hubgen"
DEFAULT = "en"  # the language Hubgen's strings are written in


def language_of(config: Mapping[str, Any] | Any) -> str:
    """The hub's language: mkdocs.yml's ``theme.language`` (a dict, or MkDocs' Theme), ``en`` when it has none."""
    theme = config.get("theme") if isinstance(config, Mapping) else getattr(config, "theme", None)
    language: Any = None
    if isinstance(theme, Mapping):
        language = theme.get("language")
    elif theme is not None:
        try:
            language = theme["language"]
        except (KeyError, TypeError):
            language = None
    return str(language).strip() if language and str(language).strip() else DEFAULT


def _tag(language: str) -> str:
    """``es-MX`` → ``es_MX`` (the folder name and the locale identifier)."""
    return language.strip().replace("-", "_")


def candidates(language: str) -> list[str]:
    """Where the catalog of ``language`` may be, most specific first: ``es_MX``, then ``es``."""
    tag = _tag(language)
    base = tag.split("_", 1)[0]
    return [tag, base] if base != tag else [tag]


def is_default(language: str) -> bool:
    """Is ``language`` the one Hubgen's strings are written in (``en``, ``en-US``...)."""
    return _tag(language).split("_", 1)[0].lower() == DEFAULT


def catalog_path(language: str, domain: str = DOMAIN) -> Path | None:
    """The .po file that translates ``domain`` into ``language`` (its region's, else its language's), or None."""
    for tag in candidates(language):
        path = LOCALE_DIR / tag / "LC_MESSAGES" / f"{domain}.po"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=32)
def catalog(path: Path) -> Catalog:
    """The catalog (.po or .pot) at ``path``, read once."""
    with path.open("rb") as f:
        return read_po(f)


@lru_cache(maxsize=8)
def template(domain: str = DOMAIN) -> Catalog:
    """The catalog template (``hubgen/locale/<domain>.pot``): every string of Hubgen's that is translated."""
    return catalog(LOCALE_DIR / f"{domain}.pot")


@lru_cache(maxsize=32)
def translations(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """``domain``'s strings in ``language``: its catalog's translations (not the fuzzy ones), English for the rest.

    English, or a language with no catalog, gets translations that give every string back as it is written.
    """
    path = None if is_default(language) else catalog_path(language, domain)
    if path is None:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog(path))  # what msgfmt would write: untranslated and fuzzy entries left out
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def missing(language: str, domain: str = DOMAIN) -> list[str]:
    """The msgids of ``domain`` that ``language`` shows in English: no catalog, no translation or a fuzzy one."""
    if is_default(language):
        return []
    path = catalog_path(language, domain)
    known = catalog(path) if path else Catalog()
    out = []
    for message in template(domain):
        if not message.id:
            continue
        done = known.get(message.id, message.context)
        strings = done.string if done else None
        texts = strings if isinstance(strings, (tuple, list)) else (strings,)
        if done is None or done.fuzzy or not all(texts):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


#: Hubgen's catalogs: its pages, feeds and calendars; the words its scripts write in the browser.
DOMAINS = (DOMAIN, "hubgen_js")


def language_problems(config_file: Path) -> Problems:
    """``hubgen check``'s warning when the hub's language (theme.language) has no catalog or an incomplete one:
    which of Hubgen's strings (pages and scripts) its readers see in English, at the line of ``language:``."""
    problems = Problems()
    config = read_config(config_file, problems)
    language = language_of(config.data)
    gaps = {domain: missing(language, domain) for domain in DOMAINS}
    count = sum(len(texts) for texts in gaps.values())
    if not count:
        return problems
    total = sum(1 for domain in DOMAINS for m in template(domain) if m.id)
    name = locale_of(language).get_display_name(DEFAULT) if not is_default(locale_of(language).language) else language
    every = [text for texts in gaps.values() for text in texts]
    plain = [text for text in every if "%(" not in text and "{" not in text] or every  # the readable ones first
    shown = ", ".join(f"'{text}'" for text in plain[:3]) + (", ..." if count > 3 else "")
    lacking = [domain for domain, texts in gaps.items() if texts]
    if all(catalog_path(language, domain) is None for domain in lacking):
        have = ", ".join(
            sorted({DEFAULT, *(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))})
        )
        files = " and ".join(f"{domain}.po" for domain in lacking)
        fix = (
            f"Hubgen has no catalog for '{language}' yet: add {files} to Hubgen's hubgen/locale/"
            f'{_tag(language).split("_")[0]}/LC_MESSAGES/ (README "Your hub\'s language"), or set a language it '
            f"has ({have})"
        )
    else:
        where = " and ".join(
            (path.relative_to(LOCALE_DIR.parent.parent).as_posix() if path else f"{domain}.po (missing)")
            for domain in lacking
            for path in [catalog_path(language, domain)]
        )
        fix = f"translate them in Hubgen's {where} (README \"Your hub's language\")"
    line, column = config.position(("theme", "language"))
    problems.add(
        config.file,
        line,
        column,
        f"{count} of Hubgen's {total} strings have no {name} translation and show in English ({shown}) — {fix}",
        field="theme.language",
        severity="warning",
    )
    return problems


def locale_of(language: str) -> Locale:
    """The locale of ``language`` for dates and numbers (English if Babel does not know it)."""
    try:
        return Locale.parse(_tag(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


#: English keeps the formats Hubgen's pages always had (the locale's names of days and months): "Wed 2 Dec 2026".
_ENGLISH = {
    "short": "EEE d MMM y",
    "short_day": "EEE d MMM",
    "long": "EEEE d MMMM y",
    "long_no_weekday": "d MMMM y",
    "day_month": "d MMMM",
    "month_year": "MMMM y",
    "weekday_day_month": "EEEE d MMMM",
}
#: Every other language: the locale's own pattern for these fields (a CLDR skeleton): "mié, 2 dic 2026".
_SKELETONS = {
    "short": "yMMMEd",
    "short_day": "MMMEd",
    "long": "yMMMMEEEEd",
    "long_no_weekday": "yMMMMd",
    "day_month": "MMMMd",
    "month_year": "yMMMM",
    "weekday_day_month": "MMMMEEEEd",
}


class Dates:
    """Dates and times as a reader of ``language`` writes them."""

    def __init__(self, language: str = DEFAULT) -> None:
        self.language = language
        self.locale = locale_of(language)
        self.english = is_default(language)

    def format(self, day: dt.date, kind: str) -> str:
        """``day`` in the format ``kind``: short, short_day, long, day_month, month_year, weekday_day_month."""
        if self.english:
            return format_date(day, _ENGLISH[kind], locale=self.locale)
        if kind == "long":  # the weekday and month in full: "miércoles, 2 de diciembre de 2026"
            return format_date(day, "full", locale=self.locale)
        return format_skeleton(_SKELETONS[kind], day, locale=self.locale)

    def short(self, day: dt.date) -> str:
        return self.format(day, "short")

    def long(self, day: dt.date) -> str:
        return self.format(day, "long")

    def day_month(self, day: dt.date) -> str:
        return self.format(day, "day_month")

    def month_year(self, day: dt.date) -> str:
        return self.format(day, "month_year")

    def weekday(self, day: dt.date) -> str:
        return format_date(day, "EEEE", locale=self.locale)

    def range(self, first: dt.date, last: dt.date, kind: str = "long") -> str:
        """From ``first`` to ``last`` (a multi-day session): "Wednesday 2 – Friday 4 December 2026"."""
        if first == last:
            return self.format(first, kind)
        if self.english:
            if kind == "short":  # the end's year is the start's, or it follows from the dates
                return f"{self.short(first)} – {self.format(last, 'short_day')}"
            if kind == "long" and (first.year, first.month) == (last.year, last.month):
                return f"{self.weekday(first)} {first.day} – {self.long(last)}"
            return f"{self.format(first, kind)} – {self.format(last, kind)}"
        return format_interval(first, last, _SKELETONS[kind], locale=self.locale)

    def time_span(self, start: dt.datetime, end: dt.datetime, hours: int) -> str:
        """``09:00–16:00``, or on a 12-hour clock ``9:00 AM – 4:00 PM`` (``12:00–1:00 PM`` within a half-day)."""
        if not self.english:
            return format_interval(start, end, "Hm" if hours == 24 else "hm", locale=self.locale)
        if hours == 24:
            return f"{start:%H:%M}–{end:%H:%M}"

        def twelve(t: dt.datetime) -> str:
            return f"{(t.hour % 12) or 12}:{t:%M}"

        def half(t: dt.datetime) -> str:
            return "AM" if t.hour < 12 else "PM"

        if half(start) == half(end) and start.date() == end.date():
            return f"{twelve(start)}–{twelve(end)} {half(end)}"
        return f"{twelve(start)} {half(start)} – {twelve(end)} {half(end)}"

    def zone_city(self, key: str) -> str:
        """The city a time zone is named for, in the reader's language: America/New_York → "Nueva York"."""
        try:
            return str(get_timezone_location(key, locale=self.locale, return_city=True))
        except LookupError:
            return key.rsplit("/", 1)[-1].replace("_", " ")

    def join(self, items: list[str]) -> str:
        """``a, b and c`` (``a, b y c``): a list as the locale writes one (English without the serial comma)."""
        if not items:
            return ""
        return format_list(items, locale="en_GB" if self.english else self.locale)


__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "Dates",
    "candidates",
    "catalog_path",
    "is_default",
    "language_of",
    "language_problems",
    "locale_of",
    "missing",
    "template",
    "translations",
]
