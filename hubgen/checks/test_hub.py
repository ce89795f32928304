"""The hub's checks: valid content, a strict build, nothing private in the output, valid HTML and links, and the
key pages working in Chromium with nothing serious for axe-core. They name no content: every page they look at is
found in the build, so they pass for any valid hub.

A hub runs them with ``hubgen test`` (its ``make test``); Hubgen's repository runs them on its example hub
(tests/hub_checks/). Each failure says which file to fix and how.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .browser import MATERIAL_FINDINGS, axe, serious_findings, with_axe
from .privacy import Secrets, audit
from .site import key_pages, npm_client
from .validators import MATERIAL_HTML, describe, is_material, linkcheck, linkchecker_available

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.hub_check

SECTIONS = ("", "programs/", "calendar/", "library/", "showcase/", "people/", "topics/")


def test_the_content_passes_the_check(hub_root: Path) -> None:
    """``hubgen check``, as staff run it: every problem at its file and line, with the fix."""
    result = subprocess.run(
        [sys.executable, "-m", "hubgen.cli", "check", str(hub_root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, "`hubgen check` found problems — fix each at its file and line:\n" + result.stdout


def test_the_site_builds_strictly_with_every_section(hub_site: Path) -> None:
    missing = [f"/{url}" for url in SECTIONS if not (hub_site / url / "index.html").is_file()]
    assert not missing, f"the built site has no page at {', '.join(missing)}"
    assert (hub_site / "404.html").is_file(), "the built site has no 404 page"
    key_pages(hub_site)


def test_nothing_private_is_in_the_site(hub_root: Path, hub_site: Path) -> None:
    """The privacy audit of the output: unpublished emails, meeting links and hidden people appear nowhere."""
    leaks = audit(hub_site, Secrets.from_sources(hub_root))
    assert not leaks, (
        "the built site publishes what its people did not agree to publish (file of the site: what):\n"
        + "\n".join(leaks[:40])
        + "\nA secret here comes from content/people/ (email, visibility) or a session's online: url. If a page "
        "of yours (content/*.md) or a template of yours (theme/) prints it, remove it there; if not, it is "
        "Hubgen's bug: report it with this output."
    )


def test_every_page_is_valid_html(hub_site: Path, nu_errors: list[dict[str, Any]]) -> None:
    errors = [e for e in nu_errors if not any(is_material(e, *key) for key in MATERIAL_HTML)]
    assert not errors, (
        f"{len(errors)} HTML errors (built page:line: what):\n"
        + "\n".join(describe(e, hub_site) for e in errors[:40])
        + "\nA page's HTML comes from its Markdown (content/… or programs/…), raw HTML in it, or a template of "
        "yours in theme/: fix the markup there."
    )


def test_no_broken_internal_link_or_anchor(hub_site: Path, tmp_path: Path) -> None:
    linkchecker_available()
    result = linkcheck(hub_site, tmp_path)
    assert result.returncode == 0, (
        "links to pages or #anchors that do not exist. In each report below, 'Parent URL' is the page with the "
        "link and 'URL' the missing target: fix the link in that page's Markdown (content/… or programs/…).\n"
        + result.stdout[-6000:]
        + result.stderr[-2000:]
    )
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert checked, result.stdout[-2000:]
    assert int(checked.group(2)) >= sum(1 for _ in hub_site.rglob("index.html"))


@pytest.mark.browser
def test_the_key_pages_work_in_chromium(
    new_page: Callable[..., Page], hub_site: Path, page_errors: list[str], offsite_requests: list[str]
) -> None:
    """Home, a program, a cohort, a session, the library and people: each loads, has its title, asks nothing
    of another host and throws no script error; and axe-core finds nothing serious on it."""
    source = npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")
    page = with_axe(new_page(), source)
    failures: list[str] = []
    for kind, url in key_pages(hub_site).items():
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{kind}: /{url}"
        assert page.locator("h1").count() >= 1, f"{kind} (/{url}) has no heading"
        assert page.title(), f"{kind} (/{url}) has no title"
        for rule, where, fix in serious_findings(axe(page, source)):
            if (rule, where) not in MATERIAL_FINDINGS:
                failures.append(f"{kind} (/{url}): {rule} at {where}: {fix}")
    assert not failures, (
        "serious accessibility findings (page: rule at element: what axe-core says):\n"
        + "\n".join(failures[:40])
        + "\ncolor-contrast: choose another primary or accent colour under theme: palette: in mkdocs.yml, or "
        "change the colour in your stylesheet (extra_css); another rule: fix the element in the page's Markdown "
        "or in your theme/ template."
    )
    assert page_errors == [], (
        f"script errors on the key pages (a script of yours in theme/ or extra_javascript?): {page_errors}"
    )
    assert offsite_requests == [], (
        f"the key pages asked another host for {offsite_requests[:5]}: a reader's browser would too — serve the "
        "file from content/ instead (a font, a script, a picture)"
    )
