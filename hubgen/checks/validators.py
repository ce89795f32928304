"""The validators the hub's checks run over a built site: the Nu HTML Checker (Java, from npm's vnu-jar) over every
page, and linkchecker over every internal link and #anchor, served on 127.0.0.1.

What they report from Material for MkDocs' own markup, which neither Hubgen nor a hub can change, is listed here with
the reason; everything else is a failure, to be fixed where the page comes from.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .site import QuietHandler, npm_client, serve_directory, validator_unavailable

#: Nu HTML Checker errors in Material for MkDocs' own templates: (message pattern, fragment of the reported
#: markup) -> why it is not hubgen's to fix. An error is let through only when both match.
MATERIAL_HTML: dict[tuple[str, str], str] = {
    (r"Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"'): (
        "Material's drawer and search toggles are checkboxes with autocomplete=off, to stop Firefox restoring"
        " their state on Back (base.html)."
    ),
    (r"Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'): (
        'Material\'s nav-item.html writes tabindex="" on the label of a section with an index page'
        " (navigation.indexes) that it renders as a section."
    ),
    (r"The value of the “for” attribute of the “label” element must be the ID", 'for="__toc"'): (
        "Material's toc.html labels the table of contents for the #__toc toggle, which nav-item.html writes only"
        " for a page in the navigation; hubgen's generated pages (sessions, readings, people…) are not in it."
    ),
}


def is_material(error: dict[str, str], pattern: str, fragment: str) -> bool:
    return bool(re.search(pattern, error.get("message", ""))) and fragment in error.get("extract", "")


def nu_check(target: Path) -> list[dict[str, str]]:
    """Every error the Nu HTML Checker reports for the HTML files under ``target`` (one JVM run)."""
    java = shutil.which("java")
    if java is None:
        validator_unavailable("the Nu HTML Checker needs Java", "Install it with `apt-get install default-jre`.")
    vnu = npm_client("vnu-jar/build/dist/vnu.jar")
    result = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def describe(error: dict[str, str], root: Path) -> str:
    where = error.get("url", "").removeprefix("file:").removeprefix(str(root))
    return f"{where}:{error.get('lastLine', '?')}: {error.get('message')}\n    {error.get('extract', '').strip()}"


class LinkCheckerHandler(QuietHandler):
    """Answers with the ``LinkChecker`` header: linkchecker then lifts its limit of ten requests a second."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local")
        super().end_headers()


LINKCHECKER_CONFIG = """\
[checking]
threads=4
# Honoured for hosts that answer with the LinkChecker header (LinkCheckerHandler): this one.
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


#: linkchecker's command line, parsing each distinct page once however many #anchor URLs point into it.
LINKCHECKER = Path(__file__).with_name("linkchecker_run.py")


def linkcheck(site: Path, config_dir: Path) -> subprocess.CompletedProcess[str]:
    """linkchecker over ``site`` served on 127.0.0.1: internal links and their #anchors; warnings count as errors."""
    config = config_dir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    with serve_directory(site, LinkCheckerHandler) as url:
        # As root linkchecker drops to user nobody after reading its configuration: it only talks HTTP to the
        # server (this process), so the files need not be readable by nobody.
        return subprocess.run(
            [sys.executable, str(LINKCHECKER), "--config", str(config), "--no-status", url],
            capture_output=True,
            text=True,
            timeout=600,
        )


def linkchecker_available() -> None:
    """Skip (or fail on CI) when linkchecker is not installed."""
    if importlib.util.find_spec("linkcheck") is None:
        validator_unavailable("linkchecker is not installed", "Install it with `pip install 'hubgen[checks]'`.")
