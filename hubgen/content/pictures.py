"""Pictures in the content: whether a project image or a person's photo can be used, checked with Pillow.

The check runs with the rest of the content (``hubgen check`` and the build alike); the renditions the
site publishes are made in :mod:`hubgen.site.images`.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

#: Beyond this a picture is refused rather than decoded (a 40-megapixel photo is ~160 MB in memory).
MAX_PIXELS = 40_000_000
READABLE = "JPEG, PNG, WebP or GIF"


def problem_with(path: Path) -> str | None:
    """Why ``path`` cannot be used as a picture, or None when it can."""
    if path.suffix.lower() == ".svg":
        return f"an SVG drawing cannot be resized for cards — export it as PNG or JPEG ({READABLE} work)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    return (
                        f"the picture is {width}×{height} pixels — make it smaller than "
                        f"{MAX_PIXELS // 1_000_000} megapixels (2000 pixels wide is plenty)"
                    )
                im.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"the picture is too large to read — make it smaller than {MAX_PIXELS // 1_000_000} megapixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"not a picture hubgen can read — use a {READABLE} file"
    return None
