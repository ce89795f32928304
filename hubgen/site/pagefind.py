"""Site search answered by Pagefind (``search: pagefind``): a chunked static index instead of one big JSON file.

Material's search downloads the whole ``search/search_index.json`` before it answers anything (about 16 MB,
4.7 MB gzipped, for a hub of 5,000 sessions). Pagefind splits its index into small chunks and loads only
the chunks a query needs, then one fragment per result shown. Under ``search: pagefind``:

- each page's ``<article>`` is marked ``data-pagefind-body`` (pages whose front matter says
  ``search: {exclude: true}`` are not), so headers, navigation and footers stay out of the index, and
  a session's or project's kicker line ("Program · Cohort · Type") and its date become result metadata,
  and hubgen's listings of other pages are left out (``data-pagefind-ignore="all"``);
- Material's search box keeps its markup and look, but its ``data-md-component`` hooks are renamed so
  Material's bundle never starts its lunr worker nor fetches ``search_index.json``; ``pagefind-search.js``
  answers the same box through Pagefind's JavaScript API;
- after the build, :func:`index_site` writes the index to ``<site>/pagefind/``.

This module knows no MkDocs: it works on HTML text and a folder of built pages.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from pathlib import Path

#: Where the index and Pagefind's own scripts go, relative to the site's root.
BUNDLE_DIR = "pagefind"
#: Parts of an article that are not its content: permalink marks, the edit button, the source-file footer.
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", ".md-source-file", "[data-md-component=toc]")
INSTALL_HINT = "pip install 'hubgen[pagefind]' (the pagefind and pagefind-bin packages)"

_ARTICLE = '<article class="md-content__inner md-typeset">'
# hubgen's listings of other pages (calendar months, schedules, the library, people, cards, a prepare page's
# sessions): each item is indexed on its own page, so a listing page is found by its title and introduction.
# Indexed whole, the library and calendar of a large hub would be megabyte-sized results.
_LISTING = re.compile(
    r'<(ol|ul|section|div) (?=class="(?:hg-sessions\b|hg-readings(?:"| hg-library\b)|hg-people\b|hg-cards\b'
    r"|hg-prepare__session\b|hg-filters__facets\b|hg-subscribe\b))"
)
_KICKER = re.compile(r'<p class="hg-kicker"')
_LOCAL_TIME = re.compile(r"<time (?=[^>]*\bdata-hg-local\b)")
# Material's hooks on its search box: renamed so its bundle leaves the box (and the index) alone.
_MATERIAL_HOOKS = (
    ('data-md-component="search"', 'data-hubgen-search="pagefind"'),
    ('data-md-component="search-query"', 'data-hubgen-search-query=""'),
    ('data-md-component="search-result"', 'data-hubgen-search-result=""'),
    ('data-md-component="search-suggest"', 'data-hubgen-search-suggest=""'),
    ('data-md-component="search-share"', 'data-hubgen-search-share=""'),
    ('<form class="md-search__form" name="search">', '<form class="md-search__form" name="hubgen-search">'),
)


class PagefindMissing(RuntimeError):
    """The ``pagefind`` Python package (or its binary, ``pagefind-bin``) is not installed."""


def check_available() -> None:
    """Raise :class:`PagefindMissing` unless Pagefind's Python API and its binary can be found."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise PagefindMissing(f"the Python package 'pagefind' is not installed — {INSTALL_HINT}") from exc
    binary = get_executable()
    if binary is None or not binary.exists():
        raise PagefindMissing(f"the Pagefind binary was not found — {INSTALL_HINT}")


def swap_search_box(html: str) -> str:
    """Material's search box, with its hooks renamed so that only ``pagefind-search.js`` drives it."""
    if 'data-md-component="search"' not in html:
        return html
    for old, new in _MATERIAL_HOOKS:
        html = html.replace(old, new, 1)
    return html


def mark_page(html: str, *, indexed: bool = True) -> str:
    """A built page ready for Pagefind: its article is the indexed body, its kicker and date are metadata."""
    html = swap_search_box(html)
    if not indexed or _ARTICLE not in html:
        return html
    html = html.replace(_ARTICLE, _ARTICLE[:-1] + " data-pagefind-body>", 1)
    html = _LISTING.sub(r'<\1 data-pagefind-ignore="all" ', html)
    html = _KICKER.sub('<p class="hg-kicker" data-pagefind-meta="context"', html, count=1)
    return _LOCAL_TIME.sub('<time data-pagefind-meta="date" ', html, count=1)


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float


def index_site(site_dir: Path, *, language: str | None = None) -> IndexReport:
    """Index the built site in ``site_dir`` with Pagefind; write the bundle to ``site_dir/pagefind/``."""
    check_available()
    return asyncio.run(_index(site_dir, language))


async def _index(site_dir: Path, language: str | None) -> IndexReport:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(
        exclude_selectors=list(EXCLUDE_SELECTORS),
        output_path=str(site_dir / BUNDLE_DIR),
    )
    if language:
        config["force_language"] = language
    start = time.perf_counter()
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return IndexReport(pages=int(result["page_count"]), seconds=time.perf_counter() - start)
