"""The hub built by the other engines, once per test run, for tests/test_engines.py and tests/browser/.

``ENGINE_HUB`` is the hub the suite's ``example_site`` builds with MkDocs (tests/conftest.py): the
comparisons need the same hub under each engine, so repoint both together.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hubgen.adapters import export as exporter
from hubgen.adapters import zensical
from hubgen.hub.workspace import Workspace
from tests.helpers import EXAMPLE_HUB, built_once

ENGINE_HUB = EXAMPLE_HUB


def require(module: str) -> None:
    """Skip a test whose engine is not installed; fail it on CI (CI=true), where every engine must run."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed — pip install -e '.[engines]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub exported and built by Zensical (``hubgen build --engine zensical`` does the same)."""
    require("zensical")

    def build(out: Path) -> Path:
        zensical.build(Workspace(ENGINE_HUB / "mkdocs.yml"), out)
        return out / exporter.SITE

    return built_once(tmp_path_factory, "zensical", build)


def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub built by ProperDocs with the hubgen plugin, as ``properdocs build --strict`` builds it."""
    require("properdocs")

    def build(out: Path) -> Path:
        config = str(ENGINE_HUB / "mkdocs.yml")
        result = subprocess.run(
            [sys.executable, "-m", "properdocs", "build", "--strict", "-f", config, "-d", str(out)],
            cwd=ENGINE_HUB,
            env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        return out

    return built_once(tmp_path_factory, "properdocs", build)
