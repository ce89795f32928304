"""How the section pages group their entries: the calendar's months, the showcase's facets, the people page's
groups, and the sessions and readings a project page shows as related (hubgen/site/render.py passes them on)."""

from __future__ import annotations

import datetime as dt
import gettext
import heapq

from ..hub.graph import Hub, Person, Project, Reading, Session
from . import labels, library
from .i18n import Dates


def showcase_facets(hub: Hub, tr: gettext.NullTranslations) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The showcase filter's facets: (name, legend, [(value, label)]), only values some project has."""
    projects, _ = hub.projects, tr.gettext
    statuses = {j.data.status for j in projects}
    return [
        ("program", _("Program"), [(p.id, p.title) for p in hub.programs if p.projects]),
        (
            "cohort",
            _("Cohort"),
            [(library.cohort_value(c), f"{c.program.title} — {c.title}") for c in hub.cohorts if c.projects],
        ),
        (
            "topic",
            _("Topic"),
            sorted(((t.id, t.title) for t in hub.topics.values() if t.projects), key=lambda v: v[1].lower()),
        ),
        (
            "status",
            _("Status"),
            [(s, labels.label(s, "project_status", tr)) for s in ("planning", "active", "completed") if s in statuses],
        ),
    ]


def related(project: Project, order: dict[Reading, int]) -> tuple[list[Session], list[Reading]]:
    """Sessions and readings sharing the project's topics: most topics in common first, its own program first."""
    topics = set(project.topics)

    def shared(item: Session | Reading) -> int:
        return len(topics & set(item.topics))

    # Only what is linked to one of its topics, not the whole hub: one project's cost does not grow with it.
    sessions = {s for t in topics for s in t.sessions}
    readings = {r for t in topics for r in t.readings}
    return (
        sorted(
            heapq.nsmallest(6, sessions, key=lambda s: (-shared(s), s.program is not project.program, s.sort_key())),
            key=Session.sort_key,
        ),
        heapq.nsmallest(8, readings, key=lambda r: (-shared(r), r.title.lower(), order[r])),
    )


def months(sessions: list[Session], dates: Dates) -> list[tuple[str, str, list[Session]]]:
    """The calendar page's months: (YYYY-MM, the month as the hub's language writes it, its sessions)."""
    months: dict[str, list[Session]] = {}
    for s in sessions:
        months.setdefault(f"{s.day:%Y-%m}", []).append(s)
    month = dates.month_year
    return [(key, month(dt.date.fromisoformat(key + "-01")), items) for key, items in months.items()]


def people_groups(hub: Hub, tr: gettext.NullTranslations) -> list[tuple[str, str, list[Person]]]:
    """The people page's groups: staff, facilitators, speakers, each cohort's participants, then the rest."""
    listed, _ = hub.listed_people, tr.gettext
    staff = [p for p in listed if "contact" in p.roles]
    facilitators = [p for p in listed if "facilitator" in p.roles and p not in staff]
    speakers = [p for p in listed if "speaker" in p.roles and p not in staff and p not in facilitators]
    groups = [
        ("staff", _("Program staff"), staff),
        ("facilitators", _("Facilitators and faculty"), facilitators),
        ("speakers", _("Speakers"), speakers),
    ]
    for cohort in hub.cohorts:
        members = sorted(hub.visible(cohort.participants), key=lambda p: p.sort_key)
        if members:
            groups.append(
                (
                    f"{cohort.program.id}-{cohort.id}",
                    _("Participants — %(program)s, %(cohort)s")
                    % {"program": cohort.program.title, "cohort": cohort.title},
                    members,
                )
            )
    placed = {p for _, _, people in groups for p in people}
    groups.append(("more", _("More people"), [p for p in listed if p not in placed]))  # e.g. authors of news
    return [g for g in groups if g[2]]
