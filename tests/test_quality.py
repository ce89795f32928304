"""The code stays as the pyproject configures it: ruff's lint and format, and mypy's types, pass; and eslint finds
nothing in the JavaScript Hubgen ships. The same tools as ``make lint``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (make test installs it with the dev extra)")
    return found


CODE = ["hubgen", "tests", "bench", "tools"]


def test_ruff():
    result = subprocess.run([_tool("ruff"), "check", *CODE], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = subprocess.run([_tool("ruff"), "format", "--check", *CODE], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, f"run `ruff format {' '.join(CODE)}`:\n{result.stdout}"


def test_mypy():
    result = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_every_bench_script_imports():
    """The bench scripts are run by hand, not by the suite: a module they import that moved breaks them unseen (two
    did when the citations and the exporter were split). Each is imported, as ``python bench/x.py`` would."""
    names = sorted(p.stem for p in (REPO / "bench").glob("*.py") if p.stem != "__init__")
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module('bench.' + n)"
    result = subprocess.run([sys.executable, "-c", code, *names], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


ESLINT = REPO / "tools/lint/node_modules/.bin/eslint"


def test_eslint():
    """tools/lint/eslint.config.js on hubgen/assets/*.js: eslint's recommended rules, ES2020, the browser's globals."""
    if not ESLINT.exists():
        message = "eslint is not installed: `make lint-clients` (npm) installs it into tools/lint/node_modules/"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = [str(ESLINT), "-c", "tools/lint/eslint.config.js", "--format", "json", "hubgen/assets"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    linted = {Path(f["filePath"]).name: f["messages"] for f in json.loads(result.stdout)}
    assert set(linted) == {p.name for p in (REPO / "hubgen/assets").glob("*.js")}, "eslint skipped a script"
    problems = [
        f"hubgen/assets/{n}:{m['line']}:{m['column']}: {m['message']} ({m['ruleId']})"
        for n, ms in linted.items()
        for m in ms
    ]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stderr


def test_every_file_hubgen_reads_at_run_time_is_in_its_package_data():
    """A file under hubgen/ that is not Python (a template, partial, asset, schema, starter) ships in the wheel only
    if pyproject's package-data names it: an editable install finds it anyway, an installed package would not."""
    import tomllib

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["hubgen"]
    package = REPO / "hubgen"
    shipped = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    data = {
        path
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert sorted(p.relative_to(package).as_posix() for p in data - shipped) == []
