"""The library's facets and a cohort's preparation plan, worked out for the templates.

The library page (``library.md.j2``) lists every reading with its facet values as
``data-*`` attributes for ``assets/facets.js``; :func:`library_facets` says which
values each facet offers and :func:`reading_facets` which ones a reading has.
:func:`preparation` puts a cohort's readings and assignments session by session
for its "Prepare" page and for each session page's "Due" list.
"""

from __future__ import annotations

import datetime as dt
import gettext
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..content import models
from ..hub.graph import Cohort, Hub, Reading, Session
from .citations import plain_text
from .labels import ACCESS_SHORT, N_, TYPE_LABELS

ENGLISH = gettext.NullTranslations()

# The labels of types and access come from the one table of labels (hubgen/site/labels.py).
#: Reading-time bands: (value, label, up to and including this many minutes).
TIME_BANDS: list[tuple[str, str, int]] = [
    ("under-15", N_("Under 15 min"), 14),
    ("15-30", "15–30 min", 30),
    ("30-60", "30–60 min", 60),
    ("1-2h", N_("1–2 hours"), 120),
    ("over-2h", N_("Over 2 hours"), 10_000),
]
NOT_ASSIGNED = "none"
NO_VALUE = "unknown"


def cohort_value(cohort: Cohort) -> str:
    """A cohort's value in the library's and the showcase's cohort facets: unique across programs ("--" never
    occurs in an ID)."""
    return f"{cohort.program.id}--{cohort.id}"


def time_band(minutes: int | None) -> str:
    if not minutes:
        return NO_VALUE
    return next(value for value, _, upto in TIME_BANDS if minutes <= upto)


def year_band(year: int | None) -> str:
    """Decades since 2000 (``2020s``), then ``before-2000``: most of a library is recent."""
    if not year:
        return NO_VALUE
    return f"{year // 10 * 10}s" if year >= 2000 else "before-2000"


def folded(text: str) -> str:
    """Lowercase, without accents: how the filter compares words (facets.js folds what is typed alike)."""
    if text.isascii():  # most titles and names: nothing to decompose (a third of the time at 1,000 sessions)
        return text.lower()
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def filter_text(reading: Reading) -> str:
    """The words the library's text filter searches: title, authors (or editors) and summary."""
    d = reading.data
    return folded(" ".join([reading.title, *d.authors, *d.editors, plain_text(d.summary)]))


def example_words(titles: Iterable[str], names: Iterable[str]) -> str:
    """A text filter's placeholder from what the list holds (a word of a title, a name): each finds something."""
    word = next(
        (w.strip(":,.;?!").lower() for t in titles for w in t.split() if len(w) >= 6 and w.strip(":,.;?!").isalpha()),
        "",
    )
    name = next((n.split(",")[0].strip() for n in names if n), "")  # an author's "Last, First": the last name
    found = ", ".join(x for x in (word, name) if x)
    return f"e.g. {found}" if found else "a word of a title"


def library_order(readings: Iterable[Reading]) -> list[Reading]:
    """The library's order: by title as a library files it (``models.filing_title``: "The", "A", "An" and leading
    quotation marks or punctuation not counted), then year and ID."""
    return sorted(readings, key=lambda r: (models.filing_title(r.data.title, r.data.language), r.data.year or 0, r.id))


def _sessions(reading: Reading) -> list[Session]:
    return [s for s, _ in reading.assigned]


def reading_facets(reading: Reading) -> dict[str, str]:
    """A reading's values, facet by facet, as the space-separated tokens of its ``data-*`` attributes."""
    sessions = _sessions(reading)
    programs = list(dict.fromkeys(s.program.id for s in sessions)) or [NOT_ASSIGNED]
    return {
        "topic": " ".join(t.id for t in reading.topics),
        "type": reading.data.type,
        "program": " ".join(programs),
        "cohort": " ".join(dict.fromkeys(cohort_value(s.cohort) for s in sessions)),
        "access": reading.data.access,
        "time": time_band(reading.data.minutes),
        "year": year_band(reading.data.year),
    }


@dataclass(frozen=True)
class Facet:
    """One fieldset of a filter form: its name (the ``data-*`` attribute and URL parameter), legend, values."""

    name: str
    legend: str
    values: list[tuple[str, str]]  # (value, label)


def library_facets(hub: Hub, tr: gettext.NullTranslations = ENGLISH) -> list[Facet]:
    """The library's facets, with the values some reading has, in a sensible order (in the hub's language)."""
    _ = tr.gettext
    readings = list(hub.readings.values())
    have: dict[str, set[str]] = {}
    for r in readings:
        for name, tokens in reading_facets(r).items():
            have.setdefault(name, set()).update(tokens.split())

    def present(name: str, values: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(v, label) for v, label in values if v in have.get(name, set())]

    decades = sorted((y for y in have.get("year", set()) if y[:1].isdigit()), reverse=True)
    facets = [
        Facet(
            "topic",
            _("Topic"),
            present("topic", ((t.id, t.title) for t in sorted(hub.topics.values(), key=lambda t: t.title.lower()))),
        ),
        Facet("type", _("Type"), present("type", ((k, _(v)) for k, v in TYPE_LABELS.items()))),
        Facet(
            "program",
            _("Assigned in program"),
            present("program", [*((p.id, p.title) for p in hub.programs), (NOT_ASSIGNED, _("Not assigned"))]),
        ),
        Facet(
            "cohort",
            _("Assigned in cohort"),
            present("cohort", ((cohort_value(c), f"{c.program.title} — {c.title}") for c in hub.cohorts)),
        ),
        Facet("access", _("Access"), present("access", ((k, _(v)) for k, v in ACCESS_SHORT.items()))),
        Facet(
            "time",
            _("Reading time"),
            present("time", [*((v, _(label)) for v, label, _band in TIME_BANDS), (NO_VALUE, _("Not given"))]),
        ),
        Facet(
            "year",
            _("Published"),
            present("year", [*((d, d) for d in decades), ("before-2000", _("Before 2000")), (NO_VALUE, _("No year"))]),
        ),
    ]
    return [f for f in facets if f.values]


# --- preparing for sessions ----------------------------------------------------


@dataclass(frozen=True)
class Due:
    """An assignment, the session that set it, and its due date (if any)."""

    assignment: models.Assignment
    set_in: Session

    @property
    def window(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The due day, from midnight to midnight in its session's time zone (the browser hides it once over)."""
        due = self.assignment.due
        if due is None:
            return None
        start = dt.datetime.combine(due, dt.time(), self.set_in.tz)
        return start, dt.datetime.combine(due + dt.timedelta(days=1), dt.time(), self.set_in.tz)


@dataclass
class Step:
    """One session of a cohort, with what to read and what is due by then."""

    session: Session
    due: list[Due] = field(default_factory=list)

    @property
    def required(self) -> list[Reading]:
        return self.session.required

    @property
    def optional(self) -> list[Reading]:
        return self.session.optional


@dataclass
class Preparation:
    steps: list[Step]
    later: list[Due]  # due after the cohort's last session

    def step(self, session: Session) -> Step | None:
        return next((s for s in self.steps if s.session is session), None)

    @property
    def dated(self) -> list[Due]:
        """Every assignment with a due date, soonest first (the Prepare page's "Due soon")."""
        items = [d for step in self.steps for d in step.due] + self.later
        return sorted((d for d in items if d.assignment.due), key=lambda d: (d.assignment.due, d.set_in.sort_key()))


def preparation(cohort: Cohort) -> Preparation:
    """Session by session: the readings, and each assignment under the session it prepares for.

    An assignment due on or before the session that set it (or with no due date) stays with that session; one due
    after it (follow-up work) goes under the first session on or after its due date.
    """
    sessions = sorted(cohort.sessions, key=Session.sort_key)
    steps = [Step(s) for s in sessions]
    later: list[Due] = []
    for step in steps:
        for a in step.session.data.assignments:
            due = Due(a, step.session)
            if a.due is None or a.due <= step.session.day:
                step.due.append(due)
                continue
            target = next((t for t in steps if t.session.day >= a.due), None)
            if target is None:
                later.append(due)
            else:
                target.due.append(due)
    for step in steps:
        step.due.sort(key=lambda d: (d.assignment.due or d.set_in.day, d.set_in.sort_key()))
    later.sort(key=lambda d: d.assignment.due or d.set_in.day)
    return Preparation(steps, later)
