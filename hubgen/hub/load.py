"""A hub from its folder: read, expanded, resolved and checked as a whole, with every problem.

:func:`load_hub` is the one entry point the build and ``hubgen check`` share: it reads the files
(:mod:`hubgen.content.loader`), expands the series, resolves the graph (:mod:`.graph`), reads the
announcements (:mod:`.news`) and runs the checks that need the whole hub (addresses that collide,
files that would be published as they are, script links in staff Markdown).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..content.loader import Loaded, Reader, Record, load
from ..content.markup import unsafe_markup
from ..content.problems import Problems
from ..content.series import expand_series
from .graph import Entity, Hub, HubOptions, build_hub, unpublished_reason
from .news import load_news
from .urls import SECTIONS


def load_hub(
    root: Path,
    options: HubOptions | None = None,
    content_dir: str = "content",
    programs_dir: str = "programs",
    cache_dir: Path | None = None,
) -> tuple[Hub, Problems]:
    """Load, validate and resolve the hub under ``root``. Never raises for content mistakes.

    ``cache_dir``: where earlier builds kept what they parsed (``.cache/hubgen/``), or None to parse it all.
    """
    problems = Problems()
    options = options or HubOptions()
    today, shown = options.today, options.include_drafts
    loaded = load(root, problems, content_dir=content_dir, programs_dir=programs_dir, cache_dir=cache_dir)
    expand_series(loaded, problems, lambda data: not shown and unpublished_reason(data, today) is not None)
    hub = build_hub(loaded, problems, options)
    hub.programs_dir = programs_dir
    _check_url_collisions(hub, problems)
    _check_markup(loaded, problems)
    hub.news = load_news(hub, problems, options)
    return hub, problems


#: ``<!-- hubgen:upcoming limit=5 -->`` on a line of a hand-written page: the MkDocs plugin expands it.
DIRECTIVE = re.compile(r"^<!--\s*hubgen:([a-z-]+)((?:\s+[a-z]+=\d+)*)\s*-->\s*$", re.MULTILINE)
DIRECTIVES = ("upcoming", "my-program", "programs", "projects", "news")


def _check_directives(page: Path, root: Path, problems: Problems) -> None:
    """An unknown directive is a warning here, for `hubgen check` and the build alike (the plugin leaves it)."""
    try:
        text = page.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    if "hubgen:" not in text:
        return
    for m in DIRECTIVE.finditer(text):
        if m.group(1) not in DIRECTIVES:
            problems.add(
                page.relative_to(root).as_posix(),
                text.count("\n", 0, m.start()) + 1,
                1,
                f"unknown directive 'hubgen:{m.group(1)}' — use {', '.join(DIRECTIVES[:-1])} or {DIRECTIVES[-1]}",
                severity="warning",
            )


def _check_url_collisions(hub: Hub, problems: Problems) -> None:
    """A hand-written page must not claim the address of a page hubgen generates."""
    generated: dict[str, str] = dict(SECTIONS)
    entities: list[Entity] = [
        *hub.programs,
        *hub.cohorts,
        *hub.sessions,
        *hub.projects,
        *hub.readings.values(),
        *hub.topics.values(),
        *(p for p in hub.people.values() if p.has_page),
    ]
    for entity in entities:
        generated[entity.url] = entity.file
    content = hub.root / hub.content_dir
    if not content.is_dir():
        return
    for page in sorted(content.rglob("*.md")):
        _check_directives(page, hub.root, problems)
        rel = page.relative_to(content).with_suffix("")
        parts = rel.parts[:-1] if rel.name in ("index", "README") else rel.parts
        url = "/".join(parts) + "/" if parts else ""
        if url in generated:
            source = generated[url]
            what = f"hubgen's {source} page" if url in SECTIONS else f"the page made from {source}"
            problems.add(
                page.relative_to(hub.root).as_posix(),
                1,
                1,
                f"this page has the same address (/{url}) as {what} — rename or move it",
            )


def _check_markup(loaded: Loaded, problems: Problems) -> None:
    """Staff Markdown (session and project bodies, hand-written pages) may hold HTML, but nothing that runs a
    script: ``hubgen check`` and the build refuse it at its line (see :func:`hubgen.markup.unsafe_markup`)."""
    records: list[Record[Any]] = [*loaded.sessions.values(), *loaded.series_overrides.values()]
    records += loaded.projects.values()
    bodies: list[tuple[str, str, int]] = [
        # A body split from its front matter starts with the rest of the closing '---' line.
        (rec.file, rec.body, rec.body_line - rec.body.startswith("\n"))
        for rec in records
        if rec.body
    ]
    content = loaded.root / loaded.content_dir
    if content.is_dir():
        reader = Reader(loaded.root, Problems())  # the loader reports unreadable files; this only looks
        for page in sorted(content.rglob("*.md")):
            text = reader.text(page)
            if text is None:
                continue
            start = 1
            front = re.match(r"---[ \t]*\r?\n.*?^---[ \t]*$", text, re.DOTALL | re.MULTILINE)
            if front:  # front matter is YAML (text, escaped wherever it is shown), not Markdown
                start = text[: front.end()].count("\n") + 1
                text = text[front.end() :]
            bodies.append((page.relative_to(loaded.root).as_posix(), text, start))
    for file, body, first_line in bodies:
        for line, col, message in unsafe_markup(body):
            problems.add(file, first_line + line - 1, col, message)
