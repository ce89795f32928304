"""The values of content fields, as the text people typed: IDs, one-line text, dates, times, time zones, URLs,
emails and paths, each parsed or checked with a message that says what a correct value looks like; and the
annotated types the models (:mod:`.models`) declare their fields with."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, NamedTuple

from anyascii import anyascii
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    WithJsonSchema,
)

from .problems import did_you_mean
from .timezones import abbreviation_hint

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)


def slugify(text: str) -> str:
    """What an ID for ``text`` would look like: ``"Jane Doe"`` → ``"jane-doe"``, ``"José Ñúñez"`` → ``"jose-nunez"``.

    Letters of any script are transliterated to ASCII first (``Nguyễn`` → ``nguyen``, ``Ørsted`` → ``orsted``),
    so a name in another language keeps its letters instead of losing them.
    """
    return re.sub(r"[^a-z0-9]+", "-", anyascii(str(text)).lower()).strip("-")


#: The longest ID: a file name, a page address and a picture's cache name are made from it.
MAX_ID = 80


def check_id(value: str) -> str:
    if len(value) > MAX_ID:
        raise ValueError(f"'{value[:40]}…' is {len(value)} characters long — an ID has at most {MAX_ID}")
    if " - " in value:
        raise ValueError(
            f"'{value}' looks like several list items run together — an item is indented more than the "
            "others: line up every '- ' of the list"
        )
    if not _ID_RE.match(value):
        raise ValueError(
            f"'{value}' is not a valid ID: use lowercase letters, digits and hyphens, "
            f"e.g. '{slugify(value) or 'jane-doe'}'"
        )
    return value


def as_text(value: Any) -> Any:
    """Numbers typed where text is expected (a year as a title) are taken as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def one_or_many(value: Any) -> Any:
    """``speakers: jane-doe`` is read as ``speakers: [jane-doe]``."""
    if isinstance(value, str):
        return [value]
    return value


# Line breaks as str.splitlines() sees them: a title, a name or a one-line summary holds none (calendar
# feeds refuse them in several properties, and a heading or a navigation entry cannot show them).
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    if _LINE_BREAKS.search(value):
        raise ValueError(
            "this is a one-line field, but the text has a line break — write it on one line "
            "(a '|' block keeps line breaks: use a plain or quoted value)"
        )
    return value


Id = Annotated[
    str,
    BeforeValidator(as_text),
    AfterValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "examples": ["jane-doe"]}),
]
IdList = Annotated[list[Id], BeforeValidator(one_or_many)]
# Numbers typed where text is expected are accepted (volume: 4): the schema says so too.
Text = Annotated[
    str, BeforeValidator(as_text), AfterValidator(_one_line), WithJsonSchema({"type": ["string", "number"]})
]
TextList = Annotated[list[Text], BeforeValidator(one_or_many)]
# A title or a name: one line, and not empty (a page, a calendar event and a link all need one).
Title = Annotated[Text, Field(min_length=1)]


# --- dates and times --------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: Any) -> dt.date:
    """``2026-10-14`` (the one unambiguous form) into a date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        _check_year(value.year, str(value))
        return value
    text = str(value).strip()
    m = _DATE_RE.match(text)
    if not m:
        if re.match(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$", text):
            raise ValueError(
                f"'{text}' is ambiguous (day/month or month/day?) — write dates as YYYY-MM-DD, e.g. 2026-10-14"
            )
        raise ValueError(f"'{text}' is not a date — write dates as YYYY-MM-DD, e.g. 2026-10-14")
    year, month, day = (int(g) for g in m.groups())
    _check_year(year, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date: {_why_not_a_date(year, month, day)}") from None


#: Dates a hub can hold: calendars, time zones and the date arithmetic of series stay well inside them.
YEARS = (1900, 2200)


def _check_year(year: int, text: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"'{text}': the year {year} is out of range — write a year from {YEARS[0]} to {YEARS[1]}")


def _why_not_a_date(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    import calendar

    last = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {last} days"


class TimeRange(NamedTuple):
    """The start and end of a session on its day, in its time zone."""

    start: dt.time
    end: dt.time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


_CLOCK_RE = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


def _parse_clock(text: str, whole: str) -> tuple[dt.time, bool]:
    m = _CLOCK_RE.match(text.strip())
    if not m:
        raise ValueError(f"'{whole}' is not a time range — write it as 09:00-16:00 (24-hour clock)")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{whole}': {hour}{suffix} is not a time — write it as 09:00-16:00")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif m.group(2) is None:
        # "9-4" could be 09:00-16:00 or 09:00-04:00: refuse rather than guess.
        raise ValueError(f"'{whole}' is ambiguous — write hours and minutes on a 24-hour clock, e.g. 09:00-16:00")
    if hour > 23 or minute > 59:
        raise ValueError(f"'{whole}': {text.strip()} is not a time of day — write it as 09:00-16:00")
    return dt.time(hour, minute), bool(suffix)


def parse_time_range(value: Any) -> TimeRange:
    """``09:00-16:00``, ``9:00–16:00`` (en dash) or ``9am-4pm`` into a :class:`TimeRange`."""
    if isinstance(value, TimeRange):
        return value
    text = str(value).strip()
    parts = re.split(r"\s*(?:-|–|—|\bto\b)\s*", text)
    if len(parts) != 2 or not all(parts):
        raise ValueError(
            f"'{text}' is not a time range — write start and end, e.g. 09:00-16:00; "
            "leave 'time' out for an all-day event"
        )
    start, _ = _parse_clock(parts[0], text)
    end, _ = _parse_clock(parts[1], text)
    if end <= start:
        raise ValueError(f"'{text}': the end is not after the start — write it as 09:00-16:00")
    return TimeRange(start, end)


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(value: str) -> str:
    if value not in _zones():
        if abbreviation := abbreviation_hint(value):  # PST: "did you mean 'MST'?" would be wrong
            raise ValueError(f"'{value}' is not a time zone's name but {abbreviation}")
        hint = did_you_mean(value, _zones()) or " — use an IANA name such as America/New_York"
        raise ValueError(f"unknown time zone '{value}'{hint}")
    return value


_URL_RE = re.compile(r"^(?:https?://[^\s/?#]+\.[^\s/?#]*[^\s]*|mailto:[^\s@]+@[^\s@]+\.[^\s@]+)$", re.IGNORECASE)


def check_url(value: str) -> str:
    if not _URL_RE.match(value):
        if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE) and not value.lower().startswith(("http", "mailto")):
            raise ValueError(f"'{value}': only http(s) and mailto links are allowed")
        raise ValueError(f"'{value}' is not a full link — write it as https://example.org/page")
    return value


_EMAIL_RE = re.compile(r"^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$")


def check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        raise ValueError(f"'{value}' is not an email address, e.g. name@example.org")
    return value


def check_path(value: str) -> str:
    """A file inside the hub: relative, no '..', no absolute paths."""
    parts = value.replace("\\", "/").split("/")
    if re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError(f"{value[:80]!r} has an invisible control character — retype the path, e.g. files/slides.pdf")
    if value.startswith(("/", "\\")) or ".." in parts or re.match(r"^[a-zA-Z]:", value):
        raise ValueError(f"'{value[:80]}' must be a path inside content/, e.g. files/slides.pdf")
    if len(value) > MAX_PATH or any(len(part.encode()) > MAX_PATH_PART for part in parts):
        raise ValueError(
            f"'{value[:40]}…' is too long for a file's path — keep each folder or file name under "
            f"{MAX_PATH_PART} characters, and the path under {MAX_PATH}"
        )
    return value


#: Longest path of a file named by content, and of one folder or file name in it (file systems stop at 255 bytes).
MAX_PATH, MAX_PATH_PART = 400, 150


Date = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-10-14"]}),
]
Times = Annotated[
    TimeRange,
    BeforeValidator(parse_time_range),
    WithJsonSchema({"type": "string", "examples": ["09:00-16:00"], "pattern": r"^\S.*[-–—].*\S$"}),
]
TimeZone = Annotated[str, AfterValidator(check_timezone)]
Url = Annotated[str, AfterValidator(check_url), WithJsonSchema({"type": "string", "format": "uri"})]
Email = Annotated[str, AfterValidator(check_email), WithJsonSchema({"type": "string", "format": "email"})]
RelPath = Annotated[str, AfterValidator(check_path)]
Markdown = Annotated[str, BeforeValidator(as_text)]
