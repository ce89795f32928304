"""Logistics a participant needs (a map link, access notes, a contact; each day's hours), validated like every other
field, and shown where they exist; a person's page says their part in each session."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from hubgen.cli import main
from hubgen.hub.graph import Hub
from tests.helpers import page

PROGRAM = "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n"
COHORT = "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n"


def session(front: str) -> dict[str, str]:
    return {
        "programs/p/program.yml": PROGRAM,
        "programs/p/c/cohort.yml": COHORT,
        "programs/p/c/sessions/2026-03-04-x.md": f"---\ntitle: X\ntype: talk\n{front}---\nAgenda.\n",
    }


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        (
            "location:\n  name: Hall\n  map: javascript:alert(1)\n",
            6,
            "location.map: 'javascript:alert(1)': only http(s) and mailto links are allowed",
        ),
        ("contact: www.example.org/help\n", 4, "contact: 'www.example.org/help' is not a full link"),
        (
            "time: 09:00-17:00\nuntil: 2026-03-05\ndays:\n  2026-03-07: 09:00-12:00\n",
            7,
            "days: 2026-03-07 is not a day of this session (2026-03-04 to 2026-03-05)",
        ),
        (
            "until: 2026-03-05\ndays:\n  2026-03-05: 09:00-12:00\n",
            6,
            "days: 'days' sets the hours of some days: give the usual hours in 'time' too",
        ),
        ("time: 09:00-17:00\nuntil: 2026-03-05\ndays:\n  2026-03-05: 12:00-09:00\n", 7, "days.2026-03-05:"),
    ],
)
def test_logistics_fields_are_checked_with_file_and_line(small_hub, capsys, front, line, message):
    root = small_hub(session(front))
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"programs/p/c/sessions/2026-03-04-x.md:{line}:" in out and f"error: {message}" in out, out
    assert "Traceback" not in out


def test_logistics_are_shown_where_they_exist(example_site, hub: Hub):
    s = next(s for s in hub.sessions if s.data.location and s.data.location.map and s.data.contact)
    soup = page(example_site, s.url)
    facts = soup.select_one("dl.hg-facts")
    assert facts.select_one("a.hg-map")["href"] == s.data.location.map
    assert s.data.location.access_notes.split(";")[0] in facts.get_text()
    assert facts.select_one("a.hg-contact")["href"] == s.data.contact
    bare = next(s for s in hub.sessions if s.data.location and not s.data.location.map and not s.data.contact)
    facts = page(example_site, bare.url).select_one("dl.hg-facts")
    assert facts.select_one("a.hg-map") is None and facts.select_one("a.hg-contact") is None


def test_a_person_page_says_their_part_in_each_session_and_does_not_link_back(example_site, hub: Hub):
    person = max((p for p in hub.people.values() if p.has_page), key=lambda p: len(p.sessions))
    soup: BeautifulSoup = page(example_site, person.url)
    lines = soup.select("article ol.hg-sessions > li")
    assert len(lines) >= len(person.sessions)
    for li in lines:
        role = li.select_one(".hg-role")
        assert role is not None and role.get_text() in {"Speaker", "Facilitator"}
        assert not [a for a in li.select("a") if a["href"].rstrip("/").endswith(f"people/{person.id}")], li
    # "Subscribe to the sessions with …", never "…, MD's sessions"
    subscribe = soup.select_one(".hg-subscribe__lead")
    assert subscribe is not None, f"{person.url}: no subscribe line"
    assert "'s sessions" not in subscribe.get_text()
    assert f"Subscribe to the sessions with {person.name}" in subscribe.get_text()
