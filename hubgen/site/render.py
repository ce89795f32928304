"""Render the hub's pages from templates, as Markdown documents for the site engine.

Each :class:`Page` is a Markdown document (front matter + Markdown headings +
HTML blocks) that the engine renders inside the theme, so generated pages get
the site's look, table of contents and search like hand-written ones. Values
from YAML are escaped by Jinja's autoescaping; links between pages are
computed here as relative URLs, so the output works under any base path.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup

from ..content import community
from ..content.history import History
from ..content.markup import markdown_text
from ..hub import urls
from ..hub.graph import Cohort, Entity, Hub, Person, Reading, Session
from . import citations, labels, library, news, pagecache, sections
from .calendarlinks import CalendarLinks
from .eventtext import minutes_text
from .feeds import Feed, FeedCache, FeedWriter, feed_path
from .filters import (
    citation,
    clock_hours,
    has_recording,
    iso,
    mode_changed,
    series_readings,
    session_mode,
    session_when,
    short_date,
    time_span,
    upcoming,
)
from .images import Pictures
from .links import Links, SiteLayout, forget_paths
from .markdowncache import MarkdownCache
from .nav import SECTION_TITLES
from .siteinfo import Site
from .templating import TemplateEnvironment, bytecode_cache

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
        keep_pages: bool = True,
    ) -> None:
        self.hub = hub
        # The pages kept for the next build of an unchanged hub (hubgen/site/pagecache.py): not under a preview,
        # where every build follows a save, so a change.
        self.keep_pages = keep_pages
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
        self.template_dirs = [d for d in override_dirs if d.is_dir()]  # the hub's overrides, read first
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(d)) for d in self.template_dirs]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
        self.env = TemplateEnvironment(
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
            when=lambda s: session_when(s, self.site),
            short_date=lambda s: short_date(s, dates),
            # A date as the hub's language writes it: {{ day|date("long") }}: short, long, day_month, month_year...
            date=dates.format,
            weekday=dates.weekday,
            iso=iso,
            upcoming=upcoming,
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
        self.env.bytecode_cache = bytecode_cache(cache_dir / "templates", self.env) if cache_dir else None

    # -- the pages ---------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every generated page; from ``.cache/hubgen/pages.json`` when nothing they are made from has changed since
        the build that kept them (hubgen/site/pagecache.py)."""
        rows = self.page_cache.pages()
        rendered = rows is None
        if rows is None:
            out = self._render_pages()
            self.page_cache.keep_pages((p.src_uri, p.url, p.content, p.source) for p in out)
        else:
            out = [Page(*row) for row in rows]
        # An engine holds the pages to the end of its build: what made them need not be held too.
        self.references.close(save=rendered)
        self.markdown.close(save=rendered)
        self._remembered.clear()
        forget_paths()
        return out

    def _render_pages(self) -> list[Page]:
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
                months=sections.months(hub.sessions, self.dates),
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
                facets=sections.showcase_facets(hub, self.tr),
            ),
            self._page(
                urls.PEOPLE,
                "people.md.j2",
                _(SECTION_TITLES[urls.PEOPLE]),
                source=f"{hub.content_dir}/people",
                groups=sections.people_groups(hub, self.tr),
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
                    description=f"{session.type_title}, {short_date(session, self.dates)}",
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
            sessions, readings = sections.related(project, self._reading_order)
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
        history = History.read(self.hub.root, self.cache_dir)  # the commits kept between builds of one commit
        return FeedWriter(self.hub, self.site, history, cache=FeedCache(self.cache_dir)).feeds()

    # -- the library (hubgen/site/library.py, hubgen/site/citations/) ----------------

    def _library_globals(self) -> None:
        """What the library's templates use: APA citations, facet values, citation downloads."""
        exports = {e.url: e for e in citations.exports(self.hub)}
        # Each reading's exports as written by earlier builds: the pages' data: URLs take them from here, and
        # the citation files (hubgen/site/outputs.py) from the same cache, which keeps both and saves them.
        self.export_cache = citations.ExportCache(self.cache_dir)
        kept_urls = citations.DataUrlCache(self.cache_dir) if self.defer_downloads else None  # filled page by page
        self.data_urls = citations.DataUrls(exports.values(), self.export_cache, kept_urls)  # the exports listed once
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
        """A listing to embed in a hand-written page (``<!-- hubgen:upcoming -->``); from the page cache when the
        hub has not changed since the build that kept it."""
        key = repr((name, page_url, sorted(context.items())))
        html = self.page_cache.fragment(key)
        if html is None:
            template = self.env.get_template(f"fragments/{name}.html.j2")
            html = self.links.resolve(template.render(page_url=page_url, **context), page_url)
            self.page_cache.keep_fragment(key, html)
        return html

    @cached_property
    def page_cache(self) -> pagecache.PageCache:
        """The pages and listings of the last build, for a hub that has not changed since (hubgen/site/pagecache.py).
        Its key is worked out when first asked for, once the engine's adapter has set the community settings."""
        if not (self.cache_dir and self.keep_pages):
            return pagecache.PageCache(None, "")
        return pagecache.PageCache(self.cache_dir, pagecache.fingerprint(self, self.cache_dir))

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

    @cached_property
    def _reading_order(self) -> dict[Reading, int]:
        """Each reading's place in the library (the order ties keep)."""
        return {r: i for i, r in enumerate(self.hub.readings.values())}


__all__ = ["Page", "Renderer"]
