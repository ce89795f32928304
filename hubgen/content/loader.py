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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from . import models
from .models import slugify
from .paths import RealPaths
from .problems import Problems, did_you_mean
from .reader import MARKDOWN_SUFFIXES, SESSION_NAME, YAML_SUFFIXES, M, Memo, Reader, Record
from .validation import field_name, validate
from .yamlsource import Located, YamlCache
from .yamlsource import Path as YPath

T = TypeVar("T")


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
    # dates (``series:`` in the front matter); hubgen.content.series expands them into ``sessions``.
    series: dict[tuple[str, str, str], Record[models.Series]] = field(default_factory=dict)
    series_overrides: dict[tuple[str, str, str], Record[models.SeriesSession]] = field(default_factory=dict)
    # (program, cohort, session id) of each session made from a series → where it came from.
    series_of: dict[tuple[str, str, str], SeriesDate] = field(default_factory=dict)


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
