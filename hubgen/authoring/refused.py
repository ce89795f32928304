"""What a staff command says when it will not write a file: every reason, one a line, and exit 1."""

from __future__ import annotations


class Refused(Exception):
    """The command refuses its input; ``problems`` are the reasons (``file:line: message`` or a field's name)."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
