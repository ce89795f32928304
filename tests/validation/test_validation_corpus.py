"""The bad-input corpus: one file per kind of mistake, and the message it must give.

Each file in ``cases/`` changes ONE file of the minimal hub (see ``validation_hub.py``).
It starts with a header of ``# key: value`` lines; everything after the header
is written, byte for byte, to the hub::

    # path: programs/demo/2026/sessions/2026-03-04-kickoff.md
    # expect: 4:1 speakrs: unknown field 'speakrs' — did you mean 'speakers'?
    ---
    title: Kickoff
    type: workshop
    speakrs:
      - jane-doe
    ---

Header keys (the header ends at the first line that is not ``# key: value``):

``path``
    Where the content is written, relative to the hub's root. Required.
``expect``
    ``LINE[:COL] TEXT``: a problem at that line (and column) of the content,
    whose ``field: message`` contains TEXT. Line 1 is the first line after the
    header. ``warning: TEXT`` expects a warning, anything else an error.
    ``A ... B`` in TEXT: the message contains A, then later B.
    Repeat it for each problem the content must give — every problem must be
    expected, and any problem in another file is a cascade and fails the case.
    ``expect: nothing`` says the content is valid: the hub has no problem at all.
``file``
    The file the problems are reported in, when it is not ``path`` (a folder
    name, or the other of two clashing files).
``copy``
    ``SRC -> DST``: also copy a file of the minimal hub (e.g. a second cohort).
``bug``
    The case shows a known bug in hubgen: it must fail (xfail, strict) until fixed.
``why``
    A sentence for the reader; ignored by the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from validation_hub import MINIMAL_HUB, HubFactory

from hubgen.content.problems import Problem
from hubgen.hub.load import load_hub

CASES = Path(__file__).parent / "cases"
KEYS = ("path", "expect", "file", "copy", "bug", "why")
_HEADER = re.compile(r"^# (\w+): (.*)$")
_EXPECT = re.compile(r"^(\d+)(?::(\d+))?\s+(.+)$")


def _in_order(parts: list[str], text: str) -> bool:
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@dataclass(frozen=True)
class Expected:
    line: int
    column: int | None
    severity: str
    text: str

    def matches(self, p: Problem) -> bool:
        what = f"{p.field}: {p.message}" if p.field else p.message
        return (
            p.line == self.line
            and (self.column is None or p.column == self.column)
            and p.severity == self.severity
            and _in_order(self.text.split(" ... "), what)
        )

    def __str__(self) -> str:
        col = f":{self.column}" if self.column is not None else ""
        return f"{self.line}{col} {self.severity}: {self.text}"


@dataclass
class Case:
    name: str
    path: str
    content: str
    report_file: str
    expected: list[Expected] = field(default_factory=list)
    valid: bool = False
    copies: dict[str, str] = field(default_factory=dict)
    bug: str = ""


def parse_case(source: Path) -> Case:
    """Read one case file; a malformed header is an error of the corpus, not a skip."""
    with source.open(encoding="utf-8", newline="") as fh:  # keep CRLF and tabs as they are
        lines = re.findall(r"[^\n]*\n|[^\n]+$", fh.read())
    header: dict[str, list[str]] = {}
    n = 0
    for n, raw in enumerate(lines):
        m = _HEADER.match(raw.rstrip("\r\n"))
        if not m:
            break
        key, value = m.groups()
        if key not in KEYS:
            raise ValueError(f"{source.name}:{n + 1}: unknown header key {key!r} (use one of {', '.join(KEYS)})")
        header.setdefault(key, []).append(value.strip())
    else:
        n = len(lines)
    if "path" not in header or "expect" not in header:
        raise ValueError(f"{source.name}: the header needs '# path:' and '# expect:'")
    path = header["path"][0]
    case = Case(
        name=source.stem,
        path=path,
        content="".join(lines[n:]),
        report_file=header.get("file", [path])[0],
        bug=" ".join(header.get("bug", [])),
    )
    for copy in header.get("copy", []):
        src, _, dst = (part.strip() for part in copy.partition("->"))
        if src not in MINIMAL_HUB or not dst:
            raise ValueError(f"{source.name}: '# copy: {copy}' must be 'SRC -> DST' with SRC in the minimal hub")
        case.copies[dst] = src
    for spec in header["expect"]:
        if spec == "nothing":
            case.valid = True
            continue
        m = _EXPECT.match(spec)
        if not m:
            raise ValueError(f"{source.name}: '# expect: {spec}' must be 'LINE[:COL] TEXT' or 'nothing'")
        line, col, text = m.groups()
        severity = "error"
        if text.startswith(("warning: ", "error: ")):
            severity, _, text = text.partition(": ")
        case.expected.append(Expected(int(line), int(col) if col else None, severity, text))
    if case.valid and case.expected:
        raise ValueError(f"{source.name}: 'expect: nothing' cannot be combined with other expectations")
    return case


def _all_cases() -> list[Case]:
    return [parse_case(p) for p in sorted(CASES.iterdir()) if p.suffix in (".yml", ".yaml", ".md")]


ALL_CASES = _all_cases()


def _params() -> list[object]:
    out = []
    for case in ALL_CASES:
        marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {case.bug}")] if case.bug else []
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


def _listing(problems: list[Problem]) -> str:
    return "\n".join("    " + p.format() for p in problems) or "    (no problems)"


@pytest.mark.parametrize("case", _params())
def test_case(case: Case, make_hub: HubFactory) -> None:
    root = make_hub({case.path: case.content}, copies=case.copies)

    _hub, problems = load_hub(root)  # must never raise for a content mistake

    # Warnings (worth a look, e.g. a session with no readings) count only in cases about warnings:
    # the cases are deliberately small files, which draw such warnings by the way.
    about_warnings = any(e.severity == "warning" for e in case.expected)
    found = [p for p in problems if p.severity == "error" or about_warnings]
    if case.valid:
        assert not found, f"{case.path} is valid content, yet:\n{_listing(found)}"
        return

    # No cascades: every other file of the hub is valid, so no problem may land there.
    elsewhere = [p for p in found if p.file != case.report_file]
    assert not elsewhere, f"a mistake in {case.report_file} gave problems in other files:\n{_listing(found)}"

    for p in found:
        assert p.format().startswith(f"{case.report_file}:{p.line}:{p.column}: {p.severity}: ")

    unmatched = list(found)
    for want in case.expected:
        hit = next((p for p in unmatched if want.matches(p)), None)
        assert hit is not None, f"expected {case.report_file}:{want}\ngot:\n{_listing(found)}"
        unmatched.remove(hit)
    assert not unmatched, f"problems the case does not expect (one mistake, one message):\n{_listing(unmatched)}"


def test_corpus_is_large_and_well_formed() -> None:
    assert len(ALL_CASES) >= 45
    assert len({c.name for c in ALL_CASES}) == len(ALL_CASES)
    for case in ALL_CASES:
        assert case.valid or case.expected, case.name
        # expected lines must exist in the content (a file with no lines still has line 1)
        last = max(1, len(case.content.splitlines()))
        assert all(e.line <= last for e in case.expected), f"{case.name}: an expected line is past the end"
