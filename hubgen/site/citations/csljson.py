"""A reading as a CSL-JSON item (:func:`csl_item`): the source of every other citation form, and the CSL-JSON
download (:func:`csl_json`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ...content.readingtypes import CSL_GENRE, CSL_TYPE, NUMBER_CSL, container_and_publisher
from ...hub.graph import Reading


def citation_key(reading: Reading) -> str:
    """The key of a reading in every export: its ``key`` field, else its ID."""
    return reading.data.key or reading.id


def split_name(name: str) -> dict[str, str]:
    """``"Last, First"`` (or ``"Last, First, Jr."``) as CSL name parts; anything else is a literal name."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return {"family": parts[0], "given": parts[1]}
    if len(parts) == 3 and all(parts):
        return {"family": parts[0], "given": parts[1], "suffix": parts[2]}
    return {"literal": name.strip()}


def page_range(text: str) -> str:
    """``45–67`` and ``45--67`` as CSL's ``45-67``."""
    return re.sub(r"\s*(?:--|–|—)\s*", "-", text.strip())


def plain_text(markdown: str) -> str:
    """A Markdown field as one line of plain text (for abstracts and the filter's words)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # [label](url) → label
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def csl_item(reading: Reading) -> dict[str, Any]:
    """A reading as a CSL-JSON item (the input of every citation processor and of Zotero)."""
    d = reading.data
    key = citation_key(reading)
    item: dict[str, Any] = {"id": key, "type": CSL_TYPE[d.type], "citation-key": key}
    if d.genre or d.type in CSL_GENRE:
        item["genre"] = d.genre or CSL_GENRE[d.type]
    item["title"] = d.title
    if d.authors:
        item["author"] = [split_name(a) for a in d.authors]
    if d.editors:
        item["editor"] = [split_name(a) for a in d.editors]
    if d.year:
        item["issued"] = {
            "date-parts": [[d.year, *([d.month] if d.month else []), *([d.day] if d.month and d.day else [])]]
        }
    container, publisher = container_and_publisher(d)
    if container:
        item["container-title"] = container
    if publisher:
        item["publisher"] = publisher
    for key, value in (
        ("publisher-place", d.place),
        ("edition", d.edition),
        ("collection-title", d.series),
        (NUMBER_CSL[d.type], d.number),
        ("volume", d.volume),
        ("issue", d.issue),
        ("page", page_range(d.pages)),
        ("DOI", d.doi),
        ("URL", d.url),
        ("ISBN", d.isbn),
        ("language", d.language),
    ):
        if value:
            item[key] = value
    if d.urldate:
        item["accessed"] = {"date-parts": [[d.urldate.year, d.urldate.month, d.urldate.day]]}
    if reading.topics:
        item["keyword"] = ", ".join(t.title for t in reading.topics)
    if d.summary:
        item["abstract"] = plain_text(d.summary)
    return item


def csl_json(readings: Iterable[Reading]) -> str:
    """CSL-JSON: an array of items, as Zotero imports it."""
    return join_csl_json([csl_json_one(r) for r in readings])


def csl_json_one(reading: Reading) -> str:
    return json.dumps(csl_item(reading), ensure_ascii=False, indent=2)


def join_csl_json(items: list[str]) -> str:
    """What ``json.dumps(items, indent=2)`` writes, from the items written one by one (no newline is in a value)."""
    if not items:
        return "[]\n"
    return "[\n  " + ",\n  ".join(item.replace("\n", "\n  ") for item in items) + "\n]\n"
