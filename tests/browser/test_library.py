"""The library's filter in Chromium: facets and words, counts, the URL, Back, reload, keyboard, no JavaScript.

Expected counts are worked out here from the example content's YAML files (not by hubgen), so the
tests follow the content.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import pytest
import yaml

from .example_content import ExampleContent, load_yaml
from .hubsite import EXAMPLE_HUB, PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ITEMS = "#hg-library > li[data-hg-item]"


@cache
def readings() -> dict[str, dict[str, Any]]:
    return {p.stem: load_yaml(p) for p in sorted((EXAMPLE_HUB / "content" / "readings").glob("*.yml"))}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def words_of(r: dict[str, Any]) -> str:
    return fold(" ".join([str(r["title"]), *map(str, r.get("authors") or []), str(r.get("summary") or "")]))


def matching(topic: str | None = None, kind: str | None = None, word: str | None = None) -> list[str]:
    return [
        rid
        for rid, r in readings().items()
        if (topic is None or topic in (r.get("topics") or []))
        and (kind is None or r["type"] == kind)
        and (word is None or fold(word) in words_of(r))
    ]


@cache
def scenario() -> tuple[str, str, str]:
    """A topic, a type and a word that together leave a few readings (but not all of that topic and type)."""
    topics = Counter(t for r in readings().values() for t in r.get("topics") or [])
    for topic, _ in topics.most_common():
        for kind in ("article", "report", "toolkit"):
            both = matching(topic, kind)
            if len(both) < 2:
                continue
            for rid in both:
                for word in re.findall(r"[A-Za-z]{6,}", str(readings()[rid]["title"])):
                    hits = matching(topic, kind, word)
                    if 0 < len(hits) < len(both):
                        return topic, kind, word.lower()
    pytest.fail("the example library has no topic and type with two readings to tell apart by a word")


def topic_title(topic: str) -> str:
    return str(yaml.safe_load((EXAMPLE_HUB / "content" / "topics.yml").read_text(encoding="utf-8"))[topic]["title"])


def visible_ids(page: Page) -> list[str]:
    return page.locator(ITEMS).evaluate_all(
        "(items) => items.filter((li) => !li.hidden && li.getClientRects().length)"
        ".map((li) => li.querySelector('a').getAttribute('href').split('/').filter(Boolean).pop())"
    )


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search").lstrip("?"))


def expect_shown(page: Page, ids: list[str]) -> None:
    from playwright.sync_api import expect

    total = len(readings())
    expect(page.locator("output[data-hg-shown]")).to_have_text(
        f"All {total} readings" if len(ids) == total else f"{len(ids)} of {total} readings"
    )
    expect(page.locator(ITEMS).filter(visible=True)).to_have_count(len(ids))
    assert sorted(visible_ids(page)) == sorted(ids)


def open_library(page: Page, url: str = "library/") -> None:
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.locator("form.hg-filters")).to_be_visible()


def test_two_facets_and_words_give_the_expected_readings_and_url(page: Page, page_errors, offsite_requests):
    topic, kind, word = scenario()
    open_library(page)
    assert len(visible_ids(page)) == len(readings())
    page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(topic_title(topic))}\b")).check()
    expect_shown(page, matching(topic))
    page.get_by_role("checkbox", name=re.compile(rf"^{kind.capitalize()}\b")).check()
    expect_shown(page, matching(topic, kind))
    page.get_by_label("Words in the title, authors or summary").press_sequentially(word, delay=20)
    expect_shown(page, matching(topic, kind, word))
    assert query(page) == {"topic": [topic], "type": [kind], "text": [word]}
    assert page_errors == [] and offsite_requests == []


def test_counts_say_what_ticking_a_value_would_show(page: Page):
    topic, _, _ = scenario()
    open_library(page, f"library/?topic={topic}")
    expect_shown(page, matching(topic))
    for kind in ("article", "report", "video", "podcast", "book"):
        box = page.locator(f'input[name="type"][value="{kind}"]')
        if not box.count():
            continue
        count = len(matching(topic, kind))
        label = page.locator("label", has=box)
        assert label.locator("[data-hg-count]").inner_text() == str(count)
        assert box.is_disabled() == (count == 0)
    # several values of one facet: either one
    other = next(
        t for t, _ in Counter(t for r in readings().values() for t in r.get("topics") or []).most_common() if t != topic
    )
    page.locator(f'input[name="topic"][value="{other}"]').check()
    expect_shown(page, sorted(set(matching(topic)) | set(matching(other))))
    assert query(page)["topic"] == [",".join(sorted([topic, other], key=list(load_topics()).index))]


@cache
def load_topics() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLE_HUB / "content" / "topics.yml").read_text(encoding="utf-8"))


def test_back_restores_the_previous_filter(page: Page):
    topic, kind, word = scenario()
    open_library(page)
    page.locator(f'input[name="topic"][value="{topic}"]').check()
    page.locator(f'input[name="type"][value="{kind}"]').check()
    page.get_by_label("Words in the title, authors or summary").press_sequentially(word, delay=20)
    expect_shown(page, matching(topic, kind, word))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.resource_type in ("document", "fetch", "xhr") else None)
    page.evaluate("window.hgSamePage = 1")

    page.go_back()  # the words go, as typed: one history entry
    expect_shown(page, matching(topic, kind))
    assert page.get_by_label("Words in the title, authors or summary").input_value() == ""
    page.go_back()
    expect_shown(page, matching(topic))
    assert not page.locator(f'input[name="type"][value="{kind}"]').is_checked()
    assert query(page) == {"topic": [topic]}
    page.go_forward()
    expect_shown(page, matching(topic, kind))
    # Only the filters changed: the page was neither reloaded nor fetched again by the instant navigation.
    assert page.evaluate("window.hgSamePage") == 1
    assert fetched == []


def test_a_shared_url_opens_the_same_view(page: Page, page_errors):
    topic, kind, word = scenario()
    open_library(page, f"library/?topic={topic}&type={kind}&text={word}")
    expect_shown(page, matching(topic, kind, word))
    assert page.locator(f'input[name="topic"][value="{topic}"]').is_checked()
    assert page.get_by_label("Words in the title, authors or summary").input_value() == word
    page.reload()
    expect_shown(page, matching(topic, kind, word))
    # Material's own search is not opened by the filter's words
    assert not page.locator("#__search").is_checked()
    assert page_errors == []


def test_clear_filters(page: Page):
    topic, kind, _ = scenario()
    open_library(page, f"library/?topic={topic}&type={kind}")
    page.get_by_role("button", name="Clear filters").click()
    expect_shown(page, list(readings()))
    assert query(page) == {}


def test_keyboard_only(page: Page):
    from playwright.sync_api import expect

    _, _, word = scenario()
    open_library(page)
    words = page.get_by_label("Words in the title, authors or summary")
    words.focus()
    page.keyboard.type(word)
    expect_shown(page, matching(word=word))
    page.keyboard.press("Tab")  # the "Filter by …" disclosure
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")  # the first enabled checkbox
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), f"the focused checkbox {focused} shows no focus ring"
    page.keyboard.press("Space")
    name, value = focused
    expect(page.locator(f'input[name="{name}"][value="{value}"]')).to_be_checked()
    expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))
    assert len(visible_ids(page)) <= len(matching(word=word))


def test_announces_the_count_politely(page: Page):
    topic, _, _ = scenario()
    open_library(page)
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    page.locator(f'input[name="topic"][value="{topic}"]').check()
    from playwright.sync_api import expect

    expect(status).to_have_text(f"{len(matching(topic))} of {len(readings())} readings")


def test_works_after_instant_navigation(page: Page, instant_page: Callable[[str], Page]):
    """Material's navigation.instant swaps pages without loading them: the filter starts on each new page."""
    from playwright.sync_api import expect

    topic, kind, _ = scenario()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page = instant_page("")
    page.evaluate("window.hgMarker = 1")
    # The home page has no filter: it does not fetch the filter's script (issue 26: the first load's bytes)...
    assert not any(url.endswith("/facets.js") for url in fetched), fetched
    page.locator("a.md-tabs__link", has_text="Library").click()
    # ... the library, swapped in by the instant navigation, fetches it and its filter starts.
    expect(page.locator("form.hg-filters")).to_be_visible()
    assert any(url.endswith("/facets.js") for url in fetched), fetched
    assert page.evaluate("window.hgMarker") == 1, "the page was reloaded, not swapped in"
    page.locator(f'input[name="topic"][value="{topic}"]').check()
    expect_shown(page, matching(topic))
    page.locator(ITEMS).filter(visible=True).first.locator("a").click()
    expect(page.locator("p.hg-citation")).to_be_visible()
    page.go_back()
    expect(page.locator("form.hg-filters")).to_be_visible()
    expect_shown(page, matching(topic))
    page.locator(f'input[name="type"][value="{kind}"]').check()
    expect_shown(page, matching(topic, kind))


def test_without_javascript_the_whole_list_shows(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("library/")
    assert page.locator("form.hg-filters").is_hidden()
    assert page.locator(ITEMS).count() == len(readings())
    assert all(page.locator(ITEMS).nth(i).is_visible() for i in (0, len(readings()) - 1))


def test_on_a_phone_the_facets_fold_away(new_page):
    page = new_page(viewport=PHONE)
    topic, _, _ = scenario()
    open_library(page)
    assert not page.locator("details.hg-filters__more").evaluate("d => d.open")
    open_library(page, f"library/?topic={topic}")
    assert page.locator("details.hg-filters__more").evaluate("d => d.open")


# --- preparing for sessions ------------------------------------------------------------------------------------


def test_prepare_page_puts_upcoming_sessions_first(new_page):
    from playwright.sync_api import expect

    cohort = ("practitioner-fellowship", "2026-2027")
    sessions = [s for s in ExampleContent().sessions() if s.path.parts[-4:-2] == cohort]
    days = sorted(str(s.path.stem)[:10] for s in sessions)
    middle = days[len(days) // 2]
    page = new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(middle + "T12:00:00+00:00") + dt.timedelta(days=1))
    page.goto("programs/practitioner-fellowship/2026-2027/prepare/")
    sections = page.locator("section.hg-prepare__session")
    expect(page.locator("details.hg-prepare__past")).to_be_attached()
    expect(page.locator("details.hg-prepare__past > section.hg-prepare__session").first).to_be_attached()  # folded
    # Past sessions are folded, closed, into "N past sessions" after the upcoming ones (issue 26).
    boxes = sections.evaluate_all(
        "(els) => els.map((el) => [el.getBoundingClientRect().top, "
        "el.classList.contains('hg-past'), "
        "el.querySelector('time').getAttribute('datetime'), "
        "!!el.closest('details.hg-prepare__past')])"
    )
    shown = [b for b in boxes if not b[3]]
    folded = [b for b in boxes if b[3]]
    assert shown and folded, "upcoming sessions shown, past ones folded"
    assert not any(b[1] for b in shown), "a past session is shown among the upcoming ones"
    assert all(b[1] for b in folded), "an upcoming session is folded away"
    assert [b[2] for b in sorted(shown)] == sorted(b[2] for b in shown), "upcoming sessions are in date order"
    fold = page.locator("details.hg-prepare__past")
    expect(fold.locator("summary")).to_have_text(f"{len(folded)} past session" + ("" if len(folded) == 1 else "s"))
    assert not fold.evaluate("d => d.open")


def test_session_and_prepare_pages_print_cleanly(new_page):
    page = new_page()
    session = next(s for s in ExampleContent().sessions() if s.required_readings)
    for url in (session.url, "programs/practitioner-fellowship/2026-2027/prepare/"):
        page.goto(url)
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".hg-downloads"):
            loc = page.locator(selector).first
            assert loc.count(), f"{url}: no {selector} to hide from print"
            assert loc.evaluate("(el) => getComputedStyle(el).display") == "none", f"{url}: {selector} is printed"
        shown = page.locator(".hg-reading__where").first
        assert shown.evaluate("(el) => getComputedStyle(el).display") != "none", "a reading's address is not printed"
        # A handout: links print as their text, never followed by their (long) address (issue 14).
        external = page.locator('article a[href^="http"]').first
        assert external.count(), f"{url}: no link to another site, whose printing this checks"
        assert external.evaluate("(a) => getComputedStyle(a, '::after').content") in ("none", "normal")
        page.emulate_media(media="screen")
