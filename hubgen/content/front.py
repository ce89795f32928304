"""Front matter, read by MkDocs' own rule: the one reader the check, the build and the exporter share.

MkDocs (``mkdocs.utils.meta.get_data``) takes a page's front matter to be a first line ``---``, YAML, then a
line ``---`` or ``...``, each closing line ending in a newline. Only YAML that is a mapping is front matter:
anything else (a list, a string, ``<script>…``, YAML it cannot read) leaves the *whole* text as the page's
Markdown, delimiters included. Without ``---`` it reads MultiMarkdown meta-data (``Key: value`` lines up to
the first blank line). A check that read front matter differently would judge text the page never shows,
and miss text it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .problems import Problems
from .yamlsource import parse_yaml

# MkDocs' YAML_RE, META_RE and META_MORE_RE, as they are.
_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_OPEN = re.compile(r"-{3}[ \t]*\n")


@dataclass
class Front:
    """A text split into its front matter and its Markdown body."""

    yaml: str | None  # the front matter's YAML text; None when the text has none
    yaml_line: int  # the line of the file its first YAML line is on
    body: str  # what MkDocs renders as the page
    body_line: int  # the line of the file the body starts on (1-based)
    opened_only: bool = False  # the text starts with '---' but no '---' or '...' line closes it
    end: int = 0  # where the front matter and its closing line end in the text (0 without front matter)


def _mapping(text: str) -> bool:
    """Whether ``text`` is YAML that is a mapping (what MkDocs keeps as front matter), read with hubgen's
    bounded reader (an alias bomb is refused at once, where MkDocs' reader would spend minutes on it)."""
    doc = parse_yaml(text, "", Problems())
    return doc is not None and isinstance(doc.data, dict)


def split(text: str, *, is_mapping: Any = _mapping) -> Front:
    """``text`` (newlines already ``\\n``) as MkDocs splits it into front matter and the page's Markdown.

    ``is_mapping(yaml_text)`` decides whether the YAML is a mapping; the loader passes its own, bounded,
    YAML reader, so an alias bomb in front matter costs no more here than anywhere else.
    """
    match = _YAML.match(text)
    if match:
        if is_mapping(match.group(1)):
            rest = text[match.end() :]
            body = rest.lstrip("\n")
            line = text.count("\n", 0, match.end()) + 1
            return Front(match.group(1), 2, body, line + len(rest) - len(body), end=match.end())
        return Front(None, 0, text, 1)
    if _OPEN.match(text):
        return Front(None, 0, text, 1, opened_only=True)
    lines = text.split("\n")
    taken, key = 0, False
    for each in lines:
        if each.strip() == "":
            taken += 1  # the blank line that ends the meta-data goes with it
            break
        if _META.match(each):
            key = True
        elif not (key and _META_MORE.match(each)):
            break
        taken += 1
    rest = "\n".join(lines[taken:])
    body = rest.lstrip("\n")
    return Front(None, 0, body, taken + 1 + len(rest) - len(body))
