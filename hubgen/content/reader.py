"""Reading one content file safely: a size limit, no control characters, no link (symlink), YAML and front matter
parsed with every position kept, each problem reported at the path and line people see. :mod:`.loader` uses a
:class:`Reader` for every file of the hub; the site's checks use one to look at pages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from . import models
from .front import split
from .models import slugify
from .paths import RealPaths
from .problems import CONTROL, Problems, escaped
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


class Reader:
    """Reads files relative to the hub's root, reporting paths as people see them."""

    def __init__(self, root: Path, problems: Problems, cache: YamlCache | None = None) -> None:
        self.root = root
        self.problems = problems
        self.cache = cache  # YAML parsed by earlier builds (.cache/hubgen/yaml.json)
        self.real = RealPaths()
        self._real_root: Path | None = None

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def linked(self, path: Path) -> bool:
        """Whether ``path`` is a link (symlink) or is reached through one: :func:`find_links` reports the link."""
        try:
            if self._real_root is None:
                self._real_root = self.root.resolve()
            return self.real(path) != Path(os.path.normpath(self._real_root / os.path.relpath(path, self.root)))
        except (ValueError, OSError, RuntimeError):  # a link loop
            return True

    def outside(self, path: Path) -> bool:
        """True (with a problem) for a file outside the repository (a content folder set outside it)."""
        if self.real(path).is_relative_to(self._real_root or self.root.resolve()):
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

    def yaml(self, path: Path) -> Located | None:
        text = self.text(path)
        if text is None:
            return None
        return parse_yaml(text, self.rel(path), self.problems, cache=self.cache)

    def markdown(self, path: Path) -> tuple[Located, str, int] | None:
        """Front matter (parsed with positions) and the Markdown body with its first line."""
        text = self.text(path)
        if text is None:
            return None
        rel = self.rel(path)
        # MkDocs' rule (hubgen/content/front.py); any YAML between the lines is read here, with its positions.
        front = split(text if text.endswith("\n") else text + "\n", is_mapping=lambda _yaml: True)
        empty = _EMPTY_FRONT.match(text)
        if empty and front.yaml is None:  # '---' and '---' with nothing between: fields missing, not a page
            doc = parse_yaml("", rel, self.problems, cache=self.cache)
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
        doc = parse_yaml(front.yaml, rel, self.problems, line_offset=front.yaml_line - 1, cache=self.cache)
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
