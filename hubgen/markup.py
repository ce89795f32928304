"""Markdown from YAML fields (bios, summaries, descriptions), rendered safely.

Those fields become HTML inside generated pages, so raw HTML in them is shown
as text and only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """http(s), mailto and relative URLs only: no javascript:, data: or the like."""
    return bool(_SAFE_URL.match(url.strip()))


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and not safe_url(value):
                    del el.attrib[attr]


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeLinks(md), "hubgen_safe_links", 0)
    return md


_MD = _markdown()


def render_markdown(text: str | None) -> Markup:
    """A YAML field's Markdown as HTML, with its HTML escaped and unsafe links dropped."""
    if not text:
        return Markup("")
    _MD.reset()
    return Markup(_MD.convert(text))


def render_inline(text: str | None) -> Markup:
    """Like :func:`render_markdown` for one line: no surrounding paragraph."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
