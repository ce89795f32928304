"""Project images and people photos: resized for cards, upright, without metadata, the same every build."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from hubgen.content import pictures
from hubgen.hub.load import load_hub
from hubgen.site import images
from tests.helpers import EXAMPLE_HUB, mkdocs_build

PROGRAM = "title: P\ntimezone: America/New_York\nsession_types: {talk: {title: Talk}}\n"
COHORT = "title: C\nstarts: 2026-01-01\nends: 2026-12-31\n"


def picture(path: Path, size: tuple[int, int], mode: str = "RGB", exif: Image.Exif | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new(mode, size, (200, 80, 40, 255) if mode == "RGBA" else (200, 80, 40))
    img.paste((20, 90, 160) if mode == "RGB" else (20, 90, 160, 128), (0, 0, size[0] // 2, size[1] // 3))
    if path.suffix == ".jpg":
        img.save(path, "JPEG", exif=exif or Image.Exif())
    else:
        img.save(path)
    return path


def hub_with(small_hub, project_front: str, person: str = "name: Ada Example\n") -> Path:
    return small_hub(
        {
            "content/people/ada.yml": person,
            "programs/p/program.yml": PROGRAM,
            "programs/p/c/cohort.yml": COHORT,
            "programs/p/c/projects/x.md": f"---\ntitle: X\nteam: [ada]\n{project_front}---\nWhat it does.\n",
        }
    )


def test_a_project_image_gets_640_and_1280_pixel_renditions(small_hub):
    root = hub_with(small_hub, "image: img/x.jpg\nimage_alt: A red square\n")
    picture(root / "content/img/x.jpg", (2000, 1250))
    hub, problems = load_hub(root)
    assert not problems.errors
    pic = images.Pictures(hub).project(hub.projects[0])
    assert pic is not None and pic.alt == "A red square"
    assert [(r.width, r.height) for r in pic.renditions] == [(640, 400), (1280, 800)]
    for r, data in zip(pic.renditions, images.make(pic), strict=True):
        assert r.uri.startswith("assets/hubgen/images/projects/x-")
        made = Image.open(io.BytesIO(data))
        assert made.size == (r.width, r.height) and made.format == "JPEG"


def test_renditions_are_the_same_every_time_and_named_by_content(small_hub):
    root = hub_with(small_hub, "image: img/x.png\nimage_alt: Squares\n")
    picture(root / "content/img/x.png", (900, 600))
    hub, _ = load_hub(root)
    first = dict(images.Pictures(hub).files())
    images._make.cache_clear()
    again = dict(images.Pictures(load_hub(root)[0]).files())
    assert list(first) == list(again) and len(first) == 2
    assert first == again, "the same bytes, made afresh"
    picture(root / "content/img/x.png", (900, 601))
    changed = images.Pictures(load_hub(root)[0]).renditions()
    assert {r.uri for r in changed}.isdisjoint(first), "a changed picture gets new file names"


def test_renditions_are_kept_between_builds_and_only_those_still_used(small_hub, tmp_path, monkeypatch):
    root = hub_with(small_hub, "image: img/x.png\nimage_alt: Squares\n")
    picture(root / "content/img/x.png", (900, 600))
    cache = tmp_path / "cache"
    first = dict(images.Pictures(load_hub(root)[0], cache).files())
    (cache / "old-version").mkdir()  # a cache of another version of the code

    def fail(picture):
        raise AssertionError("made again, not taken from the cache")

    with monkeypatch.context() as patched:
        patched.setattr(images, "make", fail)
        assert dict(images.Pictures(load_hub(root)[0], cache).files()) == first
    assert not (cache / "old-version").exists()
    picture(root / "content/img/x.png", (900, 601))
    changed = dict(images.Pictures(load_hub(root)[0], cache).files())
    kept = {f.name for f in cache.glob("*/*")}
    assert len(kept) == len(changed) == 2 and all(name.split("--")[-1] in str(changed) for name in kept), (
        "only the renditions the last build used"
    )


def test_a_cached_file_that_is_not_the_rendition_is_made_again(small_hub, tmp_path):
    """A person and a project may share a name and a picture; a planted or damaged file is not published."""
    root = hub_with(
        small_hub,
        "image: img/x.jpg\nimage_alt: A red square\n",
        person="name: Ada Example\nvisibility: public\nphoto: img/x.jpg\n",
    )
    (root / "content/people/x.yml").write_text("name: X Example\nvisibility: public\nphoto: img/x.jpg\n")
    picture(root / "content/img/x.jpg", (200, 300))
    cache = tmp_path / "cache"
    first = dict(images.Pictures(load_hub(root)[0], cache).files())
    sizes = {uri: Image.open(io.BytesIO(data)).size for uri, data in first.items()}
    assert any("/projects/x-" in uri and size == (200, 300) for uri, size in sizes.items())
    assert any("/people/x-" in uri and size == (200, 200) for uri, size in sizes.items())
    assert dict(images.Pictures(load_hub(root)[0], cache).files()) == first, "each from its own cached file"
    for cached in cache.glob("*/*"):
        cached.write_bytes(b"not the picture")
    assert dict(images.Pictures(load_hub(root)[0], cache).files()) == first


def test_a_small_picture_is_never_enlarged(small_hub):
    root = hub_with(small_hub, "image: img/x.png\nimage_alt: Small\n")
    picture(root / "content/img/x.png", (500, 300))
    hub, _ = load_hub(root)
    pic = images.Pictures(hub).project(hub.projects[0])
    assert [(r.width, r.height) for r in pic.renditions] == [(500, 300)]


def test_a_picture_with_transparency_stays_a_png(small_hub):
    root = hub_with(small_hub, "image: img/x.png\nimage_alt: Logo\n")
    picture(root / "content/img/x.png", (800, 800), mode="RGBA")
    hub, _ = load_hub(root)
    (uri, data), *_ = images.Pictures(hub).files()
    made = Image.open(io.BytesIO(data))
    assert uri.endswith(".png") and made.format == "PNG" and made.mode == "RGBA"


def test_a_phone_photo_is_turned_upright_and_loses_its_exif(small_hub):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held sideways: rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (42.0, 21.0, 0.0)}  # a GPS position
    root = hub_with(
        small_hub, "image: img/x.jpg\nimage_alt: A street\n", person="name: Ada Example\nphoto: img/ada.jpg\n"
    )
    picture(root / "content/img/x.jpg", (1600, 1000), exif=exif)  # stored landscape, shown portrait
    picture(root / "content/img/ada.jpg", (400, 300), exif=exif)
    hub, _ = load_hub(root)
    pics = images.Pictures(hub)
    card = pics.project(hub.projects[0])
    assert (card.src.width, card.src.height) == (640, 1024)
    for r, (_, data) in zip(pics.renditions(), pics.files(), strict=True):
        made = Image.open(io.BytesIO(data))
        assert made.size == (r.width, r.height)
        assert not made.getexif() and "exif" not in made.info
    photo = pics.person(hub.people["ada"])
    assert [(r.width, r.height) for r in photo.renditions] == [(128, 128), (256, 256)]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.jpg", b"not a picture at all", "not a picture hubgen can read — use a JPEG, PNG, WebP or GIF file"),
        ("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "an SVG drawing cannot be resized for cards"),
    ],
)
def test_a_file_that_is_not_a_usable_picture_is_a_content_problem(small_hub, tmp_path, name, data, message):
    root = hub_with(small_hub, f"image: img/{name}\nimage_alt: Something\n")
    (root / "content/img").mkdir(parents=True)
    (root / "content/img" / name).write_bytes(data)
    _, problems = load_hub(root)
    [problem] = problems.errors
    assert problem.format().startswith("programs/p/c/projects/x.md:4:8: error: image: content/img/")
    assert message in problem.format()
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_a_huge_picture_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    monkeypatch.setattr(pictures, "MAX_PIXELS", 1000)
    path = picture(tmp_path / "big.png", (50, 50))
    assert "make it smaller than" in (pictures.problem_with(path) or "")


# --- in the built example hub -----------------------------------------------------------------------------


def test_cards_show_resized_images_with_their_size_and_alt_text(example_site: Path):
    soup = BeautifulSoup((example_site / "showcase/index.html").read_text(encoding="utf-8"), "html.parser")
    cards = soup.select("#showcase-projects > li")
    imgs = soup.select("#showcase-projects > li img.hg-card__image")
    assert len(imgs) >= 15 and len(imgs) == len(cards)
    for img in imgs:
        assert img["alt"].strip() and img["loading"] == "lazy"
        src = (example_site / "showcase" / img["src"]).resolve()
        with Image.open(src) as made:
            assert made.size == (int(img["width"]), int(img["height"]))
            assert made.width == 640
        widths = [int(part.split()[1].rstrip("w")) for part in img["srcset"].split(",")]
        assert widths == [640, 1280]
        for part in img["srcset"].split(","):
            assert (example_site / "showcase" / part.split()[0]).resolve().is_file()


def test_people_photos_are_published_only_resized_and_only_for_public_people(example_site: Path):
    hub, _ = load_hub(EXAMPLE_HUB)
    with_photo = [p for p in hub.people.values() if p.data.photo]
    assert {p.visibility for p in with_photo} == {"public", "name-only", "hidden"}
    assert not any((example_site / p.data.photo).exists() for p in with_photo), "originals are not copied"
    renditions = (example_site / "assets/hubgen/images/people").iterdir()
    published = {re.sub(r"-\d+\.[0-9a-f]+\.(jpg|png)$", "", f.name) for f in renditions}
    assert published == {p.id for p in with_photo if p.visibility == "public"}
    person = next(p for p in with_photo if p.visibility == "public")
    soup = BeautifulSoup((example_site / person.url / "index.html").read_text(encoding="utf-8"), "html.parser")
    img = soup.select_one(".hg-profile img.hg-avatar")
    assert img["alt"] == "" and img["width"] == img["height"] == "128"


def test_project_images_are_published_only_resized(example_site: Path, hub):
    with_image = [p for p in hub.projects if p.data.image]
    assert len(with_image) >= 15
    assert not any((example_site / p.data.image).exists() for p in with_image), "originals (with EXIF) are not copied"
    renditions = [f.name for f in (example_site / "assets/hubgen/images/projects").iterdir()]
    assert all(any(name.startswith(f"{p.id}-640.") for name in renditions) for p in with_image)


def test_renditions_come_from_the_build_not_from_content():
    assert not list((EXAMPLE_HUB / "content").rglob("*-640.*.jpg"))
    assert not (EXAMPLE_HUB / "content" / "assets").exists()
