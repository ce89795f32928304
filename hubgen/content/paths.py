"""``Path.resolve()`` for thousands of files in a few hundred folders.

Resolving a path reads every folder on the way from the file system's root (one ``lstat`` each): done for
each of a large hub's files, two or three times, it was a second of a build. A file that is not itself a
link resolves to its resolved folder and its name, so each folder is resolved once and each file costs one
``lstat``; a file that is a link is resolved on its own, as before.
"""

from __future__ import annotations

from pathlib import Path


class RealPaths:
    """``paths(p)`` is ``p.resolve()``, each folder resolved only once (the file system is not changing)."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}
        self._files: dict[Path, Path] = {}  # the loader, the build and its checks ask for the same files

    def __call__(self, path: Path) -> Path:
        real = self._files.get(path)
        if real is None:
            real = self._files[path] = self._resolve(path)
        return real

    def clear(self) -> None:
        """Forget what was looked up (a large hub's files are thousands of paths, held twice)."""
        self._folders.clear()
        self._files.clear()

    def _resolve(self, path: Path) -> Path:
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name
