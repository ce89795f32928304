"""What a release of Hubgen renamed or retired, in one table: each row read by the check and by ``hubgen upgrade``.

A hub written for an earlier release still builds: a renamed field is read under its new name, and
``hubgen check`` names the old one at its file:line with the fix (a warning, so ``--strict`` and
``mkdocs build --strict`` fail on it). ``hubgen upgrade`` (hubgen/authoring/upgrade.py) makes each mechanical
change in the file's text, at the line and column reported, so comments and layout stay as they were.

A later release adds a row to :data:`DEPRECATIONS`, and its line to CHANGELOG.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import models
from .problems import Problems
from .yamlsource import Located
from .yamlsource import Path as YPath


@dataclass(frozen=True)
class Renamed:
    """A field of ``model`` (at ``within``: the path of the mapping that holds it, () for the file's top level)
    called ``old`` until ``since``, and ``new`` from then on."""

    model: type[BaseModel]
    old: str
    new: str
    since: str
    why: str
    within: YPath = ()

    def message(self, both: bool) -> str:
        if both:
            return (
                f"'{self.old}' is renamed '{self.new}' in Hubgen {self.since}, and this file has both: "
                f"keep '{self.new}' and delete the line with '{self.old}'"
            )
        return f"'{self.old}' is renamed '{self.new}' in Hubgen {self.since}: rename it, or run `hubgen upgrade`"


#: Every rename and retirement since Hubgen 0.1.0, oldest first.
DEPRECATIONS: tuple[Renamed, ...] = (
    Renamed(
        models.Person,
        "title",
        "role",
        since="0.2.0",
        why=(
            "everywhere else 'title' is the name of the thing (a session's, a reading's, a program's title), while"
            " a person's 'title' was their job or role, and a person's name is 'name'"
        ),
    ),
)


@dataclass(frozen=True)
class Edit:
    """One mechanical change: the key ``old`` at ``line``:``column`` of ``file`` (as reported) becomes ``new``."""

    file: str
    line: int
    column: int
    old: str
    new: str
    message: str


_EDITS: ContextVar[list[Edit] | None] = ContextVar("hubgen_deprecation_edits", default=None)


@contextmanager
def collecting() -> Iterator[list[Edit]]:
    """The mechanical edits the deprecated names met while loading a hub inside the block (``hubgen upgrade``)."""
    edits: list[Edit] = []
    token = _EDITS.set(edits)
    try:
        yield edits
    finally:
        _EDITS.reset(token)


def apply(model: type[BaseModel], doc: Located, problems: Problems) -> Any:
    """``doc``'s data as ``model`` reads it today: each deprecated name found moved to its new name, and a warning
    at the old name's line and column. The document itself is left as it was."""
    data = doc.data
    for row in DEPRECATIONS:
        if not issubclass(model, row.model):
            continue
        holder = _at(data, row.within)
        if not isinstance(holder, dict) or row.old not in holder:
            continue
        both = row.new in holder
        line, column = doc.position((*row.within, row.old), key=True)
        problems.add(doc.file, line, column, row.message(both), ".".join(map(str, (*row.within, row.old))), "warning")
        if data is doc.data:
            data = _copy_path(data, row.within)
            holder = _at(data, row.within)
        value = holder.pop(row.old)
        if not both:
            holder[row.new] = value
            edits = _EDITS.get()
            if edits is not None:
                edits.append(Edit(doc.file, line, column, row.old, row.new, row.message(False)))
    return data


def _at(data: Any, path: YPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _copy_path(data: Any, path: YPath) -> Any:
    """``data`` with the mappings and lists along ``path`` copied (the rest shared), so popping a key changes
    nothing the document or the YAML cache holds."""
    top: Any = dict(data) if isinstance(data, dict) else list(data)
    here: Any = top
    for part in path:
        child = here[part]
        here[part] = dict(child) if isinstance(child, dict) else list(child)
        here = here[part]
    return top
