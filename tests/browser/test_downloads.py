""" "Download citations" in Chromium: a session's and a reading's links carry the text as ``data:`` URLs.

A click saves a file under the link's ``download`` name, with no script (the session's page is opened with
JavaScript off), and the file reads back with the tools people import it with: bibtexparser v2, rispy.
The expected readings are worked out from the hub here, not by hubgen's citation code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import bibtexparser
import pytest
import rispy

from hubgen.hub.graph import Hub

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def click_download(page: Page, label: str, mime: str, name: str) -> str:
    """Click the page's "Download citations" link ``label`` (a data: URL of ``mime``): the saved file's text."""
    link = page.locator("article .hg-downloads a", has_text=label)
    assert (link.get_attribute("href") or "").startswith(f"data:{mime};charset=utf-8,")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == name
    return Path(download.value.path()).read_text(encoding="utf-8")


def test_a_sessions_bibtex_downloads_with_scripts_off(
    new_page: Callable[..., Page], hub: Hub, offsite_requests: list[str]
) -> None:
    session = max(hub.sessions, key=lambda s: len(dict.fromkeys(s.required + s.optional)))
    readings = list(dict.fromkeys(session.required + session.optional))
    assert len(readings) > 1
    page = new_page(java_script_enabled=False)
    page.goto(session.url)
    library = bibtexparser.parse_string(click_download(page, "BibTeX", "application/x-bibtex", f"{session.id}.bib"))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [r.data.key or r.id for r in readings]
    assert all(e.fields_dict["title"].value for e in library.entries)
    assert offsite_requests == []


def test_a_readings_ris_downloads(page: Page, hub: Hub, page_errors: list[str], offsite_requests: list[str]) -> None:
    reading = next(r for r in hub.readings.values() if r.data.authors and r.data.year and not r.data.key)
    page.goto(reading.url)
    text = click_download(page, "RIS", "application/x-research-info-systems", f"{reading.id}.ris")
    [record] = rispy.loads(text)
    assert record["id"] == reading.id
    assert record["authors"] == list(reading.data.authors)
    assert record["year"] == str(reading.data.year)
    assert page_errors == [] and offsite_requests == []


def test_the_librarys_download_follows_its_filter(
    page: Page, hub: Hub, page_errors: list[str], offsite_requests: list[str]
) -> None:
    """A reader who filtered the library to a few readings downloads those, in every format (issue 29, item 7)."""
    from playwright.sync_api import expect

    by_type: dict[str, list[str]] = {}
    for r in hub.readings.values():
        by_type.setdefault(r.data.type, []).append(r.data.key or r.id)
    kind, keys = next((k, v) for k, v in sorted(by_type.items()) if 1 < len(v) < len(hub.readings) // 2)
    page.goto(f"library/?type={kind}")
    what = page.locator("[data-hg-downloads-what]")
    expect(what).to_have_text(f"the {len(keys)} readings shown")
    shown = page.locator("#hg-library > li[data-hg-item]:visible").evaluate_all(
        "(items) => items.map((li) => li.dataset.hgKey)"
    )
    assert sorted(shown) == sorted(keys)

    def save(suffix: str) -> str:
        with page.expect_download() as download:
            page.locator(f'.hg-downloads a[download="library.{suffix}"]').click()
        assert download.value.suggested_filename == f"library.{suffix}"
        return Path(download.value.path()).read_text(encoding="utf-8")

    library = bibtexparser.parse_string(save("bib"))
    assert library.failed_blocks == [] and [e.key for e in library.entries] == shown
    assert [r["id"] for r in rispy.loads(save("ris"))] == shown
    assert [item["id"] for item in json.loads(save("json"))] == shown

    page.get_by_role("button", name="Clear filters").click()  # the whole library again: the file as it is
    expect(what).to_have_text("the whole library")
    whole = bibtexparser.parse_string(save("bib"))
    assert len(whole.entries) == len(hub.readings)
    assert page_errors == [] and offsite_requests == []
