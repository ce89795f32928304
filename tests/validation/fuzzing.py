"""A seeded mutation fuzzer: the minimal hub's files, broken the ways the security review broke them.

Each document is one file of :mod:`validation_hub`'s minimal hub after a few random edits — lines deleted
or repeated, values replaced by what crashed hubgen before (line breaks in titles, years 0001 and 9999,
IDs and paths over 255 bytes, 600 levels of brackets, numbers of 5,000 digits, alias bombs, script
payloads, control characters as YAML escapes and typed as they are, lone surrogates) — or a link (symlink)
put under content/ or programs/. The hub (with an announcement) is loaded as ``hubgen check`` loads it; when
that finds no error, its pages, calendar feeds, announcement feeds and citation files are made as the build
makes them. Either step raising is a crash: check and build disagree, or a traceback reached a person. So is
a message that would not print as it is (a control character, half of a character).

Used by tests/validation/test_validation_fuzz.py (a seeded subset) and bench/fuzz.py (10,000 documents).
"""

from __future__ import annotations

import random
import shutil
import traceback
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import jinja2
import jinja2.bccache
from validation_hub import MINIMAL_HUB, SESSION, write_hub

from hubgen.content.history import History
from hubgen.hub.load import load_hub
from hubgen.site import citations
from hubgen.site import news as news_feeds
from hubgen.site.feeds import FeedWriter
from hubgen.site.render import Renderer
from hubgen.site.siteinfo import Site

#: An announcement, fuzzed like the hub's files: its feeds are XML, which refuses control characters.
NEWS = "content/news/2026-02-01-welcome.md"
FILES = {
    **MINIMAL_HUB,
    NEWS: "---\ntitle: Welcome\nauthor: jane-doe\nsummary: The program starts.\n---\nSee [the kickoff](../x.md).\n",
}
TARGETS = sorted(name for name in FILES if name.endswith((".yml", ".md")) and name != "content/index.md")
SITE = Site(url="https://example.org/hub/", name="Demo Hub")

VALUES = [
    '"one\\ntwo"',
    '"one\\rtwo"',
    '"one\\u2028two"',
    "|\n  one\n  two",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "a" * 300,
    "files/" + "b" * 260 + ".pdf",
    "[" * 600 + "]" * 600,
    "{a: " * 50 + "}" * 50,
    "9" * 5000,
    "-" + "9" * 4400,
    "&x [1, 2]",
    "*x",
    '"<script>alert(1)</script>"',
    '"x {: onclick=alert(1) }"',
    '"[x](javascript:alert(1))"',
    '"\\x00\\x1b"',
    '"Bad \\ud800 title"',
    '"\\udc80"',
    '"a\\x1f b"',
    '"\\e[2J\\e]0;title\\a"',
    '"x\\x85y"',
    '"\\x7f"',
    '"\\uffff"',
    "'\\x1b'",
    "\t",
    "''",
    "~",
    "[]",
    "{}",
    "2026-02-29",
    "25:00-26:00",
    "javascript:alert(1)",
    "../../etc/passwd",
    "/etc/passwd",
]

#: Typed as they are (pasted from another program): control characters, and a carriage return, which is none.
RAW = ["\x00", "\x01", "\x0b", "\x1b[31m", "\x7f", "\x85", "\x9b", "\ufffe", "\r", "\u2028"]

_COHORT = SESSION.rsplit("/sessions/", 1)[0]
#: Links (symlinks) a hub never needs: (where, what it points at), relative to the hub's folder.
LINKS = [
    ("content/files/x", "../../.git"),
    ("content/files/x", "../../programs"),
    ("content/files/x", ".."),
    ("content/x.md", "/etc/passwd"),
    ("content/people/x.yml", "jane-doe.yml"),
    ("content/readings", "../programs"),
    ("programs/other", "demo"),
    (f"{_COHORT}/sessions/2026-03-05-again.md", "2026-03-04-kickoff.md"),
    (f"{_COHORT}/projects", "../../../content"),
    ("content/loop", "loop"),
]


def mutate(text: str, rng: random.Random) -> str:
    """``text`` after one to four random edits."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        at = rng.randrange(len(lines))
        edit = rng.randrange(7)
        if edit == 0 and len(lines) > 1:  # a line deleted
            del lines[at]
        elif edit == 1:  # a line repeated
            lines.insert(at, lines[at])
        elif edit in (2, 3) and ":" in lines[at]:  # a value replaced
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {rng.choice(VALUES)}"
        elif edit == 4:  # a new field or list item
            indent = " " * (len(lines[at]) - len(lines[at].lstrip()))
            lines.insert(
                at,
                indent
                + rng.choice(["title", "name", "photo", "image", "year", "- x", "file"])
                + ": "
                + rng.choice(VALUES),
            )
        elif edit == 5:  # a few characters cut
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + line[cut + rng.randint(1, 4) :]
        else:  # a control character typed as it is
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(RAW) + line[cut:]
        text = "\n".join(lines)
    return text


def documents(seed: int, count: int) -> Iterator[tuple[str, str]]:
    """``count`` (target file, broken text) pairs, the same for the same seed; one in twenty is a link instead
    (target ``"where -> what"``, no text)."""
    rng = random.Random(seed)
    for _ in range(count):
        if rng.randrange(20) == 0:
            where, what = rng.choice(LINKS)
            yield f"{where} -> {what}", ""
            continue
        target = rng.choice(TARGETS)
        yield target, mutate(FILES[target], rng)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Each document's build compiles the same templates: compiled once, kept in memory (it is the content
    that is fuzzed, not Jinja)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def run_one(folder: Path, target: str, text: str, history: History) -> str | None:
    """None if hubgen answered with problems or built the hub; the traceback if anything raised."""
    try:
        if " -> " in target:
            root = write_hub(folder, {NEWS: FILES[NEWS]})
            where, what = target.split(" -> ")
            (root / where).parent.mkdir(parents=True, exist_ok=True)
            if (root / where).is_dir():
                shutil.rmtree(root / where)
            (root / where).unlink(missing_ok=True)
            (root / where).symlink_to(what)
        else:
            root = write_hub(folder, {NEWS: FILES[NEWS], target: text})
        hub, problems = load_hub(root)
        for problem in problems:
            if problem.line < 1 or problem.column < 1 or not problem.file or problem.file.startswith("/"):
                return f"a problem without a place: {problem}"
            for line in (problem.format(), problem.format_github()):  # as a terminal or CI's log gets it
                if any(unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") for char in line):
                    return f"a message that would not print as it is: {line!r}"
        if not problems.errors:
            renderer = Renderer(hub)
            renderer.env.bytecode_cache = _TEMPLATES
            renderer.pages()
            for _feed in FeedWriter(hub, renderer.site, history).feeds():
                pass
            for _export in citations.export_files(hub):
                pass
            news_feeds.feeds(hub, SITE)
    except Exception:
        return traceback.format_exc()
    return None
