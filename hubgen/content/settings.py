"""The hub's settings in mkdocs.yml: the ``hubgen`` plugin's options and the site settings a hub relies on.

One model, :class:`HubgenSettings`, declares every option of the plugin with its default. The MkDocs adapter
(``hubgen/adapters/mkdocs/config.py``) validates each option through it, the exporter reads the options with it,
and ``hubgen check`` validates the options it reads from mkdocs.yml through it too, with the line of each
mistake: the build and the check cannot disagree.
:func:`check_config_file` adds the gaps a new hub falls into (no content folder, no home page, a stylesheet that
is not there), the links (symlinks) under the content and programs folders (refused before the engine walks
them), and the site settings Material prints into every page without escaping them (:func:`check_site_settings`);
the plugin calls it on every build and ``hubgen check`` on every check.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from yaml.nodes import MappingNode, Node, SequenceNode

from .community import discussion_config
from .loader import find_links
from .palette import check_palette
from .problems import CONTROL, Problems, escaped
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


def read_config(config_file: Path, problems: Problems | None = None) -> Located:
    """mkdocs.yml as data, with the line and column of every key and value (tags are read as nothing).

    A file YAML cannot read (a control character typed in it, a quote left open) is read as no settings, and
    the reason added to ``problems`` at its line: `hubgen check` says what MkDocs would stop on, never a traceback.
    """
    text = config_file.read_text(encoding="utf-8")
    try:
        loader = _Lenient(text)
    except yaml.YAMLError as exc:
        return _unreadable(config_file, exc, text, problems)
    try:
        node = loader.get_single_node()
        located = Located(config_file.name, loader.construct_document(node) if node is not None else None)
    except yaml.YAMLError as exc:
        return _unreadable(config_file, exc, text, problems)
    except RecursionError:  # lists or mappings nested thousands deep: more than YAML's reader can follow
        problem = "lists or mappings nested too deeply to read — write the value out flat"
        return _unreadable(config_file, yaml.constructor.ConstructorError(None, None, problem, None), text, problems)
    except ValueError as exc:  # a value YAML reads but cannot make: an impossible date (2026-02-29)
        mark, value = _impossible(loader, node)
        problem = f"'{value}' is not a real date ({exc}) — correct it, or quote it to keep it as text"
        return _unreadable(config_file, yaml.constructor.ConstructorError(None, None, problem, mark), text, problems)
    finally:
        loader.dispose()
    if node is not None:
        _positions(node, (), located)
    if not isinstance(located.data, dict):
        located.data = {}
    return located


def _impossible(loader: Any, node: Node | None) -> tuple[Any, str]:
    """The first scalar under ``node`` that YAML cannot make a value of (its mark and text)."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # what the failed construction left
    todo: list[Node] = [node] if node is not None else []
    while todo:
        each = todo.pop(0)
        if isinstance(each, MappingNode):
            todo[:0] = [part for pair in each.value for part in pair]
        elif isinstance(each, SequenceNode):
            todo[:0] = list(each.value)
        else:
            try:
                loader.construct_object(each, deep=True)
            except (ValueError, yaml.YAMLError):
                return each.start_mark, str(each.value)
    return None, ""


def _unreadable(config_file: Path, exc: yaml.YAMLError, text: str, problems: Problems | None) -> Located:
    if problems is not None:
        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, yaml.reader.ReaderError):
            line = text.count("\n", 0, exc.position) + 1
            col = exc.position - text.rfind("\n", 0, exc.position)
            what = f"an invisible control character ({escaped(chr(exc.character))}) — delete it"
        else:
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            what = f"YAML syntax: {getattr(exc, 'problem', None) or exc}"
        problems.add(config_file.name, line, col, f"{what} (MkDocs cannot read the file)")
    return Located(config_file.name, {})


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
    settings: HubgenSettings | None = validate(HubgenSettings, doc, problems, "the hubgen plugin's options")
    if settings is None:  # still use what is valid, so the rest of the check can go on
        good = {k: v for k, v in options.items() if k in HubgenSettings.model_fields and option_error(k, v) is None}
        settings = HubgenSettings.model_validate(good)
    return settings


# --- the site settings Material prints as they are --------------------------------------------------------------

#: Printed into every page's <title>, header and attributes without escaping (Material's base.html, header.html).
PLAIN_SETTINGS = ("site_name", "site_description", "site_author", "repo_name")
#: Web addresses printed into every page's links (canonical link, repository link, edit button).
ADDRESS_SETTINGS = ("site_url", "repo_url")
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
_UNSAFE_IN_ADDRESS = re.compile("[\\s\"'<>`\\\\]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def check_plain_setting(value: Any) -> str:
    """A site name, description or author: one line of plain text, no character HTML would read as markup."""
    text = str(value)
    if CONTROL.search(text) or _LINE_BREAK.search(text):
        raise ValueError("it holds a line break or an invisible control character — write it on one line")
    if any(char in text for char in '<>"'):
        raise ValueError(
            f"'{text[:80]}' holds < > or \" — Material prints it into every page as it is, where those would be "
            "read as HTML: write it as plain text, without them"
        )
    return text


def check_address_setting(value: Any) -> str:
    """``site_url``, ``repo_url``: an http(s) address with nothing that would end the link it is printed in."""
    text = str(value)
    split = urlsplit(text) if not (CONTROL.search(text) or _UNSAFE_IN_ADDRESS.search(text)) else None
    if split is None or split.scheme not in ("http", "https") or not split.netloc:
        raise ValueError(
            f"'{text[:80]}' is not a web address — write it as https://example.org/ (no spaces, quotes or < >)"
        )
    return text


def check_link_setting(value: Any) -> str:
    """A link Material prints into an href (``extra.homepage``, ``extra.social``, ``extra.alternate``, ``edit_uri``):
    http(s), mailto or a path of the site, and nothing that would end the attribute."""
    text = str(value)
    bare = CONTROL.sub("", re.sub(r"\s+", "", html.unescape(text)))  # as the browser reads the attribute
    scheme = _SCHEME.match(bare)
    if (
        CONTROL.search(text)
        or _UNSAFE_IN_ADDRESS.search(text)
        or (scheme and scheme.group(1).lower() not in ("http", "https", "mailto"))
    ):
        raise ValueError(
            f"'{text[:80]}' is not a link Material can print safely — write an https:// or mailto: address or a "
            "path of the site (no spaces, quotes or < >)"
        )
    return text


# The HTML the copyright line may hold (Material prints it into every page's footer as HTML): text with its
# entities (&copy;), links, line breaks and a few inline styles. The line is read as a sequence of exactly these
# pieces, so no other tag, no attribute but the link's and no comment can be in it: what the browser reads is
# what was checked.
_COPYRIGHT_PIECE = re.compile(r'[^<]+|<br\s*/?>|</?(?:b|strong|i|em|small|span)>|<a href="([^"<>`]*)">|</a>')


def check_copyright(value: Any) -> str:
    """The copyright line: text, &copy; and the like, ``<a href="https://…">…</a>``, <br>, <b>, <strong>, <i>,
    <em>, <small> and <span>; nothing else (Material prints it as HTML into every page)."""
    text = str(value)
    if CONTROL.search(text) or _LINE_BREAK.search(text):
        raise ValueError("it holds a line break or an invisible control character — write it on one line")
    at = 0
    while at < len(text):
        piece = _COPYRIGHT_PIECE.match(text, at)
        if piece is None:
            rest = text[at : at + 40]
            raise ValueError(
                f"'{rest}…' is HTML the copyright line may not hold — it may hold text, &copy;, links written "
                '<a href="https://…">…</a>, and <br>, <b>, <strong>, <i>, <em>, <small>, <span>'
            )
        if piece.group(1) is not None:
            check_link_setting(piece.group(1))
        at = piece.end()
    return text


def _links_of_extra(extra: Any) -> list[tuple[YPath, Any]]:
    """The links Material prints from ``extra``: homepage, social[].link and alternate[].link, with their paths."""
    if not isinstance(extra, dict):
        return []
    found: list[tuple[YPath, Any]] = []
    if extra.get("homepage") is not None:
        found.append((("extra", "homepage"), extra["homepage"]))
    for name in ("social", "alternate"):
        items = extra.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("link") is not None:
                found.append((("extra", name, i, "link"), item["link"]))
    return found


def check_site_settings(config: Located, problems: Problems) -> None:
    """The site settings Material prints into every page as they are, each checked where it is in mkdocs.yml."""
    data = config.data
    checks: list[tuple[YPath, Any, Any]] = [
        ((name,), data[name], check_plain_setting) for name in PLAIN_SETTINGS if data.get(name) is not None
    ]
    checks += [((name,), data[name], check_address_setting) for name in ADDRESS_SETTINGS if data.get(name)]
    if data.get("edit_uri"):
        checks.append((("edit_uri",), data["edit_uri"], check_link_setting))
    if data.get("copyright") is not None:
        checks.append((("copyright",), data["copyright"], check_copyright))
    checks += [(path, value, check_link_setting) for path, value in _links_of_extra(data.get("extra"))]
    for path, value, check in checks:
        try:
            check(value)
        except ValueError as exc:
            line, col = config.position(path)
            field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
            problems.add(config.file, line, col, str(exc), field)


def check_config_file(config_file: Path, problems: Problems) -> HubgenSettings:
    """Check mkdocs.yml: the plugin's options, the site settings printed into every page, the content folder (and
    its links), the home page and the stylesheets it names."""
    before = len(problems)
    config = read_config(config_file, problems)
    if len(problems) > before:  # unreadable: what MkDocs stops on is the one message
        return HubgenSettings.model_validate({})
    settings = read_settings(config, problems)
    check_site_settings(config, problems)
    file, data = config.file, config.data
    docs_dir = str(data.get("docs_dir") or "docs")
    find_links(config_file.parent, dict.fromkeys((docs_dir, settings.programs_dir)), problems)
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
    if custom is not None and not custom.is_dir():  # git keeps no empty folder: a clone has no theme/ to point at
        line, col = config.position(("theme", "custom_dir"))
        problems.add(
            file,
            line,
            col,
            f"the folder '{theme['custom_dir']}' does not exist, and the build needs it — remove this line (a hub "
            "needs a theme folder only to override a template), or create the folder with your override in it",
            "theme.custom_dir",
        )
        custom = None
    if custom is not None:
        _check_own_main_html(custom, str(theme["custom_dir"]).rstrip("/"), problems)
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
    check_palette(config, docs, problems)  # Material's colour names; a custom primary's contrast (palette.py)
    return settings


#: Hubgen's own main.html (hubgen/theme/): what it includes, a hub's main.html must include too.
HUBGEN_MAIN_HTML = Path(__file__).parent.parent / "theme" / "main.html"
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")


def _check_own_main_html(custom: Path, folder: str, problems: Problems) -> None:
    """A hub's own ``main.html`` replaces Hubgen's: each partial Hubgen's includes and the hub's does not is named
    at the hub's file, with the line to add (a release that adds one says so in CHANGELOG.md)."""
    own = custom / "main.html"
    if not own.is_file():
        return
    text = own.read_text(encoding="utf-8", errors="replace")
    for partial in _INCLUDE.findall(HUBGEN_MAIN_HTML.read_text(encoding="utf-8")):
        if partial not in text:
            problems.add(
                f"{folder}/main.html",
                1,
                1,
                f"this main.html replaces Hubgen's, which includes '{partial}' — add "
                f'{{% include "{partial}" %}} in its extrahead block, after {{{{ super() }}}}',
                severity="warning",
            )
