"""Render the hub's pages from templates, as Markdown documents for the site engine.

Each :class:`Page` is a Markdown document (front matter + Markdown headings +
HTML blocks) that the engine renders inside the theme, so generated pages get
the site's look, table of contents and search like hand-written ones. Values
from YAML are escaped by Jinja's autoescaping; links between pages are
computed here as relative URLs, so the output works under any base path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import html
import json
import posixpath
import re
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup, escape

from ..content import community
from ..content.markup import markdown_text
from ..hub import urls
from ..hub.graph import Cohort, Entity, Hub, Person, Program, Project, Reading, Session, build_date
from . import citations, labels, library, news
from .calendarlinks import CalendarLinks
from .eventtext import minutes_text
from .feeds import Feed, FeedCache, FeedWriter, feed_path
from .i18n import Dates
from .images import Pictures
from .labels import N_
from .markdowncache import MarkdownCache
from .siteinfo import Site

TEMPLATES = Path(__file__).parent.parent / "templates"
# What PyYAML's reader refuses in a document or reads as a line break (U+0085, U+2028, U+2029): escaped in
# front matter. JSON escapes the C0 controls itself.
_YAML_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as the text of a page's front matter: a JSON object, which a YAML reader reads as the same values.

    ``yaml.dump`` took a tenth of a millisecond a page, as much as rendering a small page; JSON is written in C.
    """
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(meta, ensure_ascii=False))


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes and what it says."""

    src_uri: str  # e.g. "programs/p/index.md"
    url: str  # site-relative directory URL, e.g. "programs/p/"
    content: str  # Markdown with front matter
    source: str  # repository-relative file the page comes from (its edit link)


@dataclass(frozen=True)
class SiteLayout:
    """How URLs are formed on the site."""

    use_directory_urls: bool = True

    def href(self, target: str, base: str) -> str:
        """Relative link from the page at ``base`` to the page at ``target`` (both directory URLs)."""
        base_dir = base.rstrip("/") or "."
        if target.startswith("#"):
            return target
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        is_dir = target == "" or target.endswith("/")
        rel = _relpath(target.rstrip("/") or ".", base_dir)
        if is_dir:
            rel = (rel + "/" if rel != "." else "./") if self.use_directory_urls else posixpath.join(rel, "index.html")
            if rel.startswith("./") and rel != "./":
                rel = rel[2:]
        return rel + anchor


@lru_cache(maxsize=1 << 16)
def _parts(path: str) -> tuple[str, ...]:
    """A site-relative path's parts, normalised (each page and each target is linked many times)."""
    return tuple(part for part in posixpath.normpath(path).split("/") if part != ".")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its look at the working directory.

    Tens of thousands of links are made in a build; ``relpath`` makes both paths absolute first.
    """
    to, base = _parts(path), _parts(start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Each time zone's country (ISO 3166 code), from the zone database's zone.tab (the tzdata package)."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


#: Where times are said on a 12-hour clock ("9:00 AM"); everywhere else, on a 24-hour one ("09:00").
TWELVE_HOUR_COUNTRIES = frozenset({"US"})


def clock_hours(zone: str, option: str = "auto") -> int:
    """12 or 24: the option ``clock`` ("12h", "24h"), or (``auto``) the custom where the time zone ``zone`` is."""
    if option in ("12h", "24h"):
        return int(option[:2])
    return 12 if _zone_countries().get(zone) in TWELVE_HOUR_COUNTRIES else 24


def time_span(start: dt.datetime, end: dt.datetime, hours: int, dates: Dates | None = None) -> str:
    """``09:00–16:00``, or on a 12-hour clock ``9:00 AM – 4:00 PM`` (``12:00–1:00 PM`` within one half of the day);
    in another language (``dates``), as its locale writes a span of hours."""
    return (dates or _ENGLISH_DATES).time_span(start, end, hours)


_ENGLISH_DATES = Dates()


def _when(session: Session, site: Site) -> str:
    """The date and time of a session as people say it, in its own time zone."""
    dates = site.dates
    d, last = session.day, session.last_day
    day = dates.range(d, last)
    if session.all_day:
        return site.tr.gettext("%(day)s (all day)") % {"day": day} if last == d else day
    start = session.start
    end = session.end
    return f"{day}, {time_span(start, end, clock_hours(session.tz.key, site.clock), dates)} {start.tzname()}"


def session_mode(session: Session) -> str:
    """How a session meets: ``online``, ``in-person`` or ``hybrid`` ("" when the file says neither)."""
    d = session.data
    return "hybrid" if d.location and d.online else "in-person" if d.location else "online" if d.online else ""


def mode_changed(session: Session) -> bool:
    """A session of a weekly series that meets differently from the series (in person, where it is online)."""
    if not session.series_date:
        return False
    series = session.series_date.series.data
    usual = "hybrid" if series.location and series.online else "in-person" if series.location else "online"
    return bool(series.location or series.online) and session_mode(session) not in ("", usual)


def has_recording(session: Session) -> bool:
    """A session with a recording among its materials."""
    return any(m.kind == "recording" for m in session.data.materials)


def series_readings(cohort: Cohort) -> list[tuple[Any, list[Reading], list[Reading]]]:
    """(series, required, optional): the readings a weekly series of ``cohort`` gives its sessions, by series.

    The Prepare page lists them once, at the top, rather than under each of the series' sessions.
    """
    out = []
    for series in cohort.series:
        sessions = [s for s in cohort.sessions if s.series_date and s.series_date.series is series]
        if len(sessions) < 2:
            continue
        # The series' own readings (its file's), where more than one of its sessions keeps them.
        own = series.data.readings
        required = [r for r in dict.fromkeys(r for s in sessions for r in s.required) if r.id in own.required]
        optional = [r for r in dict.fromkeys(r for s in sessions for r in s.optional) if r.id in own.optional]
        required = [r for r in required if sum(r in s.required for s in sessions) > 1]
        optional = [r for r in optional if sum(r in s.optional for s in sessions) > 1]
        if required or optional:
            out.append((series, required, optional))
    return out


def _short_date(session: Session, dates: Dates | None = None) -> str:
    """``Wed 2 Dec 2026`` (``mié, 2 dic 2026``), or from the first to the last day of a multi-day session."""
    return (dates or _ENGLISH_DATES).range(session.day, session.last_day, "short")


#: Sessions a "coming up" list keeps beyond what it shows: the browser hides those that end before the
#: reader's "now", so the list stays right for the days until the next build (the publish workflow
#: builds daily) without putting every session of the hub on the page.
UPCOMING_SPARE = 20


def _upcoming(
    sessions: list[Session],
    limit: int,
    spare: int = UPCOMING_SPARE,
    *,
    scheduled_only: bool = False,
    days: int | None = None,
) -> list[Session]:
    """The sessions a "coming up" list of ``limit`` carries: none over before the build's day, ``spare`` more.

    ``days``: only those starting within that many days of the build's day and ``limit`` scheduled ones after them
    (``spare`` more than ``limit`` at most): on any of those days the list still has ``limit`` to show (the home
    page's "Coming up", on every first visit). ``scheduled_only``: for a list that never shows a cancelled or
    postponed session (the home page's "My program" panels)."""
    since = dt.datetime.combine(build_date(), dt.time(), dt.UTC)
    until = since + dt.timedelta(days=days) if days is not None else None
    out: list[Session] = []
    after = 0
    for s in sessions:
        if s.end < since or (scheduled_only and s.data.status != "scheduled"):
            continue
        if len(out) >= limit + spare or after >= limit:
            break
        out.append(s)
        if until is not None and s.start >= until and s.data.status == "scheduled":
            after += 1
    return out


def _iso(moment: dt.datetime | dt.date) -> str:
    return moment.isoformat()


def _join_names(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def citation(reading: Reading) -> str:
    """A plain reference line: authors (year). Title. Source."""
    d = reading.data
    authors = _join_names(d.authors) if d.authors else ""
    parts = [f"{authors} ({d.year})." if authors and d.year else (f"{authors}." if authors else "")]
    parts.append(reading.title.rstrip(".") + ".")  # the plain title (no rich-text tags)
    if d.source:
        parts.append(d.source.rstrip(".") + ".")
    return " ".join(p for p in parts if p)


def _bytecode_cache(folder: Path, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates, in a subfolder of ``folder`` named by what compiling depends on
    besides a template's source (:func:`_compiler_key`); None if it cannot be made there (templates are compiled).

    Jinja keys a compiled template by its name and a checksum of its source only: the same source compiled under
    other options (``trim_blocks``, ``autoescape``...), other filters or another Jinja gives other code."""
    folder = folder / _compiler_key(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


#: The options of Jinja's lexer and code generator (what ``jinja2.lexer.get_lexer`` keys its lexers on, and more).
_COMPILER_OPTIONS = (
    *("block_start_string", "block_end_string", "variable_start_string", "variable_end_string"),
    *("comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix"),
    *("trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async"),
)


def _compiler_key(env: jinja2.Environment) -> str:
    """A digest of what compiled code depends on besides the source: Jinja's version, the options of the lexer
    and the code generator, the extensions, and the names of the filters and tests (checked as it compiles)."""
    options = [
        jinja2.__version__,
        *(repr(getattr(env, name)) for name in _COMPILER_OPTIONS),
        repr(env.autoescape if not callable(env.autoescape) else env.autoescape.__qualname__),
        repr(env.finalize is not None),
        repr(sorted(env.extensions)),
        repr(sorted(env.filters)),
        repr(sorted(env.tests)),
    ]
    return hashlib.sha256("\0".join(options).encode()).hexdigest()[:16]


class Links:
    """The links of the pages being rendered: each ``link(target)`` is a marker until its page is finished.

    ``link()`` in a template writes a short marker naming the target; :meth:`resolve` replaces every marker of
    a finished page with the target's URL relative to that page, escaped as Jinja would have escaped it. So
    what the shared macros render holds no page's address, and a piece shown on many pages (a session in a
    list, a person's name) is rendered once a build and reused (:meth:`Renderer.remembered`). The markers
    carry a number drawn for each build, so no text from the content can pass for one.
    """

    def __init__(self, layout: SiteLayout) -> None:
        self.layout = layout
        self._nonce = secrets.token_hex(4)
        self._ids: dict[str, int] = {}
        self._targets: list[str] = []
        self._marker = re.compile(f"\x1a{self._nonce}([0-9]+)\x1b")

    def __call__(self, target: Any) -> Markup:
        """A marker for a link to ``target``: a site path (``"topics/"``, ``"x/#anchor"``) or an entity."""
        url = target if isinstance(target, str) else target.url
        number = self._ids.get(url)
        if number is None:
            number = self._ids[url] = len(self._targets)
            self._targets.append(url)
        return Markup(f"\x1a{self._nonce}{number}\x1b")

    def resolve(self, text: str, base: str) -> str:
        """``text`` with its links made relative to the page at ``base`` (a directory URL)."""
        if "\x1a" not in text:
            return text
        targets, href = self._targets, self.layout.href
        made: dict[str, str] = {}  # a page links the same target several times (a topic, its program)

        def url(marker: re.Match[str]) -> str:
            number = marker[1]
            text = made.get(number)
            if text is None:
                text = made[number] = str(escape(href(targets[int(number)], base)))
            return text

        return self._marker.sub(url, text)


class _Environment(jinja2.Environment):
    """Jinja's environment, its templates reading its globals through a read-only view rather than a ChainMap.

    Jinja gives each template a ``ChainMap`` of its own globals over the environment's, and for every page it
    copies that into the page's context and, for each ``{% import %}``, compares its keys with the page's:
    Python-level look-ups, a sixth of a small page's rendering. Hubgen's templates have no globals of their own,
    so they read the environment's dict; a template given some (``get_template(..., globals=)``) still gets a
    ChainMap, and the view cannot be written through, so no template can change the environment's globals.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        if d:
            return super().make_globals(d)
        return cast(MutableMapping[str, Any], MappingProxyType(self.globals))


class Renderer:
    """Turns a :class:`Hub` into pages and page fragments."""

    def __init__(
        self,
        hub: Hub,
        override_dirs: Iterable[Path] = (),
        layout: SiteLayout | None = None,
        site: Site | None = None,
        cache_dir: Path | None = None,
        defer_downloads: bool = False,
    ) -> None:
        self.hub = hub
        # A reading's and a session's "Download citations" data: URLs: in the page (the exporter's engines),
        # or a stand-in put in by fill_downloads() as the page's HTML is written (the MkDocs plugin).
        self.defer_downloads = defer_downloads
        # APA references rendered by earlier builds (hubgen/site/citations/); none are kept without a folder.
        self.cache_dir = (
            cache_dir  # what earlier builds made (.cache/hubgen/): references, exports, templates, pictures
        )
        self.references = citations.ReferenceCache(cache_dir)
        self.markdown = MarkdownCache(cache_dir)  # the HTML of YAML fields' Markdown, kept like the references
        self.layout = layout or SiteLayout()
        self.site = site or Site()  # the published site's URL and name: absolute links in feeds, webcal://
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.env = _Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            auto_reload=False,  # one build's templates do not change under it (each build makes a Renderer)
            extensions=["jinja2.ext.i18n"],
        )
        # Hubgen's words in the hub's language (hubgen/site/i18n.py): {{ _("Add to calendar") }} in templates,
        # its placeholders escaped like any value ({{ _("About %(time)s", time=...) }}: new-style gettext).
        tr, dates = self.site.tr, self.site.dates
        self.tr, self.dates = tr, dates
        self.env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]  # the i18n extension
        self.env.filters.update(
            markdown=self.markdown.markdown,
            markdown_text=markdown_text,  # a YAML value in a Markdown heading: text, never link or {: attribute}
            inline=self.markdown.inline,
            when=lambda s: _when(s, self.site),
            short_date=lambda s: _short_date(s, dates),
            # A date as the hub's language writes it: {{ day|date("long") }}: short, long, day_month, month_year...
            date=dates.format,
            weekday=dates.weekday,
            iso=_iso,
            upcoming=_upcoming,
            minutes=lambda total: minutes_text(total, tr),
            citation=citation,
            names=lambda people: dates.join([p.name for p in people]),
            cohort_key=library.cohort_value,
            label=lambda value, kind: labels.label(value, kind, tr),  # every label of a value: hubgen/site/labels.py
            mode=session_mode,
            zone_name=dates.zone_city,  # America/New_York → New York (Nueva York)
        )
        self.env.tests.update(mode_changed=mode_changed, has_recording=has_recording)
        self.links = Links(self.layout)  # link(): markers, made relative to each page as it is finished
        self._remembered: dict[tuple[Any, ...], Markup] = {}
        self.env.globals.update(link=self.links, remembered=self.remembered)
        self.pictures = Pictures(hub, cache_dir / "images" if cache_dir else None)
        self.env.globals.update(
            hub=hub, urls=urls, project_picture=self.pictures.project, person_photo=self.pictures.person
        )
        self.env.globals.update(calendar=CalendarLinks(hub, self.site))
        # Discussion, players, issue forms (hubgen/content/community.py); announcements (hubgen/site/news.py).
        self.env.globals.update(community.template_globals(), **news.template_globals(hub, self.site))
        self._library_globals()
        # Compiled templates kept between builds: by name and a checksum of the source, as Jinja keys them, in a
        # folder of their own for these options, filters and Jinja version (set once the filters are in).
        self.env.bytecode_cache = _bytecode_cache(cache_dir / "templates", self.env) if cache_dir else None

    # -- the pages ---------------------------------------------------------

    def pages(self) -> list[Page]:
        hub, _ = self.hub, self.tr.gettext
        out = [
            self._page(
                urls.PROGRAMS,
                "programs.md.j2",
                _(SECTION_TITLES[urls.PROGRAMS]),
                source=hub.programs_dir,
                programs=hub.programs,
            ),
            self._page(
                urls.CALENDAR,
                "calendar.md.j2",
                _(SECTION_TITLES[urls.CALENDAR]),
                source=hub.programs_dir,
                months=self._months(),
            ),
            self._page(
                urls.LIBRARY,
                "library.md.j2",
                _(SECTION_TITLES[urls.LIBRARY]),
                source=f"{hub.content_dir}/readings",
                facets=library.library_facets(hub, self.tr),
            ),
            self._page(
                urls.SHOWCASE,
                "showcase.md.j2",
                _(SECTION_TITLES[urls.SHOWCASE]),
                source=hub.programs_dir,
                facets=self._showcase_facets(),
            ),
            self._page(
                urls.PEOPLE,
                "people.md.j2",
                _(SECTION_TITLES[urls.PEOPLE]),
                source=f"{hub.content_dir}/people",
                groups=self._people_groups(),
            ),
            self._page(
                urls.TOPICS, "topics.md.j2", _(SECTION_TITLES[urls.TOPICS]), source=f"{hub.content_dir}/topics.yml"
            ),
        ]
        for program in hub.programs:
            out.append(
                self._page(
                    program.url,
                    "program.md.j2",
                    program.title,
                    program.file,
                    program=program,
                    description=program.data.summary,
                )
            )
            for cohort in program.cohorts:
                out.append(
                    self._page(
                        cohort.url,
                        "cohort.md.j2",
                        f"{cohort.title} — {program.title}",
                        cohort.file,
                        cohort=cohort,
                        program=program,
                        description=cohort.data.summary,
                    )
                )
                out.append(
                    self._page(
                        urls.prepare(cohort.url),
                        "prepare.md.j2",
                        _("Prepare — %(cohort)s, %(program)s") % {"cohort": cohort.title, "program": program.title},
                        cohort.file,
                        cohort=cohort,
                        plan=self.preparation(cohort),
                        description=_("What to read and what is due before each session of %(program)s, %(cohort)s")
                        % {"program": program.title, "cohort": cohort.title},
                        search={"boost": 0.1},  # below the sessions and readings it lists
                    )
                )
        out += self.entity_pages()
        for topic in hub.topics.values():
            out.append(
                self._page(
                    topic.url, "topic.md.j2", topic.title, topic.file, topic=topic, description=topic.data.description
                )
            )
        out += self.news_pages()  # announcements (hubgen/site/news.py)
        # An engine holds the pages to the end of its build: what made them need not be held too.
        self.references.close()
        self.markdown.close()
        self._remembered.clear()
        _parts.cache_clear()
        return out

    def entity_pages(self, sources: Collection[str] | None = None) -> list[Page]:
        """The pages of the sessions, readings, projects and people (of those made from the files ``sources``, the
        hub-relative paths, when given: a preview's first answer to a save, hubgen/adapters/mkdocs/preview.py)."""
        hub = self.hub

        def wanted(file: str) -> bool:
            return sources is None or file in sources

        out: list[Page] = []
        for session in (s for s in hub.sessions if wanted(s.file)):
            out.append(
                self._page(
                    session.url,
                    "session.md.j2",
                    session.title,
                    session.file,
                    session=session,
                    description=f"{session.type_title}, {_short_date(session, self.dates)}",
                )
            )
        for reading in (r for r in hub.readings.values() if wanted(r.file)):
            out.append(
                self._page(
                    reading.url,
                    "reading.md.j2",
                    reading.title,
                    reading.file,
                    reading=reading,
                    description=reading.data.summary,
                )
            )
        for project in (p for p in hub.projects if wanted(p.file)):
            sessions, readings = self._related(project)
            out.append(
                self._page(
                    project.url,
                    "project.md.j2",
                    project.title,
                    project.file,
                    project=project,
                    related=sessions,
                    related_readings=readings,
                    description=project.summary,
                )
            )
        out += [self.person_page(p) for p in hub.people.values() if p.has_page and wanted(p.file)]
        return out

    def news_pages(self) -> list[Page]:
        """The news pages: all announcements, each program's, and one per announcement."""
        hub, _ = self.hub, self.tr.gettext
        if not hub.news:
            return []
        source = f"{hub.content_dir}/{urls.NEWS_DIR}"
        out = [
            self._page(
                news.news_url(None),
                "news.md.j2",
                _("News"),
                source,
                announcements=hub.news,
                program=None,
                description=_("Announcements of %(name)s") % {"name": self.site.name},
            )
        ]
        for program in hub.programs:
            items = news.of_program(hub, program)
            if items:
                out.append(
                    self._page(
                        news.news_url(program),
                        "news.md.j2",
                        _("News — %(program)s") % {"program": program.title},
                        source,
                        announcements=items,
                        program=program,
                        description=_("Announcements of %(name)s") % {"name": program.title},
                    )
                )
        for item in hub.news:
            out.append(
                self._page(
                    item.url, "announcement.md.j2", item.title, item.file, announcement=item, description=item.summary
                )
            )
        return out

    def person_page(self, person: Person) -> Page:
        """A person's page; search engines are asked not to index it unless the person is public."""
        role = ", ".join(x for x in (person.data.role, person.data.affiliation) if x)
        return self._page(
            person.url,
            "person.md.j2",
            person.name,
            person.file,
            person=person,
            description=role,
            calendar_feed=self.person_feed(person),
            robots=None if person.visibility == "public" else "noindex",
        )

    def person_feed(self, person: Person) -> str | None:
        """Site path of the calendar feed of a speaker's or facilitator's sessions, where one is published.

        The slot the calendar feeds fill: person.md.j2 links it (macro ``calendar_feed``) when this is not None.
        """
        return feed_path(person)

    def feeds(self) -> Iterator[Feed]:
        """Every calendar feed (.ics) of the hub, one by one: see :mod:`hubgen.site.feeds`."""
        return FeedWriter(self.hub, self.site, cache=FeedCache(self.cache_dir)).feeds()

    # -- the library (hubgen/site/library.py, hubgen/site/citations/) ----------------

    def _library_globals(self) -> None:
        """What the library's templates use: APA citations, facet values, citation downloads."""
        exports = {e.url: e for e in citations.exports(self.hub)}
        # Each reading's exports as written by earlier builds: the pages' data: URLs take them from here, and
        # the citation files (hubgen/site/outputs.py) from the same cache, which keeps both and saves them.
        self.export_cache = citations.ExportCache(self.cache_dir)
        self.data_urls = citations.DataUrls(exports.values(), self.export_cache)  # the exports listed once
        self._preparations: dict[int, library.Preparation] = {}
        self.env.filters.update(apa=self.references.apa, plain_text=citations.plain_text)
        self.env.globals.update(
            reading_facets=library.reading_facets,
            library_order=library.library_order,
            filter_text=library.filter_text,
            example_words=library.example_words,
            type_labels={k: self.tr.gettext(v) for k, v in labels.TYPE_LABELS.items()},
            access_labels={k: self.tr.gettext(v) for k, v in labels.ACCESS_LABELS.items()},
            access_short={k: self.tr.gettext(v) for k, v in labels.ACCESS_SHORT.items()},
            total_minutes=lambda readings: sum(r.data.minutes or 0 for r in readings),
            export_for=exports.get,
            citation_data=self._citation_data,
            citation_formats=[(suffix, label, mime) for suffix, (label, mime) in citations.FORMATS.items()],
            series_rule=self.series_rule,
            due_for=lambda s: step.due if (step := self.preparation(s.cohort).step(s)) else [],
            series_readings=series_readings,
            # A session's hours on the hub's clock (option ``clock``): "12:00–1:00 PM" in the US, "12:00–13:00" else.
            span=lambda s, start=None, end=None: time_span(start or s.start, end or s.end, self.hours(s), self.dates),
            clock_hours=self.hours,
        )

    def series_rule(self, series: Any, tz: ZoneInfo) -> str:
        """How people say when a weekly series meets: ``Wednesdays, 12:00–13:00 EDT, 9 September 2026 – 16 June
        2027`` (``cada miércoles, 12:00–13:00 EDT, del 9 de septiembre de 2026 al ...``), in the hub's language."""
        d, dates = series.data, self.dates
        if dates.english or not series.days:
            return str(series.rule(tz))
        first, last = series.days[0], series.days[-1]
        when = self.tr.gettext("every %(weekday)s") % {"weekday": dates.weekday(first)}
        if d.time is not None:
            zone = ZoneInfo(d.timezone) if d.timezone else tz
            names = dict.fromkeys(str(dt.datetime.combine(day, d.time.start, zone).tzname()) for day in series.days)
            start, end = dt.datetime.combine(first, d.time.start), dt.datetime.combine(first, d.time.end)
            when += f", {dates.time_span(start, end, 24)} {'/'.join(names)}"
        return f"{when}, {dates.range(first, last, 'long_no_weekday')}"

    def hours(self, session: Session) -> int:
        """12 or 24: the clock the session's times are said on (option ``clock``, or its time zone's custom)."""
        return clock_hours(session.tz.key, self.site.clock)

    def _citation_data(self, export: citations.Export, suffix: str) -> str:
        if self.defer_downloads:
            return self.data_urls.stand_in(export, suffix)
        return citations.data_url(export, suffix, self.export_cache)

    def fill_downloads(self, html: str) -> str:
        """A page's finished HTML with its citation downloads' data URLs (``defer_downloads``)."""
        return self.data_urls.fill(html)

    def preparation(self, cohort: Cohort) -> library.Preparation:
        """A cohort's readings and assignments, session by session (computed once per build)."""
        if id(cohort) not in self._preparations:
            self._preparations[id(cohort)] = library.preparation(cohort)
        return self._preparations[id(cohort)]

    def fragment(self, name: str, page_url: str, **context: Any) -> str:
        """A listing to embed in a hand-written page (``<!-- hubgen:upcoming -->``)."""
        template = self.env.get_template(f"fragments/{name}.html.j2")
        return self.links.resolve(template.render(page_url=page_url, **context), page_url)

    def remembered(self, *key: Any, caller: Callable[[], Markup]) -> Markup:
        """What ``{% call remembered("name", args...) %}...{% endcall %}`` holds, rendered once a build for ``key``.

        For the shared macros (``_macros.j2``, ``_library.j2``): imported without the page's context, they see
        only their arguments and the globals, and their links are markers (:class:`Links`), so what they render
        for the same arguments is the same on every page. A list as an argument counts by its items.
        """
        try:
            key = tuple(tuple(k) if isinstance(k, list) else k for k in key)
            hit = self._remembered.get(key)
        except TypeError:  # an argument that cannot be a key (a dict): rendered each time
            return caller()
        if hit is None:
            hit = self._remembered[key] = caller()
        return hit

    # -- helpers -----------------------------------------------------------

    def _page(
        self,
        url: str,
        template: str,
        title: str,
        source: str,
        description: str = "",
        robots: str | None = None,
        search: dict[str, Any] | None = None,
        **context: Any,
    ) -> Page:
        body = self.env.get_template(template).render(page_url=url, **context)
        unpublished = next((v.unpublished for v in context.values() if isinstance(v, Entity) and v.unpublished), None)
        if unpublished:  # only under `mkdocs serve` (or drafts: true): say so, loudly
            banner = self.env.get_template("fragments/draft.html.j2").render(reason=unpublished, source=source)
            body = banner + "\n" + body
        body = self.links.resolve(body, url)  # the banner's links too, where a hub's override has some
        # The theme prints these into <title>, headings, the nav and <meta> unescaped: escape here.
        meta: dict[str, Any] = {"title": html.escape(title, quote=True)}
        if description:
            meta["description"] = html.escape(re.sub(r"\s+", " ", description).strip()[:300], quote=True)
        if search:  # the search index's settings for the page, e.g. {"boost": 0.5} (Material's search)
            meta["search"] = search
        if robots:  # e.g. "noindex": the engine adapter puts it into <meta name="robots"> and the sitemap leaves it out
            meta["robots"] = robots
        head = front_matter(meta)
        return Page(src_uri=urls.source(url), url=url, content=f"---\n{head}\n---\n\n{body}", source=source)

    def _showcase_facets(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The showcase filter's facets: (name, legend, [(value, label)]), only values some project has."""
        projects, _ = self.hub.projects, self.tr.gettext
        statuses = {j.data.status for j in projects}
        return [
            ("program", _("Program"), [(p.id, p.title) for p in self.hub.programs if p.projects]),
            (
                "cohort",
                _("Cohort"),
                [(library.cohort_value(c), f"{c.program.title} — {c.title}") for c in self.hub.cohorts if c.projects],
            ),
            (
                "topic",
                _("Topic"),
                sorted(((t.id, t.title) for t in self.hub.topics.values() if t.projects), key=lambda v: v[1].lower()),
            ),
            (
                "status",
                _("Status"),
                [
                    (s, labels.label(s, "project_status", self.tr))
                    for s in ("planning", "active", "completed")
                    if s in statuses
                ],
            ),
        ]

    def _related(self, project: Project) -> tuple[list[Session], list[Reading]]:
        """Sessions and readings sharing the project's topics: most topics in common first, its own program first."""
        topics = set(project.topics)

        def shared(item: Session | Reading) -> int:
            return len(topics & set(item.topics))

        # Only what is linked to one of its topics, not the whole hub: one project's cost does not grow with it.
        sessions = {s for t in topics for s in t.sessions}
        readings = {r for t in topics for r in t.readings}
        order = self._reading_order
        return (
            sorted(
                heapq.nsmallest(
                    6, sessions, key=lambda s: (-shared(s), s.program is not project.program, s.sort_key())
                ),
                key=Session.sort_key,
            ),
            heapq.nsmallest(8, readings, key=lambda r: (-shared(r), r.title.lower(), order[r])),
        )

    @cached_property
    def _reading_order(self) -> dict[Reading, int]:
        """Each reading's place in the library (the order ties keep)."""
        return {r: i for i, r in enumerate(self.hub.readings.values())}

    def _months(self) -> list[tuple[str, str, list[Session]]]:
        months: dict[str, list[Session]] = {}
        for s in self.hub.sessions:
            months.setdefault(f"{s.day:%Y-%m}", []).append(s)
        month = self.dates.month_year
        return [(key, month(dt.date.fromisoformat(key + "-01")), items) for key, items in months.items()]

    def _people_groups(self) -> list[tuple[str, str, list[Person]]]:
        listed, _ = self.hub.listed_people, self.tr.gettext
        staff = [p for p in listed if "contact" in p.roles]
        facilitators = [p for p in listed if "facilitator" in p.roles and p not in staff]
        speakers = [p for p in listed if "speaker" in p.roles and p not in staff and p not in facilitators]
        groups = [
            ("staff", _("Program staff"), staff),
            ("facilitators", _("Facilitators and faculty"), facilitators),
            ("speakers", _("Speakers"), speakers),
        ]
        for cohort in self.hub.cohorts:
            members = sorted(self.hub.visible(cohort.participants), key=lambda p: p.sort_key)
            if members:
                groups.append(
                    (
                        f"{cohort.program.id}-{cohort.id}",
                        _("Participants — %(program)s, %(cohort)s")
                        % {"program": cohort.program.title, "cohort": cohort.title},
                        members,
                    )
                )
        placed = {p for _, _, people in groups for p in people}
        groups.append(("more", _("More people"), [p for p in listed if p not in placed]))  # e.g. authors of news
        return [g for g in groups if g[2]]


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


__all__ = ["Markup", "Page", "Program", "Renderer", "SiteLayout", "citation", "program_nav"]
