"""Write hubgen/constraints.txt: every package a hub's build installs with Hubgen, at the version installed here.

A release's dependencies, pinned: Hubgen's own requirements and the extras a hub uses (``pagefind``), with
everything they require in turn, read from the installed packages' metadata. A hub's workflows install Hubgen
with ``pip install -c`` this file, so the same hub and the same Hubgen give the same site tomorrow; Hubgen's
own ``make setup`` installs with it too, so the tests run what a hub runs. Re-run after upgrading a dependency
(``python tools/constraints.py``); tests/test_reproducible.py fails while it is out of date.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hubgen" / "constraints.txt"
EXTRAS = ("pagefind", "checks")  # what a hub installs besides Hubgen (the engines and test extras are Hubgen's own)
HEADER = """\
# The versions of its dependencies this release of Hubgen was built and tested with: install Hubgen with
#   pip install -c constraints.txt 'hubgen[checks,pagefind] @ ...'
# so a hub's site is the same tomorrow as today. Written by tools/constraints.py from the installed packages.
"""


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(package: str = "hubgen", extras: tuple[str, ...] = EXTRAS) -> dict[str, str]:
    """{name: installed version} of every package ``package`` (with ``extras``) requires, directly or not."""
    found: dict[str, str] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(package, extras)]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, wanted = todo.pop()
        if (normal(name), wanted) in seen:
            continue
        seen.add((normal(name), wanted))
        dist = distribution(name)
        if normal(name) != normal(package):
            found[normal(dist.metadata["Name"])] = dist.version
        for text in dist.requires or []:
            requirement = Requirement(text)
            environments = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if requirement.marker and not any(requirement.marker.evaluate(env) for env in environments):
                continue
            if normal(requirement.name) == normal(package):  # hubgen[pagefind] inside hubgen[test]
                continue
            try:
                distribution(requirement.name)
            except PackageNotFoundError:
                continue  # required only on another platform
            todo.append((requirement.name, tuple(sorted(requirement.extras))))
    return dict(sorted(found.items()))


def render() -> str:
    return HEADER + "".join(f"{name}=={version}\n" for name, version in closure().items())


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        stale = OUT.read_text(encoding="utf-8") != text if OUT.is_file() else True
        if stale:
            print(f"{OUT.relative_to(ROOT)} is out of date: run python tools/constraints.py", file=sys.stderr)
        return int(stale)
    OUT.write_text(text, encoding="utf-8")
    print(OUT.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
