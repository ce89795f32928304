"""The colours a hub picks for Material (``theme.palette`` in mkdocs.yml), checked with the rest of mkdocs.yml.

Every ``primary`` and ``accent`` Material offers passes Hubgen's contrast checks, light and dark
(tests/browser/test_palettes.py runs axe-core over each), so a named colour needs no check beyond its spelling:
Material shows a name it does not know as its default indigo without a word. What the check cannot vouch for
is ``custom``: the hub's own stylesheet sets the colours (``--md-primary-fg-color`` and the others), and the
header's text must stand out from its primary colour; the check measures that contrast (WCAG 2.x) and names
the stylesheet's line with a colour that passes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .problems import Problems, did_you_mean
from .yamlsource import Located

#: Material for MkDocs' primary colours, as mkdocs.yml writes them (docs: "Changing the colors").
PRIMARIES = (
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green", "light green",
    "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey", "black", "white",
)  # fmt: skip
#: Its accent colours: the first 16 primaries.
ACCENTS = PRIMARIES[:16]

#: What WCAG 2.x asks of text (AA): 4.5:1 against its background.
TEXT_CONTRAST = 4.5


def attribute(name: str) -> str:
    """A colour's name as Material writes it in ``data-md-color-primary`` ("blue grey" → "blue-grey"): what the
    palette checks of tests/browser/test_palettes.py and bench/palettes.py set on a page for each colour."""
    return name.replace(" ", "-")


_HEX = r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b"
_VARIABLE = re.compile(rf"(--md-primary-(?:fg|bg)-color)\s*:\s*({_HEX})")


def check_palette(config: Located, docs: Path, problems: Problems) -> None:
    """Each ``primary``/``accent`` of ``theme.palette`` is one of Material's; with ``custom``, the hub's stylesheets
    give the header's text enough contrast on the primary colour."""
    theme = config.data.get("theme") if isinstance(config.data.get("theme"), dict) else {}
    palette: Any = theme.get("palette")
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    custom = False
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        at = ("theme", "palette", i) if isinstance(palette, list) else ("theme", "palette")
        for field, names in (("primary", PRIMARIES), ("accent", ACCENTS)):
            value = entry.get(field)
            if value is None:
                continue
            name = str(value).strip().lower().replace("-", " ")
            if name == "custom":
                custom = custom or field == "primary"
                continue
            if name in names:
                continue
            line, col = config.position((*at, field))
            problems.add(
                config.file,
                line,
                col,
                f"'{value}' is not one of Material's {field} colours, so Material would show its default"
                f"{did_you_mean(name, names)} — write one of: {', '.join(names)} (or custom, with the colours in "
                "your stylesheet)",
                f"theme.palette.{field}",
                "warning",
            )
    if custom:
        _check_custom_primary(config, docs, problems)


def _check_custom_primary(config: Located, docs: Path, problems: Problems) -> None:
    """``primary: custom``: the last ``--md-primary-fg-color`` and ``--md-primary-bg-color`` the hub's stylesheets
    set (the header's colour and its text's) give text at least 4.5:1."""
    found: dict[str, tuple[str, str, int, int]] = {}
    for sheet in config.data.get("extra_css") or []:
        name = str(sheet.get("path", "") if isinstance(sheet, dict) else sheet)
        path = docs / name
        if not name or "://" in name or not path.is_file():
            continue
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for match in _VARIABLE.finditer(text):
                where = f"{docs.name}/{name}"
                found[match.group(1)] = (match.group(2), where, number, match.start(2) + 1)
    header = found.get("--md-primary-fg-color")
    if header is None:
        return
    text_colour = found.get("--md-primary-bg-color", ("#ffffff", "", 0, 0))[0]
    ratio = contrast(header[0], text_colour)
    if ratio >= TEXT_CONTRAST:
        return
    better = darker_until(header[0], text_colour) if luminance(text_colour) > luminance(header[0]) else None
    fix = (
        f"use {better} (the same hue, darker: {contrast(better, text_colour):.2f}:1)"
        if better
        else "choose a colour further from the text's"
    )
    problems.add(
        header[1],
        header[2],
        header[3],
        f"the header's text ({text_colour}) on {header[0]} is {ratio:.2f}:1, below the 4.5:1 readers need — {fix}",
        "--md-primary-fg-color",
        "warning",
    )


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2.x contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darker_until(colour: str, text: str, ratio: float = TEXT_CONTRAST) -> str:
    """``colour`` darkened in steps of 2% towards black until ``text`` on it reaches ``ratio``."""
    red, green, blue = _rgb(colour)
    for step in range(51):
        keep = 1 - step * 0.02
        shade = "#" + "".join(f"{round(c * keep * 255):02x}" for c in (red, green, blue))
        if contrast(shade, text) >= ratio:
            return shade
    return "#000000"
