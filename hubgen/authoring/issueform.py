"""An issue made with one of the hub's issue forms, read back field by field.

GitHub writes a submitted form into the issue as one section per field — ``### Field label``, a blank line, then
the answer (``_No response_`` when left empty). :func:`parse_issue` reads that text (or ``gh issue view --json``
output) into an :class:`Issue`; a :class:`FieldReader` reads its fields by their labels, collecting every problem
so the person sees them all at once, each naming the field as the form labels it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .refused import Refused

NO_RESPONSE = "_No response_"


class IssueError(Refused):
    """The issue's text cannot become a file: every reason, one per line, naming the form's field."""


@dataclass
class Issue:
    """An issue's text, read as GitHub renders an issue form: label → answer."""

    sections: dict[str, str]  # lowercased label → answer ("" for "_No response_")
    labels: dict[str, str]  # lowercased label → the label as written
    title: str = ""  # the issue's own title, when known
    number: int | None = None

    def get(self, aliases: tuple[str, ...]) -> tuple[str, str]:
        """(label as written, answer) of the first alias present; ("", "") when the form has none of them."""
        for alias in aliases:
            if alias in self.sections:
                return self.labels[alias], self.sections[alias]
        return "", ""


def parse_issue(text: str) -> Issue:
    """The sections of an issue form's text, or of ``gh issue view --json title,body,number`` output."""
    title, number = "", None
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise IssueError(
                [f"the input looks like JSON but is not valid JSON ({exc.msg}, line {exc.lineno})"]
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("body"), str):
            raise IssueError(["the JSON has no 'body' — use: gh issue view NUMBER --json title,body,number"])
        text, title = data["body"], str(data.get("title") or "")
        number = data.get("number") if isinstance(data.get("number"), int) else None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$", text, flags=re.MULTILINE)
    if len(parts) < 3:
        raise IssueError(
            [
                "this does not look like an issue made with the hub's form: expected sections that start with "
                "'### Field label' (GitHub writes them) — copy the whole issue text, or use "
                "gh issue view NUMBER --json title,body,number"
            ]
        )
    sections: dict[str, str] = {}
    labels: dict[str, str] = {}
    for label, answer in zip(parts[1::2], parts[2::2], strict=True):
        key = label.strip().lower()
        value = answer.strip()
        if value == NO_RESPONSE:
            value = ""
        if key in sections:
            raise IssueError([f"the section '### {label.strip()}' appears twice — keep one"])
        sections[key], labels[key] = value, label.strip()
    return Issue(sections, labels, title, number)


class FieldReader:
    """Reads fields of one issue, collecting every problem."""

    def __init__(self, issue: Issue, labels: dict[str, tuple[str, ...]]) -> None:
        self.issue = issue
        self.labels = labels
        self.problems: list[str] = []

    def text(self, name: str, required: bool = False) -> str:
        label, value = self.issue.get(self.labels[name])
        if required and not value:
            shown = label or self.labels[name][0].capitalize()
            if label:
                self.problems.append(f"{shown}: required, but the issue leaves it empty")
            else:
                self.problems.append(
                    f"{shown}: the issue has no '### {shown}' section — was it made with the hub's form?"
                )
        return value

    def label(self, name: str) -> str:
        return self.issue.get(self.labels[name])[0] or self.labels[name][0].capitalize()

    def choice(self, name: str, words: dict[str, str], shown: tuple[str, ...], required: bool = False) -> str | None:
        value = self.text(name, required)
        if not value:
            return None
        found = words.get(value.strip().rstrip(".").lower())
        if found is None:
            self.problems.append(f"{self.label(name)}: '{value}' is not one of: {', '.join(shown)}")
        return found

    def check(self, name: str, value: str, checker: Any) -> str | None:
        try:
            return str(checker(value))
        except ValueError as exc:
            self.problems.append(f"{self.label(name)}: {exc}")
            return None
