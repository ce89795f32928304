"""The GitHub workflows pass zizmor's audit (offline): actions pinned to a commit, least privilege, no
persisted checkout credentials, no template injection. The check workflow runs `make lint`, and `make test` in three
parts side by side that together are every test."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    text = re.sub(r"\n( +)with:\n\1  persist-credentials: false\n(?!\1  )", "\n", text)  # a with: of that alone
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


# -- the check workflow runs `make lint` and `make test` in parallel parts that add up to `make test` -------------

MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
PARTS = {"test-unit": "TEST_UNIT", "test-browser": "TEST_BROWSER", "test-hub": "TEST_HUB"}


def _check_jobs() -> dict[str, Any]:
    jobs: dict[str, Any] = yaml.safe_load((WORKFLOWS / "check.yml").read_text(encoding="utf-8"))["jobs"]
    return jobs


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _selection(variable: str) -> str:
    found = re.search(rf"^{variable}\s*:=\s*(.+)$", MAKEFILE, re.M)
    assert found, f"the Makefile defines no {variable}"
    return found.group(1).strip()


def test_ci_runs_make_lint_in_a_job_of_its_own() -> None:
    jobs = _check_jobs()
    assert [name for name, job in jobs.items() if "make lint" in _runs(job)] == ["lint"]
    recipe = MAKEFILE.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    for tool in ("ruff check", "ruff format --check", "mypy", "eslint"):
        assert tool in recipe or (tool == "eslint" and "$(ESLINT)" in recipe), f"make lint does not run {tool}"


def test_ci_runs_the_three_parts_of_make_test_side_by_side() -> None:
    tests = _check_jobs()["tests"]
    assert tests["strategy"]["matrix"]["part"] == list(PARTS)
    assert 'make "$PART"' in _runs(tests) and tests["steps"][-2]["env"]["PART"] == "${{ matrix.part }}"
    for target, variable in PARTS.items():
        assert re.search(rf'^{target}:.*\n\t\$\(PYTEST\) -m "\$\({variable}\)" \$\(PYTEST_ARGS\)$', MAKEFILE, re.M), (
            f"make {target} does not run the tests that {variable} selects"
        )
    # Locally, and in .ci/run, `make test` is still every test in one run.
    assert re.search(r"^test:.*\n\t\$\(PYTEST\) \$\(PYTEST_ARGS\)$", MAKEFILE, re.M)
    assert (REPO / ".ci/run").read_text(encoding="utf-8").rstrip().endswith("\nmake test")


@pytest.mark.parametrize("marks", [set(), {"browser"}, {"hub_check"}, {"browser", "hub_check"}])
def test_each_test_is_in_exactly_one_part(marks: set[str]) -> None:
    """The parts select by the two markers (--strict-markers allows no other): whatever a test carries, exactly one
    part runs it, so the three jobs together run what `make test` runs, each test once."""
    from _pytest.mark.expression import Expression

    chosen = [
        target
        for target, variable in PARTS.items()
        if Expression.compile(_selection(variable)).evaluate(lambda name, **_: name in marks)
    ]
    assert len(chosen) == 1, f"a test marked {sorted(marks)} runs in {chosen or 'no part'}"
    markers = re.findall(r'^\s+"(\w+):', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert sorted(markers) == ["browser", "hub_check"], "a new marker: say here which part runs its tests"
