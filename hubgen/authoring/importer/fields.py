"""What every reader shares: an item of the export as reading fields (:class:`Item`), the refusal
that names its lines (:class:`ImportRefused`), and the fields read the same way in every format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...content import models
from ...content.readingtypes import BIBTEX_SUBTYPE, CONTAINED, CSL_GENRE, RIS_SUBTYPE
from ..refused import Refused


class ImportRefused(Refused):
    """The export cannot be imported; ``problems`` are ``file:line: message`` lines."""


@dataclass
class Item:
    """One reference of the export, as reading fields, with where it was in the file."""

    line: int
    fields: dict[str, Any]
    keywords: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.fields.get("title", "(untitled)"))


def year_of(text: Any) -> int | None:
    m = re.search(r"\b(1[0-9]{3}|20[0-9]{2}|2100)\b", str(text or ""))
    return int(m.group(1)) if m else None


def page_range(first: str, last: str = "") -> str:
    first, last = first.strip(), last.strip()
    text = f"{first}-{last}" if first and last else first or last
    return re.sub(r"\s*(?:--|–|—)\s*", "-", text)


def type_from(kind: str, hint: str, has_url: bool) -> str:
    """A hub reading type from the export's type and its genre (Zotero's "type" field)."""
    hint = hint.lower()
    if "toolkit" in hint:
        return "toolkit"
    if "podcast" in hint:
        return "podcast"
    if re.search(r"video|film|motion picture|movie|documentary|webinar", hint):
        return "video"
    if "data" in hint and "set" in hint:
        return "dataset"
    if re.search(r"\bweb\s?(?:page|site)|^web$|^online$", hint):
        return "webpage"
    if kind in ("misc", "other"):
        return "webpage" if has_url else "report"
    return kind


#: The words each format writes for a type by default ("Video", "Web page"): no genre of the reading's own.
DEFAULT_GENRES: dict[str, set[str]] = {}
# The words earlier hubgen versions wrote too ("Video" and "Web page" in BibTeX's type, "Podcast episode" in RIS).
for _table in (
    BIBTEX_SUBTYPE,
    CSL_GENRE,
    RIS_SUBTYPE,
    {"video": "Video", "webpage": "Web page", "podcast": "Podcast episode"},
):
    for _kind, _word in _table.items():
        DEFAULT_GENRES.setdefault(_kind, set()).add(_word.lower())


def genre_of(kind: str, hint: str) -> str:
    """What the export says the work is ("Film", "Policy brief"), unless it only restates the type."""
    hint = re.sub(r"\s+", " ", hint).strip()
    if not hint or hint.lower() in DEFAULT_GENRES.get(kind, set()) or hint.lower() == kind:
        return ""
    return hint[:1].upper() + hint[1:]


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


def month_of(value: Any) -> int | None:
    """``6``, ``jun``, ``June``, ``{June}`` as 6."""
    text = str(value or "").strip().strip("{}").strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text[:3])


def date_parts(text: Any) -> tuple[int | None, int | None]:
    """Month and day of ``2020/05/01/``, ``2020-05-01`` or ``2020-05``."""
    m = re.match(r"^\s*\d{4}[-/](\d{1,2})(?:[-/](\d{1,2}))?", str(text or ""))
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def iso_date(text: Any) -> str | None:
    """``2024-07-15``, ``2024/07/15`` or ``2024-07-15 10:00:00`` as ``2024-07-15``."""
    m = re.match(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", str(text or ""))
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def names_a_type(text: str) -> bool:
    """Whether a BibTeX ``type``/``howpublished``/``note`` says what the work is ("Film", "Web page")."""
    return bool(text) and (
        text.strip().lower() in {w for words in DEFAULT_GENRES.values() for w in words}
        or type_from("?", text, False) != "?"
    )


def fill_source(fields: dict[str, Any], kind: str, container: str, publisher: str) -> None:
    """``source`` (and ``publisher``) as the hub reads them, by kind of reading."""
    if kind in CONTAINED:
        if container:
            fields["source"] = container
        if publisher:
            fields["publisher"] = publisher
    elif publisher or container:
        fields["source"] = publisher or container


def clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def norm_title(text: str) -> str:
    """A title as matching compares it: plain, lowercase, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", " ", models.plain_title(str(text)).lower()).strip()
