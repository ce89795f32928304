"""Recurring series: a weekly session declared once, expanded into one session per date.

A series lives in ``programs/<program>/<cohort>/series/<series>.yml``::

    title: Leadership Development Seminar
    type: leadership-seminar
    weekday: wednesday
    starts: 2026-09-09
    ends: 2027-06-16
    time: 12:00-13:00
    skip: [2026-11-25, 2026-12-23, 2026-12-30]      # holidays: no session that week
    dates:
      2026-09-16: {title: "Choosing Rural Practice", speakers: [harriet-bellweather]}

:func:`expand_series` runs at the end of loading. Every date becomes a session record
(``<date>-<series>``, so its page, its URL and its calendar UID stay the same whatever is
edited), built from the series, then the date's entry under ``dates:``, then a session file
for that date carrying ``series: <series>`` — each layer overriding the one before. Each
layer's mistakes are reported once, at their own file and line; the records handed on
hold only what is valid, so nothing is reported twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from . import models
from .loader import Loaded, Resolver, Series, SeriesDate
from .problems import Problems, did_you_mean
from .reader import SESSION_NAME, Record
from .validation import check_ends_after_starts, field_name
from .yamlsource import Path as YPath

_REF_FIELDS = (("speakers", "person"), ("facilitators", "person"), ("topics", "topic"))
#: What every date takes from its series as it is: each field a session and a series share (models.Meeting),
#: but the references, which layer the series, its date and the date's file (below).
_COPIED = tuple(name for name in models.Meeting.model_fields if name not in {*dict(_REF_FIELDS), "readings"})


#: The most dates one series has: five years of weeks. A mistyped year (2206 for 2026) would otherwise make
#: thousands of pages and calendar events without a word.
MAX_DATES = 260


def series_days(data: models.Series) -> list[dt.date]:
    """Every date of the series: its weekday from ``starts`` to ``ends``, less ``skip``."""
    weekday = models.WEEKDAYS.index(data.weekday)
    day = data.starts + dt.timedelta(days=(weekday - data.starts.weekday()) % 7)
    skip = set(data.skip)
    out = []
    while day <= data.ends:
        if day not in skip:
            out.append(day)
        day += dt.timedelta(days=7)
    return out


def _plural(weekday: str) -> str:
    return weekday.capitalize() + "s"


def _raw_keys(doc: Any, path: YPath) -> dict[dt.date, str]:
    """The keys of the mapping at ``path`` as typed (``2026-09-16``), by the date they name."""
    data = doc.data
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    out: dict[dt.date, str] = {}
    for key in data or {}:
        try:
            out[models.parse_date(key)] = key
        except ValueError:
            continue
    return out


class _Expander:
    def __init__(
        self, loaded: Loaded, problems: Problems, unpublished: Callable[[models.Publishable], bool] | None
    ) -> None:
        self.loaded = loaded
        self.problems = problems
        self.unpublished = unpublished
        self.resolver = Resolver(loaded, problems)

    def error(self, rec: Record[Any], path: YPath, message: str, *, key: bool = False) -> None:
        line, col = rec.doc.position(path, key=key)
        self.problems.add(rec.file, line, col, message, field_name(path))

    def refs(self, rec: Record[Any], path: YPath, values: Any) -> dict[str, list[str]]:
        """Check the references of one layer (the series, one date, one file); keep the valid ones."""
        pools: dict[str, Any] = {
            "person": self.loaded.people,
            "topic": self.loaded.topics,
            "reading": self.loaded.readings,
        }
        kept: dict[str, list[str]] = {}
        given = values.model_fields_set  # a date's entry or a session file: only what it says counts
        for name, kind in _REF_FIELDS:
            ids = getattr(values, name, None)
            if ids is not None and (name in given or isinstance(values, models.Series)):
                self.resolver.refs(rec, (*path, name), ids, pools[kind], kind)
                kept[name] = [i for i in ids if i in pools[kind]]
        readings = getattr(values, "readings", None)
        if readings is not None and ("readings" in given or isinstance(values, models.Series)):
            for level in ("required", "optional"):
                ids = getattr(readings, level)
                self.resolver.refs(rec, (*path, "readings", level), ids, pools["reading"], "reading")
                kept[f"readings.{level}"] = [i for i in ids if i in pools["reading"]]
            kept["readings.none"] = [models.NO_READINGS] if readings.none else []
        return kept

    # -- one series ----------------------------------------------------------

    def check(self, key: tuple[str, str, str], rec: Record[models.Series]) -> Series | None:
        pid, cid, sid = key
        d = rec.data
        program = self.loaded.programs.get(pid)
        cohort = self.loaded.cohorts.get((pid, cid))
        series = Series(sid, rec.file, d)
        ok = True
        if not check_ends_after_starts(self.problems, rec.file, rec.doc, "series", d.starts, d.ends):
            ok = False
        elif (d.ends - d.starts).days > MAX_DATES * 7:
            self.error(
                rec,
                ("ends",),
                f"the series runs from {d.starts} to {d.ends}: more than {MAX_DATES} weeks — is the year right? "
                "(a longer series is several files, one per cohort or year)",
            )
            ok = False
        if program is not None and d.type not in program.data.session_types:
            types = program.data.session_types
            self.error(
                rec,
                ("type",),
                f"'{d.type}' is not a session type of this program{did_you_mean(d.type, types)}"
                f" — use one of: {', '.join(types)} (defined in {program.file})",
            )
            ok = False
        if cohort is not None and ok:
            cd = cohort.data
            if cd.starts <= cd.ends:  # otherwise cohort.yml has the problem
                if not cd.starts <= d.starts <= cd.ends:
                    self.error(
                        rec,
                        ("starts",),
                        f"the series starts ({d.starts}) outside its cohort, which runs "
                        f"{cd.starts} to {cd.ends} ({cohort.file})",
                    )
                    ok = False
                if not cd.starts <= d.ends <= cd.ends:
                    self.error(
                        rec,
                        ("ends",),
                        f"the series ends ({d.ends}) outside its cohort, which runs "
                        f"{cd.starts} to {cd.ends} ({cohort.file})",
                    )
                    ok = False
        weekday = _plural(d.weekday)
        all_days = set(series_days(d.model_copy(update={"skip": []}))) if d.starts <= d.ends else set()
        for i, day in enumerate(d.skip):
            if not d.starts <= day <= d.ends:
                self.error(
                    rec,
                    ("skip", i),
                    f"{day} is outside the series, which runs {d.starts} to {d.ends} — remove it, or fix the date",
                )
            elif day not in all_days:
                self.error(
                    rec,
                    ("skip", i),
                    f"{day} is a {day:%A}, but the series meets on {weekday} — skip a {d.weekday.capitalize()} instead",
                )
        raw = _raw_keys(rec.doc, ("dates",))
        for day in d.dates:
            path: YPath = ("dates", raw.get(day, str(day)))
            if not d.starts <= day <= d.ends:
                self.error(
                    rec,
                    path,
                    f"{day} is outside the series, which runs {d.starts} to {d.ends} — "
                    "fix the date, or write a session file for a one-off session",
                    key=True,
                )
            elif day.weekday() != models.WEEKDAYS.index(d.weekday):
                nearest = min(all_days, key=lambda x: abs((x - day).days), default=None)
                hint = f" (the nearest is {nearest:%A} {nearest})" if nearest else ""
                self.error(
                    rec,
                    path,
                    f"{day} is a {day:%A}, but the series meets on {weekday}{hint} — fix the "
                    "date, or write a session file for a one-off session",
                    key=True,
                )
            elif day in d.skip:
                self.error(rec, path, f"{day} is also listed under 'skip' — remove it from one of the two", key=True)
        series.days = series_days(d) if ok else []
        if ok and not series.days:
            self.error(
                rec,
                ("weekday",),
                f"the series has no dates: no {d.weekday.capitalize()} between "
                f"{d.starts} and {d.ends} that is not skipped",
            )
        return series if ok else None

    def expand(self) -> None:
        loaded = self.loaded
        by_cohort: dict[tuple[str, str], dict[str, tuple[Record[models.Series], Series | None]]] = {}
        for key, rec in loaded.series.items():
            series = self.check(key, rec)
            by_cohort.setdefault(key[:2], {})[key[2]] = (rec, series)

        overrides: dict[tuple[str, str, str, dt.date], Record[models.SeriesSession]] = {}
        for (pid, cid, ident), orec in loaded.series_overrides.items():
            sid = orec.data.series or ""
            known = by_cohort.get((pid, cid), {})
            if sid not in known:
                if ("series", f"{pid}/{cid}/{sid}") in loaded.broken or ("cohort", f"{pid}/{cid}") in loaded.broken:
                    continue  # that file has its own problem
                names = ", ".join(sorted(known)) or "none yet"
                self.error(
                    orec,
                    ("series",),
                    f"unknown series '{sid}'{did_you_mean(sid, known)} — the series of "
                    f"this cohort (programs/{pid}/{cid}/series/) are: {names}",
                )
                continue
            _srec, series = known[sid]
            if series is None:
                continue  # the series file has the problem
            m = SESSION_NAME.match(ident)
            try:
                day = models.parse_date(m.group(1)) if m else None
            except ValueError:
                day = None
            if day is None:
                self.problems.add(
                    orec.file, 1, 1, f"the file name starts with '{ident[:10]}', which is not a real date"
                )
                continue
            if orec.data.date and orec.data.date != day:
                self.error(
                    orec,
                    ("date",),
                    f"the date {orec.data.date} does not match the file name's date {day} "
                    f"— rename the file to {orec.data.date}-{ident[11:]}.md or fix the date",
                )
                continue
            if day not in series.days:
                reason = (
                    f"{day} is skipped by the series ('skip' in {series.file})"
                    if day in series.data.skip
                    else f"{day} is not a date of the series '{sid}' ({_plural(series.data.weekday)}, "
                    f"{series.data.starts} to {series.data.ends})"
                )
                self.error(
                    orec,
                    ("series",),
                    f"{reason} — fix the date in the file name, or remove 'series:' to make it a one-off session",
                )
                continue
            if self.unpublished is not None and self.unpublished(orec.data):
                # A draft (or scheduled) file for a date changes nothing until it is published: the date keeps
                # its page and calendar event as the series makes them (the README promises it).
                continue
            if (pid, cid, sid, day) in overrides:
                other = overrides[(pid, cid, sid, day)]
                self.problems.add(
                    orec.file,
                    1,
                    1,
                    f"{other.file} already adds to the series '{sid}' on {day} — keep one file per date",
                )
                continue
            overrides[(pid, cid, sid, day)] = orec

        for (pid, cid), known in by_cohort.items():
            for sid, (srec, series) in known.items():
                if series is None:
                    continue
                base = self.refs(srec, (), srec.data)
                raw = _raw_keys(srec.doc, ("dates",))
                for day in series.days:
                    entry = srec.data.dates.get(day)
                    layers = [base]
                    if entry is not None:
                        layers.append(self.refs(srec, ("dates", raw.get(day, str(day))), entry))
                    extra = overrides.get((pid, cid, sid, day))
                    if extra is not None:
                        layers.append(self.refs(extra, (), extra.data))
                    self.add(pid, cid, srec, series, day, entry, extra, layers)

    def add(
        self,
        pid: str,
        cid: str,
        srec: Record[models.Series],
        series: Series,
        day: dt.date,
        entry: models.SeriesDate | None,
        orec: Record[models.SeriesSession] | None,
        layers: list[dict[str, list[str]]],
    ) -> None:
        s = srec.data
        values: dict[str, Any] = {name: getattr(s, name) for name in _COPIED}
        values["series"] = series.id
        if entry is not None:
            for name in entry.model_fields_set & {"title", "time", "status"}:
                if getattr(entry, name) is not None:
                    values[name] = getattr(entry, name)
        if orec is not None:
            for name in orec.data.model_fields_set - {"series", "date"}:
                if getattr(orec.data, name) is not None:
                    values[name] = getattr(orec.data, name)
        refs: dict[str, list[str]] = {}
        for layer in layers:
            refs.update(layer)
        for name, _kind in _REF_FIELDS:
            values[name] = refs.get(name, [])
        values["readings"] = models.ReadingList.model_validate(
            models.NO_READINGS
            if refs.get("readings.none")
            else {"required": refs.get("readings.required", []), "optional": refs.get("readings.optional", [])}
        )
        data = models.Session.model_validate(values)
        sid = f"{day}-{series.id}"
        key = (pid, cid, sid)
        if key in self.loaded.sessions:
            clash = self.loaded.sessions[key]
            self.problems.add(
                clash.file,
                1,
                1,
                f"this file's page would be the page of the series '{series.id}' on {day} — add "
                f"'series: {series.id}' to its front matter to make it that date's details, or rename it",
            )
            return
        rec = orec or srec
        body, body_line = (orec.body, orec.body_line) if orec is not None else ("", 1)
        self.loaded.sessions[key] = Record(sid, rec.file, rec.doc, data, body, body_line)
        self.loaded.series_of[key] = SeriesDate(series, day, entry, orec.file if orec else None)


def expand_series(
    loaded: Loaded, problems: Problems, unpublished: Callable[[models.Publishable], bool] | None = None
) -> None:
    """Check every series and the files that add to its dates; add one session record per date.

    ``unpublished`` says whether a file is not published yet: a series date's file that is not keeps
    out of the date (which stays as the series makes it) instead of taking the date with it.
    """
    if loaded.series or loaded.series_overrides:
        _Expander(loaded, problems, unpublished).expand()
