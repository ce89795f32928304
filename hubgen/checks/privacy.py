"""The privacy audit of a built site: nothing a person did not agree to publish is anywhere in it.

The secrets are found in the sources by reading them directly (not through Hubgen, so a bug in Hubgen's loader
cannot hide one): every email address of a person who does not publish it, every online meeting link without
``publish_link: true``, and every hidden person's name, ID and photo. Then every output file is searched — HTML, the
search index, calendar feeds, citation files, JSON, the sitemap and its gzipped copy — in forms that undo HTML
entities, JSON and iCalendar escapes, line folding and tags. Any hit is a leak, named by the file it is in.

Name-only people must have no page and no link; drafts and scheduled items publish nothing (no copy of a file only
they name); a project's image or a person's photo is published only resized, and no published picture carries GPS
data. Hubgen's own tests (tests/test_privacy.py) show the audit catching each kind of leak.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import frontmatter
import yaml
from PIL import Image

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
SITE_ORIGIN = "https://site.invalid"  # hrefs are resolved against this to compare site paths


# --- the secrets, read from the sources -------------------------------------------------------------


@dataclass
class Secrets:
    emails: set[str] = field(default_factory=set)  # addresses their people do not publish
    published_emails: set[str] = field(default_factory=set)  # public people with email_public: true
    links: set[str] = field(default_factory=set)  # online meeting links without publish_link: true
    hidden_names: set[str] = field(default_factory=set)
    hidden_ids: set[str] = field(default_factory=set)
    name_only_ids: set[str] = field(default_factory=set)
    private_photos: dict[str, str] = field(default_factory=dict)  # sha256 of a non-public person's photo → file
    # sha256 → what: originals of project images (published resized only) and files only unpublished items name
    withheld: dict[str, str] = field(default_factory=dict)
    name_only_titles: set[str] = field(default_factory=set)  # "Name, Job title" of name-only people

    @classmethod
    def from_sources(cls, root: Path) -> Secrets:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        docs = root / config.get("docs_dir", "docs")
        options = _plugin_options(config)
        programs = root / options.get("programs_dir", "programs")
        default = options.get("participant_visibility", "name-only")

        data: list[Any] = []
        for path in sorted(programs.rglob("*")):
            if path.suffix in (".yml", ".yaml"):
                data.append(yaml.safe_load(path.read_text(encoding="utf-8")))
            elif path.suffix == ".md":
                data.append(frontmatter.loads(path.read_text(encoding="utf-8")).metadata)
        participants, others = set(), set()
        for item in data:
            if isinstance(item, dict):
                participants.update(_ids(item.get("participants")))
                for key in ("facilitators", "speakers", "contacts"):
                    others.update(_ids(item.get(key)))

        secrets = cls()
        secrets._withheld_files(docs, programs)
        for value in _walk(data):
            online = value.get("online") if isinstance(value, dict) else None
            if isinstance(online, dict) and online.get("url") and online.get("publish_link") is not True:
                secrets.links.add(str(online["url"]))

        for path in sorted((docs / "people").glob("*.y*ml")):
            person = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            pid = path.stem
            visibility = person.get("visibility") or (
                default if pid in participants and pid not in others else "public"
            )
            addresses = set(EMAIL.findall(yaml.safe_dump(person)))
            if visibility == "public" and person.get("email_public") is True:
                secrets.published_emails.update(addresses)
            else:
                secrets.emails.update(addresses)
            if visibility == "hidden":
                name = str(person["name"])
                secrets.hidden_names.update({name, name.split(",")[0].strip()})
                secrets.hidden_ids.add(pid)
            elif visibility == "name-only":
                secrets.name_only_ids.add(pid)
                role = person.get("role") or person.get("title")  # 'title' until Hubgen 0.2.0 (still read)
                if role:
                    secrets.name_only_titles.add(f"{person['name']}, {role}")
            if visibility != "public" and person.get("photo"):
                photo = docs / str(person["photo"])
                secrets.private_photos[hashlib.sha256(photo.read_bytes()).hexdigest()] = str(photo)
        return secrets

    def _withheld_files(self, docs: Path, programs: Path) -> None:
        """Files no published page may carry: project images' originals, files only unpublished items name."""
        today = _today()
        published: set[Path] = set()
        unpublished: dict[Path, str] = {}
        for path in sorted(programs.rglob("*.md")):
            meta = frontmatter.loads(path.read_text(encoding="utf-8")).metadata
            hidden = meta.get("draft") is True or (
                meta.get("publish_on") is not None and str(meta["publish_on"]) > today
            )
            if path.parent.name == "projects" and meta.get("image"):
                image = docs / str(meta["image"])
                kind = "unpublished project's image" if hidden else "project image's original (EXIF and all)"
                if image.is_file():
                    self.withheld[hashlib.sha256(image.read_bytes()).hexdigest()] = f"{kind} {image}"
            materials = meta.get("materials")
            for material in materials if isinstance(materials, list) else []:
                if isinstance(material, dict) and material.get("file"):
                    target = docs / str(material["file"])
                    if hidden:
                        unpublished.setdefault(target, f"file named only by the unpublished {path.name}")
                    else:
                        published.add(target)
        for target, what in unpublished.items():
            if target not in published and target.is_file():
                self.withheld[hashlib.sha256(target.read_bytes()).hexdigest()] = f"{what} ({target.name})"

    def strings(self) -> dict[str, str]:
        """Every secret string → what it is, for the report."""
        found = {e: "private email" for e in self.emails}
        found.update({u: "unpublished meeting link" for u in self.links})
        found.update({n: "hidden person's name" for n in self.hidden_names})
        found.update({i: "hidden person's ID" for i in self.hidden_ids})
        found.update({t: "name-only person's job title" for t in self.name_only_titles})
        return found


def _today() -> str:
    """The build's day as the builds see it (``SOURCE_DATE_EPOCH`` first), as YYYY-MM-DD."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "hubgen" in entry:
            return entry["hubgen"] or {}
    return {}


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _walk(value: Any) -> Iterable[Any]:
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


# --- the audit of a built site ----------------------------------------------------------------------


def readable_forms(data: bytes) -> list[str]:
    """The text of an output file as a reader or a program would see it, lower-cased, whitespace collapsed."""
    if b"\x00" in data[:4096]:
        return []
    text = data.decode("utf-8", errors="replace")
    text = re.sub(r"\r?\n[ \t]", "", text)  # iCalendar line folding
    text = html.unescape(text)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)  # JSON
    text = text.replace("\\/", "/").replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")  # JSON, iCal
    flat = re.sub(r"\s+", " ", text).casefold()
    untagged = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).casefold()
    return [flat, untagged, unquote(flat)] if "%" in flat else [flat, untagged]


def output_files(site: Path) -> dict[str, bytes]:
    """Every file of the site by its path; a .gz file by its decompressed content."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


def audit(site: Path, secrets: Secrets) -> list[str]:
    """Every leak as "<file>: <what>"; empty when the site keeps every secret."""
    leaks: list[str] = []
    strings = {s.casefold(): what for s, what in secrets.strings().items()}
    name_only_paths = {f"people/{pid}/": pid for pid in secrets.name_only_ids}
    for name, data in output_files(site).items():
        for secret, what in strings.items():
            if secret in name.casefold():
                leaks.append(f"{name}: the file's name holds a {what} ({secret})")
        digest = hashlib.sha256(data).hexdigest()
        if digest in secrets.private_photos:
            leaks.append(f"{name}: a copy of the photo {secrets.private_photos[digest]} of a person without a page")
        if digest in secrets.withheld:
            leaks.append(f"{name}: a copy of the {secrets.withheld[digest]}")
        if PurePosixPath(name).suffix.lower() in PICTURES and _gps(data):
            leaks.append(f"{name}: a picture with GPS data (where it was taken) in its EXIF")
        forms = readable_forms(data)
        for secret, what in strings.items():
            if any(secret in form for form in forms):
                leaks.append(f"{name}: {what} '{secret}'")
        for path, pid in name_only_paths.items():
            if name.startswith(path) or (f"/{pid}-" in name and name.startswith("assets/")):
                leaks.append(f"{name}: a file for the name-only person '{pid}'")
            elif any(path in form for form in forms):
                leaks.append(f"{name}: a link to the name-only person '{pid}' ({path})")
        if name.endswith(".html") and name_only_paths:
            for target in _hrefs(name, data):
                for path, pid in name_only_paths.items():
                    if target.startswith(path):
                        leaks.append(f"{name}: a link to the name-only person '{pid}' ({target})")
    return leaks


PICTURES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"}


def _gps(data: bytes) -> bool:
    """True if the picture's EXIF data says where it was taken."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            return bool(im.getexif().get_ifd(0x8825))
    except (OSError, ValueError, SyntaxError):
        return False


HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _hrefs(name: str, data: bytes) -> set[str]:
    """Site paths every link of an HTML page points at."""
    base = f"{SITE_ORIGIN}/{name}"
    found = set()
    for match in HREF.finditer(data.decode("utf-8", errors="replace")):
        href = html.unescape(next(g for g in match.groups() if g is not None))
        url = urlsplit(urljoin(base, href))
        if f"{url.scheme}://{url.netloc}" == SITE_ORIGIN:
            found.add(url.path.lstrip("/"))
    return found
