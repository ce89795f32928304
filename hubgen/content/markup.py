"""Markdown from YAML fields (bios, summaries, descriptions), rendered safely.

Those fields become HTML inside generated pages, so raw HTML in them is shown as text, and the HTML
Markdown makes of them goes through one allow-list sanitizer (:func:`sanitize`): only http(s), mailto and
relative links survive, whatever character references spell them.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

from .judge import url_scheme

_SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """http(s), mailto and relative URLs only: no javascript:, data: or the like."""
    return bool(_SAFE_URL.match(url.strip()))


#: What Markdown in a YAML field may become (and all it may become): the allow-list of the one sanitizer,
#: nh3 (ammonia, over the html5ever HTML5 parser), that every field's HTML and every participant's text goes
#: through. Links and pictures keep http(s), mailto and relative addresses, judged after entity decoding.
FIELD_TAGS = frozenset(
    {"p", "em", "strong", "a", "img", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "br"}
    | {f"h{n}" for n in range(1, 7)}
)
FIELD_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_URL_ATTRIBUTES = frozenset({"href", "src"})


def sanitize(html_text: str, *, tags: frozenset[str] = FIELD_TAGS, relative: bool = True) -> str:
    """``html_text`` with only the allowed elements and attributes, and links only to safe addresses.

    ``relative``: whether links to the site's own pages (``/people/``, ``../x/``) may stay; participants'
    links may only go to http(s) or mailto addresses.
    """

    def keep(tag: str, name: str, value: str) -> str | None:
        if name in _URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme is None and not relative:
                return None
            if scheme is not None and scheme not in ("http", "https", "mailto"):
                return None
        return value

    return nh3.clean(
        html_text,
        tags=set(tags),
        attributes={k: set(v) for k, v in FIELD_ATTRIBUTES.items() if k in tags},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=keep,
        clean_content_tags={"script", "style"},
        strip_comments=True,
        link_rel=None,
    )


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _markdown()


def render_markdown(text: str | None) -> Markup:
    """A YAML field's Markdown as HTML, with its HTML escaped and unsafe links dropped."""
    if not text:
        return Markup("")
    _MD.reset()
    return Markup(sanitize(_MD.convert(text)))


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
