"""How long resizing pictures adds to a build: the example hub's, then phone-sized photos.

    .venv/bin/python bench/images.py [--photos 40]

Prints the time to plan the renditions (reading each picture's header) and to make them, cold
(the first build) and warm (``mkdocs serve`` rebuilding with nothing changed).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hubgen.hub.load import load_hub
from hubgen.site import images


def measure(root: Path, label: str) -> None:
    hub, problems = load_hub(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    images._make.cache_clear()
    start = time.perf_counter()
    pictures = images.Pictures(hub)
    planned = time.perf_counter()
    made = list(pictures.files())
    cold = time.perf_counter()
    list(images.Pictures(hub).files())
    warm = time.perf_counter()
    size = sum(len(data) for _, data in made)
    print(
        f"{label}: {len(made)} renditions, {size / 1e6:.1f} MB — plan {planned - start:.2f} s, "
        f"make {cold - planned:.2f} s cold, {warm - cold:.3f} s warm"
    )


def phone_hub(root: Path, photos: int) -> Path:
    """A hub with ``photos`` projects, each with a 4032×3024 JPEG (a phone camera's size)."""
    rng = random.Random(1)
    (root / "content").mkdir(parents=True)
    (root / "content/index.md").write_text("# Hub\n")
    prog = root / "programs/p"
    (prog / "c/projects").mkdir(parents=True)
    (prog / "program.yml").write_text("title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n")
    (prog / "c/cohort.yml").write_text("title: C\nstarts: 2026-01-01\nends: 2026-12-31\n")
    (root / "content/img").mkdir()
    base = Image.new("RGB", (4032, 3024), (90, 140, 170))
    draw = ImageDraw.Draw(base)
    for _ in range(300):
        x, y = rng.randrange(4032), rng.randrange(3024)
        draw.ellipse([x, y, x + 300, y + 300], fill=tuple(rng.randrange(256) for _ in range(3)))
    for i in range(photos):
        base.rotate(i * 7).save(root / f"content/img/p{i}.jpg", "JPEG", quality=90)
        (prog / f"c/projects/p{i}.md").write_text(
            f"---\ntitle: Project {i}\nimage: img/p{i}.jpg\nimage_alt: Circles\n---\nText.\n"
        )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=40)
    args = parser.parse_args()
    measure(Path(__file__).resolve().parent.parent, "example hub")
    folder = Path(tempfile.mkdtemp())
    try:
        measure(phone_hub(folder / "hub", args.photos), f"{args.photos} phone photos (4032×3024 JPEG)")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
