"""A hub on disk: found from any folder inside it, read as its mkdocs.yml describes it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..content.problems import Problems
from ..content.settings import CONFIG_NAMES, check_config_file, hubgen_options, read_config
from .graph import Hub, HubOptions
from .load import load_hub


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def hub_settings(config_file: Path) -> dict[str, Any]:
    """docs_dir and the hubgen plugin's options, read from mkdocs.yml."""
    config = read_config(config_file)
    return {"docs_dir": config.data.get("docs_dir", "docs"), **hubgen_options(config)[0]}


def privacy_note(hub: Hub) -> str | None:
    """Once per check: which people files hold an email address, readable by anyone who can read the repository."""
    files = sorted(p.file for p in hub.people.values() if p.data.email)
    if not files:
        return None
    shown = ", ".join(files[:10]) + (f" and {len(files) - 10} more" if len(files) > 10 else "")
    return (
        f"{len(files)} people file{'s hold' if len(files) != 1 else ' holds'} an email address ({shown}). "
        "The site publishes an address only with email_public: true, but anyone who can read the repository "
        "can read every one of them — on a public repository, that is everyone. Keep private addresses out "
        "of the repository, or make it private (README: Privacy)."
    )


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
        """The hub and every problem: mkdocs.yml's first (as the build checks it), then the content's."""
        problems = Problems()
        settings = check_config_file(self.config_file, problems)
        options = HubOptions(participant_visibility=settings.participant_visibility, include_drafts=include_drafts)
        hub, found = load_hub(self.root, options, content_dir=self.content_dir, programs_dir=settings.programs_dir)
        problems.extend(found)
        return hub, problems

    def sources(self) -> dict[Path, float]:
        """Every content file with its modification time (for --watch)."""
        out: dict[Path, float] = {self.config_file: self.config_file.stat().st_mtime}
        for folder in (self.root / self.content_dir, self.root / self.programs_dir):
            for path in folder.rglob("*"):
                if path.suffix in (".yml", ".yaml", ".md") and path.is_file():
                    out[path] = path.stat().st_mtime
        return out
