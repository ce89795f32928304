"""What search engines are told: ``<meta name="robots">`` on pages, and a sitemap without what is not indexed.

A page carries ``robots: noindex`` in its front matter (hubgen sets it where a page
must stay out of search engines; staff may set it on a hand-written page), or the
whole hub is ``noindex`` (the plugin's option). The engine adapter passes each
rendered page and the sitemap through these functions, so no theme override can
drop the tag: a hub's own ``main.html`` replacing Material's is common.
"""

from __future__ import annotations

import html
import re

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_ROBOTS = re.compile(r"""<meta\s+name=["']?robots["']?[^>]*>\s*""", re.IGNORECASE)
_URL = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.DOTALL)


def with_robots(page: str, robots: str) -> str:
    """``page`` (a whole HTML document) with ``<meta name="robots" content="…">`` as the first thing in its head."""
    tag = f'<meta name="robots" content="{html.escape(robots, quote=True)}">'
    page = _ROBOTS.sub("", page)
    head = _HEAD.search(page)
    if head is None:
        return page
    return page[: head.end()] + "\n    " + tag + page[head.end() :]


def sitemap_without(sitemap: str, noindex: set[str] | None) -> str:
    """The sitemap less the pages at the URLs in ``noindex`` (every page when ``noindex`` is None)."""

    def keep(match: re.Match[str]) -> str:
        loc = html.unescape(match.group(1).strip())
        return "" if noindex is None or loc in noindex else match.group(0)

    return _URL.sub(keep, sitemap)
