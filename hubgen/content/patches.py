"""Hubgen's changes to other libraries' insides, each checked before it is made.

Hubgen reaches into a few libraries where their public interface falls short: citeproc-py (APA references that
follow CSL 1.0.2, and look-ups remembered for speed: hubgen/site/citations/citeproc_patches.py), bibtexparser
(its LaTeX encoder's per-string step: hubgen/site/citations/bibtexformat.py) and icalendar (its line folding:
hubgen/site/icalfold.py). A patch written for one version of a library can stop applying to the next: a method
renamed, a parameter added. Skipped quietly,
the published APA text would change with no commit. So every patch first calls :func:`require`, which stops
the build with :class:`LibraryChanged` — naming the library, the version installed, what is missing and the
version Hubgen was released with (``hubgen/constraints.txt``) — instead of building something else.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

#: The versions of its dependencies a release of Hubgen was built and tested with (``pip install -c``).
CONSTRAINTS = Path(__file__).parent.parent / "constraints.txt"


class LibraryChanged(RuntimeError):
    """A library Hubgen patches no longer has what the patch changes: install the version Hubgen pins."""


@cache
def pinned() -> dict[str, str]:
    """``hubgen/constraints.txt`` as {normalized name: version}."""
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", line)
        if match:
            pins[_normal(match.group(1))] = match.group(2)
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "(not installed as a package)"


def require(package: str, owner: Any, expected: Mapping[str, tuple[str, ...]], why: str) -> None:
    """Stop unless ``owner`` (a class or module of ``package``) has each name of ``expected``, callable, taking
    at least the parameters listed for it (by name, in that order; ``()`` checks only that it is there).

    ``why``: what the patch is for, said in the error."""
    where = getattr(owner, "__qualname__", None) or getattr(owner, "__name__", repr(owner))
    for name, parameters in expected.items():
        found: Any = getattr(owner, name, None) if owner is not None else None
        if not callable(found):
            _fail(package, f"{where}.{name} is gone", why)
        if parameters:
            try:
                have = list(inspect.signature(found).parameters)
            except (TypeError, ValueError):  # a builtin without a signature: there, as far as can be told
                continue
            if [p for p in have if p in parameters] != list(parameters):
                _fail(package, f"{where}.{name} takes ({', '.join(have)}), not ({', '.join(parameters)})", why)


def _fail(package: str, what: str, why: str) -> None:
    pin = pinned().get(_normal(package))
    fix = (
        f"install the version Hubgen was released with: pip install '{package}=={pin}' (or install Hubgen with "
        f"pip's -c and the constraints file it ships, hubgen/constraints.txt)"
        if pin
        else f"install a version of {package} this Hubgen was written for"
    )
    raise LibraryChanged(
        f"Hubgen patches {package} {installed(package)} ({why}), but {what} there: this version of {package} "
        f"is not one Hubgen was tested with, and the patch cannot be applied — {fix}."
    )
