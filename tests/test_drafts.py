"""Drafts and scheduled content stay out of the published site, and show with a banner in previews."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hubgen.cli import main
from hubgen.hub.graph import HubOptions
from hubgen.hub.load import load_hub
from tests.helpers import mkdocs_build

HUB = {
    "content/topics.yml": "equity: {title: Health equity}\n",
    "content/people/ada-okoro.yml": "name: Ada Okoro\nbio: Community health worker.\n",
    "content/people/ben-lowe.yml": "name: Ben Lowe\nbio: Not announced yet.\ndraft: true\n",
    "content/readings/published-primer.yml": "title: A Published Primer\ntype: article\ntopics: [equity]\n",
    "content/readings/embargoed-report.yml": (
        "title: The Embargoed Report\ntype: report\ntopics: [equity]\npublish_on: 2026-12-01\n"
    ),
    "programs/p/program.yml": "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n",
    "programs/p/c/sessions/2026-03-04-open.md": (
        "---\ntitle: Open Session\ntype: talk\nspeakers: [ada-okoro]\nreadings:\n  required: [published-primer]\n---\n"
    ),
    "programs/p/c/sessions/2026-04-01-secret-planning.md": (
        "---\ntitle: Secret Planning Session\ntype: talk\ndraft: true\nspeakers: [ben-lowe]\n"
        "readings: {required: [published-primer]}\n---\nNot ready.\n"
    ),
    "programs/p/c/projects/quiet-project.md": "---\ntitle: Quiet Project\ndraft: true\n---\nSoon.\n",
}


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch):
    def set_day(day: str) -> None:
        moment = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))

    return set_day


def site_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".ics", ".bib", ".ris")
    )


def test_production_build_leaves_out_drafts_and_scheduled_content(small_hub, tmp_path, epoch):
    epoch("2026-11-23")
    root = small_hub(HUB)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    text = site_text(site)
    for unpublished in ("Secret Planning Session", "Ben Lowe", "The Embargoed Report", "Quiet Project"):
        assert unpublished not in text, f"{unpublished} is published"
    assert not (site / "programs/p/c/sessions/2026-04-01-secret-planning").exists()
    assert not (site / "library/embargoed-report").exists()
    assert "Open Session" in text and "A Published Primer" in text
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any("Secret" in doc["title"] for doc in index["docs"])


def test_scheduled_content_appears_on_its_day(small_hub, tmp_path, epoch):
    epoch("2026-12-01")
    site = tmp_path / "site"
    assert mkdocs_build(small_hub(HUB), site).returncode == 0
    assert (site / "library/embargoed-report/index.html").is_file()


def test_drafts_show_with_a_banner_in_previews(small_hub, tmp_path, epoch):
    epoch("2026-11-23")
    root = small_hub(HUB)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - hubgen\n", "  - hubgen:\n      drafts: true\n"))
    site = tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0
    draft_page = (site / "programs/p/c/sessions/2026-04-01-secret-planning/index.html").read_text()
    assert 'class="hg-draft-banner"' in draft_page and "Draft" in draft_page
    scheduled = (site / "library/embargoed-report/index.html").read_text()
    assert "scheduled for 2026-12-01" in scheduled
    assert "hg-draft-banner" not in (site / "programs/p/c/sessions/2026-03-04-open/index.html").read_text()


def test_a_published_session_pointing_at_a_draft_is_a_warning(small_hub, capsys):
    files = dict(HUB)
    files["programs/p/c/sessions/2026-03-04-open.md"] = (
        "---\ntitle: Open Session\ntype: talk\nspeakers: [ada-okoro, ben-lowe]\n"
        "readings:\n  required: [published-primer]\n---\n"
    )
    root = small_hub(files)
    _, problems = load_hub(root, HubOptions(today=dt.date(2026, 11, 23)))
    [warning] = problems.warnings
    assert warning.format().startswith("programs/p/c/sessions/2026-03-04-open.md:4:")
    assert "'ben-lowe' is not published yet (draft)" in warning.message
    assert main(["check", str(root)]) == 0
    assert main(["check", "--strict", str(root)]) == 1
    assert "1 warning" in capsys.readouterr().err


def test_drafts_are_still_validated(small_hub):
    files = dict(HUB)
    files["programs/p/c/sessions/2026-04-01-secret-planning.md"] = (
        "---\ntitle: X\ntype: talk\ndraft: true\nspeakrs: []\n---\n"
    )
    _, problems = load_hub(small_hub(files))
    assert [p.field for p in problems.errors] == ["speakrs"]
