"""CSL-JSON (Zotero's "CSL JSON" export) as items."""

from __future__ import annotations

import json
import re
from typing import Any

from ...content import models
from ...content.readingtypes import NUMBER_CSL, TYPE_FROM_CSL
from .fields import ImportRefused, Item, clean, date_parts, fill_source, genre_of, page_range, type_from, year_of


def _csl_name(name: Any) -> str:
    if not isinstance(name, dict):
        return str(name)
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    parts = [family, given] + ([str(name["suffix"])] if name.get("suffix") else [])
    return ", ".join(p for p in parts if p) if family else given


def _csl_key(obj: dict[str, Any]) -> str | None:
    key = obj.get("citation-key") or obj.get("citation_key")
    if key:
        return str(key)
    note = str(obj.get("note") or "")
    m = re.search(r"^Citation Key:\s*(\S+)", note, re.MULTILINE)
    if m:
        return m.group(1)
    ident = str(obj.get("id") or "")
    if not ident or "/" in ident:  # Zotero's own IDs are item URIs, not citation keys
        return None
    try:
        return models.check_citation_key(ident)
    except ValueError:
        return None


def _csl_text(value: Any) -> str:
    """A CSL-JSON string as the hub keeps it: its rich text (``<i>``, ``<sc>``...) as it is, any other tag taken out
    (``models.RICH_TEXT``; citations show the rich text as formatting, the rest of the site as plain text)."""
    text = str(value or "")
    if "<" not in text:
        return text
    kept = models.RICH_TEXT.findall(text)
    parts = models.RICH_TEXT.split(text)
    cleaned = [re.sub(r"<[^<>]*>", "", part) for part in parts]
    return "".join(p + (kept[i] if i < len(kept) else "") for i, p in enumerate(cleaned))


def _csl_date(value: Any) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of a CSL date (``date-parts``, or ``raw``/``literal`` text)."""
    if not isinstance(value, dict):
        return None, None, None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [*parts[0], None, None]
        year = year_of(first[0])
        month = int(first[1]) if str(first[1] or "").isdigit() and 1 <= int(first[1]) <= 12 else None
        day = int(first[2]) if month and str(first[2] or "").isdigit() and 1 <= int(first[2]) <= 31 else None
        return year, month, day
    raw = value.get("raw") or value.get("literal")
    if raw:
        return (year_of(raw), *date_parts(raw))
    return None, None, None


def read_csl_json(text: str, name: str) -> list[Item]:
    """CSL-JSON: an array of items (Zotero's "CSL JSON" export). Each item's line is where it starts."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused([f"{name}:{exc.lineno}:{exc.colno}: error: not valid JSON: {exc.msg}"]) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise ImportRefused(
            [f"{name}:1:1: error: CSL-JSON is a list of items ([{{...}}, ...]), found a {type(data).__name__}"]
        )
    lines = _json_item_lines(text, len(data))
    items: list[Item] = []
    problems: list[str] = []
    for i, obj in enumerate(data):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(obj, dict):
            problems.append(f"{name}:{line}: error: item {i + 1} is not an object ({{...}})")
            continue
        if not isinstance(obj.get("type"), str) or not obj.get("type"):
            problems.append(
                f'{name}:{line}: error: item {i + 1} is not a CSL item: it has no "type" '
                '(e.g. "article-journal", "book") — export the collection as CSL JSON'
            )
            continue
        csl_type = str(obj.get("type") or "")
        genre = str(obj.get("genre") or obj.get("medium") or "")
        kind = TYPE_FROM_CSL.get(csl_type, "report")
        if csl_type == "broadcast" and "podcast" in genre.lower():
            kind = "podcast"
        kind = type_from(kind, genre, bool(obj.get("URL")))
        if csl_type == "motion_picture" and kind == "video" and not genre:
            genre = "Film"  # Zotero reads a CSL motion_picture as a film (zotero-schema: csl.types)
        year, month, day = _csl_date(obj.get("issued"))
        accessed = _csl_date(obj.get("accessed"))
        fields: dict[str, Any] = {
            "title": _csl_text(obj.get("title")),
            "authors": [_csl_name(n) for n in obj.get("author") or []],
            "editors": [_csl_name(n) for n in obj.get("editor") or []],
            "year": year,
            "month": month if year else None,
            "day": day if year and month else None,
            "type": kind,
            "genre": genre_of(kind, genre),
            "place": obj.get("publisher-place"),
            "edition": obj.get("edition"),
            "series": _csl_text(obj.get("collection-title")),
            "number": obj.get(NUMBER_CSL[kind]) or obj.get("number"),
            "volume": obj.get("volume"),
            "issue": obj.get("issue"),
            "pages": page_range(str(obj.get("page") or "")),
            "url": obj.get("URL"),
            "urldate": "{}-{:02d}-{:02d}".format(*accessed) if all(accessed) else None,
            "doi": obj.get("DOI"),
            "isbn": obj.get("ISBN"),
            "language": obj.get("language"),
            "key": _csl_key(obj),
            "summary": obj.get("abstract"),
        }
        fill_source(fields, kind, _csl_text(obj.get("container-title")), _csl_text(obj.get("publisher")))
        keywords = [k.strip() for k in str(obj.get("keyword") or "").split(",") if k.strip()]
        items.append(Item(line, clean(fields), keywords))
    if problems:
        raise ImportRefused(problems)
    return items


def _json_item_lines(text: str, count: int) -> list[int]:
    """The line each element of a top-level JSON array starts on (the json module keeps no positions)."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1 if "[" in text else 0
    lines: list[int] = []
    ws = re.compile(r"[\s,]*")
    while len(lines) < count:
        match = ws.match(text, pos)
        pos = match.end() if match else pos
        try:
            _, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
        lines.append(text.count("\n", 0, pos) + 1)
        pos = end
    return lines
