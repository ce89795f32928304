"""The site's navigation: sections, programs and cohorts, and the sections' titles (marked for the catalog)."""

from __future__ import annotations

import html
from typing import Any

from ..hub import urls
from ..hub.graph import Cohort, Hub
from .labels import N_

#: The titles of the sections' pages and of the navigation, marked here for the catalog (hub/urls.py has them).
SECTION_TITLES = dict(
    zip(
        urls.SECTIONS,
        (N_("Programs"), N_("Calendar"), N_("Library"), N_("Showcase"), N_("People"), N_("Topics")),
        strict=True,
    )
)


def program_nav(hub: Hub, tr: Any = None) -> list[Any]:
    """The site's navigation: sections, programs and cohorts — never one entry per session.

    The theme prints navigation titles as they are (like page titles, see ``_page``): they are escaped here.
    ``tr``: translations of the hub's language (hubgen/site/i18n.py), English without.
    """
    _ = tr.gettext if tr is not None else str
    programs: list[Any] = [urls.source(urls.PROGRAMS)]
    for program in hub.programs:
        entry: list[Any] = [urls.source(program.url)]
        entry += [{_cohort_label(c): urls.source(c.url)} for c in program.cohorts]
        programs.append({html.escape(program.title, quote=True): entry})
    return [
        {_(SECTION_TITLES[urls.PROGRAMS]): programs},
        *({_(title): urls.source(url)} for url, title in SECTION_TITLES.items() if url != urls.PROGRAMS),
        *([{_("News"): urls.source(urls.news(None))}] if hub.news else []),  # announcements (hubgen/site/news.py)
    ]


def _cohort_label(cohort: Cohort) -> str:
    return html.escape(cohort.title, quote=True)
