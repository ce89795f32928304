"""Read YAML as the text people typed, keeping where every value came from.

PyYAML follows YAML 1.1: ``09:30`` becomes the integer 570 (base 60), ``yes``
becomes ``True`` and ``2026-10-14`` a date. Staff write these unquoted, so this
reader resolves only ``true``/``false``, ``null``, decimal numbers and strings;
everything else stays the string that was typed and the typed models parse it.

The reader cannot be exhausted: aliases (``*name``) are refused — one line of nested
aliases can stand for billions of values, and staff never need them — values nest at
most :data:`MAX_DEPTH` levels deep, and a number has at most 4,300 digits (Python's own
limit); each is a problem at its line, never a traceback or a hang.

No value or field name may hold a control character or half of a character (a lone surrogate): YAML refuses
them typed as they are, but lets escapes such as ``"\\x1b"`` or ``"\\ud800"`` through. Each is a problem at
its value's line, and the value goes on without it, so nothing later (a page, a calendar, a news feed, a
message) ever meets one.

Every value's position is recorded by its path (``("readings", "required", 0)``)
so a problem found later, by the schema or by a cross-reference check, can point
at the line and column of the offending value.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path as PathFile
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .cachefile import BuildCache, salt
from .problems import CONTROL, Problems, escaped

Path = tuple[str | int, ...]

#: How deep values may nest (a session's ``readings: {required: [...]}`` is three levels).
MAX_DEPTH = 20


class _Resolver(yaml.resolver.BaseResolver):
    """Booleans, nulls and whole numbers; everything else is text as typed.

    No field of the content contract is a decimal number, so ``1.10`` (a title,
    a version) stays ``"1.10"`` instead of silently becoming ``1.1``.
    """


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, _Resolver):
        """libyaml's parser (about ten times faster) with the same resolver and node positions."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    def _compose_fast(text: str) -> tuple[Node | None, Any] | None:
        """The document's node, or None on any error (the pure-Python parser then explains it)."""
        loader = _FastLoader(text)
        try:
            return loader.get_single_node(), loader
        except (yaml.YAMLError, ValueError, RecursionError):
            loader.dispose()
            return None

else:  # pragma: no cover - PyYAML built without libyaml

    def _compose_fast(text: str) -> tuple[Node | None, Any] | None:
        return None


@dataclass
class Located:
    """A parsed YAML document with the position of each value and key.

    A document read with a cache (:class:`YamlCache`), from it or kept in it, keeps its ``text`` instead: its
    positions are found the first time a problem asks for one, by parsing it again.
    """

    file: str
    data: Any
    line_offset: int = 0
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, or of its nearest ancestor."""
        if self.text is not None:  # from the cache: the positions are worked out now, once
            again = parse_yaml(self.text, self.file, Problems(), self.line_offset)
            self.text = None
            if again is not None:
                self.values, self.keys = again.values, again.keys
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in table:
                return table[sub]
            if sub in self.values:
                return self.values[sub]
        return (1 + self.line_offset, 1)


_HINTS = {
    "mapping values are not allowed here": (
        "a value contains ': ' — put the whole value in quotes, e.g. title: \"Housing: the first prescription\""
    ),
    "found character '\\t' that cannot start any token": ("a tab was used for indentation — indent with spaces"),
    "could not find expected ':'": "a line is missing its ':' after the field name, or a quote is not closed",
    "found undefined alias": "a value starts with '*' — put it in quotes",
    "expected <block end>, but found '<block mapping start>'": (
        "the indentation is uneven — line up fields of the same level"
    ),
    "expected <block end>, but found '-'": "a list item is indented differently from the others",
    "expected <block end>, but found '<block sequence start>'": (
        "a list item is indented less than the others — line up every '- ' of the list"
    ),
}

_INDENT_HINT = "this line is indented more than the field above it — line up fields of the same level"


def _hint(problem: str, line_text: str) -> str:
    if problem.startswith("mapping values are not allowed here") and ": " not in line_text.strip():
        return f" — {_INDENT_HINT}"
    for known, hint in _HINTS.items():
        if problem.startswith(known):
            return f" — {hint}"
    return ""


def _escape_position(text: str) -> tuple[int, int]:
    """Where the first backslash escape of a double-quoted value is (or 1:1)."""
    for number, line in enumerate(text.splitlines(), 1):
        at = line.find("\\")
        if at >= 0 and '"' in line[:at]:
            return number, at + 1
    return 1, 1


def _unprintable(text: str, exc: yaml.reader.ReaderError, file: str, problems: Problems, line_offset: int) -> None:
    """A control character (often pasted from another program) where YAML allows none."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    problems.add(
        file,
        line + line_offset,
        col,
        f"the file contains an invisible control character ({escaped(chr(exc.character))}) here — delete it "
        "(it may have come from text pasted from another program)",
    )


class YamlCache(BuildCache):
    """Parsed YAML kept between builds (``.cache/hubgen/yaml.json``): each document's values as JSON.

    Parsing with every value's position takes about a fifth of a millisecond a file, and a large hub has
    thousands of files that seldom change. An entry's key is the SHA-256 of the text with this module and
    PyYAML's version; a document is kept only if it parsed without a problem into plain values (text,
    whole numbers, true/false, null, lists and mappings), so what comes back is what parsing gives.
    """

    FILE = "yaml.json"

    def key(self, text: str) -> str:
        return hashlib.sha256(_yaml_salt() + text.encode()).hexdigest()


@cache
def _yaml_salt() -> bytes:
    """What parsed YAML depends on besides its text: this module and PyYAML's version."""
    return salt([PathFile(__file__)], ["PyYAML"])


def _plain(value: Any) -> bool:
    """Whether ``value`` is what JSON gives back unchanged: str, int, bool, None, lists and str-keyed dicts."""
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is list:
        return all(_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False


def parse_yaml(
    text: str, file: str, problems: Problems, line_offset: int = 0, cache: YamlCache | None = None
) -> Located | None:
    """Parse one YAML document; on a syntax error add a problem and return None.

    With a ``cache``, a document an earlier build parsed without a problem is read from it (its positions are
    found only if a problem asks for one), and one parsed now without a problem is kept in it.
    """
    if cache is None:
        return _parse_yaml(text, file, problems, line_offset)
    key = cache.key(text)
    stored = cache.lookup(key)
    if stored is not None:
        try:
            return Located(file, json.loads(stored), line_offset, text=text)
        except ValueError:
            pass  # not JSON: parsed below, as without the cache
    before = len(problems)
    located = _parse_yaml(text, file, problems, line_offset)
    if located is not None and len(problems) == before and _plain(located.data):
        cache.keep(key, json.dumps(located.data, ensure_ascii=False))
        # Held as the next build will hold it: the text, its positions found again if a problem asks for one.
        # A build holds its hub to the end, and every value's position is megabytes on a large hub.
        return Located(file, located.data, line_offset, text=text)
    return located


def _parse_yaml(text: str, file: str, problems: Problems, line_offset: int = 0) -> Located | None:
    fast = _compose_fast(text)
    if fast is not None:
        node, loader = fast
        try:
            return _build(node, loader, text, file, problems, line_offset)
        finally:
            loader.dispose()
    deep = _deep_position(text)  # libyaml refused the document: the pure parser would recurse a long while
    if deep != (1, 1):
        problems.add(file, deep[0] + line_offset, deep[1], _TOO_DEEP)
        return None
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        _unprintable(text, exc, file, problems, line_offset)
        return None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark: yaml.Mark | None
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            mark = exc.context_mark
            message = "a quote opened here is not closed — add the closing quote at the end of the value"
        else:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            lines = text.splitlines()
            line_text = lines[mark.line][: mark.column] if mark and mark.line < len(lines) else ""
            message = f"{problem}{_hint(problem, line_text)}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.add(file, line + line_offset, col, f"YAML syntax: {message}")
        return None
    except yaml.reader.ReaderError as exc:
        _unprintable(text, exc, file, problems, line_offset)
        return None
    except yaml.YAMLError as exc:
        problems.add(file, 1 + line_offset, 1, f"YAML: {exc}")
        return None
    except RecursionError:
        line, col = _deep_position(text)
        problems.add(file, line + line_offset, col, _TOO_DEEP)
        return None
    except ValueError:  # PyYAML lets e.g. an out-of-range "\U00110000" escape through as chr()'s error
        line, col = _escape_position(text)
        problems.add(
            file,
            line + line_offset,
            col,
            "a quoted value has an escape (\\U, \\x or \\u) that is not a character — "
            "remove the backslash or use single quotes",
        )
        return None
    try:
        return _build(node, loader, text, file, problems, line_offset)
    finally:
        loader.dispose()


_TOO_DEEP = (
    f"the values are nested more than {MAX_DEPTH} levels deep (lists in lists, or brackets left open) — "
    "no field of a hub needs that: check the brackets and the indentation"
)


def _control_message(value: str) -> str:
    char = CONTROL.search(value)
    assert char is not None
    if "\ud800" <= char.group() <= "\udfff":
        return (
            f"'{escaped(char.group())}' is half of a character (a lone surrogate), which no file can hold — "
            "write the character itself instead of its \\u escape"
        )
    return (
        f"the text holds an invisible control character ({escaped(char.group())}) — delete it, and the "
        "escape (\\x, \\u, \\e...) that wrote it; for a line break use a '|' block"
    )


def _deep_position(text: str) -> tuple[int, int]:
    """Where brackets first open more than :data:`MAX_DEPTH` levels deep, or 1:1 when they never do."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for col, char in enumerate(line, 1):
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return number, col
    return 1, 1


def _alias_position(text: str) -> tuple[int, int]:
    """Line and column of the document's first alias (``*name``), found without building anything."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:
        pass
    return 1, 1


def _build(node: Node | None, loader: Any, text: str, file: str, problems: Problems, line_offset: int) -> Located:
    """Python values from a composed document, recording each value's and key's position.

    An alias is the node it names, met a second time: it is refused (and never expanded), so a
    "billion laughs" document costs no more than its own length.
    """
    located = Located(file=file, data=None, line_offset=line_offset)
    if node is None:
        return located
    seen: set[int] = set()
    refused: list[str] = []  # one message per document for aliases and depth

    def build(node: Node, path: Path) -> Any:
        located.values[path] = (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
        if id(node) in seen:
            if "alias" not in refused:
                refused.append("alias")
                line, col = _alias_position(text)
                problems.add(
                    file,
                    line + line_offset,
                    col,
                    "YAML aliases ('*name', repeating a value marked '&name') are not supported — "
                    "write the value out where it is needed",
                )
            return None
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            if "depth" not in refused:
                refused.append("depth")
                line, col = located.values[path]
                problems.add(file, line, col, _TOO_DEEP)
            return None
        if isinstance(node, ScalarNode):
            if node.tag.startswith("tag:yaml.org,2002:") or node.tag == "!":
                try:
                    value = loader.construct_object(node)
                except yaml.YAMLError:
                    value = node.value
                except ValueError:  # int() refuses more than 4,300 digits
                    line, col = located.values[path]
                    problems.add(
                        file, line, col, "a number of more than 4,300 digits — write a real value (or quote it)"
                    )
                    return None
                if isinstance(value, str) and CONTROL.search(value):
                    line, col = located.values[path]
                    problems.add(file, line, col, _control_message(value))
                    return CONTROL.sub("", value)
                return value
            line, col = located.values[path]
            problems.add(file, line, col, f"unsupported YAML tag {node.tag!r} — remove it")
            return node.value
        if isinstance(node, SequenceNode):
            return [build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                kline = key_node.start_mark.line + 1 + line_offset
                kcol = key_node.start_mark.column + 1
                if not isinstance(key_node, ScalarNode):
                    problems.add(file, kline, kcol, "a field name must be plain text")
                    continue
                key = key_node.value
                if CONTROL.search(key):
                    problems.add(file, kline, kcol, _control_message(key))
                    key = CONTROL.sub("", key)
                if key == "<<":
                    problems.add(file, kline, kcol, "YAML merge keys ('<<') are not supported — write the fields out")
                    continue
                if key in out:
                    first = located.keys[(*path, key)]
                    problems.add(
                        file,
                        kline,
                        kcol,
                        f"field '{key}' appears twice (first on line {first[0]}) — keep one",
                    )
                located.keys[(*path, key)] = (kline, kcol)
                out[key] = build(value_node, (*path, key))
            return out
        return None  # pragma: no cover - the composer yields only these three

    located.data = build(node, ())
    return located
