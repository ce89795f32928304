"""mkdocs.yml's values that Material prints into every page as they are, in Chromium (issue 24, finding 8).

Material prints ``site_name`` and ``copyright`` without escaping them and ``site_url``, ``repo_url`` and the
``extra`` links into attributes. Each payload below runs script on every page of a site built without the
hubgen plugin (what nothing checks); with the plugin, ``hubgen check`` refuses each at its line of mkdocs.yml
and the build stops before a page is written. The values staff do write (an ampersand, an apostrophe, a
copyright with an entity and a link, a mailto link) are accepted and inert.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hubgen.content.problems import Problems
from hubgen.content.settings import check_config_file
from tests.helpers import mkdocs_build, serve_directory, write_files

from .hubsite import DESKTOP
from .test_injection import RECORDER

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

# Each payload calls alert() with its own name, or is a javascript: link named by its target.
PAYLOADS = """\
site_name: "Hub <img src=x onerror=alert('site_name')>"
site_url: "https://example.org/\\"><img src=x onerror=alert('site_url')>"
repo_url: "https://github.com/example/hub\\"><img src=x onerror=alert('repo_url')>"
copyright: "<!--><img src=x onerror=alert('copyright')>-->"
extra:
  homepage: "javascript:alert('homepage')"
  social:
    - icon: fontawesome/brands/github
      link: "javascript:alert('social')"
"""
NAMES = {"site_name", "site_url", "repo_url", "copyright", "homepage", "social"}

ACCEPTED = """\
site_name: Tom's Hub — Health & Housing
site_url: https://example.org/hub/
repo_url: https://github.com/example/hub
copyright: 'Copyright &copy; 2026 <a href="https://example.org/?a=1&amp;b=2">Tom&#39;s Org</a>'
extra:
  homepage: /
  social:
    - icon: fontawesome/solid/envelope
      link: mailto:hub@example.org
"""

HUB = {
    "content/index.md": "# Home\n\nWelcome.\n",
    "content/topics.yml": "t: {title: T}\n",
    "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
}


def config(values: str, plugin: bool) -> str:
    plugins = "  - search\n" + ("  - hubgen:\n      staff_links: always\n" if plugin else "")
    return f"{values}docs_dir: content\ntheme:\n  name: material\nplugins:\n{plugins}"


def what_runs(browser: Browser, site: Path) -> set[str]:
    """The payloads that ran (alert's message) or are live links (javascript: hrefs) on the home page."""
    with serve_directory(site) as url:
        context = browser.new_context(viewport=DESKTOP, base_url=url, service_workers="block")
        context.route(
            "**/*", lambda route, request: route.continue_() if request.url.startswith(url) else route.abort()
        )
        context.add_init_script(RECORDER)
        page = context.new_page()
        try:
            page.goto("", wait_until="load")
            page.evaluate(  # an image that fails calls its onerror once it has failed: wait for every image
                "() => Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => "
                "{ i.onload = i.onerror = r; })))"
            )
            found = set(page.evaluate("window.__alerts.map(a => a.split(':').slice(1).join(':'))"))
            links = page.evaluate(
                "() => [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))"
                ".filter(h => /^\\s*javascript:/i.test(h))"
            )
            found |= {name for name in NAMES for href in links if f"'{name}'" in href}
            copyright_links = page.evaluate(
                "() => [...document.querySelectorAll('.md-copyright__highlight a')].map(a => a.getAttribute('href'))"
            )
        finally:
            context.close()
    return found | {f"copyright link {href}" for href in copyright_links}


def test_the_payloads_run_where_nothing_checks_them(browser: Browser, tmp_path: Path):
    """The payloads are real: built without the hubgen plugin, every one runs (or is a live link) in Chromium."""
    root = write_files(tmp_path / "hub", {**HUB, "mkdocs.yml": config(PAYLOADS, plugin=False)})
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert what_runs(browser, tmp_path / "site") >= NAMES


def test_each_payload_is_refused_at_its_line(tmp_path: Path):
    root = write_files(tmp_path / "hub", {**HUB, "mkdocs.yml": config(PAYLOADS, plugin=True)})
    problems = Problems()
    check_config_file(root / "mkdocs.yml", problems)
    lines = {p.line: p.field for p in problems.errors if p.file == "mkdocs.yml"}
    assert lines == {
        1: "site_name",
        2: "site_url",
        3: "repo_url",
        4: "copyright",
        6: "extra.homepage",
        9: "extra.social[0].link",
    }, [p.format() for p in problems]
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml:1:12: error: site_name:" in result.stderr
    assert not (site / "index.html").exists()


def test_the_values_staff_write_are_accepted_and_inert(browser: Browser, tmp_path: Path):
    root = write_files(tmp_path / "hub", {**HUB, "mkdocs.yml": config(ACCEPTED, plugin=True)})
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert what_runs(browser, tmp_path / "site") == {"copyright link https://example.org/?a=1&b=2"}
