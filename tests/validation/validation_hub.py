"""A tiny valid hub, written into a temporary folder, for the bad-input corpus.

Every test in this folder starts from ``MINIMAL_HUB`` and changes one thing.
The hub is small enough to read at a glance; each file is valid on its own and
all its references resolve, so any problem a test sees comes from the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from textwrap import dedent

SESSION = "programs/demo/2026/sessions/2026-03-04-kickoff.md"
PROJECT = "programs/demo/2026/projects/clinic-garden.md"
COHORT = "programs/demo/2026/cohort.yml"
PROGRAM = "programs/demo/program.yml"


def _d(text: str) -> str:
    return dedent(text).lstrip("\n")


MINIMAL_HUB: dict[str, str] = {
    "mkdocs.yml": _d("""
        site_name: Demo Hub
        docs_dir: content
        """),
    "content/index.md": "# Demo Hub\n",
    "content/topics.yml": _d("""
        community-organizing:
          title: Community organizing
          description: Building relationships and collective power.
        health-equity:
          title: Health equity
        """),
    "content/people/jane-doe.yml": _d("""
        name: Jane Doe
        pronouns: she/her
        role: Family physician
        bio: Family physician at a community health center.
        affiliation: Riverside Health Center
        email: jane.doe@example.org
        links:
          - title: Clinic website
            url: https://example.org/riverside
        """),
    "content/people/sam-lee.yml": _d("""
        name: Sam Lee
        role: Community organizer
        """),
    "content/people/ana-ruiz.yml": _d("""
        name: Ana Ruiz
        visibility: name-only
        """),
    "content/readings/organizing-basics-2020.yml": _d("""
        title: Organizing Basics
        authors:
          - Lee, Sam
        year: 2020
        type: book
        source: Riverside Press
        url: https://example.org/organizing-basics
        topics:
          - community-organizing
        minutes: 45
        access: library
        """),
    "content/readings/equity-report-2024.yml": _d("""
        title: The Equity Report
        year: 2024
        type: report
        doi: 10.5555/hg.2024.001
        topics: [health-equity]
        minutes: 30
        """),
    PROGRAM: _d("""
        title: Demo Program
        summary: A small program for tests.
        timezone: America/New_York
        session_types:
          workshop:
            title: Workshop
            description: A day in person.
          seminar:
            title: Seminar
        topics:
          - community-organizing
        contacts:
          - jane-doe
        """),
    COHORT: _d("""
        title: 2026 Cohort
        starts: 2026-01-01
        ends: 2026-12-31
        participants:
          - ana-ruiz
        facilitators:
          - sam-lee
        """),
    SESSION: _d("""
        ---
        title: Kickoff
        type: workshop
        time: 09:00-16:00
        location:
          name: Riverside Health Center
          address: 1 Main Street
        speakers:
          - jane-doe
        facilitators:
          - sam-lee
        topics:
          - health-equity
        readings:
          required:
            - organizing-basics-2020
          optional:
            - equity-report-2024
        materials:
          - title: Slides
            url: https://example.org/slides.pdf
            kind: slides
        ---
        Welcome to the program.
        """),
    PROJECT: _d("""
        ---
        title: Clinic Garden
        team:
          - ana-ruiz
          - sam-lee
        topics:
          - health-equity
        status: active
        ---
        A vegetable garden behind the clinic.
        """),
}

HubFactory = Callable[..., Path]


def write_hub(
    root: Path,
    files: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
) -> Path:
    """Write the minimal hub under ``root``, with ``files`` added or replaced.

    A value of None in ``files`` deletes that file of the minimal hub;
    ``copies`` maps a new path to a path of the minimal hub to copy there.
    """
    contents: dict[str, str | None] = dict(MINIMAL_HUB)
    for new, old in (copies or {}).items():
        contents[new] = MINIMAL_HUB[old]
    contents.update(files or {})
    for rel, text in contents.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="" keeps the text byte for byte (tabs, no trailing newline, ...).
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return root
