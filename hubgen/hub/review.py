"""What the build checks once the graph is made, beyond its references: warnings worth a look (a session without
readings, a speaker without a bio, two sessions of a cohort at one time, materials due before they are set) and the
files content names (slides, photos, images), which must exist under the content folder."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..content import models, pictures
from ..content.loader import Loaded
from ..content.problems import Problems
from ..content.reader import Record
from ..content.validation import field_name
from ..content.yamlsource import Path as YPath
from .entities import Person, Reading, Session, unpublished_reason


def warn(loaded: Loaded, problems: Problems, people: dict[str, Person], readings: dict[str, Reading]) -> None:
    """Worth a look, not wrong: the build goes on (``--strict`` makes these fail)."""
    for srec in loaded.sessions.values():
        d = srec.data
        if d.status == "scheduled" and not d.readings.required and not d.readings.optional and not d.readings.none:
            where = ("readings",) if "readings" in (srec.doc.data or {}) else ("title",)
            line, col = srec.doc.position(where, key=True)
            problems.add(
                srec.file,
                line,
                col,
                "the session has no readings — participants look here for what to prepare; "
                f"add readings: {{required: [...]}}, or write readings: {models.NO_READINGS} "
                "if there is nothing to read",
                "readings",
                severity="warning",
            )
        if unpublished_reason(d, dt.date.max) is None:
            for path, ids, pool in (
                (("speakers",), d.speakers, people),
                (("facilitators",), d.facilitators, people),
                (("readings", "required"), d.readings.required, readings),
                (("readings", "optional"), d.readings.optional, readings),
            ):
                for i, ident in enumerate(ids):
                    target = pool.get(ident)
                    if target is not None and target.unpublished:
                        line, col = srec.doc.position((*path, i))
                        problems.add(
                            srec.file,
                            line,
                            col,
                            f"'{ident}' is not published yet ({target.unpublished}): "
                            "the session is shown without it until it is",
                            field_name((*path, i)),
                            severity="warning",
                        )
    # A reading without topics is a valid reading (found in the library by type, year, words...): no warning, so
    # that a fresh `hubgen import` publishes with `--strict`. The import says how to add topics.
    for pid, prec in loaded.people.items():
        person = people.get(pid)
        if person and "speaker" in person.roles and not prec.data.bio and person.visibility == "public":
            line, col = prec.doc.position(("name",))
            problems.add(
                prec.file,
                line,
                col,
                f"{prec.data.name} speaks at {len(person.sessions)} session(s) but has no bio — "
                "add a few sentences (bio: ...)",
                "bio",
                severity="warning",
            )


def _when_line(rec: Record[Any]) -> tuple[int, int]:
    """Where a session file (or the series it comes from) says when it is."""
    data = rec.doc.data if isinstance(rec.doc.data, dict) else {}
    where = next((k for k in ("date", "time", "weekday", "title") if k in data), None)
    return rec.doc.position((where,) if where else (), key=True)


def warn_overlaps(loaded: Loaded, problems: Problems, sessions: list[Session]) -> None:
    """Two scheduled sessions of one cohort at the same time: a copied file whose date or time was not changed,
    or a session put on a day that is already taken (an all-day learning day, a retreat)."""
    by_cohort: dict[tuple[str, str], list[Session]] = {}
    for s in sessions:
        if s.data.status == "scheduled" and not s.unpublished:  # a draft may be the replacement being prepared
            by_cohort.setdefault((s.program.id, s.cohort.id), []).append(s)
    for (pid, cid), group in by_cohort.items():
        group.sort(key=lambda s: (s.start, s.end, s.id))
        running: list[Session] = []  # the earlier sessions still going on at the current one's start
        for s in group:
            running = [r for r in running if r.end > s.start]
            for other in running:
                if other.file == s.file:  # two dates of one series: a series never overlaps itself by accident
                    continue
                rec, orec = loaded.sessions[(pid, cid, s.id)], loaded.sessions[(pid, cid, other.id)]
                line, col = _when_line(rec)
                oline, _ = _when_line(orec)
                problems.add(
                    rec.file,
                    line,
                    col,
                    f"'{s.title}' ({_span(s)}) overlaps '{other.title}' ({_span(other)}) of the same cohort, "
                    f"at {orec.file}:{oline} — change the date or time of one of them, or set status: cancelled "
                    "on the one that is not happening",
                    "date",
                    severity="warning",
                )
            running.append(s)


def _span(s: Session) -> str:
    if s.all_day:
        return f"{s.day}, all day" if s.last_day == s.day else f"{s.day} to {s.last_day}, all day"
    if s.last_day != s.day:
        return f"{s.start:%Y-%m-%d %H:%M} to {s.end:%Y-%m-%d %H:%M}"
    return f"{s.day} {s.start:%H:%M}–{s.end:%H:%M}"


def warn_materials_before(loaded: Loaded, problems: Problems, sessions: list[Session], today: dt.date) -> None:
    """A recording of a session that has not happened yet, or the materials of a past session on a future one:
    what a session copied from a past one carries along (the README tells staff to copy a session)."""
    past: dict[str, Session] = {}
    for s in sessions:
        if s.last_day < today:
            for m in s.data.materials:
                past.setdefault(m.url or m.file or "", s)
    for s in sessions:
        if s.day <= today:
            continue
        rec = loaded.sessions[(s.program.id, s.cohort.id, s.id)]
        for i, m in enumerate(s.data.materials):
            earlier = past.get(m.url or m.file or "")
            if m.kind == "recording":
                why = f"a recording of a session that has not happened yet ({s.day})"
            elif earlier is not None:
                why = f"'{m.title}' is the material of an earlier session, '{earlier.title}' ({earlier.file})"
            else:
                continue
            line, col = rec.doc.position(("materials", i))
            problems.add(
                rec.file,
                line,
                col,
                f"{why} — copied with the session? Remove it, and add this session's own after it takes place",
                field_name(("materials", i)),
                severity="warning",
            )


def check_files(loaded: Loaded, problems: Problems) -> None:
    """Files named by content (slides, photos, project images) must exist under the content folder."""
    content = loaded.root / loaded.content_dir

    root = loaded.root.resolve()

    def check(rec: Record[Any], path: YPath, name: str | None, picture: bool = False) -> None:
        if not name:
            return
        try:
            target = (content / name).resolve()
            inside = target.is_relative_to(root)
            exists = (content / name).is_file()
        except (OSError, RuntimeError, ValueError) as exc:  # a name over 255 bytes, a link loop, a NUL
            why = getattr(exc, "strerror", None) or "a link that points at itself"
            problems.add(
                rec.file,
                *rec.doc.position(path),
                f"'{name[:80]}' cannot be a file: {why} — fix the path",
                field_name(path),
            )
            return
        if not inside:
            message = (
                f"{loaded.content_dir}/{name} is a link (symlink) to a file outside the repository, which is "
                "never published — put the file itself there"
            )
        elif not exists:
            message = f"no file {loaded.content_dir}/{name} — add it there, or fix the path"
        else:
            message = ""
        if message:
            problems.add(rec.file, *rec.doc.position(path), message, field_name(path))
        elif picture and (why := pictures.problem_with(content / name)):
            line, col = rec.doc.position(path)
            problems.add(rec.file, line, col, f"{loaded.content_dir}/{name}: {why}", field_name(path))

    for srec in loaded.sessions.values():
        for i, material in enumerate(srec.data.materials):
            check(srec, ("materials", i, "file"), material.file)
    for prec in loaded.people.values():
        check(prec, ("photo",), prec.data.photo, picture=True)
    for record in loaded.projects.values():
        check(record, ("image",), record.data.image, picture=True)
        if record.data.image and not record.data.image_alt:
            line, col = record.doc.position(("image",))
            problems.add(
                record.file,
                line,
                col,
                "the image needs a description for people who cannot see it — add image_alt",
                "image_alt",
            )
