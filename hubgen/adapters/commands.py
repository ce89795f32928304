"""``hubgen export``, ``hubgen build --engine …`` and ``hubgen serve --engine …``: the hub under any engine.

``mkdocs`` (the default) and ``properdocs`` run the hubgen plugin as MkDocs 1.6 does; ``zensical`` builds
the hub exported as a plain docs tree (:mod:`.export`, :mod:`.zensical`). ``hubgen serve`` with ``mkdocs`` (``make
serve``) keeps MkDocs' build in this process and re-renders only what a save changed (:mod:`.mkdocs.preview`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..hub.workspace import Workspace
from . import export as exporter
from . import zensical

ENGINES = ("mkdocs", "properdocs", "zensical")
EXPORT_DIR = ".cache/hubgen/export"  # under the hub; Zensical needs its docs and site inside its project


def _workspace(root: str) -> Workspace | None:
    return Workspace.find(root)


def _plugin_engine(engine: str, action: str, args: argparse.Namespace, hub: Workspace) -> int:
    """MkDocs or ProperDocs with the plugin, as a user runs them."""
    flags = ["-f", str(hub.config_file)]
    if action == "build":
        flags += ["--strict", "-d", str(Path(args.site_dir).resolve())] if args.site_dir else ["--strict"]
    else:
        flags += ["-a", args.dev_addr]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, "-m", engine, action, *flags], cwd=hub.root, env=env, check=False).returncode


def _unavailable(engine: str) -> str | None:
    if engine == "zensical":
        return zensical.available()
    try:
        __import__(engine)
    except ImportError:
        return f"{engine} is not installed — pip install 'hubgen[engines]'"
    return None


def _ready(args: argparse.Namespace) -> Workspace | int:
    """The hub to build or serve with ``args.engine``, or the exit status when there is none or no such engine."""
    hub = _workspace(args.root)
    if hub is None:
        return 2
    missing = _unavailable(args.engine)
    if missing:
        print(f"hubgen: {missing}", file=sys.stderr)
        return 2
    return hub


def _build(args: argparse.Namespace) -> int:
    hub = _ready(args)
    if isinstance(hub, int):
        return hub
    if args.engine != "zensical":
        return _plugin_engine(args.engine, "build", args, hub)
    site = Path(args.site_dir).resolve() if args.site_dir else hub.root / "site"
    try:
        zensical.build(hub, hub.root / EXPORT_DIR, site)
    except exporter.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"hubgen: the site is in {site}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    hub = _ready(args)
    if isinstance(hub, int):
        return hub
    if args.engine == "mkdocs":  # in this process: a save re-renders only the pages it changed
        from .mkdocs import serve

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        os.chdir(hub.root)
        return serve.serve(hub.config_file, args.dev_addr)
    if args.engine != "zensical":
        return _plugin_engine(args.engine, "serve", args, hub)
    try:
        return zensical.serve(hub, hub.root / EXPORT_DIR, args.dev_addr)
    except exporter.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1


def _export(args: argparse.Namespace) -> int:
    hub = _workspace(args.root)
    if hub is None:
        return 2
    try:
        result = exporter.export(hub, Path(args.out).resolve(), serving=args.drafts)
    except exporter.ExportError as exc:
        print(exc, file=sys.stderr)
        return 1
    exporter.report(result)
    print(f"hubgen: wrote {args.out}/{exporter.CONFIG} and {args.out}/{exporter.DOCS}/ ({len(result.changed)} changed)")
    return 0


def add_parser(sub: Any) -> None:
    """Register ``export``, ``build`` and ``serve`` on the ``hubgen`` command."""
    build = sub.add_parser("build", help="build the site with an engine: mkdocs (default), properdocs or zensical")
    build.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs")
    build.add_argument("--site-dir", help="where the site goes (default: site/ beside mkdocs.yml)")
    build.set_defaults(run=_build)

    serve = sub.add_parser(
        "serve", help="preview the site with an engine; under mkdocs (the default) a save re-renders what it changed"
    )
    serve.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    serve.add_argument("--engine", choices=ENGINES, default="mkdocs")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    serve.set_defaults(run=_serve)

    export = sub.add_parser(
        "export", help="write the hub as a plain docs tree and mkdocs.yml, for an engine without hubgen's plugin"
    )
    export.add_argument("out", help="the folder to write (DIR/mkdocs.yml, DIR/docs/, DIR/overrides/)")
    export.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    export.add_argument("--drafts", action="store_true", help="include drafts, as a preview does")
    export.set_defaults(run=_export)
