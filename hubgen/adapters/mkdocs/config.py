"""The ``hubgen`` plugin's options in ``mkdocs.yml``, as MkDocs reads them.

Each option is declared once, with its default and its rules, in the core's settings model
(:class:`hubgen.content.settings.HubgenSettings`); this class only tells MkDocs their names and validates every value
through that model, so ``mkdocs build`` rejects exactly what ``hubgen check`` rejects, with the same message.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from pydantic import BaseModel

from ...content.settings import HubgenSettings, default, validate_option

T = TypeVar("T")


class _Option(c.BaseConfigOption[T], Generic[T]):
    """One of :class:`HubgenSettings`' options: its default and its validation come from the model."""

    def __set_name__(self, owner: type, name: str) -> None:
        super().__set_name__(owner, name)
        assert name in HubgenSettings.model_fields, f"{name} is not an option of HubgenSettings"
        self.default = _plain(default(name))

    def run_validation(self, value: object, /) -> T:
        try:
            result: T = _plain(validate_option(self._name, value))
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from exc
        return result


def _plain(value: Any) -> Any:
    """An option made of several values (``reminders``) as MkDocs keeps options: a dict, as the model dumps it."""
    return value.model_dump() if isinstance(value, BaseModel) else value


class HubgenConfig(base.Config):
    """The options of :class:`HubgenSettings` (see there for what each does)."""

    enabled = _Option[bool]()
    programs_dir = _Option[str]()
    nav = _Option[bool]()
    participant_visibility = _Option[str]()
    noindex = _Option[bool]()
    drafts = _Option[bool]()
    discussion = _Option[dict[str, Any]]()
    search = _Option[str]()
    staff_links = _Option[str]()
    starting_soon = _Option[int]()
    clock = _Option[str]()
    reminders = _Option[dict[str, Any]]()
