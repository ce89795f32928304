"""The ``hubgen`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HubgenConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. to build only hand-written pages)."""

    programs_dir = c.Type(str, default="programs")
    """Folder of programs, cohorts, sessions and projects, relative to mkdocs.yml."""

    nav = c.Type(bool, default=True)
    """Build the navigation (sections, programs, cohorts) when mkdocs.yml has no ``nav``."""

    participant_visibility = c.Choice(("public", "name-only", "hidden"), default="name-only")
    """Visibility of people who are only participants and set none themselves."""

    noindex = c.Type(bool, default=False)
    """Ask search engines to index no page of the site (``<meta name="robots" content="noindex">``, empty sitemap)."""

    drafts = c.Type(bool, default=False)
    """Include sessions marked ``draft: true`` (always on under ``mkdocs serve``)."""

    discussion = c.Type(dict, default={})
    """giscus (GitHub Discussions) on session, project and topic pages: repo, repo_id, category, category_id, ...
    Checked by :func:`hubgen.community.discussion_config`; off when empty."""

    search = c.Choice(("material", "pagefind"), default="material")
    """What answers the search box. ``material``: Material's own search (one ``search_index.json``, fetched
    whole on the first search). ``pagefind``: the same box answered by Pagefind's chunked index, which
    loads only what a query needs (``pip install 'hubgen[pagefind]'``; see :mod:`hubgen.pagefind`)."""
