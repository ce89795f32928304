"""linkchecker's own command line, with its HTML parsing done once per distinct page (``python linkchecker_run.py``
takes linkchecker's arguments; hubgen/checks/validators.py runs it).

With anchor checking on, linkchecker checks ``page/``, ``page/#readings`` and ``page/#discussion`` as three URLs
and parses the page three times: on the example hub, 709 #anchor URLs into 243 pages made four parses of each
page, most of a two-minute run. A fragment is never sent to the server: the three URLs fetch the same bytes. Here
the parse (Beautiful Soup), the walk over its elements (the links and the anchors found) and the search for a
robots meta tag are kept, keyed by the exact bytes and the exact tag set asked for, and given back for the next
URL with the same content. They are pure functions of what they are given, so every URL is still fetched, every
anchor is still looked up in its page and every link of every page is still handed to linkchecker: the same URLs
are checked with the same results (compared URL by URL, with linkchecker's --verbose CSV output, on the example
hub and on a copy with a broken link and a broken anchor), in a third of the time.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from linkcheck.checker import httpurl
from linkcheck.htmlutil import htmlsoup, linkparse

_lock = threading.Lock()
_soups: dict[tuple[str, str | None], Any] = {}
_walks: dict[tuple[int, int], tuple[Any, Any, list[tuple[tuple[Any, ...], dict[str, Any]]]]] = {}
_robots: dict[int, tuple[Any, bool]] = {}

_make_soup = htmlsoup.make_soup
_find_links = linkparse.find_links
_content_allows_robots = httpurl.HttpUrl.content_allows_robots


def make_soup(markup: Any, from_encoding: Any = None) -> Any:
    """linkchecker's parse of ``markup``, made once per distinct content (the soup is only read afterwards)."""
    data = markup if isinstance(markup, bytes) else str(markup).encode("utf-8", "surrogatepass")
    key = (hashlib.sha256(data).hexdigest() + type(markup).__name__, from_encoding)
    with _lock:
        soup = _soups.get(key)
    if soup is None:
        soup = _make_soup(markup, from_encoding)
        with _lock:
            soup = _soups.setdefault(key, soup)
    return soup


def find_links(soup: Any, callback: Callable[..., Any], tags: Any) -> None:
    """linkchecker's walk over ``soup`` for ``tags``: what it found the first time is handed to each callback."""
    key = (id(soup), id(tags))
    with _lock:
        walk = _walks.get(key)
    if walk is None:
        found: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        _find_links(soup, lambda *args, **kwargs: found.append((args, kwargs)), tags)
        with _lock:  # the soup and the tag set are held here, so their ids are never reused
            walk = _walks.setdefault(key, (soup, tags, found))
    for args, kwargs in walk[2]:
        callback(*args, **kwargs)


def content_allows_robots(self: Any) -> bool:
    if not self.is_html():
        return True
    soup = self.get_soup()
    with _lock:
        known = _robots.get(id(soup))
    if known is None:
        known = (soup, bool(_content_allows_robots(self)))
        with _lock:
            known = _robots.setdefault(id(soup), known)
    return known[1]


htmlsoup.make_soup = make_soup
linkparse.find_links = find_links
httpurl.HttpUrl.content_allows_robots = content_allows_robots  # type: ignore[method-assign]

if __name__ == "__main__":
    from linkcheck.command.linkchecker import linkchecker

    linkchecker()
