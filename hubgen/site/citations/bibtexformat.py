"""The BibTeX download, written by bibtexparser v2 (values LaTeX-encoded, organisations braced)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser import middlewares as bm
from bibtexparser.model import Entry, Field

from ...content import models, patches
from ...content.readingtypes import (
    BIBTEX_CONTAINER,
    BIBTEX_ENTRYSUBTYPE,
    BIBTEX_SUBTYPE,
    PERIODICAL,
    bibtex_publisher_field,
    bibtex_type,
    container_and_publisher,
)
from ...hub.graph import Reading
from .csljson import citation_key, page_range, plain_text, split_name
from .richtext import rich_parts

_VERBATIM = frozenset({"url", "doi"})  # links stay as typed: LaTeX escapes would break them


#: A title's rich text (``models.RICH_TEXT``) as LaTeX, as Zotero writes it in BibTeX.
_RICH_LATEX = {
    "<i>": "\\textit{",
    "<b>": "\\textbf{",
    "<sc>": "\\textsc{",
    "<sup>": "\\textsuperscript{",
    "<sub>": "\\textsubscript{",
    '<span class="nocase">': "{",
    **{close: "}" for close in ("</i>", "</b>", "</sc>", "</sup>", "</sub>", "</span>")},
}


def _check_latex_encoder() -> None:
    """_EncodeLatex overrides a private step of bibtexparser's encoder: stop if it is gone (content/patches.py)."""
    patches.require(
        "bibtexparser",
        bm.LatexEncodingMiddleware,
        {"_transform_python_value_string": ("self", "python_string"), "transform_entry": ("self", "entry", "library")},
        "LaTeX in BibTeX exports",
    )


_check_latex_encoder()


class _EncodeLatex(bm.LatexEncodingMiddleware):
    """bibtexparser's LaTeX encoding for every field but the links."""

    # Text the encoder gives back unchanged (it replaces character by character): printable ASCII without
    # LaTeX's special characters and " < >. Most values are such text, and the encoder takes its time.
    _UNCHANGED = re.compile(r"[A-Za-z0-9 !'()*+,\-./:;=?@\[\]`|]*")

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if self._UNCHANGED.fullmatch(python_string):
            return python_string, ""
        if models.RICH_TEXT.search(python_string) and (parts := rich_parts(python_string)) is not None:
            return "".join(
                _RICH_LATEX[p] if p in _RICH_LATEX else self._transform_python_value_string(p)[0] for p in parts if p
            ), ""
        if '"' in python_string:  # a straight quote stays one ({"}), not LaTeX's '' that reads back as ”
            parts = [self._transform_python_value_string(p)[0] for p in python_string.split('"')]
            return '{"}'.join(parts), ""
        encoded, error = super()._transform_python_value_string(python_string)
        return (encoded if _nests(python_string) else _balanced(encoded)), error

    def transform_entry(self, entry: Entry, library: Any) -> Any:
        kept = {f.key: f.value for f in entry.fields if f.key in _VERBATIM}
        out = super().transform_entry(entry, library)
        for f in getattr(out, "fields", []):
            if f.key in kept:
                f.value = kept[f.key]
        return out


def _verbatim(url: str) -> str:
    """A link as BibTeX's ``url`` and ``doi`` hold it: as typed, with the braces and backslashes no link needs
    percent-encoded (RFC 3986 does not allow them as they are), so the value cannot close its field."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


class _ProtectLiteralNames(bm.BlockMiddleware):
    """An organisation as author ("Riverbend Community Health Collaborative") is one name: brace it."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "hubgen_protect_literal_names"

    def transform_entry(self, entry: Entry, library: Any) -> Entry:
        for f in entry.fields:
            if f.key in ("author", "editor") and isinstance(f.value, list):
                for name in f.value:
                    if isinstance(name, bm.NameParts) and not name.first and len(name.last) > 1:
                        name.last = ["{" + " ".join(name.last) + "}"]
        return entry


_NAME_SPECIALS = re.compile(r"[\\{}]")
#: A brace of the text as BibTeX can hold it. BibTeX (and pybtex, biber) match braces without regard to a
#: backslash, so LaTeX's ``\{`` leaves a field unbalanced: a ``}`` in a title would close it and let the rest
#: of the value add fields. ``{\textbraceleft}`` is balanced and prints the brace.
_BRACES = {"\\{": "{\\textbraceleft}", "\\}": "{\\textbraceright}"}


def _nests(text: str) -> bool:
    """Whether the braces of ``text`` pair up: then LaTeX's ``\\{``...``\\}`` keep the field balanced for BibTeX too,
    and every LaTeX decoder reads them back."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _balanced(latex: str) -> str:
    """LaTeX-encoded text with its escaped braces as BibTeX-safe commands (see ``_BRACES``)."""
    return re.sub(r"\\[{}]", lambda m: _BRACES[m.group(0)], latex)


def _latex(text: str) -> str:
    """A name with its backslashes and braces escaped (its letters stay UTF-8, as names always were here): the
    encoding middleware passes names by, and a ``}`` left as it is would close the field and inject fields."""
    return _NAME_SPECIALS.sub(
        lambda m: {"\\": "{\\textbackslash}", "{": "{\\textbraceleft}", "}": "{\\textbraceright}"}[m.group(0)],
        text,
    )


def _name_parts(name: str) -> bm.NameParts:
    parts = split_name(name)
    if "literal" in parts:
        return bm.NameParts(last=[_latex(w) for w in parts["literal"].split()])
    family = _latex(parts["family"])
    if re.search(r"\band\b", family, re.IGNORECASE) or " " in family:
        family = "{" + family + "}"  # "Johnson and Johnson", "van der Berg": one family name, as written
    return bm.NameParts(
        first=[_latex(w) if w.lower() != "and" else "{" + w + "}" for w in parts["given"].split()],
        last=[family],
        jr=[_latex(parts["suffix"])] if "suffix" in parts else [],
    )


def bibtex_entry(reading: Reading) -> Entry:
    d = reading.data
    fields: list[tuple[str, Any]] = [("title", d.title)]
    if d.authors:
        fields.append(("author", [_name_parts(a) for a in d.authors]))
    if d.editors:
        fields.append(("editor", [_name_parts(a) for a in d.editors]))
    if d.year:
        fields.append(("year", str(d.year)))
        if d.month:
            fields.append(("month", str(d.month)))
            if d.day:
                fields.append(("day", str(d.day)))
    container, publisher = container_and_publisher(d)
    if container:
        fields.append((BIBTEX_CONTAINER[d.type], container))
    if publisher:
        fields.append((bibtex_publisher_field(d.type), publisher))
    if d.genre or d.type in BIBTEX_SUBTYPE:
        fields.append(("type", d.genre or BIBTEX_SUBTYPE[d.type]))
    # An article's issue is BibTeX's number; any other reading's number is its own (a report's, an episode's).
    number, issue = (d.issue, "") if d.type in PERIODICAL else (d.number, d.issue)
    for key, value in (
        ("address", d.place),
        ("edition", d.edition),
        ("series", d.series),
        ("volume", d.volume),
        ("number", number),
        ("issue", issue),
        ("pages", page_range(d.pages).replace("-", "--")),
        ("isbn", d.isbn),
        ("language", d.language),
        ("doi", _verbatim(d.doi or "")),
        ("url", _verbatim(d.url or "")),
        ("urldate", d.urldate.isoformat() if d.urldate else ""),
    ):
        if value:
            fields.append((key, value))
    if d.type in BIBTEX_ENTRYSUBTYPE:
        fields.append(("entrysubtype", BIBTEX_ENTRYSUBTYPE[d.type]))
    if d.type in PERIODICAL and d.number:
        fields.append(("eid", d.number))  # an article number (biblatex's eid)
    if reading.topics:
        fields.append(("keywords", ", ".join(t.title for t in reading.topics)))
    if d.summary:
        fields.append(("abstract", plain_text(d.summary)))
    return Entry(bibtex_type(d), citation_key(reading), [Field(k, v) for k, v in fields])


def bibtex(readings: Iterable[Reading]) -> str:
    """BibTeX, written by bibtexparser v2 (values LaTeX-encoded, organisations braced)."""
    return BIBTEX_SEPARATOR.join(bibtex_one(r) for r in readings)


#: bibtexparser's writer puts this between entries, and formats each entry on its own (no alignment across
#: entries): a list is its entries written one by one, which lets :func:`export_files` write each reading once.
BIBTEX_SEPARATOR = "\n\n"


def bibtex_one(reading: Reading) -> str:
    # A fresh entry, so every middleware may change it in place (bibtexparser deep-copies blocks otherwise).
    stack = [
        _EncodeLatex(keep_math=False, enclose_urls=False, allow_inplace_modification=True),
        _ProtectLiteralNames(),
        bm.MergeNameParts(allow_inplace_modification=True),
        bm.MergeCoAuthors(allow_inplace_modification=True),
        *bm.default_unparse_stack(allow_inplace_modification=True),
    ]
    return str(bibtexparser.write_string(bibtexparser.Library([bibtex_entry(reading)]), unparse_stack=stack))
