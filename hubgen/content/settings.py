"""The hub's settings in mkdocs.yml: the ``hubgen`` plugin's options and the site settings a hub relies on.

One model, :class:`HubgenSettings`, declares every option of the plugin with its default. The MkDocs adapter
(``hubgen/adapters/mkdocs/config.py``) validates each option through it, the exporter reads the options with it,
and ``hubgen check`` validates the options it reads from mkdocs.yml through it too, with the line of each
mistake: the build and the check cannot disagree.
:func:`check_config_file` adds the gaps a new hub falls into (no content folder, no home page, a stylesheet that
is not there); the plugin calls it on every build and ``hubgen check`` on every check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from yaml.nodes import MappingNode, Node, SequenceNode

from .community import discussion_config
from .problems import Problems
from .validation import validate
from .yamlsource import Located
from .yamlsource import Path as YPath

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")

# -- the session day's options (README "Calendars" and "Session states") -----------------------------------------

_DURATION = re.compile(r"^\s*(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?)\s*$", re.IGNORECASE)
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440}


def duration_minutes(value: Any) -> int | None:
    """``"1 day"``, ``"2 hours"``, ``"10 min"`` or a number of minutes, as minutes; ``false``/``0``: None (off)."""
    if value is None or value is False or value == 0:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _DURATION.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            f"{value!r} is not a time before the session — write it as '1 day', '2 hours' or '10 minutes' "
            "(or false for none)"
        )
    minutes = int(match[1]) * _UNIT_MINUTES[match[2][0].lower()]
    return minutes or None


class Reminders(BaseModel):
    """The alarms (VALARM) of every event in the calendar feeds: how long before the start each one rings."""

    model_config = ConfigDict(extra="forbid")

    prepare: int | None = Field(
        1440, description="before the start, a reminder listing the required readings, their minutes and Prepare"
    )
    join: int | None = Field(10, description="before the start, a reminder with how to join (the link where public)")

    @field_validator("prepare", "join", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> int | None:
        return duration_minutes(value)


class HubgenSettings(BaseModel):
    """The ``hubgen`` plugin's options (``plugins: [hubgen: {...}]`` in mkdocs.yml)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = Field(True, description="turn the plugin off without removing it")
    programs_dir: str = Field("programs", description="folder of programs, cohorts, sessions and projects")
    nav: bool = Field(True, description="build the navigation (sections, programs, cohorts) when mkdocs.yml has none")
    participant_visibility: Literal["public", "name-only", "hidden"] = Field(
        "name-only", description="visibility of people who are only participants and set none themselves"
    )
    noindex: bool = Field(False, description="ask search engines to index no page of the site")
    drafts: bool = Field(False, description="include sessions marked draft: true (always on under mkdocs serve)")
    discussion: dict[str, Any] = Field(
        default_factory=dict,
        description="giscus (GitHub Discussions) on session, project and topic pages; off when empty",
    )
    search: Literal["material", "pagefind"] = Field(
        "material", description="what answers the search box: Material's own index or Pagefind's"
    )
    staff_links: Literal["preview", "always", "never"] = Field(
        "preview",
        description="the edit button and the repository link: shown under `mkdocs serve` only (preview), "
        "on the published site too (always), or nowhere (never)",
    )

    starting_soon: int = Field(
        15,
        ge=1,
        le=24 * 60,
        description="minutes before a session's start from which its pages say 'starting in N min' and put Join first",
    )
    clock: Literal["auto", "12h", "24h"] = Field(
        "auto",
        description="how pages say times: 12h (9:00 AM), 24h (09:00), or auto: as is the custom where each program's "
        "time zone is (12-hour in the United States, 24-hour elsewhere)",
    )
    reminders: Reminders = Field(
        default_factory=lambda: Reminders.model_validate({}),
        description="the calendar feeds' alarms: {prepare: 1 day, join: 10 minutes} by default; false: none",
    )

    @field_validator("reminders", mode="before")
    @classmethod
    def _reminders(cls, value: Any) -> Any:
        if value is False or value is None:
            return {"prepare": None, "join": None}
        if value is True:
            return {}
        return value

    @field_validator("discussion", mode="before")
    @classmethod
    def _discussion(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict):
            _, mistakes = discussion_config(value)
            if mistakes:
                raise ValueError("; ".join(mistakes))
        return value


def default(name: str) -> Any:
    """The default of the option ``name``, as the model declares it."""
    return HubgenSettings.model_fields[name].get_default(call_default_factory=True)


def option_error(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the option ``name`` (the message ``hubgen check`` gives), or None."""
    problems = Problems()
    validate(HubgenSettings, Located("mkdocs.yml", {name: value}), problems, "the hubgen plugin's options")
    return "; ".join(p.message for p in problems) or None


def validate_option(name: str, value: Any) -> Any:
    """``value`` as the model reads it; ValueError with the check's message when it is wrong."""
    error = option_error(name, value)
    if error is not None:
        raise ValueError(error)
    try:
        return getattr(HubgenSettings.model_validate({name: value}), name)
    except ValidationError as exc:  # pragma: no cover - option_error found nothing, so this cannot fail
        raise ValueError(str(exc)) from exc


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs resolves."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def _positions(node: Node, path: YPath, located: Located) -> None:
    located.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key, value in node.value:
            sub = (*path, str(key.value))
            located.keys[sub] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _positions(value, sub, located)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _positions(item, (*path, i), located)


def read_config(config_file: Path) -> Located:
    """mkdocs.yml as data, with the line and column of every key and value (tags are read as nothing)."""
    text = config_file.read_text(encoding="utf-8")
    loader = _Lenient(text)
    try:
        node = loader.get_single_node()
        located = Located(config_file.name, loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()
    if node is not None:
        _positions(node, (), located)
    if not isinstance(located.data, dict):
        located.data = {}
    return located


def hubgen_options(config: Located) -> tuple[dict[str, Any], YPath | None]:
    """The hubgen plugin's options from mkdocs.yml and where they are (None: the plugin is not listed)."""
    for i, plugin in enumerate(config.data.get("plugins") or []):
        if plugin == "hubgen":
            return {}, ("plugins", i)
        if isinstance(plugin, dict) and "hubgen" in plugin:
            return dict(plugin["hubgen"] or {}), ("plugins", i, "hubgen")
    if isinstance(config.data.get("plugins"), dict) and "hubgen" in config.data["plugins"]:
        return dict(config.data["plugins"]["hubgen"] or {}), ("plugins", "hubgen")
    return {}, None


class _Shifted(Located):
    """A view of part of a Located document: positions looked up under ``prefix``."""

    def __init__(self, whole: Located, prefix: YPath, data: Any) -> None:
        super().__init__(whole.file, data, whole.line_offset, whole.values, whole.keys)
        self.prefix = prefix

    def position(self, path: YPath, *, key: bool = False) -> tuple[int, int]:
        return super().position((*self.prefix, *path), key=key)


def read_settings(config: Located, problems: Problems) -> HubgenSettings:
    """The plugin's options, validated; each mistake added to ``problems`` at its line of mkdocs.yml."""
    options, where = hubgen_options(config)
    if where is None or not options:
        return HubgenSettings.model_validate({})
    doc = _Shifted(config, where, options)
    settings = validate(HubgenSettings, doc, problems, "the hubgen plugin's options")
    if settings is None:  # still use what is valid, so the rest of the check can go on
        good = {k: v for k, v in options.items() if k in HubgenSettings.model_fields and option_error(k, v) is None}
        settings = HubgenSettings.model_validate(good)
    return settings


def check_config_file(config_file: Path, problems: Problems) -> HubgenSettings:
    """Check mkdocs.yml: the plugin's options, the content folder, the home page and the stylesheets it names."""
    config = read_config(config_file)
    settings = read_settings(config, problems)
    file, data = config.file, config.data
    docs_dir = str(data.get("docs_dir") or "docs")
    docs = config_file.parent / docs_dir
    line, col = config.position(("docs_dir",)) if "docs_dir" in data else (1, 1)
    if not docs.is_dir():
        problems.add(
            file,
            line,
            col,
            f"there is no folder '{docs_dir}' next to mkdocs.yml — create it with a home page, "
            f"{docs_dir}/index.md, or run `hubgen init` to start a hub",
            "docs_dir",
        )
    elif not any((docs / name).is_file() for name in ("index.md", "README.md")):
        problems.add(
            file,
            line,
            col,
            f"'{docs_dir}' has no index.md, so the site would have no home page — create {docs_dir}/index.md "
            "with a title and the blocks <!-- hubgen:upcoming --> and <!-- hubgen:programs --> (see the README)",
            "docs_dir",
        )
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    custom = config_file.parent / str(theme["custom_dir"]) if theme.get("custom_dir") else None
    for i, sheet in enumerate(data.get("extra_css") or []):
        name = str(sheet.get("path", "") if isinstance(sheet, dict) else sheet)
        if not name or "://" in name or name.startswith("/"):
            continue
        if (docs / name).is_file() or (custom is not None and (custom / name).is_file()):
            continue
        line, col = config.position(("extra_css", i))
        problems.add(
            file,
            line,
            col,
            f"'{name}' is not in {docs_dir}/"
            + (f" or {theme['custom_dir']}/" if custom is not None else "")
            + f" — create {docs_dir}/{name}, or remove this line",
            "extra_css",
        )
    return settings
