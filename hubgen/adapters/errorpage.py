"""What a preview shows while the content has errors: every page replaced by the messages, file:line and the fix.

``mkdocs serve`` and ``hubgen serve --engine zensical`` both keep serving while a saved file is broken; without
this, the first left the browser waiting for a build that never came and the second kept showing the old page.
The error page asks for its own address again every second and reloads once the answer is no longer an error
page: the page comes back by itself when the file is fixed, whichever server serves it.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

#: In every error page, and in no page of a site: how the page (and a test) knows it is one.
MARKER = "data-hubgen-problems"

_RELOAD = """
(function wait() {
  setTimeout(function () {
    fetch(location.href, {cache: "no-store"})
      .then(function (answer) { return answer.text(); })
      .then(function (text) { if (text.indexOf("data-hubgen-" + "problems") < 0) location.reload(); else wait(); })
      .catch(wait);
  }, 1000);
})();
"""


def page(messages: list[str]) -> str:
    """The error page: the messages as ``hubgen check`` prints them, with what to do."""
    errors = [m for m in messages if ": error: " in m] or messages
    items = "\n".join(f"<li><code>{html.escape(m)}</code></li>" for m in errors)
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Hubgen: {count} in the content</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #a30000; font-size: 1.5rem; }}
li {{ margin: .6rem 0; }}
code {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #fff4f4; padding: .1rem .3rem; }}
</style>
</head>
<body {MARKER}="{len(errors)}">
<main>
<h1>The preview stopped at {count} in the content</h1>
<p>Each message names the file, the line and the column, what is wrong and, where it can, the fix.
Fix the file and save it: this page comes back by itself.</p>
<ol>
{items}
</ol>
</main>
<script>{_RELOAD}</script>
</body>
</html>
"""


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built ``site``, relative to it."""
    return [
        Path(folder, name).relative_to(site)
        for folder, _d, names in os.walk(site)
        for name in names
        if name.endswith(".html")
    ]


def write_over(site: Path, text: str, where: list[Path]) -> int:
    """Write the error page ``text`` at each of ``where`` under ``site`` (an engine that empties the site before
    each build: the pages of the last good build); return how many."""
    data = text.encode("utf-8")
    for rel in where:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    return len(where)


def cover(site: Path, text: str, keep: Path | None = None) -> int:
    """Put the error page ``text`` in place of every HTML page of the built ``site`` (404.html too); return how many.

    With ``keep``, each page is moved there first, for :func:`uncover` (an engine that rebuilds only the pages
    whose sources change needs the others back as they were); without, it is overwritten (the next build makes
    every page anew).
    """
    data = text.encode("utf-8")
    count = 0
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = Path(folder, name)
            if keep is not None:
                target = keep / path.relative_to(site)
                if not _is_error_page(path):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
            path.write_bytes(data)
            count += 1
    return count


def uncover(site: Path, keep: Path) -> None:
    """Put back the pages :func:`cover` kept, where the error page still stands (the engine did not rebuild it)."""
    if not keep.is_dir():
        return
    for folder, _dirs, names in os.walk(keep):
        for name in names:
            kept = Path(folder, name)
            path = site / kept.relative_to(keep)
            if not path.exists() or _is_error_page(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, path)
            else:
                kept.unlink()


def _is_error_page(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return MARKER.encode() in f.read(4096)
    except OSError:
        return False
