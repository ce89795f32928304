"""Which format an export is in (its suffix, then its first characters), read by the reader for it."""

from __future__ import annotations

import re
from pathlib import Path

from .bibtex import read_bibtex
from .csljson import read_csl_json
from .fields import ImportRefused, Item
from .ris import RIS_LINE, read_ris


def read_export(path: Path, name: str | None = None) -> list[Item]:
    """The items of a Zotero export, by its suffix (or, failing that, its first characters)."""
    name = name or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused([f"{name}:1: error: not UTF-8 text ({exc.reason}) — export it again as UTF-8"]) from None
    except OSError as exc:
        raise ImportRefused([f"{name}: error: cannot read the file: {exc.strerror}"]) from None
    if not text.strip():
        raise ImportRefused([f"{name}:1: error: the file is empty — export the collection from Zotero again"])
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    found = _sniff(text)
    if found is None and by_suffix is None:
        raise ImportRefused([f"{name}:1: error: not a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) export"])
    if by_suffix is not None and found is not None and found != by_suffix:
        raise ImportRefused(
            [
                f"{name}:1: error: the file is named as {_LABELS[by_suffix]} but holds {_LABELS[found]} — "
                f"give it the suffix {_EXAMPLE_SUFFIX[found]}, or export it again as {_LABELS[by_suffix]}"
            ]
        )
    kind = found or by_suffix
    items = {"json": read_csl_json, "bib": read_bibtex, "ris": read_ris}[str(kind)](text, name)
    if not items:
        raise ImportRefused(
            [f"{name}:1: error: no {_LABELS[str(kind)]} items in this file — export the collection from Zotero again"]
        )
    return items


_SUFFIXES = {".json": "json", ".csljson": "json", ".bib": "bib", ".bibtex": "bib", ".ris": "ris"}
_LABELS = {"json": "CSL-JSON", "bib": "BibTeX", "ris": "RIS"}
_EXAMPLE_SUFFIX = {"json": ".json", "bib": ".bib", "ris": ".ris"}
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)


def _sniff(text: str) -> str | None:
    """Which format the text is in, by its first characters (``[``, ``TY  -``, an ``@entry{``), if any."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "json"
    if RIS_LINE.match(head.split("\n", 1)[0].rstrip()) and head.startswith("TY"):
        return "ris"
    if _BIBTEX_ENTRY.search(text):
        return "bib"
    return None
