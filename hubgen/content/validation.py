"""Turn schema errors into messages a person who is not a developer can act on."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from . import deprecations
from .problems import Problems, did_you_mean
from .yamlsource import Located, Path

_EXAMPLES = {
    "int": "a whole number, e.g. 45",
    "bool": "true or false",
    "str": "text",
    "list": "a list — one item per line starting with '- ', or [a, b]",
    "dict": "fields of the form 'name: value', indented below",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The first model class inside a type such as ``list[Link] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields allowed at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if current is None:
            return []
        if issubclass(current, RootModel):
            inner = current.model_fields["root"].annotation
            if isinstance(part, str) and typing.get_origin(inner) is dict:
                current = _model_in(typing.get_args(inner)[1])
                continue
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            # a key of a dict-valued field (session_types: {id: {...}})
            continue
        current = _model_in(field.annotation)
        if current is None and typing.get_origin(field.annotation) in (dict, types.UnionType):
            return []
    if current is None or issubclass(current, RootModel):
        return []
    return list(current.model_fields)


def _message(err: Any, model: type[BaseModel]) -> tuple[str, bool]:
    """The message for one pydantic error, and whether it points at a key rather than a value."""
    kind: str = err["type"]
    loc = err["loc"]
    value = err.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        return f"unknown field '{name}'{did_you_mean(name, _fields_at(model, loc[:-1]))}", True
    if kind == "missing":
        return f"missing required field '{name}'", False
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, "), False
    if kind == "literal_error":
        expected = err["ctx"]["expected"]
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        hint = did_you_mean(str(value), choices)
        return f"{_describe(value)} is not allowed here{hint or ''} — use one of: {expected}", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected {_EXAMPLES['int']}, got {_describe(value)}", False
    if kind in ("bool_parsing", "bool_type"):
        return f"expected {_EXAMPLES['bool']}, got {_describe(value)}", False
    if kind == "string_type":
        return f"expected {_EXAMPLES['str']}, got {_describe(value)}", False
    if kind == "list_type":
        return f"expected {_EXAMPLES['list']}, got {_describe(value)}", False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected {_EXAMPLES['dict']}, got {_describe(value)}", False
    if kind == "string_pattern_mismatch" and name == "doi":
        return f"{_describe(value)} is not a DOI — write it as 10.1234/abcd (without https://doi.org/)", False
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return "is empty — write it out (or leave the field out where it is optional)", False
    if kind == "too_short" and isinstance(value, dict):
        return "needs at least one entry", False
    msg = str(err["msg"]).replace("Input should be", "must be")
    return f"{_describe(value)}: {msg}", False


def field_name(loc: Path) -> str:
    """``("readings", "required", 0)`` → ``readings.required[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(model: type[BaseModel], doc: Located, problems: Problems, what: str) -> Any:
    """Validate ``doc`` against ``model``; add a problem per error and return None on failure."""
    if doc.data is None:
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        need = f" — it needs at least: {', '.join(required)}" if required else ""
        problems.add(doc.file, 1 + doc.line_offset, 1, f"{what} is empty{need}")
        return None
    data = deprecations.apply(model, doc, problems)  # a name an earlier release used: read, and named with the fix
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message, at_key = _message(err, model)
            if loc and loc[-1] == "[key]":  # a mapping key that is not a valid ID
                loc, at_key = loc[:-1], True
            if err["type"] == "missing":
                line, col = doc.position(loc[:-1], key=True) if loc[:-1] else (1 + doc.line_offset, 1)
            else:
                line, col = doc.position(loc, key=at_key)
            if not loc and err["type"] in ("model_type", "model_attributes_type", "dict_type"):
                message = f"{what} must hold fields of the form 'name: value', found {_describe(err.get('input'))}"
            problems.add(doc.file, line, col, message, field_name(loc))
        return None


# --- the date rules several kinds of file share ---------------------------------------------------------------------


def check_ends_after_starts(
    problems: Problems, file: str, doc: Located, what: str, starts: dt.date, ends: dt.date
) -> bool:
    """Whether ``ends`` is on or after ``starts`` (a cohort's, a series'); if not, the problem at ``ends``."""
    if ends >= starts:
        return True
    line, col = doc.position(("ends",))
    problems.add(file, line, col, f"the {what} ends ({ends}) before it starts ({starts})", "ends")
    return False


def check_date_of_file_name(
    problems: Problems, file: str, doc: Located, date: dt.date | None, file_day: dt.date, rest: str
) -> None:
    """A ``date`` in the front matter agrees with the date a file's name starts with (``<date>-<rest>.md``: a
    session, an announcement): the file name gives its address, the field what the page says."""
    if date and date != file_day:
        line, col = doc.position(("date",))
        problems.add(
            file,
            line,
            col,
            f"the date {date} does not match the file name's date {file_day} — "
            f"rename the file to {date}-{rest}.md or fix the date",
            "date",
        )
