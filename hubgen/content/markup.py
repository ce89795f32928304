"""Markdown from YAML fields (bios, summaries, descriptions), rendered safely.

Those fields become HTML inside generated pages, so raw HTML in them is shown
as text and only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

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
    return Markup(inline_html(str(render_markdown(text))))


def inline_html(html: str) -> str:
    """The HTML of one paragraph without its ``<p>``: what :func:`render_inline` makes of a field's HTML."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


# --- text that reaches Markdown, and staff Markdown -------------------------------------------------

# Characters that mean something to Markdown or its extensions (attr_list's "{: ...}", links, emphasis,
# tables, pymdownx's ~ ^ = and :emoji:). Written as character references they are plain text to every one.
_MARKDOWN_SIGNIFICANT = frozenset("\\`*_{}[]()#+-.!|~^=:<>&\"'")


def markdown_text(text: str) -> Markup:
    """``text`` (a YAML value) as Markdown that shows exactly that text: no HTML, link, emphasis or attribute.

    Jinja's autoescaping makes a value safe in HTML, but a heading written as Markdown
    (``## {{ title }} { #id }``) also reads ``{: onclick=...}`` and ``[x](javascript:...)``.
    """
    return Markup("".join(f"&#{ord(ch)};" if ch in _MARKDOWN_SIGNIFICANT else ch for ch in str(text)))


_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_MD_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?([^)>\s]*)")
_MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
# Code is shown, never run: fenced blocks and inline code spans are left out of the scan.
_CODE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}\1[`~]*[ \t]*$|(`+)[^`].*?(?<!`)\2(?!`)", re.M | re.S)


def _without_code(text: str) -> str:
    """``text`` with its code blanked out (newlines kept, so lines and columns stay where they were)."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def script_scheme(url: str) -> str | None:
    """``javascript:``, ``vbscript:`` or ``data:`` if ``url`` (as a browser reads it) starts with one."""
    bare = _INVISIBLE.sub("", html.unescape(url)).lower()
    return next((s for s in _SCRIPT_SCHEMES if bare.startswith(s)), None)


def unsafe_markup(text: str) -> list[tuple[int, int, str]]:
    """What in staff Markdown would run a script: (line, column, message) each, 1-based within ``text``.

    Staff Markdown may hold HTML, but not ``<script>``, an event-handler attribute (``onclick=``,
    ``onerror=``...), ``srcdoc``, or a ``javascript:``/``vbscript:`` URL, nor a ``data:`` URL other
    than an image's. ``hubgen check`` refuses them rather than silently changing the page.
    """
    found: list[tuple[int, int, str]] = []
    text = _without_code(text)

    def at(offset: int) -> tuple[int, int]:
        before = text[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1

    def url_problem(url: str, image: bool) -> str | None:
        scheme = script_scheme(url)
        if scheme is None or (
            scheme == "data:" and image and _INVISIBLE.sub("", url).lower().startswith("data:image/")
        ):
            return None  # a picture written into the page: an <img> never runs what it shows
        return f"a {scheme} link runs a script in the reader's browser — link to an http(s) or mailto address instead"

    for match in _MD_LINK.finditer(text):
        if why := url_problem(match.group(2), image=bool(match.group(1))):
            found.append((*at(match.start(2)), why))
    for match in _MD_REFERENCE.finditer(text):
        if why := url_problem(match.group(1), image=False):
            found.append((*at(match.start(1)), why))

    class Scanner(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            line, col = self.getpos()
            where = (line, col + 1)
            if tag == "script":
                found.append((*where, "a <script> element — staff Markdown may hold HTML, but no scripts"))
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(
                        (*where, f"the attribute {name}= on <{tag}> runs a script — remove it (no event handlers)")
                    )
                elif name == "srcdoc":
                    found.append((*where, f"the attribute srcdoc= on <{tag}> can hold a script — remove it"))
                elif value and (why := url_problem(value, image=tag == "img" and name == "src")):
                    found.append((*where, f"<{tag} {name}=...>: {why}"))

        handle_startendtag = handle_starttag

    scanner = Scanner(convert_charrefs=True)
    scanner.feed(text)
    scanner.close()
    return sorted(set(found))
