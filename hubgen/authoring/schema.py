"""JSON Schemas for the YAML files staff edit, generated from the models.

Editors (VS Code's YAML extension, JetBrains IDEs) use them for completion and
inline errors. They are generated, never written by hand: ``hubgen schema``
rewrites them, and a test fails when the committed copies drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import models

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"

#: kind → (model, the files it describes, relative to the hub's root)
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "program": (models.Program, "programs/*/program.yml"),
    "cohort": (models.Cohort, "programs/*/*/cohort.yml"),
    "session": (models.Session, "programs/*/*/sessions/*.md (front matter)"),
    "project": (models.Project, "programs/*/*/projects/*.md (front matter)"),
    "person": (models.Person, "content/people/*.yml"),
    "reading": (models.Reading, "content/readings/*.yml"),
    "topics": (models.Topics, "content/topics.yml"),
    "series": (models.Series, "programs/*/*/series/*.yml"),
    "announcement": (models.Announcement, "content/news/*.md (front matter)"),
}


def schema_for(kind: str) -> dict[str, Any]:
    model, files = KINDS[kind]
    schema = model.model_json_schema()
    if kind == "session":  # a file adding to a series date (series: <id>) takes its title and type from the series
        schema["required"] = [f for f in schema.get("required", []) if f not in ("title", "type")]
        schema["if"] = {"not": {"required": ["series"]}}
        schema["then"] = {"required": ["title", "type"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hubgen.invalid/schemas/{kind}.schema.json",
        "title": f"Hubgen {kind}",
        "description": f"{files} — generated from hubgen.content.models by `hubgen schema`; do not edit.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: Path = SCHEMA_DIR) -> list[Path]:
    """(Re)write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
