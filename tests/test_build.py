"""The example hub, built as a user builds it, checked page by page through its HTML."""

from __future__ import annotations

import json
import re

import frontmatter
import yaml
from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

from hubgen.site.filters import time_span
from tests.helpers import EXAMPLE_HUB, mkdocs_build, page


def article_text(soup: BeautifulSoup) -> str:
    return soup.select_one("article").get_text(" ", strip=True)


def test_example_hub_has_the_promised_size(hub):
    assert len(hub.programs) >= 4
    assert any(len(p.cohorts) >= 2 for p in hub.programs)
    assert len(hub.sessions) >= 40
    assert len(hub.readings) >= 40
    assert len(hub.projects) >= 10
    days = sorted(s.day.isoformat() for s in hub.sessions)
    assert days[0] < "2026-11-23" < days[-1], "sessions must span past and future dates"


def test_every_page_kind_exists(example_site, hub):
    session, reading, project = hub.sessions[0], next(iter(hub.readings.values())), hub.projects[0]
    person = next(p for p in hub.people.values() if p.has_page)
    topic = next(t for t in hub.topics.values() if t.count)
    program = hub.programs[0]
    for url in [
        "",
        "programs/",
        program.url,
        program.cohorts[0].url,
        session.url,
        "calendar/",
        "library/",
        reading.url,
        "showcase/",
        project.url,
        "people/",
        person.url,
        "topics/",
        topic.url,
    ]:
        soup = page(example_site, url)
        assert soup.select_one("article h1"), f"/{url} has no title"
        assert len(article_text(soup)) > 80, f"/{url} is nearly empty"


def test_the_theme_s_own_files_are_published(example_site):
    # Material's stylesheets and scripts live in site-packages, outside the hub's repository (here the
    # tests' hub is not where .venv is): the rule that keeps files linked from outside the repository
    # out of the site applies to docs_dir's files only, never to the theme's.
    assets = example_site / "assets"
    assert list((assets / "stylesheets").glob("main.*.min.css")), "Material's stylesheet is missing"
    assert list((assets / "javascripts").glob("bundle.*.min.js")), "Material's script is missing"
    html = (example_site / "index.html").read_text(encoding="utf-8")
    for ref in re.findall(r'(?:href|src)="((?:\.\./)*assets/(?:stylesheets|javascripts)/[^"?#]+)', html):
        assert (example_site / ref.lstrip("./")).is_file(), ref


def test_session_page_shows_everything_a_participant_needs(example_site, hub):
    session = next(
        s for s in hub.sessions if s.required and s.optional and s.speakers and not s.all_day and s.data.materials
    )
    soup = page(example_site, session.url)
    text = article_text(soup)
    assert soup.select_one("article h1").get_text(strip=True).startswith(session.title)
    when = soup.select_one(".hg-facts time[datetime]")
    assert when["datetime"] == session.start.isoformat()
    # on the hub's clock: 12-hour for a program in the United States (option clock, tests/test_clock.py)
    assert f"{time_span(session.start, session.end, 12)} {session.start.tzname()}" in when.get_text()
    for person in session.speakers:
        if person.listed:
            assert person.name in text
    for reading in session.required + session.optional:
        assert reading.title in text
    total = sum(r.data.minutes or 0 for r in session.required)
    hours, mins = divmod(total, 60)
    assert (f"{hours} h" if hours else f"{mins} min") in text
    assert soup.select_one("h2#readings") and soup.select_one("h2#materials")
    first_agenda_line = next(line for line in session.body.splitlines() if line.strip() and not line.startswith("#"))
    assert re.sub(r"[*_`]", "", first_agenda_line).split()[0] in text
    # Staff furniture stays out of participants' way: no edit button, no repository link (staff_links: preview).
    assert soup.select_one('a[title="Edit this page"]') is None and soup.select_one("a.md-content__button") is None
    assert soup.select_one(".md-source") is None


def test_staff_links_always_shows_the_edit_button_and_repository_link(staff_site, hub):
    session = next(s for s in hub.sessions if s.speakers and s.required)
    soup = page(staff_site, session.url)
    edit = soup.select_one('a[title="Edit this page"]') or soup.select_one("a.md-content__button")
    assert edit["href"].endswith(f"edit/main/{session.file}")
    assert soup.select_one("a.md-source")["href"] == "https://github.com/example/riverbend-hub"


def test_all_day_multi_day_and_time_zone_override(hub, example_site):
    multi = next(s for s in hub.sessions if s.last_day != s.day)
    assert "–" in page(example_site, multi.url).select_one("time[datetime]").get_text()
    override = [s for s in hub.sessions if s.data.timezone and s.data.timezone != s.program.data.timezone]
    for s in override:
        assert s.start.tzinfo.key == s.data.timezone


def test_nav_holds_sections_programs_and_cohorts_only(example_site, hub):
    soup = page(example_site, "")
    nav_links = {a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")}
    assert not any("/sessions/" in href for href in nav_links)
    assert not any(href.rstrip("/").endswith(r.id) for r in hub.readings.values() for href in nav_links)
    assert len(nav_links) <= 10 + len(hub.programs) + len(hub.cohorts) + 10


def test_people_pages_respect_visibility(example_site, hub):
    for person in hub.people.values():
        has_page = (example_site / person.url / "index.html").exists()
        assert has_page == (person.visibility == "public"), person.id
    hidden = [p for p in hub.people.values() if p.visibility == "hidden"]
    name_only = [p for p in hub.people.values() if p.visibility == "name-only"]
    assert hidden and name_only, "the example hub shows every kind of visibility"
    site_text = "\n".join(
        f.read_text(encoding="utf-8", errors="replace")
        for f in example_site.rglob("*")
        if f.is_file() and f.suffix in (".html", ".json", ".xml")
    )
    for person in hidden:
        assert person.name not in site_text, f"hidden person {person.name} appears in the site"
    for person in name_only:
        assert f'href="{person.url}' not in site_text and f"/{person.url}" not in site_text


def test_no_private_email_or_meeting_link_is_published(example_site, hub):
    files = [f for f in example_site.rglob("*") if f.is_file() and f.suffix in (".html", ".json", ".xml", ".js")]
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)
    private = [p.data.email for p in hub.people.values() if p.data.email and not p.data.email_public]
    assert private
    for email in private:
        assert email not in text, f"{email} leaked"
    unpublished = [
        s.data.online.url
        for s in hub.sessions
        if s.data.online and s.data.online.url and not s.data.online.publish_link
    ]
    assert unpublished
    for url in unpublished:
        assert url not in text, f"{url} leaked"
    published = next(s for s in hub.sessions if s.join_url)
    assert page(example_site, published.url).select_one(f'a[href="{published.join_url}"]')


def test_data_files_are_not_published(example_site):
    leftovers = [p for p in example_site.rglob("*") if p.suffix in (".yml", ".yaml")]
    assert leftovers == []
    assert not (example_site / "people").joinpath("index.yml").exists()


def test_search_index_covers_sessions(example_site, hub):
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert all(s.url in locations for s in hub.sessions)
    session = next(s for s in hub.sessions if s.speakers and s.speakers[0].listed)
    entry = next(d for d in index["docs"] if d["location"] == session.url)
    assert session.speakers[0].name in entry["text"]


def test_reading_page_lists_where_it_is_assigned(example_site, hub):
    reading = next(r for r in hub.readings.values() if r.assigned)
    soup = page(example_site, reading.url)
    assigned = [a for a in soup.select("ul.hg-assigned li a") if "/sessions/" in a["href"]]
    assert {a.get_text(strip=True) for a in assigned} == {s.title for s, _ in reading.assigned}


def test_person_page_lists_their_sessions(example_site, hub):
    person = max((p for p in hub.people.values() if p.has_page), key=lambda p: len(p.sessions))
    soup = page(example_site, person.url)
    titles = {a.get_text(strip=True) for a in soup.select("a.hg-session__title")}
    assert {s.title for s in person.sessions} <= titles


def test_home_page_embeds_listings(example_site, hub):
    soup = page(example_site, "")
    assert soup.select("ol.hg-upcoming li.hg-session")
    assert soup.select("ul.hg-cards--programs li")
    assert "hubgen:" not in soup.select_one("article").decode()


def test_links_between_generated_pages_resolve(example_site):
    """Every relative link in hubgen's own markup points at a file of the site."""
    broken = []
    for html in example_site.rglob("index.html"):
        # Lexbor (an HTML5 parser, as the browser parses): thirty times faster than BeautifulSoup over 250 pages.
        for a in LexborHTMLParser(html.read_text(encoding="utf-8")).css("article a[href]"):
            href = (a.attributes["href"] or "").split("#")[0]
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = (html.parent / href).resolve()
            if not (target / "index.html").exists() and not target.is_file():
                broken.append(f"{html.relative_to(example_site)} → {a.attributes['href']}")
    assert broken == []


def test_escaping_and_unsafe_links(small_hub, tmp_path):
    root = small_hub(
        {
            "content/people/mallory.yml": """
            name: "<script>alert('name')</script> Mallory"
            bio: "Hi <img src=x onerror=alert(1)> [click](javascript:alert(2)) [ok](https://example.org/ok)"
        """,
            "programs/p/program.yml": """
            title: "Prog & <b>bold</b>"
            timezone: America/New_York
            session_types: {talk: {title: Talk}}
        """,
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-x.md": """
            ---
            title: "</div><script>alert('title')</script>"
            type: talk
            time: 09:00-10:00
            speakers: [mallory]
            ---
            Agenda.
        """,
        }
    )
    result = mkdocs_build(root, tmp_path / "out", strict=False)  # the session has no readings: a warning
    assert result.returncode == 0, result.stderr
    html = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "<script>alert(" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in html
    assert 'href="https://example.org/ok"' in html


def test_broken_content_fails_the_build_with_file_and_line(small_hub, tmp_path):
    root = small_hub(
        {
            "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
            "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
            "programs/p/c/sessions/2026-03-04-x.md": "---\ntitle: X\ntype: talk\nspeakrs: [nobody]\n---\n",
        }
    )
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 1
    assert "programs/p/c/sessions/2026-03-04-x.md:4:1: error: speakrs: unknown field 'speakrs'" in result.stderr
    assert "did you mean 'speakers'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


# Two builds of the example give the same bytes: tests/test_reproducible.py (a cold and a warm build, every file).


def test_example_content_uses_no_real_contact_details():
    for path in list((EXAMPLE_HUB / "content").rglob("*.yml")) + list((EXAMPLE_HUB / "programs").rglob("*.*")):
        text = path.read_text(encoding="utf-8")
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
            assert email.endswith("example.org"), f"{path}: {email}"
        data = frontmatter.loads(text).metadata if path.suffix == ".md" else yaml.safe_load(text)
        assert data is not None
