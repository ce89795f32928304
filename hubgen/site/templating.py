"""Jinja's environment for Hubgen's templates: globals read through a read-only view, compiled templates kept.

Compiled templates are kept between builds in a folder named by what compiling depends on besides a
template's source (:func:`compiler_key`); hubgen/site/render.py makes the environment and fills it.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import jinja2


def bytecode_cache(folder: Path, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates, in a subfolder of ``folder`` named by what compiling depends on
    besides a template's source (:func:`compiler_key`); None if it cannot be made there (templates are compiled).

    Jinja keys a compiled template by its name and a checksum of its source only: the same source compiled under
    other options (``trim_blocks``, ``autoescape``...), other filters or another Jinja gives other code."""
    folder = folder / compiler_key(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


#: The options of Jinja's lexer and code generator (what ``jinja2.lexer.get_lexer`` keys its lexers on, and more).
COMPILER_OPTIONS = (
    *("block_start_string", "block_end_string", "variable_start_string", "variable_end_string"),
    *("comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix"),
    *("trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async"),
)


def compiler_key(env: jinja2.Environment) -> str:
    """A digest of what compiled code depends on besides the source: Jinja's version, the options of the lexer
    and the code generator, the extensions, and the names of the filters and tests (checked as it compiles)."""
    options = [
        jinja2.__version__,
        *(repr(getattr(env, name)) for name in COMPILER_OPTIONS),
        repr(env.autoescape if not callable(env.autoescape) else env.autoescape.__qualname__),
        repr(env.finalize is not None),
        repr(sorted(env.extensions)),
        repr(sorted(env.filters)),
        repr(sorted(env.tests)),
    ]
    return hashlib.sha256("\0".join(options).encode()).hexdigest()[:16]


class TemplateEnvironment(jinja2.Environment):
    """Jinja's environment, its templates reading its globals through a read-only view rather than a ChainMap.

    Jinja gives each template a ``ChainMap`` of its own globals over the environment's, and for every page it
    copies that into the page's context and, for each ``{% import %}``, compares its keys with the page's:
    Python-level look-ups, a sixth of a small page's rendering. Hubgen's templates have no globals of their own,
    so they read the environment's dict; a template given some (``get_template(..., globals=)``) still gets a
    ChainMap, and the view cannot be written through, so no template can change the environment's globals.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        if d:
            return super().make_globals(d)
        return cast(MutableMapping[str, Any], MappingProxyType(self.globals))
