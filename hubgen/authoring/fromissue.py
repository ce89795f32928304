"""``hubgen from-issue``: a participant's issue ("Suggest a resource", "Share your project") as a content file.

The hub's repository has GitHub issue forms (``.github/ISSUE_TEMPLATE/suggest-resource.yml``,
``share-project.yml``). GitHub writes a submitted form into the issue as one section per
field — ``### Field label``, a blank line, then the answer (``_No response_`` when left
empty). This module reads that text back (hubgen/authoring/issueform.py) and writes the reading or
project file, then checks it as ``hubgen check`` would; a file with an error is not
left behind. Every mistake in the issue is reported at once, each naming the field as
the form labels it.

    gh issue view 42 --json title,body,number | hubgen from-issue --kind reading
    hubgen from-issue issue.md --kind project --cohort 2026-2027
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

from ..content import models, values
from ..content.judge import site_markdown
from ..content.models import slugify
from ..content.problems import did_you_mean
from ..hub.graph import Hub
from ..hub.load import site_extensions
from ..hub.workspace import Workspace
from .issueform import FieldReader, Issue, IssueError, parse_issue
from .participant import DEFAULT_EXTENSIONS as DEFAULT_EXTENSIONS
from .participant import participant_markdown
from .refused import Refused
from .scaffold import _target, write_checked

KINDS = ("reading", "project")

# The form's labels (and a few other wordings) for each field, lowercased. A hub that renames a
# label in its form can still use the field's name as the label.
READING_LABELS = {
    "title": ("title", "title of the resource"),
    "type": ("kind of resource", "type", "kind"),
    "authors": ("authors", "author", "authors or organization"),
    "year": ("year", "year of publication"),
    "source": ("published in", "source", "journal, publisher or site"),
    "url": ("link", "url", "web address"),
    "doi": ("doi",),
    "minutes": ("reading or viewing time (minutes)", "minutes", "reading time", "reading or viewing time"),
    "access": ("access", "how can people get it?"),
    "topics": ("topics", "topic"),
    "summary": ("why is it worth reading?", "summary", "why it is worth reading"),
    "session": ("suggested for session", "session"),
}
PROJECT_LABELS = {
    "title": ("project name", "title", "name of the project"),
    "program": ("program", "programme"),
    "cohort": ("cohort",),
    "team": ("team", "team members"),
    "organization": ("organization", "organisation", "where the project happens"),
    "status": ("status", "project status"),
    "topics": ("topics", "topic"),
    "summary": ("summary", "in one or two sentences"),
    "description": ("description", "what is the project?", "about the project"),
    "links": ("links",),
    "consent": ("consent", "permission"),
}
TYPE_WORDS = {
    "article": "article",
    "journal article": "article",
    "book": "book",
    "book chapter": "chapter",
    "chapter": "chapter",
    "report": "report",
    "video": "video",
    "podcast": "podcast",
    "web page": "webpage",
    "webpage": "webpage",
    "website": "webpage",
    "toolkit": "toolkit",
    "data set": "dataset",
    "dataset": "dataset",
}
ACCESS_WORDS = {
    "open": "open",
    "open to everyone": "open",
    "free registration": "free-registration",
    "free-registration": "free-registration",
    "through a library": "library",
    "library": "library",
    "paywalled": "paywalled",
    "paid": "paywalled",
}
# The options of the forms' dropdowns, as a message lists them.
TYPE_CHOICES = ("Article", "Book", "Book chapter", "Report", "Video", "Podcast", "Web page", "Toolkit", "Data set")
ACCESS_CHOICES = ("Open to everyone", "Free registration", "Through a library", "Paywalled")
STATUS_WORDS = {
    "planning": "planning",
    "active": "active",
    "completed": "completed",
    "complete": "completed",
    "done": "completed",
    "under way": "active",
    "underway": "active",
}
_STOP = {"a", "an", "the", "of", "and", "for", "in", "on", "to", "with", "from", "at", "by", "what", "how", "why"}


@dataclass
class Draft:
    """What will be written: the file's target values, and notes for the person running the command."""

    values: dict[str, Any]
    body: str = ""
    notes: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)  # YAML comment lines at the top of the file


def _lines(value: str) -> list[str]:
    """One item per line (or comma-separated on one line); list markers and blank lines dropped."""
    items = value.splitlines() if "\n" in value.strip() else [value]
    out = []
    for item in items:
        item = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", item).strip()
        if item:
            out.append(item)
    return out


def _words(value: str) -> list[str]:
    return [w.strip() for line in _lines(value) for w in line.split(",") if w.strip()]


def _topics(reader: FieldReader, hub: Hub, draft: Draft) -> list[str]:
    """Topic IDs for the topics named (by ID or title); unknown ones are left out, with a note."""
    by_title = {t.title.lower(): t.id for t in hub.topics.values()}
    found: list[str] = []
    for word in _words(reader.text("topics")):
        key = word.lower()
        ident = key if key in hub.topics else by_title.get(key) or by_title.get(key.replace("-", " "))
        if ident is None:
            hint = did_you_mean(word, [t.title for t in hub.topics.values()]) or did_you_mean(key, hub.topics)
            draft.notes.append(
                f"{reader.label('topics')}: '{word}' is not a topic of the hub{hint} — left out; "
                "add it to the file by hand if it should be there"
            )
        elif ident not in found:
            found.append(ident)
    return found


def _minutes(text: str) -> int:
    """``45``, ``45 min``, ``1 h 30 min``, ``1.5 hours``."""
    t = text.strip().lower()
    m = re.fullmatch(
        r"(?:about\s+)?(\d+(?:[.,]\d+)?)\s*(h|hours?)?(?:\s*(\d+)\s*(?:m|min|mins|minutes?)?)?"
        r"(?:\s*(?:m|min|mins|minutes?))?",
        t,
    )
    if not m:
        raise ValueError(f"'{text}' is not a number of minutes, e.g. 45")
    number = float(m.group(1).replace(",", "."))
    total = number * 60 + int(m.group(3) or 0) if m.group(2) else number
    if total <= 0 or total != int(total):
        raise ValueError(f"'{text}' is not a whole number of minutes, e.g. 45")
    return int(total)


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ValueError(f"'{text}' is not a year, e.g. 2021")
    return int(text)


def _doi(text: str) -> str:
    bare = models._bare_doi(text)
    if not re.fullmatch(r"10\.\d{4,9}/\S+", bare):
        raise ValueError(f"'{text}' is not a DOI, e.g. 10.1234/abcd.5678")
    return str(bare)


def _reading_id(title: str, year: int | None) -> str:
    words = [w for w in slugify(title).split("-") if w and w not in _STOP][:5]
    return "-".join([*words, *([str(year)] if year else [])])[:60].strip("-") or "reading"


def reading_from_issue(issue: Issue, hub: Hub, md: markdown.Markdown | None = None) -> Draft:
    """The values of a reading file (``content/readings/<id>.yml``) from a "Suggest a resource" issue."""
    r = FieldReader(issue, dict(READING_LABELS))
    draft = Draft({})
    title = r.text("title") or re.sub(r"^(?:resource|suggestion)\s*:\s*", "", issue.title, flags=re.I).strip()
    if not title:
        r.text("title", required=True)
    kind = r.choice("type", TYPE_WORDS, TYPE_CHOICES, required=True)
    year_text = r.text("year")
    year = int(y) if year_text and (y := r.check("year", year_text, _year)) else None
    url_text = r.text("url")
    url = r.check("url", url_text, models.check_url) if url_text else None
    doi_text = r.text("doi")
    doi = r.check("doi", doi_text, _doi) if doi_text else None
    minutes_text = r.text("minutes")
    minutes = int(m) if minutes_text and (m := r.check("minutes", minutes_text, _minutes)) else None
    access = r.choice("access", ACCESS_WORDS, ACCESS_CHOICES)
    if r.problems:
        raise IssueError(r.problems)
    values: dict[str, Any] = {
        "title": title,
        "authors": _lines(r.text("authors")),
        "year": year,
        "type": kind,
        "source": r.text("source"),
        "url": url,
        "doi": doi,
        "topics": _topics(r, hub, draft),
        "minutes": minutes,
        "access": access,
        "summary": participant_markdown(r.text("summary"), md),
    }
    draft.values = {k: v for k, v in values.items() if v not in (None, "", [])}
    session = r.text("session")
    if session:
        found = _find_session(hub, session)
        where = f"{found.file}" if found else f"'{session}' (no such session)"
        draft.comment.append(f"Suggested for the session {where}")
        if found is not None:
            draft.notes.append(f"suggested for {found.file}: add it to that session's readings if it belongs there")
    return draft


def _find_session(hub: Hub, text: str) -> Any:
    key = text.strip().strip("/").lower()
    for s in hub.sessions:
        if key in (f"{s.program.id}/{s.cohort.id}/{s.id}", s.id, s.url.strip("/"), s.title.lower()):
            return s
    return None


_LINK_MD = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>\S+)\)$")
_LINK_TEXT = re.compile(r"^(?P<title>.+?)\s*(?::|—|–|-)\s+(?P<url>[a-z][a-z0-9+.-]*://\S+|mailto:\S+)$", re.I)


def _links(reader: FieldReader) -> list[dict[str, str]]:
    """``[Title](url)``, ``Title: url``, ``Title — url`` or a bare ``url``, one per line."""
    out = []
    for line in _lines(reader.text("links")):
        m = _LINK_MD.match(line) or _LINK_TEXT.match(line)
        title, url = (m.group("title").strip(), m.group("url")) if m else ("", line)
        checked = reader.check("links", url, models.check_url)
        if checked:
            out.append({"title": title or re.sub(r"^https?://(?:www\.)?", "", checked).split("/")[0], "url": checked})
    return out


def _match(hub_items: dict[str, str], text: str) -> str | None:
    """The ID of an item named by its ID or its title (case and dashes ignored)."""
    key = text.strip().lower()
    for ident, title in hub_items.items():
        if key in (ident, title.lower(), title.lower().replace("–", "-")):
            return ident
    return None


def project_from_issue(
    issue: Issue, hub: Hub, program: str | None = None, cohort: str | None = None, md: markdown.Markdown | None = None
) -> Draft:
    """The values and body of a project file (``programs/<p>/<c>/projects/<id>.md``) from "Share your project"."""
    r = FieldReader(issue, dict(PROJECT_LABELS))
    draft = Draft({})
    title = r.text("title") or re.sub(r"^(?:project)\s*:\s*", "", issue.title, flags=re.I).strip()
    if not title:
        r.text("title", required=True)
    programs = {p.id: p.title for p in hub.programs}
    pid = program or None
    if pid is None:
        named = r.text("program", required=True)
        pid = _match(programs, named) if named else None
        if named and pid is None:
            r.problems.append(
                f"{r.label('program')}: '{named}' is not a program of the hub — one of: "
                + ", ".join(f"{i} ({t})" for i, t in programs.items())
                + " (or pass --program)"
            )
    elif pid not in programs:
        r.problems.append(f"--program: '{pid}' is not a program of the hub — one of: {', '.join(programs)}")
        pid = None
    cid = cohort or None
    if pid is not None:
        cohorts = {c.id: c.title for c in next(p for p in hub.programs if p.id == pid).cohorts}
        named = cid or r.text("cohort")
        if named:
            cid = _match(cohorts, named)
            if cid is None:
                r.problems.append(
                    f"{r.label('cohort') if not cohort else '--cohort'}: '{named}' is not a cohort of "
                    f"{programs[pid]} — one of: "
                    + ", ".join(f"{i} ({t})" for i, t in cohorts.items())
                    + " (or pass --cohort)"
                )
        elif len(cohorts) == 1:
            cid = next(iter(cohorts))
        else:
            r.problems.append(
                f"{r.label('cohort')}: which cohort of {programs[pid]}? One of: "
                + ", ".join(f"{i} ({t})" for i, t in cohorts.items())
                + " (or pass --cohort)"
            )
    status = r.choice("status", STATUS_WORDS, ("Planning", "Active", "Completed"))
    description = r.text("description", required=True)
    links = _links(r)
    consent_label, consent = r.issue.get(PROJECT_LABELS["consent"])
    if consent_label and not re.search(r"^\s*-\s*\[[xX]\]", consent, re.MULTILINE):
        r.problems.append(f"{consent_label}: not ticked — ask the team before publishing their project")
    if r.problems:
        raise IssueError(r.problems)
    team = _team(r, hub, draft)
    values: dict[str, Any] = {
        "title": title,
        "summary": " ".join(r.text("summary").split()),
        "team": team,
        "organization": r.text("organization"),
        "topics": _topics(r, hub, draft),
        "status": status,
        "links": links,
    }
    draft.values = {k: v for k, v in values.items() if v not in (None, "", [])}
    draft.values["program"], draft.values["cohort"] = pid, cid  # where the file goes; not written into it
    draft.body = participant_markdown(description, md)
    return draft


def _team(reader: FieldReader, hub: Hub, draft: Draft) -> list[str]:
    """Person IDs of the team members named (by ID or name); people not in the hub yet are left out, with a note."""
    names = {p.id: p.name.split(",")[0] for p in hub.people.values()}
    found: list[str] = []
    for word in _lines(reader.text("team")):
        name = re.sub(r"\s*\(.*?\)\s*$", "", word).strip()  # "Jane Doe (she/her)" → "Jane Doe"
        ident = _match(names, name) or _match(names, name.split(",")[0])
        if ident is None:
            draft.notes.append(
                f"{reader.label('team')}: '{name}' is not in content/people/ yet — left out; add "
                f'them with: hubgen new person --name "{name}", then to the project\'s team'
            )
        elif ident not in found:
            found.append(ident)
    return found


# -- writing the file -----------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Long or multi-line text as a YAML block (``|``), the way a person would write it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.strip() + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _yaml(values: dict[str, Any]) -> str:
    return yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def render(kind: str, draft: Draft, issue: Issue) -> str:
    """The text of the new file."""
    values = {k: v for k, v in draft.values.items() if k not in ("program", "cohort")}
    origin = f"issue #{issue.number}" if issue.number else "an issue form"
    comment = "".join(f"# {line}\n" for line in [f"Made with hubgen from-issue from {origin}.", *draft.comment])
    if kind == "reading":
        return comment + _yaml(values)
    body = draft.body.strip() + "\n"
    return "---\n" + comment + _yaml(values) + "---\n" + body


def convert(
    kind: str,
    ws: Workspace,
    text: str,
    *,
    program: str | None = None,
    cohort: str | None = None,
    given_id: str | None = None,
    dry_run: bool = False,
) -> tuple[Path, Draft]:
    """Read the issue's text, write its file where it belongs and check it: the path, and notes on the way.

    Raises :class:`IssueError` for what is wrong in the issue, :class:`Refused` for what stops the writing.
    With ``dry_run`` nothing is written and the returned draft's ``body`` is the whole file.
    """
    issue = parse_issue(text)
    hub, _ = ws.load()
    md = site_markdown(site_extensions(ws.root))  # the site's own Markdown: what the browser will get
    if kind == "reading":
        draft = reading_from_issue(issue, hub, md)
        ident = given_id or _reading_id(draft.values["title"], draft.values.get("year"))
    else:
        draft = project_from_issue(issue, hub, program, cohort, md)
        ident = given_id or slugify(draft.values["title"])[:60].strip("-") or "project"
        clash = next((j for j in hub.projects if j.id == ident), None)
        if clash is not None:
            raise Refused(f"the project '{ident}' already exists ({clash.file}) — pass --id to choose another ID")
    try:
        values.check_id(ident)
    except ValueError as exc:
        raise Refused(f"--id: {exc}") from None
    target = _target(kind, ws, {"id": ident, **draft.values})
    content = render(kind, draft, issue)
    if dry_run:
        return target, Draft(draft.values, content, draft.notes)
    if target.exists():
        raise Refused(
            f"{target.relative_to(ws.root).as_posix()} already exists — the {kind} may be in the hub "
            "already; pass --id to choose another ID"
        )
    write_checked(ws, target, content, None, "the new file would not pass `hubgen check`, so it was not written")
    return target, draft


def _run(args: argparse.Namespace) -> int:
    ws = Workspace.find(args.root)
    if ws is None:
        return 2
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as exc:
        print(f"hubgen from-issue: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        path, draft = convert(
            args.kind, ws, text, program=args.program, cohort=args.cohort, given_id=args.id, dry_run=args.dry_run
        )
    except IssueError as exc:
        print(f"hubgen from-issue: the issue cannot become a {args.kind} file:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except Refused as exc:
        print(f"hubgen from-issue: {exc}", file=sys.stderr)
        return 1
    for note in draft.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.dry_run:
        print(f"# would write {path.relative_to(ws.root).as_posix()}", file=sys.stderr)
        print(draft.body, end="")
    else:
        print(path.relative_to(ws.root).as_posix())
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "from-issue",
        help="turn a 'Suggest a resource' or 'Share your project' issue into a reading or project file",
        description="Read the text of an issue made with the hub's issue forms (from a file, or - for standard "
        "input; `gh issue view N --json title,body,number` output works too) and write the reading or "
        "project file it describes, checked as `hubgen check` would.",
    )
    p.add_argument("file", nargs="?", default="-", help="the issue's text (default: standard input)")
    p.add_argument("--kind", choices=KINDS, required=True, help="reading (Suggest a resource) or project")
    p.add_argument("--program", help="project: the program's ID (default: the one the issue names)")
    p.add_argument("--cohort", help="project: the cohort's ID (default: the one the issue names)")
    p.add_argument("--id", help="the new file's ID (default: made from the title)")
    p.add_argument("--root", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    p.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    p.set_defaults(run=_run)
