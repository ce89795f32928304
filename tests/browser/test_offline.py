"""Offline at the venue, in Spanish: the example hub built with ``theme.language: es``, served on 127.0.0.1 (a service
worker needs http://localhost or https), read by Chromium with its service worker allowed.

A reader opens the home page and a session, chooses their program, and loses the network: the session, its
cohort's Prepare page and one of its readings still open, each saying when its copy was saved — in Spanish, like
the session's state ("Dentro de 7 días"), which the script writes from the hub's catalog. A page they never opened,
outside their program, does not: the whole site is not on the phone. Then a new publish: the network returns,
the new page replaces the kept copy, and the new build's cache replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from hubgen.checks.site import serve_directory
from hubgen.hub.graph import Cohort, Hub, Session

from ..helpers import built_once
from ..test_i18n import _build_es
from .hubsite import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

SAVED_TITLE = "Guardada para leer sin conexión"  # the note's title (hubgen/locale/es/LC_MESSAGES/hubgen_js.po)
SAVED_TEXT = re.compile(r"Sin conexión: esta es la copia guardada el \d{1,2} de \w+ de \d{4}")


@pytest.fixture(scope="session")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example hub with ``theme.language: es``, built with ``--strict``: the build tests/test_i18n.py and
    tests/browser/test_language.py read, made once per test run (its fixed build day, 1 December 2026, is before
    the session these tests open, so it changes nothing here: the phone's clock sets the session's state)."""
    return built_once(tmp_path_factory, "example-es", _build_es)


@pytest.fixture
def served(spanish_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the Spanish site (a test may publish over it) served on 127.0.0.1: (folder, base URL)."""
    folder = tmp_path / "site"
    shutil.copytree(spanish_site, folder)
    with serve_directory(folder) as url:
        yield folder, url


@pytest.fixture
def open_phone(browser: Browser, served: tuple[Path, str], page_errors: list[str]) -> Iterator[Callable[..., Page]]:
    """``open_phone(moment)``: a phone in New York, Spanish, its clock at ``moment``, its service workers allowed;
    a request to any host but 127.0.0.1 is refused."""
    contexts = []

    def refuse_offsite(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def make(moment: dt.datetime) -> Page:
        context = browser.new_context(
            viewport=PHONE,  # type: ignore[arg-type]
            base_url=served[1],
            locale="es-US",
            timezone_id="America/New_York",
            service_workers="allow",
        )
        contexts.append(context)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), refuse_offsite)
        page = context.new_page()
        page.on("pageerror", lambda exc: page_errors.append(str(exc)))
        page.clock.set_fixed_time(moment)
        return page

    yield make
    for context in contexts:
        context.close()


def webinar(hub: Hub) -> tuple[Cohort, Session]:
    """The Health Equity Scholars' session of 17 March 2027 (2027 cohort): one with readings to prepare."""
    cohort = next(c for c in hub.cohorts if c.program.id == "health-equity-scholars" and c.id == "2027")
    session = next(s for s in cohort.sessions if s.day.isoformat() == "2027-03-17")
    assert session.required, "the example's session has readings to prepare"
    return cohort, session


CACHED = """async ([urls, build]) => {
  const name = (await caches.keys()).find((n) => n.endsWith(" " + build));
  const cache = name && (await caches.open(name));
  return cache ? Promise.all(urls.map((url) => cache.match(url).then(Boolean))) : [];
}"""


def build_of(folder: Path) -> str:
    """The build's id, as the build wrote it into sw.js."""
    found = re.search(r'"build":"([0-9a-f]+)"', (folder / "sw.js").read_text(encoding="utf-8"))
    assert found, "sw.js without its build's id"
    return found[1]


def kept(page: Page, base: str, build: str, choice: str, paths: list[str]) -> None:
    """Wait until the service worker of ``build`` says it has kept the pages of ``choice``; check ``paths`` are
    in its cache."""
    page.locator(f"html[data-hg-kept='{build} {choice}']").wait_for(state="attached")
    assert page.evaluate(CACHED, [[base + p for p in paths], build]) == [True] * len(paths), paths


def choose_and_keep(page: Page, served: tuple[Path, str], cohort: Cohort, session: Session) -> None:
    """Open the home page, choose ``cohort`` as "My program" and wait until its pages are kept."""
    page.goto("")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    choice = f"{cohort.program.id}/{cohort.id}"
    page.locator("[data-hg-mine-select]").select_option(choice)
    paths = ["", "calendar/", cohort.url + "prepare/", session.url, *(r.url for r in session.required)]
    kept(page, served[1], build_of(served[0]), choice, paths)


#: Look for a new sw.js and wait until it has taken over and is activated: it has kept the reader's pages (install)
#: and dropped the old build's cache (activate; the page's controller changes as activation starts).
NEW_WORKER = """() => new Promise((resolve, reject) => {
  const sw = navigator.serviceWorker;
  sw.addEventListener("controllerchange", () => {
    const worker = sw.controller;
    if (worker.state === "activated") resolve(true);
    worker.addEventListener("statechange", () => { if (worker.state === "activated") resolve(true); });
  }, { once: true });
  sw.getRegistration().then((r) => r.update()).catch(reject);
  setTimeout(() => reject(new Error("no new service worker took over within 60 s")), 60000);
})"""


def saved_note(page: Page):
    return page.locator(".hg-offline")


def test_the_program_opens_offline_with_when_it_was_saved(open_phone, hub, served, page_errors, artifacts_dir):
    cohort, session = webinar(hub)
    page = open_phone(session.start - dt.timedelta(days=7))
    choose_and_keep(page, served, cohort, session)
    page.goto(session.url)
    state = page.locator("[data-hg-now-state]")
    assert state.inner_text() == "Dentro de 7 días"  # hubgen.js, from the hub's catalog
    assert saved_note(page).count() == 0  # online: the page from the network, no note

    page.context.set_offline(True)
    for url in (session.url, cohort.url + "prepare/", session.required[0].url):
        page.goto(url)
        assert page.locator("h1").first.is_visible(), url
        note = saved_note(page)
        note.wait_for()
        assert note.locator(".admonition-title").inner_text() == SAVED_TITLE
        assert SAVED_TEXT.search(note.inner_text()), note.inner_text()
    page.goto(session.url)
    assert page.locator("[data-hg-now-state]").inner_text() == "Dentro de 7 días"
    page.screenshot(path=str(artifacts_dir / "offline-es-session.png"))

    # Not the whole site: a project page, never opened and outside the program, is not on the phone.
    project = next(p for p in hub.projects if p.cohort.program.id != cohort.program.id)
    with pytest.raises(Exception, match=r"net::ERR_(FAILED|INTERNET_DISCONNECTED)"):
        page.goto(project.url)
    assert page_errors == []


def test_a_new_publish_replaces_the_kept_copy(open_phone, hub, served, page_errors):
    cohort, session = webinar(hub)
    folder, base = served
    page = open_phone(session.start - dt.timedelta(days=7))
    choose_and_keep(page, served, cohort, session)

    # A new publish: the session's page changes, and with it the build's id in sw.js.
    old_build = build_of(folder)
    new_build = "0" * len(old_build)
    sw = folder / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8").replace(old_build, new_build), encoding="utf-8")
    page_file = folder / session.url / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</h1>", " (sala 2)</h1>", 1), encoding="utf-8")

    page.goto(session.url)  # online: the network first
    assert page.locator("h1").first.inner_text().endswith("(sala 2)")
    page.evaluate(NEW_WORKER)  # the browser looks for a new sw.js on a visit; here at once, and until it has taken over
    kept(page, base, new_build, f"{cohort.program.id}/{cohort.id}", [session.url, cohort.url + "prepare/"])
    names = page.evaluate("caches.keys()")
    assert [n.rsplit(" ", 1)[1] for n in names] == [new_build], names  # the old build's cache is gone

    page.context.set_offline(True)
    page.goto(session.url)
    saved_note(page).wait_for()
    assert page.locator("h1").first.inner_text().endswith("(sala 2)")  # the new publish's copy
    assert page_errors == []
