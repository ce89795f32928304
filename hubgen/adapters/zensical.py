"""Zensical: the hub exported as a plain docs tree (:mod:`.export`), built and served by ``zensical``.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so ``hubgen build --engine zensical`` first writes
every page and file hubgen makes into an export folder, then runs ``zensical build`` there, then does to
the built HTML what the plugin does in its late hooks (:func:`.export.finish`).

``hubgen serve --engine zensical`` runs ``zensical serve`` on the export folder and a watcher that exports
again whenever a file of the hub is saved: only the files whose bytes changed are written, and Zensical's
differential build re-renders only those pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..hub.workspace import Workspace
from . import common, errorpage
from . import export as exporter


def command(*args: str) -> list[str]:
    """``zensical …`` from the Python that runs hubgen (so the one installed beside it)."""
    return [sys.executable, "-m", "zensical", *args]


def available() -> str | None:
    """Why Zensical cannot run here, or None when it can."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        version("zensical")
    except PackageNotFoundError:
        return "Zensical is not installed — pip install 'hubgen[engines]'"
    return None


def build(workspace: Workspace, out: Path, site_dir: Path | None = None) -> exporter.ExportResult:
    """Export the hub into ``out``, build it there with Zensical, finish the HTML; copy it to ``site_dir``."""
    result = exporter.export(workspace, out)
    exporter.report(result)
    run = subprocess.run(command("build", "-f", str(out / exporter.CONFIG)), cwd=out, check=False)
    if run.returncode != 0:
        raise exporter.ExportError(f"zensical build failed (exit status {run.returncode})")
    built = out / exporter.SITE
    exporter.finish(result, built)
    if site_dir is not None:
        exporter.replace_site(built, site_dir)
    return result


def sources(workspace: Workspace, folders: list[Path]) -> dict[Path, float]:
    """Every file the hub is made of, with its modification time: content, programs, the theme, mkdocs.yml."""
    out = {workspace.config_file: workspace.config_file.stat().st_mtime}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                    out[path] = path.stat().st_mtime
    return out


def watch(workspace: Workspace, out: Path, interval: float = 0.2) -> Iterator[exporter.ExportResult]:
    """Export again each time a file of the hub changes (yielding each export); runs until interrupted."""
    folders = [workspace.root / workspace.content_dir, workspace.root / workspace.programs_dir]
    config = exporter.read_config_with_tags(workspace.config_file)
    theme = config.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        folders.append(workspace.root / str(theme["custom_dir"]))
    seen = sources(workspace, folders)
    kept = common.cache_dir(workspace.root) / "preview-pages"  # the pages an error page stands in for
    shutil.rmtree(kept, ignore_errors=True)  # an earlier preview's: not pages of this one
    while True:
        time.sleep(interval)
        now = sources(workspace, folders)
        if now == seen:
            continue
        changed = [path for path in {*now, *seen} if now.get(path) != seen.get(path)]
        seen = now
        try:
            prepared = exporter.prepare(Workspace(workspace.config_file), serving=True)
            written = time.time()
            touched = exporter.export_touched(prepared, out, changed)  # the saved file's own page first
            _wait_for_pages(out, touched, written)
            errorpage.uncover(out / exporter.SITE, kept)  # fixed: the other pages as they were
            result = exporter.export(prepared, out)
        except exporter.ExportError as exc:
            print(exc, file=sys.stderr, flush=True)
            # Every page shows the messages until the file is fixed, rather than the page before the mistake.
            shown = errorpage.cover(out / exporter.SITE, errorpage.page(str(exc).splitlines()), keep=kept)
            print(f"hubgen: the preview shows the messages in place of its {shown} pages", file=sys.stderr, flush=True)
            continue
        yield result


def _wait_for_pages(out: Path, files: list[str], since: float, timeout: float = 5.0) -> None:
    """Wait (a few seconds at most) until Zensical has rebuilt the pages of the exported ``files``.

    Zensical starts a rebuild once its folder has been quiet for a moment: were the rest of the export
    written at once, the saved file's own page would wait for all of it.
    """
    pages = [
        out / exporter.SITE / common.dir_url(name.removeprefix(f"{exporter.DOCS}/")) / "index.html"
        for name in files
        if name.endswith(".md")
    ]
    deadline = time.time() + timeout
    while pages and time.time() < deadline:
        if all(page.is_file() and page.stat().st_mtime >= since for page in pages):
            return
        time.sleep(0.05)


def serve(workspace: Workspace, out: Path, dev_addr: str) -> int:
    """``zensical serve`` on the export folder, exporting again on every save, until Ctrl-C."""
    result = exporter.export(workspace, out, serving=True)
    exporter.report(result)
    server = subprocess.Popen(command("serve", "-f", str(out / exporter.CONFIG), "-a", dev_addr), cwd=out)
    try:
        for result in watch(workspace, out):
            exporter.report(result)
            stamp = time.strftime("%H:%M:%S")
            print(f"{stamp} hubgen: {len(result.changed)} file(s) of the export changed", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
