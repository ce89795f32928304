"""The code stays as the pyproject configures it: ruff's lint and format, and mypy's types, pass."""

from __future__ import annotations

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
