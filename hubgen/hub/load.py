"""A hub from its folder: read, expanded, resolved and checked as a whole, with every problem.

:func:`load_hub` is the one entry point the build and ``hubgen check`` share: it reads the files
(:mod:`hubgen.content.loader`), expands the series, resolves the graph (:mod:`.graph`), reads the
announcements (:mod:`.news`) and runs the checks that need the whole hub (addresses that collide,
files that would be published as they are, script links in staff Markdown).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml

from ..content import judge
from ..content.cachefile import BuildCache, salt
from ..content.front import split
from ..content.judge import html_file_problems, markdown_problems, site_markdown
from ..content.loader import Loaded, load
from ..content.problems import Problems
from ..content.reader import Memo, Reader, Record
from ..content.series import expand_series
from ..content.settings import CONFIG_NAMES, read_config
from .graph import Entity, Hub, HubOptions, build_hub, unpublished_reason
from .news import load_news
from .urls import SECTIONS


def load_hub(
    root: Path,
    options: HubOptions | None = None,
    content_dir: str = "content",
    programs_dir: str = "programs",
    cache_dir: Path | None = None,
    memo: Memo | None = None,
) -> tuple[Hub, Problems]:
    """Load, validate and resolve the hub under ``root``. Never raises for content mistakes.

    ``cache_dir``: where earlier builds kept what they parsed (``.cache/hubgen/``), or None to parse it all.
    ``memo``: the files an earlier load of this process read (a preview's), reused where unchanged.
    """
    problems = Problems()
    options = options or HubOptions()
    today, shown = options.today, options.include_drafts
    loaded = load(root, problems, content_dir=content_dir, programs_dir=programs_dir, cache_dir=cache_dir, memo=memo)
    expand_series(loaded, problems, lambda data: not shown and unpublished_reason(data, today) is not None)
    hub = build_hub(loaded, problems, options)
    hub.programs_dir = programs_dir
    _check_url_collisions(hub, problems)
    _check_markup(loaded, problems, MarkupCache(cache_dir))
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


#: Files MkDocs renders as Markdown (mkdocs.utils.markdown_extensions) and files it publishes as they are that a
#: browser reads as a page or runs.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".svg")
SCRIPT_SUFFIXES = (".js", ".mjs")


def site_extensions(root: Path) -> Any:
    """The hub's ``markdown_extensions`` as mkdocs.yml lists them (none when there is no mkdocs.yml)."""
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            try:
                return read_config(root / name).data.get("markdown_extensions") or []
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return []
    return []


class MarkupCache(BuildCache):
    """What the check of each staff text found (:func:`_check_markup`), kept between builds in ``markup.json``: a
    text's HTML judged by an HTML5 parser takes a fifth of a millisecond, a body with links more. An entry's key
    hashes the text, what it is (Markdown, or HTML published as it is), the hub's Markdown extensions, the judging
    module and the versions of the libraries it uses."""

    FILE = "markup.json"

    def found(
        self, kind: str, text: str, extensions: object, judge: Callable[[], list[tuple[int, int, str]]]
    ) -> list[tuple[int, int, str]]:
        key = hashlib.sha256(_markup_salt() + repr((kind, extensions)).encode() + b"\0" + text.encode()).hexdigest()
        kept = json.loads(self.get(key, lambda: json.dumps(judge())))
        return [(int(line), int(col), str(message)) for line, col, message in kept]

    def _trusted(self, text: str) -> bool:
        try:
            kept = json.loads(text)
        except ValueError:
            return False
        return isinstance(kept, list) and all(isinstance(p, list) and len(p) == 3 for p in kept)


@cache
def _markup_salt() -> bytes:
    return salt([Path(judge.__file__)], ["markdown", "pymdown-extensions", "selectolax"])


def _check_markup(loaded: Loaded, problems: Problems, kept: MarkupCache | None = None) -> None:
    """Staff Markdown (session and project bodies, hand-written pages) may hold HTML, but nothing that runs a
    script: ``hubgen check`` and the build judge the HTML each becomes, as the site renders it, and refuse what
    would run or load a script at its line (see :mod:`hubgen.content.judge`). Files published as they are
    (``.html``, ``.svg``) are judged as they are; a script file under content/ is refused."""
    records: list[Record[Any]] = [*loaded.sessions.values(), *loaded.series_overrides.values()]
    records += loaded.projects.values()
    bodies: list[tuple[str, str, int]] = [(rec.file, rec.body, rec.body_line) for rec in records if rec.body]
    content = loaded.root / loaded.content_dir
    reader = Reader(loaded.root, Problems())  # the loader reports unreadable files; this only looks
    pages: list[tuple[str, str]] = []
    if content.is_dir():
        for page in sorted(
            p for p in content.rglob("*") if p.suffix.lower() in (*MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *SCRIPT_SUFFIXES)
        ):
            if not page.is_file():
                continue
            rel = page.relative_to(loaded.root).as_posix()
            suffix = page.suffix.lower()
            if suffix in SCRIPT_SUFFIXES:
                problems.add(
                    rel,
                    1,
                    1,
                    "a script file in the content folder is published as it is, and a page could run it — "
                    "remove it (a hub's own scripts are set in mkdocs.yml, extra_javascript, by a developer)",
                )
                continue
            text = reader.text(page)
            if text is None:
                continue
            if suffix in HTML_SUFFIXES:
                pages.append((rel, text))
                continue
            front = split(text)  # MkDocs' rule: YAML that is not a mapping leaves the whole text as the page
            bodies.append((rel, front.body, front.body_line))
    found = kept or MarkupCache()
    extensions = site_extensions(loaded.root) if bodies else []
    made: list[Any] = []  # Python-Markdown with the hub's extensions, made when a text is not in the cache

    def judged(body: str) -> Callable[[], list[tuple[int, int, str]]]:
        def judge() -> list[tuple[int, int, str]]:
            if not made:
                made.append(site_markdown(extensions))
            return markdown_problems(body, made[0])

        return judge

    for file, body, first_line in bodies:
        for line, col, message in found.found("markdown", body, extensions, judged(body)):
            problems.add(file, first_line + line - 1, col, message)
    for file, text in pages:
        for line, col, message in found.found("html", text, None, partial(html_file_problems, text)):
            problems.add(file, line, col, message)
    found.close()
