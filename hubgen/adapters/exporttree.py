"""The folders an export writes, written safely: a file only when its bytes change, what is no longer made
removed, and nothing written, removed or copied through a link (symlink)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


class ExportError(Exception):
    """The hub cannot be exported: its content has errors, or its configuration is not one hubgen reads."""


@dataclass
class Tree:
    """A folder written file by file: unchanged files are left alone, files no longer made are removed."""

    root: Path
    made: set[str] = field(default_factory=set)
    changed: list[str] = field(default_factory=list)

    def put(self, rel: str, content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        if rel in self.made:
            raise ExportError(f"hubgen: two files would be written to {rel}")
        self.made.add(rel)
        target = self.root / rel
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.changed.append(rel)

    def copy(self, rel: str, source: Path) -> None:
        self.put(rel, source.read_bytes())

    def prune(self) -> list[str]:
        """Remove every file not written in this pass (and folders left empty); their names."""
        gone: list[str] = []
        if not self.root.is_dir():
            return gone
        for path in sorted(self.root.rglob("*"), reverse=True):
            rel = path.relative_to(self.root).as_posix()
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in self.made:
                path.unlink()
                gone.append(rel)
        return gone


def replace_site(built: Path, target: Path) -> None:
    """Copy the engine's output to where the hub publishes from (``site/``), replacing what was there.

    A link (symlink) there is removed, never what it points at; no link of the output is followed or copied.
    """
    if target.resolve() == built.resolve():
        return
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    shutil.copytree(built, target, ignore=_links)


def _links(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if os.path.islink(os.path.join(folder, name))]


def real_folder(out: Path, root: Path) -> None:
    """Make ``out`` a real folder with no link (symlink) in it, so nothing is written or removed through one.

    The links inside it are removed (the links, not what they point at: the folder is hubgen's own); a link on
    the way to it inside the hub (``.cache -> SOMEWHERE``) is an ExportError.
    """
    hub = root.absolute()
    for folder in [out.absolute(), *out.absolute().parents]:
        if folder == hub or not folder.is_relative_to(hub):
            break
        if folder.is_symlink():
            raise ExportError(
                f"hubgen: {folder.relative_to(hub).as_posix()} is a link (symlink) — hubgen writes its export only "
                "into a real folder: delete the link (the folder is made again)"
            )
    if out.is_symlink():
        raise ExportError(f"hubgen: {out} is a link (symlink) — name a real folder to export into")
    out.mkdir(parents=True, exist_ok=True)
    pending = [out]
    while pending:
        for entry in os.scandir(pending.pop()):
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
