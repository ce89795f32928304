"""Fixtures of the bad-input corpus: ``make_hub`` writes the minimal hub of :mod:`validation_hub`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from validation_hub import HubFactory, write_hub


@pytest.fixture
def make_hub(tmp_path: Path) -> HubFactory:
    """``make_hub({"content/topics.yml": "..."})`` → the root of a minimal hub with that change."""

    def make(files: Mapping[str, str | None] | None = None, copies: Mapping[str, str] | None = None) -> Path:
        return write_hub(tmp_path / "hub", files, copies)

    return make
