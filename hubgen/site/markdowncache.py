"""The HTML of YAML fields' Markdown kept between builds in ``.cache/hubgen/`` (cached in CI too).

:class:`MarkdownCache` is a :class:`~hubgen.content.cachefile.BuildCache`: a file of texts by key, each key a
hash of everything its text is made from, so an edit misses the cache and the output never depends on what
is cached; it uses only entries that hold markup Markdown writes. APA references and citation exports
(:mod:`hubgen.site.citations`) and calendar events (:mod:`hubgen.site.feeds`) are kept the same way.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import cache
from pathlib import Path

from markupsafe import Markup

from ..content import markup
from ..content.cachefile import BuildCache, salt
from ..content.markup import inline_html, render_markdown, safe_url

# Everything Markdown writes from a YAML field once raw HTML is off (hubgen/content/markup.py): its tags,
# with no attribute but these. A cached text with any other markup, or an unsafe link, was not made here.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)((?:\s[a-z]+=\"[^\"<>]*\")*)\s*/?>")
_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"<>]*)"')
_TAGS = frozenset({"p", "em", "strong", "a", "img", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "start"})


def _is_markdown_html(text: str) -> bool:
    """Whether ``text`` holds only markup :func:`render_markdown` writes (a check on what a cache gives back)."""
    for tag in _TAG.finditer(text):
        if tag.group(2) not in _TAGS | _HEADINGS:
            return False
        for name, value in _ATTRIBUTE.findall(tag.group(3)):
            if name not in _ATTRIBUTES or (name in ("href", "src") and not safe_url(html.unescape(value))):
                return False
    rest = _TAG.sub("", text)
    return "<" not in rest and ">" not in rest


@cache
def _markdown_salt() -> bytes:
    """What a field's HTML depends on besides its text: the module that renders it and Markdown's version."""
    return salt([Path(markup.__file__)], ["markdown"])


class MarkdownCache(BuildCache):
    """The HTML of YAML fields' Markdown (summaries, bios, descriptions) kept between builds.

    Python-Markdown takes a third of a millisecond for a two-sentence summary, more than the rest of a
    reading's page; a large hub has thousands. Within a build each text is rendered once.
    """

    FILE = "markdown.json"

    def _trusted(self, text: str) -> bool:
        return _is_markdown_html(text)

    def markdown(self, text: str | None) -> Markup:
        """:func:`hubgen.content.markup.render_markdown`, from the cache when an earlier build rendered it."""
        if not text:
            return Markup("")
        key = hashlib.sha256(_markdown_salt() + text.encode()).hexdigest()
        return Markup(self.get(key, lambda: str(render_markdown(text))))

    def inline(self, text: str | None) -> Markup:
        """:func:`hubgen.content.markup.render_inline`, from the cache."""
        return Markup(inline_html(str(self.markdown(text))))
