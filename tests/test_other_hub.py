"""The hub checks (tests/hub_checks/) on another valid hub (tests/hubs/westside/) put in the example's place, in a
pytest of their own in a copy of the repository as a fresh clone has it.

A file of its own, apart from tests/test_init.py's run of the same checks on a hub made by ``hubgen init``: the two
slow runs can then go to different workers of ``make test``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hubgen.authoring import init
from tests.helpers import REPO
from tests.test_init import fresh_clone, run_hub_checks


def test_another_valid_hub_in_the_examples_place_passes_the_hub_checks(tmp_path: Path):
    clone = fresh_clone(tmp_path / "clone")
    for part in init.REPLACED:
        target = clone / part
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    other = REPO / "tests/hubs/westside"
    for part in init.REPLACED:
        if (other / part).is_dir():
            shutil.copytree(other / part, clone / part)
        elif (other / part).is_file():
            shutil.copy2(other / part, clone / part)
    checks = run_hub_checks(clone)
    assert checks.returncode == 0, checks.stdout[-8000:] + checks.stderr[-3000:]
    assert " passed" in checks.stdout and "failed" not in checks.stdout
