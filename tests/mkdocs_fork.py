"""``python -m mkdocs build`` with MkDocs, Material and hubgen's plugin imported once: a process that forks a child
for each build (tests/helpers.py's ``mkdocs_build`` starts one per pytest worker and sends it the builds).

A build of a small hub took two seconds, one of them spent importing; the suite makes a hundred. The child is a
new process, as a user's build is: it starts from the modules imported and nothing else (no build has run in the
parent), with the build's own working folder, environment, standard streams and command line, and runs MkDocs'
command line as ``python -m mkdocs`` does.

Its first argument is a folder for Jinja's cache of compiled templates (see below). The protocol, one JSON line
each way: ``{"args", "cwd", "env", "stdout", "stderr", "timeout"}`` in (the streams are files the child writes),
``{"returncode"}`` out.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import signal
import sys
import time
import traceback
from typing import Any

import jinja2

#: Jinja's own cache of compiled templates, in a folder of this process's (its first argument), for every Jinja
#: environment a build makes (MkDocs' theme, hubgen's templates): compiling Material's templates was half of a small
#: hub's build. Jinja keys it by the template's name and the checksum of its source, so a hub's own override of a
#: template is compiled anew, and a template that does not compile fails as before.
_BYTECODE = jinja2.FileSystemBytecodeCache(sys.argv[1]) if len(sys.argv) > 1 else None
_environment = jinja2.Environment.__init__


def _with_bytecode_cache(self: jinja2.Environment, *args: Any, **options: Any) -> None:
    options.setdefault("bytecode_cache", _BYTECODE)
    _environment(self, *args, **options)


jinja2.Environment.__init__ = _with_bytecode_cache  # type: ignore[method-assign]

import mkdocs.__main__  # noqa: E402  (after the cache: MkDocs' imports may make an environment)

#: What every build of a hub imports (python -X importtime -m mkdocs build): MkDocs' command line and build, Material
#: and its search plugin, hubgen's plugin and the libraries its build loads on first use.
PRELOAD = (
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "material.plugins.search.plugin",
    "material.templates",
    "hubgen.adapters.mkdocs.plugin",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.codehilite",
    "markdown.extensions.fenced_code",
    "markdown.extensions.md_in_html",
    "markdown.extensions.tables",
    "markdown.extensions.toc",
    "pygments.formatters",
    "pygments.lexers",
    "PIL.Image",
)
for _name in PRELOAD:
    importlib.import_module(_name)
importlib.import_module("PIL.Image").init()  # Pillow's file formats, loaded on the first picture otherwise


def child(request: dict) -> None:
    """Become the build: its folder, environment and streams, then MkDocs' command line; never returns."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
    signal.alarm(request["timeout"])  # as subprocess.run(timeout=...): a build that hangs is killed
    sys.argv = ["mkdocs", *request["args"]]
    sys.path[0] = request["cwd"]  # as ``python -m`` puts its working folder first (this process's is the repository)
    code = 1
    try:
        mkdocs.__main__.cli.main(args=request["args"], prog_name="python -m mkdocs")
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    main()
