"""Reading one content file safely: a size limit, no control characters, no link (symlink), YAML and front matter
parsed with every position kept, each problem reported at the path and line people see. :mod:`.loader` uses a
:class:`Reader` for every file of the hub; the site's checks use one to look at pages."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from . import models
from .front import split
from .models import slugify
from .paths import RealPaths
from .problems import CONTROL, Problem, Problems, escaped
from .validation import validate
from .yamlsource import Located, YamlCache, parse_yaml

M = TypeVar("M", bound=BaseModel)

SESSION_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
YAML_SUFFIXES = (".yml", ".yaml")
#: The largest content file read (a session's agenda runs to a few kilobytes).
MAX_FILE_BYTES = 1_000_000
#: What MkDocs reads as a Markdown page (mkdocs.utils.markdown_extensions): held to the same rules as sessions.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
#: Control characters reported in one file (the first few are enough to find a pasted block).
MAX_CONTROL_REPORTS = 5


#: Front matter opened and closed with nothing between (MkDocs would read it as the page's body).
_EMPTY_FRONT = re.compile(r"---[ \t]*\n(?:---|\.\.\.)[ \t]*(?:\n|$)")


@dataclass
class Record(Generic[M]):
    """One content file (or one entry of topics.yml), validated."""

    id: str
    file: str
    doc: Located
    data: M
    body: str = ""
    body_line: int = 1


@dataclass
class Parsed:
    """One file's front matter or YAML, parsed and validated against its model."""

    doc: Located
    data: Any
    body: str = ""
    body_line: int = 1


@dataclass
class _Remembered:
    text: str
    parsed: Parsed | None  # None: the file did not parse or validate (its problems say why)
    problems: list[Problem]
    cached: tuple[str, str] | None  # the YAML cache's entry for the file, kept again when it is reused


class Memo:
    """Files an earlier load in this process read, parsed and validated, reused while a file's text is the same.

    A preview loads the whole hub again after each save; with a memo only the files whose text changed are
    parsed and validated again (at a thousand sessions that was most of a second of each save). An entry is
    found by the file's path and what it was read as, and used only if the text just read from the disk is the
    one it was made from, character for character: a save that keeps the file's time and size is read anew
    too. Reusing it gives the problems reading the file gave, in the same order, so a load with a memo reports
    what a load without one does (tests/test_incremental.py). What depends on more than the file's text —
    whether it is a link, its size, two files of one ID, every reference between files — is checked anew by
    each load. The records are shared between the loads: nothing after the loader changes them.
    """

    def __init__(self) -> None:
        self._files: dict[tuple[str, str], _Remembered] = {}
        self._seen: set[tuple[str, str]] = set()

    def __len__(self) -> int:
        return len(self._files)

    def get(self, key: tuple[str, str], text: str) -> _Remembered | None:
        self._seen.add(key)
        remembered = self._files.get(key)
        return remembered if remembered is not None and remembered.text == text else None

    def put(self, key: tuple[str, str], remembered: _Remembered) -> None:
        self._files[key] = remembered

    def forget_unseen(self) -> None:
        """Keep only the files of the last load (a file deleted or renamed is not held to the end)."""
        self._files = {k: v for k, v in self._files.items() if k in self._seen}
        self._seen = set()


class Reader:
    """Reads files relative to the hub's root, reporting paths as people see them."""

    def __init__(
        self, root: Path, problems: Problems, cache: YamlCache | None = None, memo: Memo | None = None
    ) -> None:
        self.root = root
        self.problems = problems
        self.cache = cache  # YAML parsed by earlier builds (.cache/hubgen/yaml.json)
        self.memo = memo  # files read by an earlier load in this process
        self.real = RealPaths()
        self._real_root: Path | None = None
        self._root_prefix = str(root) + os.sep
        self._rel: dict[Path, str] = {}
        self._parsed_key: str | None = None  # the YAML cache's key of the text last parsed

    def rel(self, path: Path) -> str:
        rel = self._rel.get(path)
        if rel is None:
            text = str(path)
            if text.startswith(self._root_prefix) and ".." not in path.parts:  # as relpath gives it, sooner
                rel = text[len(self._root_prefix) :]
            else:
                rel = os.path.relpath(path, self.root)
            rel = self._rel[path] = rel.replace(os.sep, "/")
        return rel

    def _real_root_text(self) -> str:
        if self._real_root is None:
            self._real_root = self.root.resolve()
        return str(self._real_root)

    def linked(self, path: Path) -> bool:
        """Whether ``path`` is a link (symlink) or is reached through one: :func:`find_links` reports the link."""
        try:
            real_root = self._real_root_text()
            return str(self.real(path)) != os.path.normpath(os.path.join(real_root, self.rel(path)))
        except (ValueError, OSError, RuntimeError):  # a link loop
            return True

    def outside(self, path: Path) -> bool:
        """True (with a problem) for a file outside the repository (a content folder set outside it)."""
        real, real_root = str(self.real(path)), self._real_root_text()
        if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
            return False
        self.problems.add(
            self.rel(path),
            1,
            1,
            "this file is outside the repository, so it is not read or published — move the content folder "
            "(docs_dir in mkdocs.yml) into the repository",
        )
        return True

    def text(self, path: Path) -> str | None:
        if self.linked(path) or self.outside(path):
            return None  # never read, so nothing of it can be published or echoed in a message
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problems.add(
                    self.rel(path),
                    1,
                    1,
                    f"the file is {size:,} bytes — hubgen reads content files of up to {MAX_FILE_BYTES:,} bytes: "
                    "split it, or link to a long text instead of pasting it",
                )
                return None
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            self.problems.add(self.rel(path), 1, 1, f"not UTF-8 text ({exc.reason}) — save the file as UTF-8")
            return None
        except OSError as exc:
            self.problems.add(self.rel(path), 1, 1, f"cannot read the file: {exc.strerror}")
            return None
        return None if self.controls(path, text) else text

    def controls(self, path: Path, text: str) -> bool:
        """Report the control characters of ``text`` (the first few, each at its line and column); any?"""
        found = False
        for n, match in enumerate(CONTROL.finditer(text)):
            if n == MAX_CONTROL_REPORTS:
                break
            found = True
            at = match.start()
            line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            self.problems.add(
                self.rel(path),
                line,
                col,
                f"the file contains an invisible control character ({escaped(match.group())}) here — delete it "
                "(it may have come from text pasted from another program)",
            )
        return found

    def _parse(self, text: str, rel: str, line_offset: int = 0) -> Located | None:
        if self.cache is not None and self.memo is not None:
            self._parsed_key = self.cache.key(text)
        return parse_yaml(text, rel, self.problems, line_offset=line_offset, cache=self.cache)

    def yaml(self, path: Path) -> Located | None:
        text = self.text(path)
        if text is None:
            return None
        return self._parse(text, self.rel(path))

    def read(
        self, path: Path, what: str, model: Callable[[Located], type[BaseModel]], markdown: bool = False
    ) -> Parsed | None:
        """The file's YAML (or a Markdown file's front matter and body) validated against ``model(doc)``, ``what``
        naming it in messages; None, with the problems, when it cannot be read, parsed or validated.

        With a :class:`Memo`, a file whose text an earlier load read is not parsed or validated again."""
        text = self.text(path)
        if text is None:
            return None
        rel = self.rel(path)
        key = (rel, what)
        if self.memo is not None:
            remembered = self.memo.get(key, text)
            if remembered is not None:
                self.problems.extend(remembered.problems)
                if remembered.cached is not None and self.cache is not None:
                    self.cache.keep(*remembered.cached)
                return remembered.parsed
        before = len(self.problems)
        self._parsed_key = None
        found = self._markdown(text, rel) if markdown else self._yaml_only(text, rel)
        parsed: Parsed | None = None
        if found is not None:
            doc, body, body_line = found
            data = validate(model(doc), doc, self.problems, what)
            parsed = None if data is None else Parsed(doc, data, body, body_line)
        if self.memo is not None:
            cached = None
            if self._parsed_key is not None and self.cache is not None:
                kept = self.cache.lookup(self._parsed_key)
                cached = None if kept is None else (self._parsed_key, kept)
            self.memo.put(key, _Remembered(text, parsed, self.problems.since(before), cached))
        return parsed

    def _yaml_only(self, text: str, rel: str) -> tuple[Located, str, int] | None:
        doc = self._parse(text, rel)
        return None if doc is None else (doc, "", 1)

    def markdown(self, path: Path) -> tuple[Located, str, int] | None:
        """Front matter (parsed with positions) and the Markdown body with its first line."""
        text = self.text(path)
        if text is None:
            return None
        return self._markdown(text, self.rel(path))

    def _markdown(self, text: str, rel: str) -> tuple[Located, str, int] | None:
        # MkDocs' rule (hubgen/content/front.py); any YAML between the lines is read here, with its positions.
        front = split(text if text.endswith("\n") else text + "\n", is_mapping=lambda _yaml: True)
        empty = _EMPTY_FRONT.match(text)
        if empty and front.yaml is None:  # '---' and '---' with nothing between: fields missing, not a page
            doc = self._parse("", rel)
            return (doc, text[empty.end() :], text.count("\n", 0, empty.end()) + 1) if doc is not None else None
        if front.opened_only:
            self.problems.add(rel, 1, 1, "the front matter is not closed — add a line '---' after the fields")
            return None
        if front.yaml is None:
            self.problems.add(
                rel,
                1,
                1,
                "the file must start with front matter: a line '---', the fields (title: ...), then '---'",
            )
            return None
        doc = self._parse(front.yaml, rel, line_offset=front.yaml_line - 1)
        if doc is None:
            return None
        body = text[front.end :]
        body_line = text.count("\n", 0, front.end) + 1
        return doc, body, body_line

    def check_id(self, path: Path, ident: str, example: str) -> bool:
        if len(ident) > models.MAX_ID:
            self.problems.add(
                self.rel(path),
                1,
                1,
                f"the name '{path.name[:40]}…' is {len(ident)} characters long — an ID has at most "
                f"{models.MAX_ID}: rename it",
            )
            return False
        if re.fullmatch(models.ID_PATTERN, ident):
            return True
        suggestion = slugify(ident) or "my-id"
        noun = "folder" if path.is_dir() else "file"
        self.problems.add(
            self.rel(path),
            1,
            1,
            f"the {noun} name '{path.name}' is not a valid ID: use lowercase letters, digits and hyphens, "
            f"e.g. rename it to '{example.format(suggestion)}'",
        )
        return False
