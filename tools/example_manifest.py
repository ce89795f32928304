"""Write hubgen/starters/example.sha256: the SHA-256 of every file of the example hub that ``hubgen init`` replaces.

``hubgen init`` replaces the hub without asking only while every one of these files is as the example ships it
(or missing): anything else is someone's own content. Run this after changing the example hub (its copy under
tests/hubs/riverbend/ is the reference; tests/test_init.py checks the list is current):

    python tools/example_manifest.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hubgen.authoring.init import MANIFEST, hub_files  # noqa: E402

EXAMPLE = ROOT / "tests" / "hubs" / "riverbend"


def render(example: Path = EXAMPLE) -> str:
    lines = [f"{digest}  {path}\n" for path, digest in sorted(hub_files(example).items())]
    return (
        "# The example hub's files (tools/example_manifest.py): hubgen init replaces these without --force.\n"
        + "".join(lines)
    )


if __name__ == "__main__":
    MANIFEST.write_text(render(), encoding="utf-8")
    print(MANIFEST.relative_to(ROOT))
