"""Read the example hub's source files so tests pick their search terms from the content at test time.

Nothing here imports hubgen: the tests check the built site against the content contract
(docs-notes/contract.md), not against hubgen's own idea of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .hubsite import EXAMPLE_HUB


@dataclass(frozen=True)
class Session:
    path: Path  # the source file, programs/<program>/<cohort>/sessions/<date>-<slug>.md
    url: str  # site-relative URL of its page, e.g. "programs/p/c/sessions/2025-11-14-x/"
    meta: dict[str, Any]
    body: str

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def speakers(self) -> list[str]:
        return [str(s) for s in self.meta.get("speakers") or []]

    @property
    def required_readings(self) -> list[str]:
        readings = self.meta.get("readings") or {}
        return [str(r) for r in readings.get("required") or []]


@dataclass
class ExampleContent:
    root: Path = EXAMPLE_HUB
    _people: dict[str, dict[str, Any]] = field(default_factory=dict)

    def sessions(self) -> list[Session]:
        """Published (non-draft) sessions, in file order."""
        out = []
        for path in sorted(self.root.glob("programs/*/*/sessions/*.md")):
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
            if meta.get("draft") is True:
                continue
            program, cohort = path.parts[-4], path.parts[-3]
            # A file that adds to one date of a series (series: <id>) is published at that date's page.
            page = f"{path.stem[:10]}-{meta['series']}" if meta.get("series") else path.stem
            out.append(Session(path, f"programs/{program}/{cohort}/sessions/{page}/", meta, body))
        return out

    def person(self, person_id: str) -> dict[str, Any]:
        if person_id not in self._people:
            self._people[person_id] = load_yaml(self.root / "content" / "people" / f"{person_id}.yml")
        return self._people[person_id]

    def is_public(self, person_id: str) -> bool:
        """Visible with name *and* profile: visibility public or unset (speakers default to public)."""
        return self.person(person_id).get("visibility") in (None, "public")

    def reading(self, reading_id: str) -> dict[str, Any]:
        return load_yaml(self.root / "content" / "readings" / f"{reading_id}.yml")


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected a mapping"
    return data


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)(.*)\Z", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    return meta, m.group(2)
