"""Read every content file into validated records, collecting every problem.

The loader knows where each kind of file lives (the content contract) and reads
them all, even after a problem, so a person sees every mistake in one run.
It makes no cross-references: :mod:`hubgen.hub` does that.

Nothing under the content and programs folders may be a link (symlink): a hub never needs one, and one that
stays inside the repository publishes as surely as one that leads out (``content/files/x -> ../../.git``
would publish the repository's history, ``-> ../../programs`` its drafts, ``-> ..`` loops). :func:`find_links`
walks both folders without following any link and reports each at its path; nothing reached through one is
read. No file may hold a control character either (:data:`~.problems.CONTROL`): each is reported at its line
and column, and the file is not read further.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from . import models
from .front import split
from .models import slugify
from .paths import RealPaths
from .problems import CONTROL, Problem, Problems, did_you_mean, escaped
from .validation import field_name, validate
from .yamlsource import Located, YamlCache, parse_yaml
from .yamlsource import Path as YPath

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

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
class Loaded:
    """Everything read from disk, before references are resolved."""

    root: Path
    content_dir: str
    topics: dict[str, Record[models.Topic]] = field(default_factory=dict)
    people: dict[str, Record[models.Person]] = field(default_factory=dict)
    readings: dict[str, Record[models.Reading]] = field(default_factory=dict)
    programs: dict[str, Record[models.Program]] = field(default_factory=dict)
    cohorts: dict[tuple[str, str], Record[models.Cohort]] = field(default_factory=dict)
    sessions: dict[tuple[str, str, str], Record[models.Session]] = field(default_factory=dict)
    projects: dict[tuple[str, str, str], Record[models.Project]] = field(default_factory=dict)
    # IDs of files that exist but failed validation: references to them are not
    # reported again as dangling, so one mistake gives one message.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # Kinds whose whole file is unreadable (topics.yml): no reference to them is checked.
    unreadable: set[str] = field(default_factory=set)
    # Every file hubgen reads from the content folder: kept out of the site as-is.
    data_files: list[Path] = field(default_factory=list)
    # Where each file read really is (links resolved), for the checks after loading (one look-up a file).
    real_paths: RealPaths = field(default_factory=RealPaths)
    # Recurring series (programs/<p>/<c>/series/<id>.yml) and the session files that add to one of their
    # dates (``series:`` in the front matter); hubgen.series expands them into ``sessions``.
    series: dict[tuple[str, str, str], Record[models.Series]] = field(default_factory=dict)
    series_overrides: dict[tuple[str, str, str], Record[models.SeriesSession]] = field(default_factory=dict)
    # (program, cohort, session id) of each session made from a series → where it came from.
    series_of: dict[tuple[str, str, str], SeriesDate] = field(default_factory=dict)


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


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = (p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file() and not p.is_symlink())
    return sorted(found, key=_by_name)


def _entries(folder: Path) -> list[Path]:
    """What is in ``folder``, sorted, without the links (:func:`find_links` reports them)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted((p for p in folder.iterdir() if not p.is_symlink()), key=_by_name)


def _by_parts(path: Path) -> list[str]:
    """The order of ``sorted(paths)``, sooner (a large hub has thousands of files)."""
    return [os.path.normcase(part) for part in path.parts]


def _by_name(path: Path) -> str:
    """The order of ``sorted(paths)`` for the entries of one folder, without comparing whole paths."""
    return os.path.normcase(path.name)


def find_links(root: Path, folders: Iterable[str], problems: Problems) -> tuple[list[Path], list[Path]]:
    """Every link (symlink) under ``folders`` of ``root``, each a problem at its path; and every other file.

    The folders are walked without following a link (a link to a parent folder cannot make it loop).
    """
    links: list[Path] = []
    files: list[Path] = []
    pending = [root / name for name in folders]
    while pending:
        here = pending.pop()
        if here.is_symlink():
            links.append(here)
            continue
        try:
            entries = list(os.scandir(here))
        except OSError:  # not a folder, or not one that can be read: the loader says what it needs
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    links.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                else:
                    files.append(path)
            except OSError:
                continue
    for link in sorted(links):
        try:
            target = os.readlink(link)
        except OSError:
            target = "?"
        problems.add(
            os.path.relpath(link, root).replace(os.sep, "/"),
            1,
            1,
            f"this is a link (symlink) to '{target[:120]}' — a hub never needs one, and hubgen neither reads "
            "nor publishes what it points at: put the file or folder itself here, or delete the link",
        )
    return sorted(links), sorted(files, key=_by_parts)


def _check_pages(reader: Reader, files: Iterable[Path], content: Path) -> None:
    """The hand-written pages under the content folder hold no control character either."""
    for path in files:
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_relative_to(content):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # not read here: the engine reports what it cannot read
        reader.controls(path, text)


def load(
    root: Path,
    problems: Problems,
    content_dir: str = "content",
    programs_dir: str = "programs",
    cache_dir: Path | None = None,
    memo: Memo | None = None,
) -> Loaded:
    """Read the hub under ``root``: ``content/`` and ``programs/`` (series are expanded by :mod:`.series`).

    With a ``cache_dir`` (``.cache/hubgen/``), YAML that earlier builds parsed is read from there; with a
    ``memo``, files an earlier load of this process read are not parsed or validated again if unchanged.
    """
    cache = YamlCache(cache_dir) if cache_dir is not None else None
    reader = Reader(root, problems, cache, memo)
    loaded = Loaded(root=root, content_dir=content_dir, real_paths=reader.real)
    content = root / content_dir
    _links, files = find_links(root, dict.fromkeys((content_dir, programs_dir)), problems)
    _check_pages(reader, files, content)
    _load_topics(reader, content, loaded)
    _load_simple(reader, content / "people", models.Person, "person", loaded.people, loaded)
    _load_simple(reader, content / "readings", models.Reading, "reading", loaded.readings, loaded)
    _load_programs(reader, root / programs_dir, loaded)
    if memo is not None:
        memo.forget_unseen()
    if cache is not None:
        cache.save()
    return loaded


def _load_topics(reader: Reader, content: Path, loaded: Loaded) -> None:
    for path in (content / "topics.yml", content / "topics.yaml"):
        if not path.is_file():
            continue
        loaded.data_files.append(path)
        doc = reader.yaml(path)
        if doc is None or not isinstance(doc.data, dict):
            loaded.unreadable.add("topic")  # one message here, not one at every reference to a topic
            if doc is not None and doc.data is None:
                reader.problems.add(
                    doc.file,
                    1,
                    1,
                    "topics.yml is empty — add the topics your programs, sessions and readings name, one per "
                    "entry: 'housing:' then, indented below it, 'title: Housing and health'",
                )
            if doc is not None and doc.data is not None:
                validate(models.Topics, doc, reader.problems, "topics.yml")
            continue
        topics = validate(models.Topics, doc, reader.problems, "topics.yml")
        if topics is None:
            loaded.broken.update(("topic", str(k)) for k in doc.data)
            loaded.broken.update(("topic", slugify(str(k))) for k in doc.data)
            for key, value in doc.data.items():  # keep the valid entries: one bad topic, one message
                with contextlib.suppress(ValueError):
                    loaded.topics[str(key)] = Record(str(key), doc.file, doc, models.Topic.model_validate(value))
            loaded.topics = {k: v for k, v in loaded.topics.items() if re.fullmatch(models.ID_PATTERN, k)}
            continue
        for tid, topic in topics.root.items():
            loaded.topics[tid] = Record(tid, doc.file, doc, topic)


def _load_simple(
    reader: Reader,
    folder: Path,
    model: type[M],
    kind: str,
    into: dict[str, Record[M]],
    loaded: Loaded,
) -> None:
    for path in _entries(folder):
        if path.is_dir():
            continue
        if path.suffix not in YAML_SUFFIXES:
            if path.suffix == ".md" or path.name.endswith((".yml.txt", ".txt")):
                reader.problems.add(
                    reader.rel(path),
                    1,
                    1,
                    f"not read: each {kind} is a .yml file — rename it to {path.stem.split('.')[0]}.yml",
                    severity="warning",
                )
            continue
        loaded.data_files.append(path)
        ident = path.stem
        if not reader.check_id(path, ident, "{}" + path.suffix):
            continue
        if ident in into:
            reader.problems.add(
                reader.rel(path),
                1,
                1,
                f"two files define the {kind} '{ident}' ({into[ident].file} too) — keep one",
            )
            continue
        parsed = reader.read(path, f"this {kind} file", lambda _doc: model)
        if parsed is None:
            loaded.broken.add((kind, ident))
            continue
        into[ident] = Record(ident, parsed.doc.file, parsed.doc, parsed.data)


def _load_programs(reader: Reader, programs: Path, loaded: Loaded) -> None:
    for pdir in (p for p in _entries(programs) if p.is_dir() and not p.name.startswith(".")):
        pid = pdir.name
        pfile = pdir / "program.yml"
        if not pfile.is_file():
            if (pdir / "program.yaml").is_file():
                pfile = pdir / "program.yaml"
            else:
                reader.problems.add(
                    reader.rel(pdir) + "/program.yml", 1, 1, f"the folder programs/{pid}/ has no program.yml — add one"
                )
                continue
        if not reader.check_id(pdir, pid, "programs/{}/"):
            continue
        program = reader.read(pfile, "program.yml", lambda _doc: models.Program)
        if program is None:
            loaded.broken.add(("program", pid))
        else:
            loaded.programs[pid] = Record(pid, program.doc.file, program.doc, program.data)
        for cdir in (c for c in _entries(pdir) if c.is_dir() and not c.name.startswith(".")):
            _load_cohort(reader, pid, cdir, loaded)
        for stray in (p for p in _entries(pdir) if p.suffix == ".md"):
            reader.problems.add(
                reader.rel(stray),
                1,
                1,
                f"not read: sessions go in programs/{pid}/<cohort>/sessions/ and projects in "
                f"programs/{pid}/<cohort>/projects/",
                severity="warning",
            )


def _load_cohort(reader: Reader, pid: str, cdir: Path, loaded: Loaded) -> None:
    cid = cdir.name
    cfile = cdir / "cohort.yml"
    if not cfile.is_file():
        reader.problems.add(reader.rel(cfile), 1, 1, f"the folder {reader.rel(cdir)}/ has no cohort.yml — add one")
        return
    if not reader.check_id(cdir, cid, f"programs/{pid}/{{}}/"):
        return
    cohort = reader.read(cfile, "cohort.yml", lambda _doc: models.Cohort)
    if cohort is None:
        loaded.broken.add(("cohort", f"{pid}/{cid}"))
    else:
        loaded.cohorts[(pid, cid)] = Record(cid, cohort.doc.file, cohort.doc, cohort.data)
    for kind, folder_name in (("session", "sessions"), ("project", "projects")):
        for path in _entries(cdir / folder_name):
            if path.is_dir():
                continue
            if path.suffix != ".md":
                if path.suffix in (*YAML_SUFFIXES, ".txt", ".markdown"):
                    reader.problems.add(
                        reader.rel(path),
                        1,
                        1,
                        f"not read: each {kind} is a Markdown file — rename it to {path.stem}.md",
                        severity="warning",
                    )
                continue
            _load_entry(reader, pid, cid, path, kind, loaded)
    for path in _yaml_files(cdir / "series"):
        _load_series(reader, pid, cid, path, loaded)
    for stray in (p for p in _entries(cdir) if p.is_file() and p.name != "cohort.yml"):
        if stray.suffix in (".md", *YAML_SUFFIXES):
            reader.problems.add(
                reader.rel(stray),
                1,
                1,
                f"not read: put sessions in {reader.rel(cdir)}/sessions/ and projects in {reader.rel(cdir)}/projects/",
                severity="warning",
            )


def _load_series(reader: Reader, pid: str, cid: str, path: Path, loaded: Loaded) -> None:
    ident = path.stem
    if not reader.check_id(path, ident, "{}" + path.suffix):
        return
    parsed = reader.read(path, "this series file", lambda _doc: models.Series)
    if parsed is None:
        loaded.broken.add(("series", f"{pid}/{cid}/{ident}"))
        return
    loaded.series[(pid, cid, ident)] = Record(ident, parsed.doc.file, parsed.doc, parsed.data)


def _load_entry(reader: Reader, pid: str, cid: str, path: Path, kind: str, loaded: Loaded) -> None:
    ident = path.stem
    if kind == "session" and len(ident) > models.MAX_ID + 11:  # the date and a hyphen, then at most an ID
        reader.problems.add(
            reader.rel(path), 1, 1, f"the file name is {len(path.name)} characters long — shorten it to under 80"
        )
        return
    if kind == "session" and not SESSION_NAME.match(ident):
        reader.problems.add(
            reader.rel(path),
            1,
            1,
            f"a session file is named by its date and a short title, e.g. "
            f"2026-10-14-{slugify(ident.lstrip('0123456789-')) or 'launch-workshop'}.md",
        )
        return
    if kind == "project" and not reader.check_id(path, ident, "{}.md"):
        return

    def extends_series(doc: Located) -> bool:
        return kind == "session" and isinstance(doc.data, dict) and doc.data.get("series") is not None

    def model(doc: Located) -> type[BaseModel]:
        if extends_series(doc):
            return models.SeriesSession  # title and type come from the series
        return models.Session if kind == "session" else models.Project

    parsed = reader.read(path, f"the front matter of this {kind}", model, markdown=True)
    if parsed is None:
        loaded.broken.add((kind, ident))
        return
    target: dict[Any, Any] = loaded.sessions if kind == "session" else loaded.projects
    if extends_series(parsed.doc):
        target = loaded.series_overrides
    target[(pid, cid, ident)] = Record(ident, parsed.doc.file, parsed.doc, parsed.data, parsed.body, parsed.body_line)


@dataclass(eq=False)
class Series(models.Titled):
    """One series, with the dates it expands into."""

    id: str
    file: str
    data: models.Series
    days: list[dt.date] = field(default_factory=list)

    @property
    def weekday_name(self) -> str:
        return self.data.weekday.capitalize()

    def rule(self, tz: ZoneInfo) -> str:
        """How people say it: ``Wednesdays, 12:00–13:00 EDT, 9 September 2026 – 16 June 2027``."""
        d = self.data
        when = f"{self.weekday_name}s"
        if d.time is not None and self.days:
            zone = ZoneInfo(d.timezone) if d.timezone else tz
            names = dict.fromkeys(str(dt.datetime.combine(day, d.time.start, zone).tzname()) for day in self.days)
            when += f", {d.time.start:%H:%M}–{d.time.end:%H:%M} {'/'.join(names)}"
        if self.days:
            a, b = self.days[0], self.days[-1]
            when += f", {a.day} {a:%B %Y} – {b.day} {b:%B %Y}"
        return when


@dataclass(eq=False)
class SeriesDate:
    """Where one session made from a series came from."""

    series: Series
    day: dt.date
    entry: models.SeriesDate | None = None
    override_file: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """The files whose edits change this session (for calendar SEQUENCE and LAST-MODIFIED)."""
        return (self.series.file,) + ((self.override_file,) if self.override_file else ())

    @property
    def summary(self) -> str:
        return self.entry.summary if self.entry else ""


class Resolver:
    """Follows references of one record, reporting each dangling one at its line."""

    def __init__(self, loaded: Loaded, problems: Problems) -> None:
        self.loaded = loaded
        self.problems = problems

    def refs(self, record: Record[Any], path: YPath, ids: list[str], pool: Mapping[str, T], kind: str) -> list[T]:
        found: list[T] = []
        for i, ident in enumerate(ids):
            if ident in pool:
                found.append(pool[ident])
                continue
            if (kind, ident) in self.loaded.broken or kind in self.loaded.unreadable:
                continue  # its own file already has a problem
            line, col = record.doc.position((*path, i))
            where = {
                "person": "content/people/",
                "reading": "content/readings/",
                "topic": "content/topics.yml",
            }[kind]
            hint = did_you_mean(ident, pool) or f" — add it to {where} or fix the ID"
            self.problems.add(record.file, line, col, f"unknown {kind} '{ident}'{hint}", field_name((*path, i)))
        return found
