"""The APA 7 reference on a reading's page, rendered from its CSL-JSON item by citeproc-py (patched in
:mod:`.citeproc_patches`) with the ``apa.csl`` style shipped in ``hubgen/csl/`` (CC BY-SA 3.0, see its LICENSE.md)."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import CitationItem as _CitationItem
from citeproc.source.json import CiteProcJSON
from markupsafe import Markup

from ...hub.graph import Reading
from .citeproc_patches import FastCitationItem
from .csljson import csl_item
from .richtext import rich_parts

STYLE_FILE = Path(__file__).parent.parent.parent / "csl" / "apa.csl"


# citeproc-py's HTML formatter escapes the style's own text but not the item's values: those are
# carried through rendering as private-use characters and escaped afterwards.
_UNSAFE = str.maketrans({"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"})
_ESCAPED = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;", "\ue003": "&quot;"}
_URL_IN_HTML = re.compile(r"https?://[^\s<]+")
# All the markup a rendered reference can hold: citeproc-py's HTML formatter's tags and the link made
# below. Text between them is escaped (``&``, ``<``, ``>`` and ``"`` as entities), so once these are
# taken out no ``<`` may be left: a cached reference that has one was not made here and is not used.
_RENDERED_MARKUP = re.compile(
    r"</?(?:i|b|l|u|sup|sub)>|<span style=\"font-(?:variant:small-caps|style:normal);\">|</span>"
    r"|<a class=\"hg-url\" href=\"https?://[^\s<>\"]+\">|</a>"
)


# A title that ends in "?" or "!" takes no period after it (APA 7 §9.?): "make?</i>." → "make?</i>". The style adds
# the period; citeproc-py does not drop it as citeproc-js does.
_DOUBLE_PUNCTUATION = re.compile(r"([?!][\ue011\ue013\ue015\ue017\ue019\ue01b]*(?:</(?:i|b|span)>)*)\.")


def is_rendered(html: str) -> bool:
    """Whether ``html`` holds only the markup :func:`render_apa` writes (a check on what a cache gives back)."""
    return "<" not in _RENDERED_MARKUP.sub("", html) and ">" not in _RENDERED_MARKUP.sub("", html)


# A title's rich text (models.RICH_TEXT, when its tags nest) goes through citeproc-py as private-use characters too,
# and comes out as formatting: italics inside an italic title as roman (APA 7 §6.22), small caps, super/subscript.
_RICH_MARK = {
    "<i>": "\ue010",
    "</i>": "\ue011",
    "<b>": "\ue012",
    "</b>": "\ue013",
    "<sc>": "\ue014",
    "</sc>": "\ue015",
    "<sup>": "\ue016",
    "</sup>": "\ue017",
    "<sub>": "\ue018",
    "</sub>": "\ue019",
    '<span class="nocase">': "\ue01a",
    "</span>": "\ue01b",
}
_MARKED_HTML = {
    "\ue012": "<b>",
    "\ue013": "</b>",
    "\ue014": '<span style="font-variant:small-caps;">',
    "\ue015": "</span>",
    "\ue016": "<sup>",
    "\ue017": "</sup>",
    "\ue018": "<sub>",
    "\ue019": "</sub>",
    "\ue01a": "",
    "\ue01b": "",
}
_ITALICS = re.compile("<i>|</i>|[\ue010-\ue01b]")


def _rich_marks(text: str) -> str:
    """A value's rich text as private-use marks (a value whose tags do not nest is left as text, and escaped)."""
    parts = rich_parts(text) if "<" in text else None
    if parts is None:
        return text
    return "".join(_RICH_MARK.get(p, p) for p in parts)


def _rich_html(html: str) -> str:
    """The marks as HTML; italics within italics (a species in a book's title) set in roman."""
    out: list[str] = []
    pos = 0
    stack: list[str] = []
    for m in _ITALICS.finditer(html):
        out.append(html[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("<i>", "\ue010"):
            close = "</span>" if any(t == "</i>" for t in stack) else "</i>"
            out.append('<span style="font-style:normal;">' if close == "</span>" else "<i>")
            stack.append(close)
        elif token in ("</i>", "\ue011"):
            out.append(stack.pop() if stack else "")
        else:
            out.append(_MARKED_HTML[token])
    out.append(html[pos:])
    return "".join(out)


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_UNSAFE)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield(v) for k, v in value.items()}
    return value


#: The cited item's class (the test of the shortcuts renders with citeproc-py's own too).
_ITEM: type[_CitationItem] = FastCitationItem


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLE_FILE), validate=False)


@lru_cache(maxsize=1024)  # a build keeps its references in a ReferenceCache: this serves a hub rendered without one
def render_apa(item_json: str) -> str:
    """One reference in APA 7, as HTML (``<i>`` for italics)."""
    item = json.loads(item_json)
    item["title"] = _rich_marks(item.get("title", ""))  # the title's rich text only: every other value is text
    item = _shield(item)
    item["id"] = "item"
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([_ITEM("item")]))
    html = _DOUBLE_PUNCTUATION.sub(r"\1", str(bibliography.bibliography()[0]))
    for private, entity in _ESCAPED.items():
        html = html.replace(private, entity)
    html = _rich_html(html)
    # The DOI or URL at the end becomes a link (its text is already escaped, which an attribute accepts).
    return _URL_IN_HTML.sub(lambda m: f'<a class="hg-url" href="{m.group(0)}">{m.group(0)}</a>', html)


def apa_item(reading: Reading) -> str:
    """The CSL-JSON the APA reference is rendered from, as the text the caches are keyed by."""
    item = {k: v for k, v in csl_item(reading).items() if k not in ("abstract", "keyword", "citation-key")}
    authors = item.get("author", [])
    if len(authors) == 1 and "publisher" in item and authors[0].get("literal") == item["publisher"]:
        del item["publisher"]  # APA 7: a publisher that is also the author is not repeated
    for role in ("author", "editor"):
        for name in item.get(role, []):
            if "-" in name.get("given", ""):  # Hyun-joo → H.-J. (APA 7 §9.8), not citeproc-py's "H.-. joo ."
                name["given"] = re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), name["given"])
    if "number" in item and item["type"] in ("broadcast", "motion_picture") and "genre" in item:
        item["medium"] = item.pop("genre")  # "(No. 12) [Audio podcast episode]": apa.csl pairs a genre with the number
    elif item["type"] == "report" and re.match(r"\d", item.get("number", "")) and "genre" not in item:
        item["genre"] = "Report"  # "(Report No. 12)"
    _supplement(item)
    return json.dumps(item, sort_keys=True)


_SUPPLEMENT = re.compile(r"(?i)^supp?l?(?:ement)?\.?\s*(\S*)$")
_VOLUME_SUPPLEMENT = re.compile(r"(?i)^(\S+)\s+(supp?l?(?:ement)?\.?\s*\S*)$")
_PREFIXED_RANGE = re.compile(r"^([A-Za-z]+)(\d+)-(\d+)$")


def _supplement(item: dict[str, Any]) -> None:
    """A supplement as APA 7 writes it (§9.25, 10.1): "*100*(Suppl. 1), S40–S46".

    PubMed and Zotero give it as volume "100 Suppl 1", or issue "Suppl 1", with pages "S40-46": the supplement moves
    to the issue as "Suppl. 1", and a page range whose first page has a letter gets it on the last page too.
    """
    volume = str(item.get("volume", ""))
    if (m := _VOLUME_SUPPLEMENT.match(volume)) and "issue" not in item:
        item["volume"], item["issue"] = m.group(1), m.group(2)
    if m := _SUPPLEMENT.match(str(item.get("issue", ""))):
        item["issue"] = f"Suppl. {m.group(1)}".strip()
    if m := _PREFIXED_RANGE.match(str(item.get("page", ""))):
        item["page"] = f"{m.group(1)}{m.group(2)}-{m.group(1)}{m.group(3)}"


def apa(reading: Reading) -> Markup:
    """The APA 7 reference of a reading, as safe HTML."""
    return Markup(render_apa(apa_item(reading)))
