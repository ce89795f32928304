"""The GitHub workflows pass zizmor's audit (offline): actions pinned to a commit, least privilege, no
persisted checkout credentials, no template injection."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def _zizmor() -> str:
    found = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(found).is_file():
        pytest.fail("zizmor is not installed: pip install -e '.[dev]'")
    return found


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "plain", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_an_unpinned_action(tmp_path: Path) -> None:
    """The audit is live: a workflow with a tag-pinned action and persisted credentials fails it."""
    bad = tmp_path / "bad.yml"
    text = (WORKFLOWS / "check.yml").read_text(encoding="utf-8")
    text = text.replace("actions/checkout@11d5960a326750d5838078e36cf38b85af677262", "actions/checkout@v4")
    text = text.replace("actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065", "actions/setup-python@v5")
    bad.write_text(text.replace("          persist-credentials: false\n", ""), encoding="utf-8")
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "plain", str(bad)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout
