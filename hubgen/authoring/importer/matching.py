"""Which reading each item of an export is (by DOI, citation key, then title and year), and what importing
it would change: :func:`plan_import`, which writes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ...content import models
from ...content.models import slugify
from .fields import ImportRefused, Item, norm_title
from .yamlfile import reading_yaml

#: Fields Zotero knows nothing of: an import never changes them in an existing reading.
HUB_ONLY = ("topics", "minutes", "access", "summary", "draft", "publish_on")


@dataclass
class Existing:
    id: str
    path: Path
    raw: dict[str, Any]  # the file's YAML as read
    model: models.Reading | None


@dataclass
class Outcome:
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    writes: dict[Path, str] = field(default_factory=dict)
    without_topics: list[str] = field(default_factory=list)  # added readings no tag or --topics gave a topic

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.updated)} updated, {len(self.skipped)} skipped"


def _load_existing(folder: Path) -> dict[str, Existing]:
    found: dict[str, Existing] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError):
            raw = None
        if not isinstance(raw, dict):
            raw = {}
        try:
            model = models.Reading.model_validate(raw)
        except ValidationError:
            model = None
        found[path.stem] = Existing(path.stem, path, raw, model)
    return found


#: Words an ID neither starts nor ends with: "closing-the-gap-2008", not "closing-the-gap-in-a-2008".
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "but",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
        "by",
        "with",
        "into",
        "onto",
        "as",
        "vs",
        "via",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "el",
        "y",
        "et",
    ]
)


def _new_id(fields: dict[str, Any], taken: set[str]) -> str:
    """``<short title>-<year>``: the title's first words up to its first colon or full stop, at most five, without
    a small word at either end, from the plain title (the same in every format)."""
    title = re.split(r"[:.?!]", models.plain_title(str(fields.get("title", ""))), maxsplit=1)[0]
    words = [w for w in slugify(title).split("-") if w]
    while words and words[0] in ("a", "an", "the"):
        words = words[1:]
    words = words[:5]
    while len(words) > 1 and words[-1] in _SMALL_WORDS:
        words = words[:-1]
    base = "-".join(words) or "reading"
    if fields.get("year"):
        base += f"-{fields['year']}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def _same(a: Any, b: Any) -> bool:
    """Equal as the reading means them: 12 and "12", and quotes however LaTeX wrote them (BibTeX's '' is ")."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) or isinstance(b, dict):
        return bool(a == b)
    return str(a).translate(_QUOTES).replace("''", '"') == str(b).translate(_QUOTES).replace("''", '"')


@dataclass
class TopicOptions:
    """Topics an import gives: ``--topics`` (every imported reading) and a table from Zotero tags to topic IDs."""

    add: list[str] = field(default_factory=list)
    tag_map: dict[str, list[str]] = field(default_factory=dict)  # normalised tag → topic IDs


def plan_import(
    items: list[Item], readings_dir: Path, topics: dict[str, str], name: str, options: TopicOptions | None = None
) -> Outcome:
    """What importing ``items`` would do; raises :class:`ImportRefused` (naming lines) if any item is invalid."""
    options = options or TopicOptions()
    existing = _load_existing(readings_dir)
    by_doi = {e.model.doi.lower(): e for e in existing.values() if e.model and e.model.doi}
    by_key = {e.id: e for e in existing.values()}
    by_key.update({e.model.key: e for e in existing.values() if e.model and e.model.key})
    by_title = {(norm_title(e.model.title), e.model.year): e for e in existing.values() if e.model}
    topic_ids = {**{t: t for t in topics}, **{norm_title(title): t for t, title in topics.items()}}
    outcome = Outcome()
    problems: list[str] = []
    seen: dict[str, int] = {}
    taken = set(existing)
    for item in items:
        f = dict(item.fields)
        if not f.get("title"):
            problems.append(f"{name}:{item.line}: error: this item has no title")
            continue
        try:
            imported = models.Reading.model_validate(f)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                problems.append(
                    f"{name}:{item.line}: error: {where}: {err['msg'].removeprefix('Value error, ')} "
                    f"(in '{item.label}')"
                )
            continue
        doi = (imported.doi or "").lower()
        match = (
            (by_doi.get(doi) if doi else None)
            or (by_key.get(imported.key) if imported.key else None)
            or by_title.get((norm_title(imported.title), imported.year))
        )
        identity = match.id if match else doi or imported.key or norm_title(imported.title)
        if identity in seen:
            outcome.skipped.append((item.label, f"line {item.line}: the same reading as line {seen[identity]}"))
            continue
        seen[identity] = item.line
        bibliographic = {
            k: v for k, v in imported.model_dump(exclude_defaults=True, mode="json").items() if k not in HUB_ONLY
        }
        if match is None:
            rid = _new_id(bibliographic, taken)
            taken.add(rid)
            data = dict(bibliographic)
            if imported.key == rid:
                data.pop("key", None)
            new_topics = list(
                dict.fromkeys(
                    [
                        *(t for k in item.keywords if (t := topic_ids.get(norm_title(k)) or topic_ids.get(k))),
                        *(t for k in item.keywords for t in options.tag_map.get(norm_title(k), [])),
                        *options.add,
                    ]
                )
            )
            if new_topics:
                data["topics"] = new_topics
            else:
                outcome.without_topics.append(f"{readings_dir.name}/{rid}.yml")
            # No export says who can read a work: a new reading says so until staff check (never a guessed "open").
            data["access"] = "unknown"
            if imported.summary:
                data["summary"] = imported.summary
            outcome.added.append(f"{readings_dir.name}/{rid}.yml")
            outcome.writes[readings_dir / f"{rid}.yml"] = reading_yaml(data)
            added = Existing(rid, readings_dir / f"{rid}.yml", data, imported)
            seen[rid] = item.line  # later items of this export that match it are repeats
            by_key[rid] = added
            by_title[(norm_title(imported.title), imported.year)] = added
            if doi:
                by_doi[doi] = added
            if imported.key:
                by_key[imported.key] = added
            continue
        data = dict(match.raw)
        changed: list[str] = []
        for key, value in bibliographic.items():
            if key == "key" and value == match.id:
                continue  # the reading's ID is its key already
            if key == "doi" and str(data.get(key, "")).lower() == str(value).lower():
                continue  # DOIs are case-insensitive: the one the hub has stays as it is
            if key not in data or not _same(data[key], value):
                data[key] = value
                changed.append(key)
        if not data.get("summary") and imported.summary:
            data["summary"] = imported.summary
            changed.append("summary")
        have = list(data.get("topics") or []) if isinstance(data.get("topics"), list) else []
        if [t for t in options.add if t not in have]:  # --topics adds to a reading's topics, never takes any away
            data["topics"] = list(dict.fromkeys([*have, *options.add]))
            changed.append("topics")
        if not changed:
            outcome.skipped.append((item.label, f"{match.path.name} is up to date"))
            continue
        outcome.updated.append((f"{readings_dir.name}/{match.path.name}", changed))
        outcome.writes[match.path] = reading_yaml(data)
    if problems:
        raise ImportRefused(problems)
    return outcome
