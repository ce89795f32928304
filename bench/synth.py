"""A synthetic hub of any size, for benchmarks: programs, cohorts, sessions, people, readings, projects.

    from bench.synth import HubSize, write_hub
    write_hub(Path("/tmp/big-hub"), HubSize(readings=3000, sessions_per_cohort=40))

or ``python bench/synth.py /tmp/big-hub --readings 3000``. The content is valid (``hubgen check``
passes) and cross-referenced the way a real hub is: sessions assign required and optional readings
and name speakers and facilitators from the people, cohorts list participants, projects have teams
and topics, every reading has topics. The same size and seed always give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

WORDS = [
    "health",
    "equity",
    "community",
    "coalition",
    "housing",
    "asthma",
    "clinic",
    "policy",
    "access",
    "nurse",
    "data",
    "neighborhood",
    "care",
    "organizing",
    "narrative",
    "leadership",
    "advocacy",
    "medicaid",
    "coverage",
    "language",
    "interpreter",
    "heat",
    "lead",
    "water",
    "food",
    "income",
    "benefit",
    "school",
    "youth",
    "family",
    "child",
    "elder",
    "dementia",
    "recovery",
    "overdose",
    "jail",
    "reentry",
    "screening",
    "referral",
    "network",
    "partnership",
    "trust",
    "listening",
    "evaluation",
    "measure",
    "dashboard",
    "budget",
    "testimony",
    "story",
    "workforce",
    "burnout",
    "training",
    "practice",
    "research",
    "participatory",
    "resident",
    "tenant",
    "eviction",
    "transit",
    "climate",
]
GIVEN = [
    "Amara",
    "Luz",
    "Rafael",
    "Noor",
    "Ruth",
    "Theo",
    "Joanna",
    "Anders",
    "Priya",
    "Kofi",
    "Mei",
    "Tomasz",
    "Ines",
    "Samir",
    "Grace",
    "Jonah",
    "Keiko",
    "Omar",
    "Lena",
    "Diego",
    "Fatima",
    "Hugo",
    "Ada",
    "Rosa",
    "Emeka",
    "Yusuf",
    "Hana",
    "Pablo",
    "Siobhan",
    "Marta",
]
FAMILY = [
    "Nwosu",
    "Quintero",
    "Etxeberria",
    "Haddad",
    "Castellanos",
    "Marchetti",
    "Whitcombe",
    "Molloy",
    "Raghunathan",
    "Mensah",
    "Chen",
    "Kowalski",
    "Ferreira",
    "Haddad-Lee",
    "Lorimer",
    "Achterberg",
    "Tanaka",
    "Farouk",
    "Lindqvist",
    "Castaneda",
    "Okafor",
    "Brandt",
    "Osei",
    "Navarro",
    "Whelan",
    "Asante",
    "Moreau",
    "Tran",
    "Prieto",
    "Delgado",
]
TYPES = (
    ["article"] * 8
    + ["book", "chapter", "chapter"]
    + ["report"] * 3
    + ["video", "podcast", "webpage", "webpage", "toolkit", "toolkit", "dataset"]
)
ACCESS = ["open"] * 6 + ["free-registration", "library", "library", "paywalled"]
TIMEZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]


@dataclass(frozen=True)
class HubSize:
    programs: int = 4
    cohorts_per_program: int = 2
    sessions_per_cohort: int = 24
    readings: int = 300
    people: int = 120
    projects_per_cohort: int = 5
    topics: int = 14
    participants_per_cohort: int = 18
    start: dt.date = dt.date(2025, 9, 1)  # the first cohort's first day; later cohorts follow a year apart
    seed: int = 1


def _title(rng: random.Random, n: int) -> str:
    return " ".join(w.capitalize() if i == 0 or rng.random() < 0.4 else w for i, w in enumerate(rng.sample(WORDS, n)))


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def _front_matter(path: Path, data: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def write_hub(root: Path, size: HubSize = HubSize(), *, clean: bool = True) -> Path:
    """Write a hub of ``size`` into ``root`` (emptied first unless ``clean`` is false); return ``root``."""
    rng = random.Random(size.seed)
    if clean and root.exists():
        shutil.rmtree(root)
    content = root / "content"
    (content / "readings").mkdir(parents=True, exist_ok=True)
    (content / "people").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: Synthetic hub
        site_url: https://example.org/synthetic/
        docs_dir: content
        theme:
          name: material
          font: false
          features: [navigation.tabs, navigation.instant, navigation.top]
        plugins:
          - search
          - hubgen
        """),
        encoding="utf-8",
    )
    (content / "index.md").write_text("# Synthetic hub\n\n<!-- hubgen:upcoming limit=5 -->\n", encoding="utf-8")

    topics = {}
    for i in range(size.topics):
        words = rng.sample(WORDS, 2)
        topics[f"topic-{i + 1:02d}-{words[0]}"] = {
            "title": f"{words[0].capitalize()} and {words[1]}",
            "description": f"Everything on {words[0]} and {words[1]}.",
        }
    _dump(content / "topics.yml", topics)
    topic_ids = list(topics)

    people = []
    for i in range(size.people):
        pid = f"{rng.choice(GIVEN).lower()}-{rng.choice(FAMILY).lower()}-{i + 1}"
        people.append(pid)
        _dump(
            content / "people" / f"{pid}.yml",
            {
                "name": f"{pid.split('-')[0].capitalize()} {pid.split('-')[1].capitalize()}",
                "role": rng.choice(
                    [
                        "Family physician",
                        "Community health worker",
                        "Nurse manager",
                        "Organizer",
                        "Epidemiologist",
                        "Program director",
                    ]
                ),
                "affiliation": f"{rng.choice(FAMILY)} Community Health Center",
                "bio": f"Works on {rng.choice(WORDS)} and {rng.choice(WORDS)} in {rng.choice(FAMILY)} County.",
                "email": f"{pid}@example.org",
            },
        )

    readings = []
    for i in range(size.readings):
        kind = rng.choice(TYPES)
        year = rng.choice(range(1990, 2027)) if rng.random() > 0.03 else None
        title = _title(rng, rng.randint(3, 8))
        rid = f"{'-'.join(title.lower().split()[:4])}-{i + 1}"
        readings.append(rid)
        data: dict = {
            "title": title,
            "authors": [f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 3))],
        }
        if year:
            data["year"] = year
        data["type"] = kind
        data["source"] = (
            f"Journal of {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}"
            if kind == "article"
            else f"{rng.choice(FAMILY)} Press"
        )
        if kind == "article":
            data.update(
                volume=str(rng.randint(1, 40)),
                issue=str(rng.randint(1, 12)),
                pages=f"{(p := rng.randint(1, 400))}-{p + rng.randint(5, 30)}",
                doi=f"10.5555/synth.{i + 1}",
            )
        data["url"] = f"https://example.org/readings/{rid}"
        data["topics"] = rng.sample(topic_ids, rng.randint(1, 3))
        if rng.random() > 0.1:
            data["minutes"] = rng.choice([5, 10, 15, 20, 25, 30, 40, 45, 60, 90, 120, 180])
        data["access"] = rng.choice(ACCESS)
        data["summary"] = " ".join(
            [_title(rng, rng.randint(6, 12)).capitalize() + "." for _ in range(rng.randint(1, 3))]
        )
        _dump(content / "readings" / f"{rid}.yml", data)

    for p in range(size.programs):
        pid = f"program-{p + 1}"
        tz = TIMEZONES[p % len(TIMEZONES)]
        _dump(
            root / "programs" / pid / "program.yml",
            {
                "title": f"{_title(rng, 2)} Program {p + 1}",
                "summary": f"A program on {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
                "timezone": tz,
                "session_types": {"learning-day": {"title": "Learning Day"}, "seminar": {"title": "Seminar"}},
                "topics": rng.sample(topic_ids, 3),
                "contacts": rng.sample(people, 2),
            },
        )
        for c in range(size.cohorts_per_program):
            starts = size.start + dt.timedelta(days=365 * c + 7 * p)
            ends = starts + dt.timedelta(days=330)
            cid = f"{starts.year}-{ends.year}"
            cohort = root / "programs" / pid / cid
            _dump(
                cohort / "cohort.yml",
                {
                    "title": f"{starts.year}–{ends.year} Cohort",
                    "starts": starts.isoformat(),
                    "ends": ends.isoformat(),
                    "participants": rng.sample(people, size.participants_per_cohort),
                    "facilitators": rng.sample(people, 2),
                },
            )
            step = max(1, 320 // max(1, size.sessions_per_cohort))
            for s in range(size.sessions_per_cohort):
                day = starts + dt.timedelta(days=3 + s * step)
                required = rng.sample(readings, min(len(readings), rng.randint(1, 3)))
                optional = [r for r in rng.sample(readings, min(len(readings), rng.randint(0, 2))) if r not in required]
                title = _title(rng, rng.randint(3, 6))
                meta: dict = {
                    "title": title,
                    "type": "learning-day" if s % 4 == 0 else "seminar",
                    "time": "09:00-16:00" if s % 4 == 0 else "12:00-13:00",
                    "speakers": rng.sample(people, rng.randint(1, 2)),
                    "topics": rng.sample(topic_ids, rng.randint(1, 2)),
                    "readings": {"required": required, "optional": optional},
                }
                if s % 4 == 0:
                    meta["location"] = {"name": "Collaborative offices", "address": "120 Foundry Street"}
                else:
                    meta["online"] = {"platform": "Zoom", "url": "https://example.org/join", "publish_link": False}
                if rng.random() < 0.3:
                    meta["assignments"] = [
                        {
                            "title": f"Bring {rng.choice(WORDS)} notes",
                            "due": (day - dt.timedelta(days=rng.randint(0, 6))).isoformat(),
                            "details": "A page at most.",
                        }
                    ]
                slug = "-".join(title.lower().split()[:4])
                _front_matter(
                    cohort / "sessions" / f"{day.isoformat()}-{slug}.md",
                    meta,
                    f"\n## Agenda\n\n- {_title(rng, 5)}\n- {_title(rng, 4)}\n",
                )
            for j in range(size.projects_per_cohort):
                title = _title(rng, rng.randint(3, 5))
                _front_matter(
                    cohort / "projects" / f"{pid}-{cid}-project-{j + 1}.md",
                    {
                        "title": title,
                        "team": rng.sample(people, rng.randint(1, 3)),
                        "organization": f"{rng.choice(FAMILY)} Health Center",
                        "topics": rng.sample(topic_ids, rng.randint(1, 2)),
                        "status": rng.choice(["planning", "active", "completed"]),
                    },
                    f"\n{_title(rng, 12).capitalize()}.\n",
                )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic hub for benchmarks.")
    parser.add_argument("folder", type=Path)
    for name, value in HubSize().__dict__.items():
        if isinstance(value, int):
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=value)
    args = parser.parse_args()
    size = HubSize(**{k: v for k, v in vars(args).items() if k != "folder"})
    write_hub(args.folder, size)
    print(f"wrote {args.folder} ({size})")


if __name__ == "__main__":
    main()
