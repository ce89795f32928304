"""Checks of the hub at the repository root, whichever it is: valid content, a strict build, nothing private in
the output, valid HTML and links, accessible pages that work in Chromium.

Run only these with ``pytest -m hub_check``. They pass for any valid hub (tests/test_init.py runs them on a hub
made by ``hubgen init`` and on another hub put in the example's place).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from hubgen.cli import main
from hubgen.hub.workspace import Workspace
from tests.browser.test_accessibility import MATERIAL_FINDINGS, axe, serious_findings, with_axe
from tests.helpers import npm_client, validator_unavailable
from tests.test_privacy import Secrets, audit
from tests.test_site_validators import MATERIAL_HTML, describe, is_material, linkcheck, nu_check_site

from .conftest import ROOT_HUB, key_pages

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.hub_check


def test_the_content_passes_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT_HUB)]) == 0, capsys.readouterr().out


def test_the_site_builds_strictly_with_every_section(root_site: Path) -> None:
    for url in ("", "programs/", "calendar/", "library/", "showcase/", "people/", "topics/"):
        assert (root_site / url / "index.html").is_file(), f"no page at /{url}"
    assert (root_site / "404.html").is_file()
    key_pages(root_site)


def test_nothing_private_is_in_the_site(root_site: Path) -> None:
    """The privacy audit of the output: unpublished emails, meeting links and hidden people appear nowhere."""
    secrets = Secrets.from_sources(ROOT_HUB)
    assert audit(root_site, secrets) == []


def test_the_issue_forms_offer_the_hubs_programs() -> None:
    form = ROOT_HUB / ".github" / "ISSUE_TEMPLATE" / "share-project.yml"
    if not form.is_file():
        pytest.skip("the hub has no 'Share your project' form")
    spec = yaml.safe_load(form.read_text(encoding="utf-8"))
    options = next(item["attributes"]["options"] for item in spec["body"] if item.get("id") == "program")
    hub, _ = Workspace(ROOT_HUB / "mkdocs.yml").load(include_drafts=False)
    assert sorted(options) == sorted(p.title for p in hub.programs), (
        f"{form.relative_to(ROOT_HUB)}: the program list should name the hub's programs"
    )


def test_every_page_is_valid_html(root_site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    errors = [
        e for e in nu_check_site(tmp_path_factory, root_site) if not any(is_material(e, *key) for key in MATERIAL_HTML)
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(describe(e, root_site) for e in errors[:40])


def test_no_broken_internal_link_or_anchor(root_site: Path, tmp_path: Path) -> None:
    if importlib.util.find_spec("linkcheck") is None:
        validator_unavailable("linkchecker is not installed", "Install it with `pip install -e '.[test]'`.")
    result = linkcheck(root_site, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert checked, result.stdout[-2000:]
    assert int(checked.group(2)) >= sum(1 for _ in root_site.rglob("index.html"))


@pytest.mark.browser
def test_the_key_pages_work_in_chromium(
    new_page: Callable[..., Page], root_site: Path, page_errors: list[str], offsite_requests: list[str]
) -> None:
    """Home, a program, a cohort, a session, the library and people: each loads, has its title, asks nothing
    of another host and throws no script error; and axe-core finds nothing serious on it."""
    source = npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")
    page = with_axe(new_page(), source)
    failures: list[str] = []
    for kind, url in key_pages(root_site).items():
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{kind}: /{url}"
        assert page.locator("h1").count() >= 1, f"{kind} (/{url}) has no heading"
        assert page.title(), f"{kind} (/{url}) has no title"
        for rule, where, fix in serious_findings(axe(page, source)):
            if (rule, where) not in MATERIAL_FINDINGS:
                failures.append(f"{kind} (/{url}): {rule} at {where}: {fix}")
    assert not failures, "serious accessibility findings:\n" + "\n".join(failures[:40])
    assert page_errors == []
    assert offsite_requests == []
