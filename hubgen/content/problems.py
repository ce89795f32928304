"""Everything that can be wrong with content, as one type.

A :class:`Problem` names the file, the line and column, the field and what is
wrong, so a person who is not a developer can find the spot and fix it.
Loading and validation never raise for content mistakes: they add problems to a
:class:`Problems` list and carry on, so every problem is reported at once.

Whatever hubgen prints goes through :func:`printable`: a value holding a terminal escape (ESC ``[2J``, a
colour, a title change) or half of a character is shown as ``\\x1b`` or ``\\ud800``, never sent to the
reviewer's terminal or to CI's log as it is. :data:`CONTROL` is the set of characters no content may hold.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: Characters no text of a hub may hold: C0 controls but tab, line feed and carriage return (line breaks: a
#: one-line field refuses those itself), DEL, C1 controls, lone surrogates (half of a character, which no file
#: can store) and U+FFFE/U+FFFF (not characters: XML, and so the news feeds, refuse them).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# What a message never prints as it is: every control character (line breaks too: one problem, one line),
# lone surrogates, and the marks that reorder the text around them on screen (bidirectional overrides and
# isolates, line and paragraph separators).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped(char: str) -> str:
    """One character as Python writes it in a string: ``\\x1b``, ``\\u202e``, ``\\ud800``."""
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every character that could act on a terminal written out as an escape (``\\x1b``).

    With ``lines``, line breaks and tabs are kept (what a command prints over several lines); without, a
    message stays on one line, so a value cannot forge a second one.
    """
    pattern = _KEEP_LINES if lines else _UNPRINTABLE
    return pattern.sub(lambda m: escaped(m.group()), text) if pattern.search(text) else text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place in a source file."""

    file: str
    line: int
    column: int
    message: str
    field: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        """``file:line:col: error: field: message`` — the form editors and CI understand."""
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return printable(f"{where}: {self.severity}: {what}")

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown on the line in a pull request."""
        level = "error" if self.severity == "error" else "warning"
        what = f"{self.field}: {self.message}" if self.field else self.message
        # GitHub's escaping of workflow commands (toolkit/core's command.ts): a command ends at a line break,
        # so %, CR and LF are escaped in the message; a property also ends at ',' and its value at ':'.
        # Control characters are then written out (\\x1b) as in every message.
        file, data = printable(_property(self.file)), printable(_data(what))
        return f"::{level} file={file},line={self.line},col={self.column}::{data}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Problems:
    """An ordered collection of problems, filled while loading and validating."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(
        self,
        file: str,
        line: int,
        column: int,
        message: str,
        field: str = "",
        severity: Severity = "error",
    ) -> None:
        self._items.append(Problem(file, max(line, 1), max(column, 1), message, field, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def since(self, count: int) -> list[Problem]:
        """The problems added after the first ``count``, in the order they were added."""
        return self._items[count:]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Problem]:
        """Problems by file, then line: the order a person fixes them in."""
        return sorted(set(self._items), key=lambda p: (p.file, p.line, p.column, p.message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "warning"]

    def summary(self) -> str:
        """One line: how many errors and warnings, in how many files."""
        items = self.sorted()
        if not items:
            return "no problems found"
        files = len({p.file for p in items})
        e, w = len(self.errors), len(self.warnings)
        parts = []
        if e:
            parts.append(f"{e} error{'s' * (e != 1)}")
        if w:
            parts.append(f"{w} warning{'s' * (w != 1)}")
        return f"{' and '.join(parts)} in {files} file{'s' * (files != 1)}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for the nearest choice, or an empty string."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""
