"""The virtual learning community: discussion, recordings, announcements and their feeds, contributions.

Discussion and video players are checked here as the HTML carries them (nothing loaded, the right
settings); what happens on a click is in tests/browser/test_community.py. The feeds are read by a
real feed reader (``feedparser``); issue bodies are written from the repository's own issue forms,
as GitHub renders them, and the files made from them must pass ``hubgen check``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

from hubgen.authoring.fromissue import PROJECT_LABELS, READING_LABELS, IssueError, convert, parse_issue
from hubgen.authoring.scaffold import Refused
from hubgen.cli import main
from hubgen.content import community, models
from hubgen.hub.graph import HubOptions
from hubgen.hub.load import load_hub
from hubgen.hub.workspace import Workspace
from hubgen.site import news
from hubgen.site.siteinfo import Site
from tests.helpers import EXAMPLE_HUB, REPO, copy_example_hub, mkdocs_build, page

FORMS = EXAMPLE_HUB / ".github" / "ISSUE_TEMPLATE"
NEWS = sorted((EXAMPLE_HUB / "content" / "news").glob("*.md"))
MKDOCS = yaml.load((EXAMPLE_HUB / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
DISCUSSION = next(p["hubgen"] for p in MKDOCS["plugins"] if isinstance(p, dict) and "hubgen" in p)["discussion"]


# -- discussion -----------------------------------------------------------------------------


def test_discussion_config_is_checked_with_messages_that_say_what_to_do():
    config, mistakes = community.discussion_config(DISCUSSION)
    assert mistakes == [] and config is not None and config.repo == "example/riverbend-hub-discussions"
    assert community.discussion_config({}) == (None, [])
    assert community.discussion_config({**DISCUSSION, "enabled": False}) == (None, [])
    _, mistakes = community.discussion_config({"repo": "example/x", "category": "General", "mappin": "title"})
    assert "discussion.repo_id: missing — copy it from https://giscus.app" in mistakes[0]
    assert any(m.startswith("discussion.mappin: unknown option — the options are: repo, repo_id") for m in mistakes)
    _, mistakes = community.discussion_config({**DISCUSSION, "mapping": "number", "repo": "not a repo"})
    assert {m.split(":")[0] for m in mistakes} == {"discussion.mapping", "discussion.repo"}


def test_a_bad_discussion_option_stops_the_build_with_its_message(small_hub, tmp_path):
    root = small_hub(
        {
            "mkdocs.yml": "site_name: T\ndocs_dir: content\ntheme: {name: material}\nplugins:\n"
            "  - hubgen:\n      discussion: {repo: example/x, category: General}\n"
        }
    )
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "discussion.repo_id: missing" in result.stderr and "Traceback" not in result.stderr


def _discussion(soup: BeautifulSoup):
    return soup.select_one("article [data-hg-discussion]")


def test_session_project_and_topic_pages_offer_a_discussion_with_the_configured_settings(example_site, hub):
    session = next(s for s in hub.sessions if s.program.id == "practitioner-fellowship")
    project = next(j for j in hub.projects if j.program.id == "health-equity-scholars")
    topic = next(iter(hub.topics.values()))
    for entity in (session, project, topic):
        soup = page(example_site, entity.url)
        box = _discussion(soup)
        assert box is not None, f"/{entity.url} has no discussion"
        assert box["data-giscus-repo"] == DISCUSSION["repo"]
        assert box["data-giscus-repo-id"] == DISCUSSION["repo_id"]
        assert box["data-giscus-category"] == DISCUSSION["category"]
        assert box["data-giscus-category-id"] == DISCUSSION["category_id"]
        assert box["data-giscus-mapping"] == "pathname"
        where = box.select_one(".hg-discussion__where").get_text(" ", strip=True)
        assert "Comments are hosted on GitHub Discussions" in where and "loading them sends data to GitHub" in where
        assert box.select_one("a")["href"] == "https://github.com/example/riverbend-hub-discussions/discussions"
        button = box.select_one("button[data-hg-discussion-show]")
        assert button.get_text(strip=True) == "Show discussion" and button.has_attr("hidden")  # until the script runs
        assert soup.select_one("h2#discussion"), "the discussion has a heading (and a table-of-contents entry)"


def test_no_page_loads_anything_of_giscus_or_a_video_player_by_itself(example_site):
    for html in example_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "giscus.app" not in text, f"{html} mentions giscus.app in its HTML"
        frames = [f.attributes.get("src") or "" for f in LexborHTMLParser(text).css("iframe")]
        assert not any(h in src for src in frames for h in ("youtube", "vimeo", "giscus")), f"{html}: {frames}"
    script = (example_site / "assets/hubgen/community.js").read_text(encoding="utf-8")
    assert '"https://giscus.app"' in script and "/*" not in script  # published without its comments


def test_discussion_follows_the_program_and_page_switches(example_site, hub):
    off_program = [s for s in hub.sessions if s.program.id == "community-of-practice"]
    assert off_program and all(_discussion(page(example_site, s.url)) is None for s in off_program[:4])
    asked = next(j for j in hub.projects if j.id == "family-navigators-at-the-laundromat")
    assert asked.program.data.discussion is False and asked.data.discussion is True
    assert _discussion(page(example_site, asked.url)) is not None, "a page's own discussion: true wins"
    other = next(j for j in hub.projects if j.program is asked.program and j is not asked)
    assert _discussion(page(example_site, other.url)) is None
    closed = next(s for s in hub.sessions if s.data.discussion is False)
    assert _discussion(page(example_site, closed.url)) is None
    assert _discussion(page(example_site, "library/")) is None and _discussion(page(example_site, "")) is None


def test_discussion_settings_per_page_kind_and_mapping(hub):
    config, _ = community.discussion_config({**DISCUSSION, "mapping": "specific", "pages": ["topics"]})
    settings = community.Community(config, "example/hub")
    assert settings.discussion(hub.sessions[0], hub.sessions[0].url) is None
    topic = next(iter(hub.topics.values()))
    attrs = dict(settings.discussion(topic, topic.url).attrs)
    assert attrs["mapping"] == "specific" and attrs["term"] == topic.url
    assert community.Community().discussion(topic, topic.url) is None, "off unless configured"


# -- recordings and files ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=Rb7kQx3Vn2E", "https://www.youtube-nocookie.com/embed/Rb7kQx3Vn2E"),
        ("https://youtu.be/pX4mT9wQe8k", "https://www.youtube-nocookie.com/embed/pX4mT9wQe8k"),
        (
            "https://www.youtube.com/watch?v=Lq2nW8cZ5tY&t=1m30s",
            "https://www.youtube-nocookie.com/embed/Lq2nW8cZ5tY?start=90",
        ),
        ("https://youtube.com/live/Lq2nW8cZ5tY?si=abc", "https://www.youtube-nocookie.com/embed/Lq2nW8cZ5tY"),
        ("https://m.youtube.com/shorts/Lq2nW8cZ5tY", "https://www.youtube-nocookie.com/embed/Lq2nW8cZ5tY"),
        ("https://vimeo.com/914275306", "https://player.vimeo.com/video/914275306?dnt=1"),
        ("https://vimeo.com/1027460813/7c2e9a41bd", "https://player.vimeo.com/video/1027460813?h=7c2e9a41bd&dnt=1"),
        ("https://player.vimeo.com/video/914275306", "https://player.vimeo.com/video/914275306?dnt=1"),
        ("https://example.org/recordings/2026-01-16", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://www.youtube.com/@riverbend", None),
        ("https://vimeo.com/channels/staffpicks", None),
        ("ftp://youtu.be/pX4mT9wQe8k", None),
    ],
)
def test_youtube_and_vimeo_links_become_privacy_enhanced_players(url, embed):
    found = community.video(url)
    assert (found.embed_url if found else None) == embed


def test_recordings_of_past_sessions_wait_for_a_click_beside_their_plain_link(example_site, hub):
    today = dt.date(2026, 11, 23)
    recorded = [
        s
        for s in hub.sessions
        if s.day < today and any(m.kind == "recording" and community.video(m.url) for m in s.data.materials)
    ]
    assert len(recorded) >= 3, "the example hub has a recording on at least three past sessions"
    providers = set()
    for session in recorded:
        soup = page(example_site, session.url)
        for item in soup.select("li.hg-material--recording"):
            link = item.select_one("a")["href"]
            clip = community.video(link)
            box = item.select_one("[data-hg-embed]")
            assert box is not None and clip is not None
            assert box["data-hg-embed-src"] == clip.embed_url
            host = urlsplit(box["data-hg-embed-src"]).hostname
            assert host in ("www.youtube-nocookie.com", "player.vimeo.com")
            if host == "player.vimeo.com":
                assert parse_qs(urlsplit(box["data-hg-embed-src"]).query)["dnt"] == ["1"]
            title = item.select_one("a").get_text(strip=True)
            assert box.select_one("button[data-hg-embed-play]").get_text(" ", strip=True) == f"▶ Play “{title}”"
            assert not item.select("iframe")
            providers.add(clip.provider)
    assert providers == {"YouTube", "Vimeo"}


def test_a_handout_kept_in_the_repository_is_served_with_its_session(example_site, hub):
    session = next(s for s in hub.sessions if any(m.file for m in s.data.materials))
    material = next(m for m in session.data.materials if m.file)
    link = next(
        a["href"]
        for a in page(example_site, session.url).select("li.hg-material a")
        if a.get_text(strip=True) == material.title
    )
    served = (example_site / session.url / link).resolve()
    assert served.is_file() and served.is_relative_to(example_site.resolve())
    assert served.read_bytes() == (EXAMPLE_HUB / "content" / material.file).read_bytes()
    assert served.read_bytes().startswith(b"%PDF")


# -- contributing ----------------------------------------------------------------------------


def test_pages_link_to_the_issue_forms_of_the_hub_repository(example_site, hub):
    def form_link(url: str) -> dict[str, list[str]]:
        button = page(example_site, url).select_one(".hg-contribute a")
        assert button is not None, f"/{url} has no contribution link"
        parts = urlsplit(button["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example/riverbend-hub/issues/new"
        return parse_qs(parts.query)

    assert form_link("library/") == {"template": ["suggest-resource.yml"]}
    assert form_link("showcase/") == {"template": ["share-project.yml"]}
    session = hub.sessions[0]
    assert form_link(session.url) == {
        "template": ["suggest-resource.yml"],
        "session": [f"{session.program.id}/{session.cohort.id}/{session.id}"],
    }
    for form in ("suggest-resource.yml", "share-project.yml"):
        assert (FORMS / form).is_file()
    ids = [item.get("id") for item in yaml.safe_load((FORMS / "suggest-resource.yml").read_text())["body"]]
    assert "session" in ids, "the session page pre-fills the form's 'session' field"


def test_no_form_links_and_no_discussion_off_github(small_hub, tmp_path):
    root = small_hub(
        {
            "mkdocs.yml": "site_name: T\nsite_url: https://example.org/\nrepo_url: https://gitlab.com/example/hub\n"
            "docs_dir: content\ntheme: {name: material}\nplugins:\n  - hubgen\n",
            "content/readings/r.yml": "title: A reading\ntype: article\ntopics: [t]\n",
            "content/topics.yml": "t: {title: T}\n",
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-s.md": "---\ntitle: S\ntype: talk\nreadings: {required: [r]}\n"
            "materials:\n  - {title: Talk, url: 'https://youtu.be/pX4mT9wQe8k', "
            "kind: recording}\n---\nAgenda.\n",
        }
    )
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for url in ("library/", "showcase/", "programs/p/c/sessions/2026-03-04-s/"):
        soup = page(tmp_path / "site", url)
        assert not soup.select(".hg-contribute"), f"/{url} links to forms of a repository that is not on GitHub"
        assert not soup.select("[data-hg-discussion]"), "discussion is off unless configured"
    assert page(tmp_path / "site", "programs/p/c/sessions/2026-03-04-s/").select("[data-hg-embed]")
    assert not (tmp_path / "site" / "news").exists(), "no announcements, no news section"


def test_edit_this_page_opens_the_source_of_every_kind_of_page(staff_site, hub):
    """Material's edit button on each page opens the file it came from in GitHub's editor; a page made
    from a whole folder (library, people, calendar, news...) opens that folder, where each file has its own."""
    repo = "https://github.com/example/riverbend-hub/"
    person = next(p for p in hub.people.values() if p.has_page)
    reading = next(iter(hub.readings.values()))
    expected = {
        "": "edit/main/content/index.md",
        hub.news[0].url: f"edit/main/{hub.news[0].file}",
        hub.sessions[0].url: f"edit/main/{hub.sessions[0].file}",
        hub.projects[0].url: f"edit/main/{hub.projects[0].file}",
        reading.url: f"edit/main/{reading.file}",
        hub.programs[0].url: f"edit/main/{hub.programs[0].file}",
        hub.cohorts[0].url: f"edit/main/{hub.cohorts[0].file}",
        next(iter(hub.topics.values())).url: "edit/main/content/topics.yml",
        "topics/": "edit/main/content/topics.yml",
        person.url: f"edit/main/{person.file}",
        "news/": "tree/main/content/news/",
        f"news/{hub.news[0].programs[0].id}/": "tree/main/content/news/",
        "library/": "tree/main/content/readings/",
        "people/": "tree/main/content/people/",
        "showcase/": "tree/main/programs/",
        "calendar/": "tree/main/programs/",
        "programs/": "tree/main/programs/",
    }
    for url, source in expected.items():
        button = page(staff_site, url).select_one('a.md-content__button[title="Edit this page"]')
        assert button is not None, f"/{url} has no edit link"
        assert button["href"] == repo + source, f"/{url}"
    for html in staff_site.rglob("index.html"):  # every page, parsed by Lexbor: 30 times faster than BeautifulSoup
        button = LexborHTMLParser(html.read_text(encoding="utf-8")).css_first(
            'a.md-content__button[title="Edit this page"]'
        )
        assert button is not None, html
        href = button.attributes.get("href") or ""
        path = href.removeprefix(repo)
        assert path.startswith(("edit/main/", "tree/main/")), href
        target = EXAMPLE_HUB / path[len("edit/main/") :]
        assert target.is_dir() if path.startswith("tree/") else target.is_file(), f"{html}: {href}"


# -- announcements ---------------------------------------------------------------------------


def _programs_of(path: Path) -> list[str]:
    value = frontmatter.load(path).metadata.get("programs") or []
    return [value] if isinstance(value, str) else list(value)


def test_the_example_hub_has_announcements_across_programs():
    assert len(NEWS) >= 5
    programs = {p for path in NEWS for p in _programs_of(path)}
    assert len(programs) >= 2
    kinds = " ".join(frontmatter.load(p).metadata["title"].lower() for p in NEWS)
    assert "welcome" in kinds and "call for" in kinds and "change" in kinds


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_hub_feed_has_one_item_per_announcement(example_site, kind):
    feed = feedparser.parse((example_site / f"news/{kind}.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("atom10" if kind == "atom" else "rss20")
    assert len(feed.entries) == len(NEWS)
    links = [e.link for e in feed.entries]
    assert len(set(links)) == len(links)
    for entry in feed.entries:
        assert entry.link.startswith("https://example.org/hub/news/")
        assert (example_site / entry.link.removeprefix("https://example.org/hub/") / "index.html").is_file()
        assert entry.title and entry.summary and entry.published_parsed
        hrefs = re.findall(r'href="([^"]*)"', entry.content[0].value)
        assert all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs), hrefs  # read away from the site
    assert any("https://example.org/hub/programs/" in e.content[0].value for e in feed.entries)
    stems = sorted(p.stem for p in NEWS)
    assert sorted(e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries) == stems
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_each_program_has_a_feed_of_its_own_announcements(example_site, hub, kind):
    feeds = 0
    for program in hub.programs:
        mine = [p.stem for p in NEWS if program.id in _programs_of(p)]
        path = example_site / f"news/{program.id}/{kind}.xml"
        if not mine:
            assert not path.exists()
            continue
        feeds += 1
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert sorted(e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries) == sorted(mine)
        assert program.title in feed.feed.title
        assert feed.feed.link == f"https://example.org/hub/news/{program.id}/"
    assert feeds >= 2


def test_feeds_are_dated_by_the_announcements_never_by_the_build(hub):
    site = Site(url="https://example.org/hub/", name="Hub")
    first = dict(news.feeds(hub, site))
    feed = feedparser.parse(first["news/atom.xml"])
    latest = max(a.day for a in hub.news)
    assert feed.feed.updated.startswith(f"{latest}T12:00:00")
    assert dict(news.feeds(hub, site)) == first
    assert news.feeds(hub, Site(url="", name="Hub")) == [], "no site_url: no feeds (their links must be absolute)"


def test_a_feed_carries_the_latest_announcements_only(hub, monkeypatch):
    monkeypatch.setattr(news, "FEED_LENGTH", 2)
    feeds = dict(news.feeds(hub, Site(url="https://example.org/hub/", name="Hub")))
    entries = feedparser.parse(feeds["news/rss.xml"]).entries
    assert [e.link for e in entries] == [f"https://example.org/hub/{a.url}" for a in hub.news[:2]]


def test_latest_news_on_the_home_page_program_pages_and_the_news_page(example_site, hub):
    home = page(example_site, "")
    titles = [a.get_text(strip=True) for a in home.select("article .hg-news .hg-news__title")]
    assert titles == [a.title for a in hub.news[:3]]
    assert home.select_one("article a[href='news/atom.xml']") and home.select_one("article a[href='news/rss.xml']")
    program = next(p for p in hub.programs if news.of_program(hub, p))
    soup = page(example_site, program.url)
    assert soup.select_one("h2#news")
    shown = [a.get_text(strip=True) for a in soup.select("article .hg-news .hg-news__title")]
    assert shown == [a.title for a in news.of_program(hub, program)[:3]]
    everything = page(example_site, "news/")
    assert len(everything.select("article .hg-news__item")) == len(NEWS)
    assert {a.get_text(strip=True) for a in everything.select("nav.md-tabs a, nav.md-nav a")} >= {"News"}


def test_an_announcement_page_says_when_for_whom_and_who_posted_it(example_site, hub):
    item = next(a for a in hub.news if a.programs and a.author)
    soup = page(example_site, item.url)
    assert soup.select_one("article h1").get_text(strip=True) == item.title
    kicker = soup.select_one("article .hg-kicker").get_text(" ", strip=True)
    assert f"{item.day.day} {item.day:%B %Y}" in kicker and item.programs[0].title in kicker
    assert item.author.name in soup.select_one(".hg-news__byline").get_text()


def test_announcement_mistakes_are_reported_at_their_line(small_hub):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "content/news/2026-03-04-ok.md": "---\ntitle: Fine\nprograms: p\n---\nBody.\n",
            "content/news/2026-03-05-typo.md": "---\ntitle: Typo\nprogams: [p]\n---\nBody.\n",
            "content/news/2026-03-06-unknown.md": "---\ntitle: Unknown\nprograms:\n  - q\nauthor: nobody\n---\nB.\n",
            "content/news/2026-03-07-date.md": "---\ntitle: Date\ndate: 2026-03-08\n---\nB.\n",
            "content/news/welcome.md": "---\ntitle: No date\n---\nB.\n",
            "content/news/2026-03-09-draft.md": "---\ntitle: Not yet\ndraft: true\n---\nB.\n",
            "content/news/index.md": "# News\n",
            "content/news.md": "# News\n",
            "content/news/photo.jpg": "not read: published as it is",
        }
    )
    hub, problems = load_hub(root, HubOptions(today=dt.date(2026, 11, 23)))
    messages = [p.format() for p in problems.errors]
    assert (
        "content/news/2026-03-05-typo.md:3:1: error: progams: unknown field 'progams' — did you mean "
        "'programs'?" in messages
    )
    assert "content/news/2026-03-06-unknown.md:4:5: error: programs[0]: unknown program 'q' — use one of: p" in messages
    assert any(
        m.startswith("content/news/2026-03-06-unknown.md:5:9: error: author: unknown person 'nobody'") for m in messages
    )
    assert any(
        m.startswith(
            "content/news/2026-03-07-date.md:3:7: error: date: the date 2026-03-08 does not "
            "match the file name's date 2026-03-07"
        )
        for m in messages
    )
    assert any(
        m.startswith("content/news/welcome.md:1:1: error: an announcement's file is named by its date")
        for m in messages
    )
    assert (
        "content/news/index.md:1:1: error: hubgen makes the page /news/ from the announcements — remove this "
        "file, or rename it to a dated announcement (YYYY-MM-DD-title.md)" in messages
    )
    assert any(m.startswith("content/news.md:1:1: error: this page has the same address (/news/)") for m in messages)
    assert len(messages) == 7, messages
    assert [a.id for a in hub.news] == ["2026-03-07-date", "2026-03-06-unknown", "2026-03-04-ok"]
    drafts, _ = load_hub(root, HubOptions(include_drafts=True))
    assert "2026-03-09-draft" in [a.id for a in drafts.news]


# -- from an issue to a file -------------------------------------------------------------------


def issue_body(form: str, answers: dict[str, object]) -> str:
    """The issue text GitHub writes for a submitted issue form: ``### Label``, a blank line, the answer."""
    spec = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
    sections = []
    for item in spec["body"]:
        if item["type"] == "markdown":
            continue
        label, value = item["attributes"]["label"], answers.get(item["id"])
        if item["type"] == "checkboxes":
            ticked = value or []
            text = "\n".join(
                f"- [{'X' if o['label'] in ticked else ' '}] {o['label']}" for o in item["attributes"]["options"]
            )
        else:
            if item["type"] == "dropdown" and value is not None:
                assert value in item["attributes"]["options"], f"{value!r} is not an option of {label!r}"
            text = str(value) if value else "_No response_"
        sections.append(f"### {label}\n\n{text}")
    return "\n\n".join(sections) + "\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(copy_example_hub(tmp_path) / "mkdocs.yml")


RESOURCE = {
    "title": "Paying for Prevention: How Medicaid Can Fund Community Health Workers",
    "type": "Report",
    "authors": "Okonkwo-Reyes, Daniela\nCenter for Health Access Policy",
    "year": "2025",
    "source": "Center for Health Access Policy",
    "url": "https://example.org/reports/paying-for-prevention",
    "minutes": "40 min",
    "access": "Open to everyone",
    "topics": "Health policy and access, advocacy",
    "summary": "Three ways states pay for community health workers.\n\nWith **costs**: what a clinic can ask.",
    "session": "practitioner-fellowship/2026-2027/2026-10-16-keeping-patients-covered",
}
PROJECT = {
    "title": "Rides to Dialysis: A Volunteer Driver Pool",
    "program": "Practitioner Fellowship",
    "cohort": "2026–2027 Cohort",
    "team": "Priya Raghunathan\nJamie Newperson (they/them)",
    "organization": "Quinsigamond Family Health Center",
    "status": "Planning",
    "topics": "Health policy and access",
    "summary": "A volunteer driver pool so patients stop missing dialysis.",
    "description": "Patients miss about one session in ten.\n\n**What we do:** recruit twenty drivers.",
    "links": "Project brief: https://example.org/projects/rides.pdf\nhttps://example.org/news/rides",
    "consent": ["Everyone named above agrees to the project appearing on the hub's public showcase."],
}


def test_the_forms_labels_are_the_ones_the_conversion_reads():
    known = {"suggest-resource.yml": READING_LABELS, "share-project.yml": PROJECT_LABELS}
    for form, labels in known.items():
        spec = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
        aliases = {a for names in labels.values() for a in names}
        for item in spec["body"]:
            if item["type"] != "markdown":
                assert item["attributes"]["label"].lower() in aliases, f"{form}: {item['attributes']['label']}"
                assert item["id"] in labels, f"{form}: field id {item['id']}"


def test_a_suggested_resource_becomes_a_reading_that_passes_the_check(workspace, capsys):
    path, draft = convert("reading", workspace, issue_body("suggest-resource.yml", RESOURCE))
    assert path == workspace.root / "content/readings/paying-prevention-medicaid-can-fund-2025.yml"
    assert main(["check", str(workspace.root)]) == 0, capsys.readouterr().out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {
        "title": RESOURCE["title"],
        "authors": ["Okonkwo-Reyes, Daniela", "Center for Health Access Policy"],
        "year": 2025,
        "type": "report",
        "source": "Center for Health Access Policy",
        "url": RESOURCE["url"],
        "topics": ["health-policy-access", "advocacy"],
        "minutes": 40,
        "access": "open",
        "summary": RESOURCE["summary"] + "\n",
    }
    assert "keeping-patients-covered.md" in path.read_text(encoding="utf-8").splitlines()[1]
    assert any("add it to that session's readings" in n for n in draft.notes)
    hub, _ = workspace.load()
    assert hub.readings["paying-prevention-medicaid-can-fund-2025"].data.minutes == 40


def test_a_shared_project_becomes_a_project_file_that_passes_the_check(workspace, capsys):
    path, draft = convert("project", workspace, issue_body("share-project.yml", PROJECT))
    assert (
        path.relative_to(workspace.root).as_posix()
        == "programs/practitioner-fellowship/2026-2027/projects/rides-to-dialysis-a-volunteer-driver-pool.md"
    )
    assert main(["check", str(workspace.root)]) == 0, capsys.readouterr().out
    post = frontmatter.load(path)
    assert post.metadata["team"] == ["priya-raghunathan"]
    assert post.metadata["status"] == "planning"
    assert post.metadata["links"] == [
        {"title": "Project brief", "url": "https://example.org/projects/rides.pdf"},
        {"title": "example.org", "url": "https://example.org/news/rides"},
    ]
    assert post.content.startswith("Patients miss about one session in ten.")
    assert any(
        "'Jamie Newperson' is not in content/people/ yet" in n and 'hubgen new person --name "Jamie Newperson"' in n
        for n in draft.notes
    )


def test_the_command_reads_standard_input_and_gh_json(workspace, monkeypatch, capsys):
    issue = {
        "number": 42,
        "title": "Resource: Paying for Prevention",
        "body": issue_body("suggest-resource.yml", {**RESOURCE, "title": ""}),
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(issue)))
    assert (
        main(["from-issue", "--kind", "reading", "--root", str(workspace.root), "--id", "paying-for-prevention"]) == 0
    )
    out = capsys.readouterr()
    assert out.out.strip() == "content/readings/paying-for-prevention.yml"
    text = (workspace.root / out.out.strip()).read_text(encoding="utf-8")
    assert text.startswith("# Made with hubgen from-issue from issue #42.")
    assert "title: Paying for Prevention\n" in text
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(issue)))
    assert (
        main(["from-issue", "-", "--kind", "reading", "--root", str(workspace.root), "--id", "paying-for-prevention"])
        == 1
    )
    assert "content/readings/paying-for-prevention.yml already exists" in capsys.readouterr().err


def test_a_dry_run_prints_the_file_and_writes_nothing(workspace, tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_text(issue_body("share-project.yml", PROJECT), encoding="utf-8")
    assert main(["from-issue", str(issue), "--kind", "project", "--root", str(workspace.root), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("---\n# Made with hubgen from-issue") and "status: planning" in out.out
    assert "would write programs/practitioner-fellowship/2026-2027/projects/" in out.err
    assert not list((workspace.root / "programs/practitioner-fellowship/2026-2027/projects").glob("rides-*"))


@pytest.mark.parametrize(
    ("kind", "body", "messages"),
    [
        (
            "reading",
            "Please add the Paying for Prevention report, thanks!",
            [
                "this does not look like an issue made with the hub's form: expected sections that start with "
                "'### Field label'"
            ],
        ),
        (
            "reading",
            issue_body("suggest-resource.yml", {**RESOURCE, "title": "", "type": None}),
            [
                "Title: required, but the issue leaves it empty",
                "Kind of resource: required, but the issue leaves it empty",
            ],
        ),
        (
            "reading",
            issue_body(
                "suggest-resource.yml",
                {**RESOURCE, "year": "last year", "url": "www.example.org", "minutes": "a while", "doi": "not-a-doi"},
            ),
            [
                "Year: 'last year' is not a year, e.g. 2021",
                "Link: 'www.example.org' is not a full link — write it as https://example.org/page",
                "DOI: 'not-a-doi' is not a DOI",
                "Reading or viewing time (minutes): 'a while' is not a number of minutes",
            ],
        ),
        (
            "reading",
            "### Title\n\nX\n\n### Kind of resource\n\nMagazine\n",
            [
                "Kind of resource: 'Magazine' is not one of: Article, Book, Book chapter, Report, Video, "
                "Podcast, Web page, Toolkit, Data set"
            ],
        ),
        ("reading", "### Title\n\nX\n\n### Title\n\nY\n", ["the section '### Title' appears twice — keep one"]),
        ("reading", '{"title": "x"}', ["the JSON has no 'body' — use: gh issue view NUMBER --json title,body,number"]),
        (
            "reading",
            "### Name\n\nX\n",
            [
                "Title: the issue has no '### Title' section — was it made with the hub's form?",
                "Kind of resource: the issue has no '### Kind of resource' section",
            ],
        ),
        (
            "project",
            issue_body("share-project.yml", {**PROJECT, "program": None, "description": ""}),
            [
                "Program: required, but the issue leaves it empty",
                "Description: required, but the issue leaves it empty",
            ],
        ),
        (
            "project",
            issue_body("share-project.yml", {**PROJECT, "cohort": "2031"}),
            [
                "Cohort: '2031' is not a cohort of Practitioner Fellowship — one of: "
                "2025-2026 (2025–2026 Cohort), 2026-2027 (2026–2027 Cohort) (or pass --cohort)"
            ],
        ),
        (
            "project",
            issue_body("share-project.yml", {**PROJECT, "consent": [], "links": "slides: ftp://x.example"}),
            [
                "Links: 'ftp://x.example': only http(s) and mailto links are allowed",
                "Consent: not ticked — ask the team before publishing their project",
            ],
        ),
    ],
)
def test_malformed_issues_get_messages_naming_the_field(workspace, kind, body, messages):
    with pytest.raises(IssueError) as caught:
        convert(kind, workspace, body)
    for message in messages:
        assert any(p.startswith(message) for p in caught.value.problems), caught.value.problems
    assert len(caught.value.problems) == len(messages), caught.value.problems


def test_a_program_given_on_the_command_line_wins(workspace):
    body = issue_body("share-project.yml", {**PROJECT, "program": "Health Equity Scholars Program", "cohort": ""})
    with pytest.raises(IssueError, match=r"Cohort: which cohort of Health Equity Scholars Program\? One of: 2026"):
        convert("project", workspace, body)
    path, _ = convert("project", workspace, body, cohort="2027")
    assert path.parent == workspace.root / "programs/health-equity-scholars/2027/projects"
    with pytest.raises(Refused, match="the project 'rides-to-dialysis-a-volunteer-driver-pool' already exists"):
        convert("project", workspace, issue_body("share-project.yml", PROJECT))


def test_parse_issue_keeps_what_github_writes():
    issue = parse_issue("Intro\r\n### Title\r\n\r\nA *title*\r\n\r\n### DOI\r\n\r\n_No response_\r\n")
    assert issue.sections == {"title": "A *title*", "doi": ""}
    assert re.search(r"from-issue", (REPO / "README.md").read_text(encoding="utf-8"))


def test_announcement_fields_are_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Field reference", 1)[1]
    missing = [name for name in models.Announcement.model_fields if f"`{name}`" not in readme]
    assert missing == []
    options = [
        name
        for name in community.DiscussionConfig.model_fields
        if f"`{name}`" not in readme and f"{name}:" not in readme
    ]
    assert options == []
