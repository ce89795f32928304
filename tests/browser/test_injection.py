"""Script injection, checked where it would run: a hub with a script payload in every title field, every
page loaded in Chromium with an alert recorder (issue 11, findings 1 and 3).

Each payload tries to call ``alert``; ``window.alert``/``confirm``/``prompt`` are recorded by an init script
and Playwright's ``dialog`` event records any real dialog. The DOM is then asked, not the HTML text: no
element may carry an event-handler attribute, no link a ``javascript:`` URL, no ``<script>`` a payload.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from tests.helpers import MINIMAL_MKDOCS, mkdocs_build, serve_directory, write_files

from .hubsite import DESKTOP

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('s{n}')</script>",
    "<img src=x onerror=alert('i{n}')>",
    "\"><svg onload=alert('v{n}')>",
    "x {{: onmouseover=alert('m{n}') tabindex=0 onfocus=alert('f{n}') autofocus }}",
    "[x](javascript:alert('j{n}'))",
    "</p><details open ontoggle=alert('d{n}')>",
]

RECORDER = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (message) => { window.__alerts.push(name + ":" + message); return null; };
}
"""

COUNT = [0]


def payload() -> str:
    """The next payload: each field gets another one, numbered so a hit names its field."""
    COUNT[0] += 1
    return PAYLOADS[COUNT[0] % len(PAYLOADS)].format(n=COUNT[0]) + f" #{COUNT[0]}"


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def payload_hub(root: Path) -> Path:
    """Every title-like field of every kind of file holds a payload."""
    files = {
        "mkdocs.yml": MINIMAL_MKDOCS,
        "content/index.md": "# Home\n\n<!-- hubgen:upcoming limit=5 -->\n",
        "content/topics.yml": dump({"t": {"title": payload(), "description": payload()}}),
        "content/people/ada.yml": dump(
            {"name": payload(), "pronouns": payload(), "role": payload(), "affiliation": payload(), "bio": payload()}
        ),
        "content/people/ben.yml": dump({"name": payload(), "role": payload(), "visibility": "name-only"}),
        "content/readings/r1.yml": dump(
            {
                "title": payload(),
                "type": "article",
                "authors": [payload()],
                "source": payload(),
                "publisher": payload(),
                "topics": ["t"],
                "summary": payload(),
                "url": "https://example.org/r1",
            }
        ),
        "content/news/2026-02-01-hello.md": "---\n"
        + dump({"title": payload(), "author": "ben", "summary": payload()})
        + "---\nHello.\n",
        "programs/p/program.yml": dump(
            {
                "title": payload(),
                "summary": payload(),
                "description": payload(),
                "timezone": "America/New_York",
                "objectives": [{"title": payload(), "text": payload()}],
                "components": [{"title": payload(), "text": payload()}],
                "session_types": {"talk": {"title": payload()}},
                "contacts": ["ada"],
                "topics": ["t"],
            }
        ),
        "programs/p/c/cohort.yml": dump(
            {
                "title": payload(),
                "starts": "2026-01-01",
                "ends": "2026-12-31",
                "summary": payload(),
                "participants": ["ben"],
                "facilitators": ["ada"],
            }
        ),
        "programs/p/c/sessions/2026-03-04-open.md": "---\n"
        + dump(
            {
                "title": payload(),
                "type": "talk",
                "time": "10:00-11:00",
                "speakers": ["ada"],
                "topics": ["t"],
                "readings": {"required": ["r1"]},
                "location": {"name": payload(), "address": payload()},
                "materials": [{"title": payload(), "url": "https://example.org/slides"}],
                "assignments": [{"title": payload(), "due": "2026-03-10", "details": payload()}],
            }
        )
        + "---\nAgenda.\n",
        "programs/p/c/series/weekly.yml": dump(
            {
                "title": payload(),
                "type": "talk",
                "weekday": "wednesday",
                "starts": "2026-04-01",
                "ends": "2026-04-15",
                "readings": {"required": ["r1"]},
                "dates": {"2026-04-08": {"title": payload(), "summary": payload()}},
            }
        ),
        "programs/p/c/projects/proj.md": "---\n"
        + dump(
            {
                "title": payload(),
                "summary": payload(),
                "organization": payload(),
                "team": ["ada", "ben"],
                "topics": ["t"],
                "links": [{"title": payload(), "url": "https://example.org/p"}],
            }
        )
        + "---\nWhat we do.\n",
    }
    return write_files(root, files)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = payload_hub(tmp_path_factory.mktemp("payloads") / "hub")
    site = root.parent / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    with serve_directory(site) as url:
        yield site, url


def test_no_payload_runs_on_any_page(browser: Browser, payload_site: tuple[Path, str]):
    site, url = payload_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "404.html" in pages and "people/index.html" in pages and len(pages) > 15
    context = browser.new_context(viewport=DESKTOP, base_url=url, service_workers="block")
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(url) else route.abort())
    context.add_init_script(RECORDER)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    alerts: list[str] = []
    live: list[str] = []
    try:
        for name in pages:
            page.goto(name)
            for _ in range(8):  # focus moves through the page: an onfocus payload would fire
                page.keyboard.press("Tab")
            # every element is pointed at, as a hover would: an onmouseover or onpointerenter payload would fire
            page.evaluate(
                """() => {
                  for (const el of document.querySelectorAll('body *')) {
                    for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove']) {
                      const Event = type.startsWith('pointer') ? PointerEvent : MouseEvent;
                      el.dispatchEvent(new Event(type, {bubbles: !type.endsWith('enter'), cancelable: true}));
                    }
                  }
                }"""
            )
            alerts += [f"{name}: {a}" for a in page.evaluate("window.__alerts")]
            live += [
                f"{name}: {found}"
                for found in page.evaluate(
                    """() => {
                      const out = [];
                      for (const el of document.querySelectorAll('*')) {
                        for (const attr of el.getAttributeNames()) {
                          if (attr.startsWith('on')) out.push(`<${el.localName} ${attr}>`);
                        }
                        const href = el.getAttribute('href') || '';
                        if (/^\\s*javascript:/i.test(href)) out.push(`<${el.localName} href=${href}>`);
                        if (el.localName === 'script' && /alert\\(/.test(el.textContent)) out.push('<script>');
                      }
                      return out;
                    }"""
                )
            ]
    finally:
        context.close()
    assert dialogs == [] and alerts == [] and live == [], (dialogs, alerts, live)


def test_the_payloads_are_shown_as_text(browser: Browser, payload_site: tuple[Path, str]):
    """Escaped, not dropped: the people page's heading and the navigation show the payloads as typed."""
    _site, url = payload_site
    context = browser.new_context(viewport=DESKTOP, base_url=url)
    page = context.new_page()
    try:
        page.goto("people/")
        heading = page.locator("h2#p-c").inner_text()
        assert "{: onmouseover=" in heading or "<" in heading, heading
        nav = page.locator(".md-nav").first.text_content() or ""  # the programs' entries may be folded away
        assert "#" in nav and ("<script>" in nav or "onerror" in nav or "{:" in nav or "javascript:" in nav), nav
    finally:
        context.close()
