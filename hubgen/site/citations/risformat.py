"""The RIS download, written by rispy."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import rispy

from ...content.readingtypes import (
    PERIODICAL,
    RIS_EDITORS_A3,
    RIS_GENRE_M3,
    RIS_GENRE_NOTE,
    RIS_NUMBER_NOTE,
    RIS_SERIES_T2,
    RIS_SUBTYPE,
    container_and_publisher,
    ris_type,
)
from ...hub.graph import Reading
from .csljson import citation_key, page_range, plain_text

_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _one_line(value: Any) -> Any:
    """RIS is one ``TAG  - value`` a line: a line break in a value would end it and start a forged record."""
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value).strip()
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def ris_record(reading: Reading) -> dict[str, Any]:
    d = reading.data
    record: dict[str, Any] = {"type_of_reference": ris_type(d), "id": citation_key(reading), "title": d.title}
    if d.authors:
        record["authors"] = list(d.authors)
    if d.editors:
        record["tertiary_authors" if d.type in RIS_EDITORS_A3 else "secondary_authors"] = list(d.editors)
    if d.year:
        record["year"] = str(d.year)
        if d.month:
            record["date"] = f"{d.year}/{d.month:02d}/{f'{d.day:02d}' if d.day else ''}/"
    container, publisher = container_and_publisher(d)
    if container:
        record["secondary_title"] = container
    if publisher:
        record["publisher"] = publisher
    genre = d.genre or RIS_SUBTYPE.get(d.type, "")
    if genre and d.type in RIS_GENRE_M3:
        record["type_of_work"] = genre
    elif genre and record["type_of_reference"] == "MPCT":
        record["custom4"] = genre  # a film's genre
    elif genre:
        record.setdefault("notes", []).append(RIS_GENRE_NOTE + genre)
    if d.type in PERIODICAL and d.number:
        record.setdefault("notes", []).append(RIS_NUMBER_NOTE + d.number)
    reported = d.type in ("report", "toolkit") and d.number  # SN: so a report with a number has no ISBN in RIS
    own_number = "" if reported or d.type in PERIODICAL else d.number  # M1: a book's number in its series, an episode's
    start, _, end = page_range(d.pages).partition("-")
    for key, value in (
        ("place_published", d.place),
        ("edition", d.edition),
        ("secondary_title" if d.type in RIS_SERIES_T2 else "tertiary_title", d.series),
        ("volume", d.volume),
        ("number", d.issue),  # IS
        ("note", own_number),
        ("start_page", start),
        ("end_page", end),
        ("doi", d.doi),
        ("language", d.language),  # LA
        ("issn", d.number if reported else d.isbn),  # SN: a report's number (Zotero's reportNumber), else the ISBN
        ("access_date", d.urldate.strftime("%Y/%m/%d") if d.urldate else ""),
    ):
        if value:
            record[key] = value
    if d.url:
        record["urls"] = [d.url]
    if reading.topics:
        record["keywords"] = [t.title for t in reading.topics]
    if d.summary:
        record["abstract"] = plain_text(d.summary)
    return {k: _one_line(v) for k, v in record.items()}


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered line ("1.") before each record, which some importers reject."""

    def set_header(self, count: int) -> str:
        return ""


def ris(readings: Iterable[Reading]) -> str:
    """RIS, written by rispy."""
    return RIS_SEPARATOR.join(ris_one(r) for r in readings)


#: rispy ends every record with a newline and puts an empty line between records.
RIS_SEPARATOR = "\n"


def ris_one(reading: Reading) -> str:
    return str(rispy.dumps([ris_record(reading)], implementation=_RisWriter))


# --- the files of a hub ------------------------------------------------------
