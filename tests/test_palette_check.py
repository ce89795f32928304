"""The colours a hub writes in mkdocs.yml, checked by `hubgen check` (hubgen/content/palette.py).

Every colour Material names passes (tests/browser/test_palettes.py measures them in Chromium); what the check
names is a colour Material does not have (shown as its default, without a word) and a custom primary whose header
text is below 4.5:1, at the stylesheet's line, with the same hue darkened until it passes.
"""

from __future__ import annotations

import pytest

from hubgen.cli import main
from hubgen.content.palette import ACCENTS, PRIMARIES, contrast, darker_until
from tests.helpers import MINIMAL_MKDOCS


def _config(palette: str, extra: str = "") -> str:
    text = MINIMAL_MKDOCS.replace("  name: material\n", "  name: material\n" + palette, 1)
    assert text != MINIMAL_MKDOCS
    return text + extra


def test_materials_colours_pass_and_a_misspelt_one_is_named(small_hub, capsys: pytest.CaptureFixture[str]) -> None:
    good = "  palette:\n" + "".join(
        f"    - scheme: default\n      primary: {p}\n      accent: {ACCENTS[i % 16]}\n" for i, p in enumerate(PRIMARIES)
    )
    root = small_hub({"mkdocs.yml": _config(good)})
    assert main(["check", "--strict", str(root)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    bad = "  palette:\n    scheme: slate\n    primary: blue-gray\n    accent: brown\n"
    root = small_hub({"mkdocs.yml": _config(bad)})
    assert main(["check", str(root)]) == 0  # a warning: the site still builds, in Material's default colours
    out = capsys.readouterr().out.splitlines()
    line = _config(bad).splitlines().index("    primary: blue-gray") + 1
    assert out[0].startswith(
        f"mkdocs.yml:{line}:14: warning: theme.palette.primary: 'blue-gray' is not one of Material's primary "
        "colours, so Material would show its default — did you mean 'blue grey'? — write one of: red, pink,"
    )
    assert out[1].startswith(f"mkdocs.yml:{line + 1}:13: warning: theme.palette.accent: 'brown' is not one of")
    assert main(["check", "--strict", str(root)]) == 1


def test_a_custom_primary_too_light_for_its_header_text_is_named_with_a_colour_that_passes(
    small_hub, capsys: pytest.CaptureFixture[str]
) -> None:
    css = "/* ours */\n:root {\n  --md-primary-fg-color: #4fb3bf;\n  --md-primary-fg-color--dark: #00838f;\n}\n"
    root = small_hub(
        {
            "mkdocs.yml": _config("  palette:\n    primary: custom\n", "extra_css:\n  - css/ours.css\n"),
            "content/css/ours.css": css,
        }
    )
    assert main(["check", str(root)]) == 0
    fixed = darker_until("#4fb3bf", "#ffffff")
    assert contrast(fixed, "#ffffff") >= 4.5 > contrast(darker_until("#4fb3bf", "#ffffff", 4.4), "#ffffff") - 0.2
    assert capsys.readouterr().out.splitlines() == [
        f"content/css/ours.css:3:26: warning: --md-primary-fg-color: the header's text (#ffffff) on #4fb3bf is "
        f"{contrast('#4fb3bf', '#ffffff'):.2f}:1, below the 4.5:1 readers need — use {fixed} (the same hue, "
        f"darker: {contrast(fixed, '#ffffff'):.2f}:1)"
    ]
    (root / "content/css/ours.css").write_text(css.replace("#4fb3bf", fixed), encoding="utf-8")
    assert main(["check", "--strict", str(root)]) == 0


def test_contrast_is_wcags() -> None:
    assert round(contrast("#ffffff", "#000000"), 2) == 21
    # As axe-core measured them in Chromium (bench/palettes.py): Material's red and pink under white header text.
    assert abs(contrast("#ffffff", "#ef5552") - 3.44) < 0.015 and abs(contrast("#e92063", "#ffffff") - 4.32) < 0.015
    assert contrast("#777777", "#ffffff") == contrast("#ffffff", "#777777")
