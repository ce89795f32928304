"""A hub on disk: found from any folder inside it, read as its mkdocs.yml describes it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from .hub import Hub, HubOptions, load_hub
from .problems import Problems


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs resolves."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


def hub_settings(config_file: Path) -> dict[str, Any]:
    """docs_dir and the hubgen plugin's options, read from mkdocs.yml."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    settings: dict[str, Any] = {"docs_dir": data.get("docs_dir", "docs")}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "hubgen" in plugin:
            settings.update(plugin["hubgen"] or {})
    return settings


class Workspace:
    """A hub on disk, found from any folder inside it, as mkdocs.yml describes it."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.root = config_file.parent
        self.settings = hub_settings(config_file)
        self.content_dir = str(self.settings["docs_dir"])
        self.programs_dir = str(self.settings.get("programs_dir", "programs"))

    @classmethod
    def find(cls, start: str) -> Workspace | None:
        config_file = find_config(Path(start).resolve())
        if config_file is None:
            print(f"hubgen: no mkdocs.yml in {start} or above — run this inside a hub", file=sys.stderr)
            return None
        return cls(config_file)

    def load(self, include_drafts: bool = True) -> tuple[Hub, Problems]:
        options = HubOptions(
            participant_visibility=self.settings.get("participant_visibility", "name-only"),
            include_drafts=include_drafts,
        )
        return load_hub(self.root, options, content_dir=self.content_dir, programs_dir=self.programs_dir)

    def sources(self) -> dict[Path, float]:
        """Every content file with its modification time (for --watch)."""
        out: dict[Path, float] = {}
        for folder in (self.root / self.content_dir, self.root / self.programs_dir):
            for path in folder.rglob("*"):
                if path.suffix in (".yml", ".yaml", ".md") and path.is_file():
                    out[path] = path.stat().st_mtime
        return out
