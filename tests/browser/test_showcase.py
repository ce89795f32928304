"""The showcase gallery's filter and a person's sessions, in Chromium.

What each test expects is computed from the example content's source files (not from hubgen),
then checked against what the reader sees.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from .example_content import ExampleContent, load_yaml, split_front_matter
from .hubsite import EXAMPLE_HUB, PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CARDS = "#showcase-projects > li"
#: facets.js arrives with the page; it unhides the form. Generous, never a sleep.
READY_MS = 10_000


@dataclass(frozen=True)
class Project:
    id: str
    program: str
    title: str
    organization: str
    topics: tuple[str, ...]
    status: str
    first_paragraph: str

    def has_words(self, *words: str) -> bool:
        text = " ".join((self.title, self.organization, self.first_paragraph)).lower()
        return all(w in text for w in words)


@cache
def projects() -> tuple[Project, ...]:
    found = []
    for path in sorted(EXAMPLE_HUB.glob("programs/*/*/projects/*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        paragraph = next(p for p in re.split(r"\n\s*\n", body.strip()) if not p.lstrip().startswith("#"))
        found.append(
            Project(
                path.stem,
                path.parts[-4],
                str(meta["title"]),
                str(meta.get("organization", "")),
                tuple(meta.get("topics") or ()),
                str(meta.get("status", "active")),
                paragraph,
            )
        )
    return tuple(found)


def visible_titles(page: Page) -> list[str]:
    """The titles of the cards a reader sees (not merely those without the hidden attribute)."""
    return page.locator(f"{CARDS} a.hg-card__title").filter(visible=True).all_inner_texts()


def open_gallery(page: Page, query: str = "") -> None:
    from playwright.sync_api import expect

    page.goto("showcase/" + query)
    expect(page.locator("form.hg-filters")).to_be_visible(timeout=READY_MS)


def expect_shown(page: Page, text: str) -> None:
    """The count the filter announces (written a moment after the last change, for screen readers)."""
    from playwright.sync_api import expect

    expect(page.locator("form.hg-filters output[data-hg-shown]")).to_have_text(text)


def test_two_facets_and_words_narrow_the_gallery_and_the_url_keeps_the_view(
    page: Page, offsite_requests: list[str], page_errors: list[str]
) -> None:
    from playwright.sync_api import expect

    everything = projects()
    program, topic = "health-equity-scholars", "advocacy"
    in_both = [p for p in everything if p.program == program and topic in p.topics]
    word = "detroit"
    with_word = [p for p in in_both if p.has_words(word)]
    assert len(everything) > len(in_both) > len(with_word) >= 1, "the example content makes each step narrow"

    open_gallery(page)
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(len(everything))
    expect_shown(page, f"All {len(everything)} projects")

    page.get_by_role("checkbox", name=re.compile(r"^Health Equity Scholars Program \d+$")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Advocacy \d+$")).check()
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(len(in_both))
    assert sorted(visible_titles(page)) == sorted(p.title for p in in_both)
    # Each status value counts the cards that ticking it would show; an empty one is disabled.
    for status in ("planning", "active", "completed"):
        box = page.locator(f'input[name="status"][value="{status}"]')
        expected = sum(p.status == status for p in in_both)
        expect(box.locator("xpath=..").locator("[data-hg-count]")).to_have_text(str(expected))
        assert box.is_disabled() == (expected == 0)

    page.get_by_label("Words in the title, team, organization or summary").fill(word)
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(len(with_word))
    assert sorted(visible_titles(page)) == sorted(p.title for p in with_word)
    expect_shown(page, f"{len(with_word)} of {len(everything)} projects")

    query = parse_qs(urlsplit(page.url).query)
    assert query == {"program": [program], "topic": [topic], "text": [word]}

    # The URL is the view: opened afresh, it shows the same cards with the same boxes ticked.
    fresh = page.context.new_page()
    fresh.goto(page.url)
    expect(fresh.locator(CARDS).filter(visible=True)).to_have_count(len(with_word))
    expect(fresh.locator(f'input[name="topic"][value="{topic}"]')).to_be_checked()

    # Back undoes the words, then a facet.
    page.go_back()
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(len(in_both))
    page.go_back()
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(sum(p.program == program for p in everything))
    assert offsite_requests == [] and page_errors == []


def test_the_gallery_filter_works_from_the_keyboard_on_a_phone(
    new_page: Callable[..., Page], page_errors: list[str]
) -> None:
    from playwright.sync_api import expect

    page = new_page(viewport=PHONE)
    open_gallery(page)
    details = page.locator("form.hg-filters details")
    expect(details).not_to_have_attribute("open", "")  # folded on a phone: the cards come first
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    box = page.locator('input[name="status"][value="completed"]')
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    completed = [p for p in projects() if p.status == "completed"]
    expect(page.locator(CARDS).filter(visible=True)).to_have_count(len(completed))
    assert parse_qs(urlsplit(page.url).query) == {"status": ["completed"]}
    assert page_errors == []


def test_card_images_keep_their_space_before_they_load(page: Page) -> None:
    open_gallery(page)
    images = page.locator(f"{CARDS} img.hg-card__image")
    assert images.count() >= 15
    first = images.first
    first.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=first.element_handle())
    assert first.evaluate("(img) => img.currentSrc").split("/")[-1].split(".")[0].endswith(("-640", "-1280"))
    # The last card is far below: not loaded yet (loading=lazy), yet its box already has the card's shape.
    last = images.last
    loaded, width, height = last.evaluate(
        "(img) => [img.complete && img.naturalWidth > 0, img.getBoundingClientRect().width,"
        " img.getBoundingClientRect().height]"
    )
    assert not loaded
    assert width > 100 and abs(width / height - 1.6) < 0.02


# --- a person's sessions --------------------------------------------------------------------------------


@cache
def busiest_public_speaker() -> tuple[str, list[dt.date]]:
    """A public speaker with sessions before and after some day, and the days of their sessions."""
    content = ExampleContent()
    days: dict[str, list[dt.date]] = {}
    for session in content.sessions():
        people = session.speakers + [str(p) for p in session.meta.get("facilitators") or []]
        for pid in dict.fromkeys(people):
            days.setdefault(pid, []).append(dt.date.fromisoformat(session.path.stem[:10]))
    public = [
        pid
        for pid in days
        if content.is_public(pid) and pid in {s for session in content.sessions() for s in session.speakers}
    ]
    pid = max(public, key=lambda p: (len(set(days[p])), p))
    return pid, sorted(days[pid])


def test_a_person_page_splits_upcoming_and_past_sessions_by_the_readers_clock(
    new_page: Callable[..., Page], page_errors: list[str]
) -> None:
    from playwright.sync_api import expect

    pid, days = busiest_public_speaker()
    # A quiet stretch of at least three days between two of their sessions: "now" is in the middle of it.
    gaps = [(a, b) for a, b in itertools.pairwise(days) if (b - a).days >= 3]
    assert gaps, f"{pid}'s sessions leave no quiet stretch"
    last_past, _ = gaps[len(gaps) // 2]
    now = dt.datetime.combine(last_past + dt.timedelta(days=2), dt.time(12), dt.UTC)
    past = sum(d <= last_past for d in days)
    name = str(load_yaml(EXAMPLE_HUB / "content" / "people" / f"{pid}.yml")["name"])

    page = new_page()
    page.clock.set_fixed_time(now)
    page.goto(f"people/{pid}/")
    expect(page.locator("h1")).to_have_text(re.compile(re.escape(name)))
    upcoming = page.locator("ol.hg-upcoming > li")
    earlier = page.locator("ol.hg-past-sessions > li")
    # Sessions may also come from series files: the page's own list is the whole, the sources a lower bound.
    ends = [
        dt.datetime.fromisoformat(e)
        for e in upcoming.evaluate_all("(items) => items.map((li) => li.getAttribute('data-hg-end'))")
    ]
    assert len(ends) >= len(days) and sum(e <= now for e in ends) >= past
    past = sum(e <= now for e in ends)
    expect(upcoming.filter(visible=True)).to_have_count(len(ends) - past)
    expect(earlier.filter(visible=True)).to_have_count(past)
    expect(page.locator("h2#past-sessions")).to_be_visible()
    expect(page.get_by_role("link", name="Calendar feed (.ics)")).to_be_visible()

    # Before the first session there is nothing past: the heading goes too.
    before = new_page()
    before.clock.set_fixed_time(dt.datetime.combine(days[0] - dt.timedelta(days=30), dt.time(12), dt.UTC))
    before.goto(f"people/{pid}/")
    expect(before.locator("ol.hg-upcoming > li").filter(visible=True)).to_have_count(len(ends))
    expect(before.locator("h2#past-sessions")).to_be_hidden()
    assert page_errors == []
