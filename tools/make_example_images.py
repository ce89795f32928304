"""Draw the example hub's pictures: one illustration per project, a few illustrated portraits.

The example hub is invented, so are its pictures: flat illustrations drawn with Pillow,
each a simple scene or diagram of what the project does, in a palette of its own. Run it
from the repository root to redraw them (the output is the same every time):

    .venv/bin/python tools/make_example_images.py

It writes content/images/projects/<project>.jpg and content/images/people/<person>.jpg.
The alt text describing each picture is in the project's front matter (image_alt).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
W, H = 1600, 1000
S = 2  # drawn at twice the size, then reduced: smooth edges

Color = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


def hexc(text: str) -> Color:
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def gradient(img: Image.Image, top: Color, bottom: Color) -> None:
    d = ImageDraw.Draw(img)
    for y in range(img.height):
        d.line([(0, y), (img.width, y)], fill=mix(top, bottom, y / img.height))


def box(x: float, y: float, w: float, h: float) -> list[float]:
    return [x * S, y * S, (x + w) * S, (y + h) * S]


def circle(d: Draw, x: float, y: float, r: float, fill: Color, outline: Color | None = None, width: int = 0) -> None:
    d.ellipse([(x - r) * S, (y - r) * S, (x + r) * S, (y + r) * S], fill=fill, outline=outline, width=width * S)


def rrect(
    d: Draw, x: float, y: float, w: float, h: float, r: float, fill: Color, outline: Color | None = None, width: int = 0
) -> None:
    d.rounded_rectangle(box(x, y, w, h), radius=r * S, fill=fill, outline=outline, width=width * S)


def poly(d: Draw, points: list[tuple[float, float]], fill: Color) -> None:
    d.polygon([(x * S, y * S) for x, y in points], fill=fill)


def line(d: Draw, points: list[tuple[float, float]], fill: Color, width: int) -> None:
    d.line([(x * S, y * S) for x, y in points], fill=fill, width=width * S, joint="curve")


def person(d: Draw, x: float, y: float, size: float, color: Color) -> None:
    """A standing figure, feet at (x, y)."""
    head = size * 0.16
    circle(d, x, y - size + head, head, color)
    rrect(d, x - size * 0.2, y - size + head * 2.3, size * 0.4, size * 0.55, size * 0.12, color)
    rrect(d, x - size * 0.17, y - size * 0.35, size * 0.14, size * 0.35, size * 0.05, color)
    rrect(d, x + size * 0.03, y - size * 0.35, size * 0.14, size * 0.35, size * 0.05, color)


def bubble(
    d: Draw, x: float, y: float, w: float, h: float, color: Color, ink: Color, tail: str = "left", lines: int = 3
) -> None:
    rrect(d, x, y, w, h, 40, color)
    tx = x + 60 if tail == "left" else x + w - 60
    poly(d, [(tx - 25, y + h - 5), (tx + 25, y + h - 5), (tx - 40 if tail == "left" else tx + 40, y + h + 55)], color)
    for i in range(lines):
        lw = w - 100 - (i % 2) * 90
        rrect(d, x + 50, y + 45 + i * (h - 90) / max(lines - 1, 1) - 10, lw, 20, 10, ink)


def house(d: Draw, x: float, y: float, w: float, h: float, wall: Color, roof: Color, window: Color) -> None:
    rrect(d, x, y - h, w, h, 6, wall)
    poly(d, [(x - 20, y - h), (x + w / 2, y - h - w * 0.45), (x + w + 20, y - h)], roof)
    for i in range(2):
        rrect(d, x + w * (0.15 + 0.45 * i), y - h * 0.8, w * 0.25, h * 0.25, 4, window)
    rrect(d, x + w * 0.4, y - h * 0.42, w * 0.2, h * 0.42, 4, roof)


def cross(d: Draw, x: float, y: float, s: float, color: Color) -> None:
    rrect(d, x - s / 2, y - s / 6, s, s / 3, s / 12, color)
    rrect(d, x - s / 6, y - s / 2, s / 3, s, s / 12, color)


def canvas(top: str, bottom: str | None = None) -> tuple[Image.Image, Draw]:
    img = Image.new("RGB", (W * S, H * S), hexc(top))
    if bottom:
        gradient(img, hexc(top), hexc(bottom))
    return img, ImageDraw.Draw(img)


# --- one scene per project ---------------------------------------------------------------------------------


def heat(rng: random.Random) -> Image.Image:
    img, d = canvas("#ffd27a", "#f08a4b")
    circle(d, 1150, 300, 190, hexc("#fff3c4"))
    circle(d, 1150, 300, 150, hexc("#ffe08a"))
    for k in range(4):
        pts = [(x, 470 + k * 55 + 18 * math.sin(x / 60 + k)) for x in range(100, 1500, 20)]
        line(d, pts, hexc("#fbe3b0"), 6)
    skyline = hexc("#7a3b2e")
    for i, (w, h) in enumerate([(220, 260), (160, 340), (260, 220), (180, 300), (240, 250), (200, 320), (220, 280)]):
        rrect(d, 40 + i * 225, 1000 - h, w, h, 4, skyline)
    for i in range(6):
        person(d, 180 + i * 230, 1000, 240, hexc("#3b1d17"))
        rrect(d, 180 + i * 230 - 45, 1000 - 242, 90, 20, 10, hexc("#f2c14e"))  # hard hats
    return img


def kids_covered(rng: random.Random) -> Image.Image:
    img, d = canvas("#cfe7f5", "#8fc1e3")
    for _ in range(70):
        x, y = rng.uniform(0, W), rng.uniform(0, 500)
        line(d, [(x, y), (x - 12, y + 40)], hexc("#5f97c4"), 4)
    d.pieslice(box(400, 230, 800, 520), 180, 360, fill=hexc("#e4572e"))
    for i in range(5):
        d.pieslice(box(400 + i * 160, 440, 160, 100), 0, 180, fill=hexc("#8fc1e3"))
    line(d, [(800, 490), (800, 880), (760, 910)], hexc("#6b2c1a"), 14)
    for x, s, c in ((600, 300, "#2e4057"), (760, 210, "#f6ae2d"), (900, 260, "#33a1a1"), (1030, 180, "#86bbd8")):
        person(d, x, 930, s, hexc(c))
    rrect(d, 0, 930, W, 70, 0, hexc("#4f7cac"))
    return img


def speech(rng: random.Random, palette: list[str], bg: str) -> Image.Image:
    img, d = canvas(bg)
    spots = [
        (150, 140, 560, 260, "left"),
        (820, 240, 600, 240, "right"),
        (260, 560, 520, 230, "left"),
        (900, 620, 520, 220, "right"),
    ]
    for (x, y, w, h, tail), color in zip(spots, palette, strict=False):
        bubble(d, x, y, w, h, hexc(color), mix(hexc(color), (255, 255, 255), 0.55), tail)
    return img


def pharmacy_map(rng: random.Random) -> Image.Image:
    img, d = canvas("#eef0e6")
    for bx in range(0, W, 200):
        for by in range(0, H, 170):
            shade = mix(hexc("#cfd8c4"), hexc("#b8c4ad"), rng.random())
            rrect(d, bx + 20, by + 20, 160, 130, 14, shade)
    line(d, [(0, 600), (700, 500), (W, 420)], hexc("#ffffff"), 34)
    line(d, [(980, 0), (930, H)], hexc("#ffffff"), 30)
    for r, a in ((420, 0.25), (300, 0.45), (180, 0.7)):
        circle(d, 930, 470, r, None, mix(hexc("#eef0e6"), hexc("#2a9d8f"), a), 6)  # type: ignore[arg-type]
    circle(d, 930, 470, 90, hexc("#2a9d8f"))
    cross(d, 930, 470, 100, hexc("#ffffff"))
    for x, y in ((300, 250), (1350, 760), (450, 820)):
        circle(d, x, y, 34, hexc("#b0b7a6"))
        line(d, [(x - 16, y - 16), (x + 16, y + 16)], hexc("#6c7363"), 8)
        line(d, [(x + 16, y - 16), (x - 16, y + 16)], hexc("#6c7363"), 8)
    return img


def utility(rng: random.Random) -> Image.Image:
    img, d = canvas("#1d2b53", "#3b4a7a")
    for _ in range(60):
        circle(d, rng.uniform(0, W), rng.uniform(0, 420), rng.uniform(1.5, 3.5), hexc("#e8ecff"))
    line(d, [(0, 380), (400, 430), (800, 390), (1200, 440), (W, 400)], hexc("#9aa5c7"), 5)
    for x in (400, 800, 1200):
        rrect(d, x - 10, 380, 20, 460, 4, hexc("#5c4b3b"))
    colors = ["#f4d35e", "#ee964b", "#f95738", "#faf0ca", "#0d3b66"]
    for i in range(6):
        lit = i != 3
        house(
            d,
            60 + i * 255,
            900,
            200,
            230,
            hexc("#cdd3e8") if lit else hexc("#6b7391"),
            hexc(colors[i % 4]),
            hexc("#ffe38a") if lit else hexc("#2b3356"),
        )
    rrect(d, 0, 900, W, 100, 0, hexc("#27304f"))
    return img


def doula(rng: random.Random) -> Image.Image:
    img, d = canvas("#f7e1d7")
    for r, c in ((430, "#edafb8"), (330, "#dedbd2"), (230, "#b0c4b1"), (130, "#4a5759")):
        circle(d, 800, 500, r, hexc(c))
    circle(d, 800, 470, 60, hexc("#f7e1d7"))
    for a in range(0, 360, 30):
        x, y = 800 + 520 * math.cos(math.radians(a)), 500 + 520 * math.sin(math.radians(a))
        circle(d, x, y, 26, hexc("#c98b8b"))
    return img


def waiting_room(rng: random.Random) -> Image.Image:
    img, d = canvas("#e8f1f2", "#d2e3e6")
    rrect(d, 0, 760, W, 240, 0, hexc("#b9cfd4"))
    for row in range(2):
        for i in range(6):
            x, y = 120 + i * 170 + row * 60, 560 + row * 170
            rrect(d, x, y, 120, 110, 16, hexc("#247ba0"))
            rrect(d, x, y - 110, 120, 110, 16, hexc("#70c1b3"))
    rrect(d, 1200, 380, 300, 420, 20, hexc("#ffffff"))
    for i in range(6):
        rrect(d, 1240, 430 + i * 60, 36, 36, 6, hexc("#247ba0") if i % 2 else hexc("#f25f5c"))
        rrect(d, 1300, 440 + i * 60, 160 - (i % 3) * 30, 16, 8, hexc("#b9cfd4"))
    return img


def three_way(rng: random.Random) -> Image.Image:
    img, d = canvas("#f1ece4")
    for x, c in ((420, "#3d5a80"), (800, "#ee6c4d"), (1180, "#3d5a80")):
        person(d, x, 930, 330, hexc(c))
    bubble(d, 170, 130, 480, 230, hexc("#98c1d9"), hexc("#e0fbfc"), "right")
    bubble(d, 950, 130, 480, 230, hexc("#98c1d9"), hexc("#e0fbfc"), "left")
    bubble(d, 600, 400, 400, 160, hexc("#ee6c4d"), hexc("#fbd1c5"), "left", lines=2)
    return img


def bridge(rng: random.Random) -> Image.Image:
    img, d = canvas("#dbe9ee", "#c0d6df")
    rrect(d, 0, 700, W, 300, 0, hexc("#4f6d7a"))
    for k in range(5):
        line(d, [(x, 760 + k * 45 + 8 * math.sin(x / 50 + k)) for x in range(0, W, 20)], hexc("#6b8a96"), 4)
    d.arc(box(250, 350, 1100, 700), 180, 360, fill=hexc("#dd6e42"), width=28 * S)
    rrect(d, 200, 690, 1200, 30, 6, hexc("#4a3f35"))
    for x in range(320, 1300, 80):
        top = 700 - math.sqrt(max(0.0, 550**2 - (x - 800) ** 2)) * (350 / 550)
        line(d, [(x, top), (x, 690)], hexc("#dd6e42"), 6)
    for x in (40, 1400):
        rrect(d, x, 420, 160, 290, 10, hexc("#ffffff"))
        cross(d, x + 80, 500, 70, hexc("#dd6e42"))
    return img


def heat_map(rng: random.Random) -> Image.Image:
    img, d = canvas("#f4f1de")
    cool, hot = hexc("#a8dadc"), hexc("#e63946")
    for gx in range(8):
        for gy in range(5):
            heat_value = min(1.0, max(0.0, 0.9 - math.hypot(gx - 5.5, gy - 1.5) / 6 + rng.uniform(-0.1, 0.1)))
            rrect(d, 40 + gx * 192, 40 + gy * 186, 176, 170, 18, mix(cool, hot, heat_value))
    route = [(136, 880), (520, 700), (700, 520), (1100, 330), (1330, 230)]
    line(d, route, hexc("#1d3557"), 12)
    for x, y in route:
        house(d, x - 40, y + 40, 80, 60, hexc("#ffffff"), hexc("#1d3557"), hexc("#a8dadc"))
    return img


def sealant_van(rng: random.Random) -> Image.Image:
    img, d = canvas("#d9f0ff", "#a3d5ff")
    rrect(d, 0, 800, W, 200, 0, hexc("#5c677d"))
    for x in range(40, W, 220):
        rrect(d, x, 890, 120, 16, 8, hexc("#f8f9fa"))
    rrect(d, 1050, 360, 440, 440, 10, hexc("#e9c46a"))
    poly(d, [(1030, 360), (1270, 220), (1510, 360)], hexc("#e76f51"))
    rrect(d, 1230, 650, 80, 150, 6, hexc("#264653"))
    line(d, [(1270, 220), (1270, 120)], hexc("#264653"), 6)
    poly(d, [(1270, 120), (1350, 145), (1270, 170)], hexc("#e76f51"))
    rrect(d, 150, 520, 620, 300, 40, hexc("#ffffff"))
    rrect(d, 770, 600, 180, 220, 30, hexc("#ffffff"))
    rrect(d, 800, 625, 120, 80, 12, hexc("#a3d5ff"))
    for x in (300, 800):
        circle(d, x, 830, 65, hexc("#2b2d42"))
        circle(d, x, 830, 28, hexc("#adb5bd"))
    # a tooth on the van's side
    d.rounded_rectangle(box(380, 580, 160, 130), radius=55 * S, fill=hexc("#2a9d8f"))
    poly(d, [(395, 680), (440, 780), (460, 690), (480, 780), (525, 680)], hexc("#2a9d8f"))
    return img


def round_table(rng: random.Random) -> Image.Image:
    img, d = canvas("#edf2f4")
    circle(d, 800, 500, 300, hexc("#8d99ae"))
    circle(d, 800, 500, 250, hexc("#d9dde3"))
    colors = ["#2b2d42", "#ef233c"]
    for i in range(10):
        a = math.radians(i * 36 + 18)
        circle(d, 800 + 390 * math.cos(a), 500 + 390 * math.sin(a), 58, hexc(colors[i % 2]))
    for i in range(4):
        rrect(d, 700 - 40 + (i % 2) * 120, 400 + (i // 2) * 120, 100, 70, 8, hexc("#ffffff"))
    return img


def memory(rng: random.Random) -> Image.Image:
    img, d = canvas("#f2e9e4")
    palette = ["#22223b", "#4a4e69", "#9a8c98", "#c9ada7"]
    for k, c in enumerate(palette):
        pts = [(x, 500 + (k - 1.5) * 110 + 90 * math.sin(x / 170 + k)) for x in range(0, W + 20, 20)]
        line(d, pts, hexc(c), 22 - k * 4)
    bubble(d, 160, 120, 420, 200, hexc("#4a4e69"), hexc("#c9ada7"), "left", lines=2)
    bubble(d, 1000, 640, 440, 200, hexc("#9a8c98"), hexc("#f2e9e4"), "right", lines=2)
    return img


def books(rng: random.Random) -> Image.Image:
    img, d = canvas("#fefae0")
    rrect(d, 150, 860, 1300, 40, 6, hexc("#6b4226"))
    colors = ["#bc6c25", "#283618", "#606c38", "#dda15e", "#9b2226", "#005f73", "#ca6702"]
    x = 200
    for i in range(14):
        w, h = rng.randint(60, 110), rng.randint(420, 620)
        rrect(d, x, 860 - h, w, h, 6, hexc(colors[i % len(colors)]))
        rrect(d, x + 14, 860 - h + 40, w - 28, 14, 6, hexc("#fefae0"))
        x += w + 8
        if x > 1350:
            break
    return img


def laundromat(rng: random.Random) -> Image.Image:
    img, d = canvas("#e0fbfc")
    rrect(d, 0, 860, W, 140, 0, hexc("#98c1d9"))
    for i in range(5):
        x = 100 + i * 290
        rrect(d, x, 420, 250, 440, 20, hexc("#ffffff"), hexc("#3d5a80"), 4)
        circle(d, x + 125, 660, 90, hexc("#3d5a80"))
        circle(d, x + 125, 660, 66, hexc("#98c1d9"))
        rrect(d, x + 30, 450, 70, 26, 8, hexc("#ee6c4d"))
    bubble(d, 980, 110, 460, 210, hexc("#ee6c4d"), hexc("#fde2d8"), "left")
    return img


def packets(rng: random.Random) -> Image.Image:
    img, d = canvas("#fff8e7")
    colors = ["#ffbe0b", "#fb5607", "#ff006e", "#8338ec", "#3a86ff"]
    for i, c in enumerate(colors):
        x, y = 220 + i * 230, 300 + (i % 2) * 120
        rrect(d, x, y, 380, 260, 16, hexc(c))
        poly(d, [(x, y), (x + 190, y + 140), (x + 380, y)], mix(hexc(c), (255, 255, 255), 0.35))
    for _ in range(14):  # crayon stars, as children draw them
        cx, cy, r = rng.uniform(80, 1520), rng.uniform(700, 940), rng.uniform(20, 38)
        pts = [
            (
                cx + (r if k % 2 == 0 else r / 2.3) * math.cos(math.pi * k / 5 - math.pi / 2),
                cy + (r if k % 2 == 0 else r / 2.3) * math.sin(math.pi * k / 5 - math.pi / 2),
            )
            for k in range(10)
        ]
        poly(d, pts, hexc(rng.choice(colors)))
    return img


def venn(rng: random.Random) -> Image.Image:
    img, d = canvas("#f0efeb")
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    ld = ImageDraw.Draw(layer)
    for (x, y), c in zip(((520, 380), (800, 380), (660, 620)), ("#2a9d8f", "#e9c46a", "#e76f51"), strict=True):
        ld.ellipse([(x - 250) * S, (y - 250) * S, (x + 250) * S, (y + 250) * S], fill=(*hexc(c), 150))
    img.paste(layer, (0, 0), layer)
    d = ImageDraw.Draw(img)
    line(d, [(990, 500), (1180, 500)], hexc("#264653"), 14)
    poly(d, [(1180, 470), (1230, 500), (1180, 530)], hexc("#264653"))
    rrect(d, 1260, 320, 240, 340, 16, hexc("#ffffff"), hexc("#264653"), 4)
    for i in range(5):
        rrect(d, 1290, 360 + i * 56, 180 - (i % 2) * 50, 18, 9, hexc("#264653"))
    return img


PROJECTS: dict[str, tuple[Callable[[random.Random], Image.Image], str]] = {
    "heat-protocols-outdoor-workers": (
        heat,
        "Illustration: a pale sun and wavy heat lines over a row of "
        "brown rooftops, with six outdoor workers in yellow hard hats standing "
        "in silhouette below.",
    ),
    "keeping-kids-covered-memphis": (
        kids_covered,
        "Illustration: a large red umbrella sheltering four children of different heights from falling rain.",
    ),
    "language-access-outpatient-rehab": (
        lambda rng: speech(rng, ["#2a9d8f", "#e9c46a", "#f4a261", "#264653"], "#f1faee"),
        "Illustration: four speech bubbles in teal, yellow, orange and dark blue, each with lines of text, "
        "as in a conversation in several languages.",
    ),
    "neighborhood-pharmacy-milwaukee": (
        pharmacy_map,
        "Map-style illustration: a grid of city blocks crossed by "
        "two streets, with a green pharmacy cross at the centre surrounded by "
        "distance rings and three crossed-out grey markers for closed pharmacies.",
    ),
    "utility-shutoff-protections-detroit": (
        utility,
        "Illustration: a row of houses at night under power lines; five have lit yellow windows and one is dark.",
    ),
    "doula-coverage-georgia": (
        doula,
        "Abstract illustration: concentric circles in rose, sand, sage and slate, "
        "ringed by twelve small dots, suggesting care surrounding a birth.",
    ),
    "benefits-navigation-in-the-waiting-room": (
        waiting_room,
        "Illustration: two rows of teal waiting-room chairs beside a large white form with coloured checkboxes.",
    ),
    "interpreter-partnered-behavioral-health": (
        three_way,
        "Illustration: three figures side by side, the "
        "middle one in orange, with speech bubbles passing between them "
        "as an interpreter joins a clinical conversation.",
    ),
    "post-release-bridge-clinics": (
        bridge,
        "Illustration: an orange arched bridge over a river linking two "
        "white clinic buildings marked with orange crosses.",
    ),
    "asthma-home-visits-heat-vulnerable-neighborhoods": (
        heat_map,
        "Map-style illustration: a heat map of "
        "neighbourhood blocks shading from cool blue to hot "
        "red, with a dark route joining five homes.",
    ),
    "school-sealants-on-the-road": (
        sealant_van,
        "Illustration: a white van with a teal tooth on its side "
        "driving on a road towards a yellow school building with a red flag.",
    ),
    "health-department-police-working-group": (
        round_table,
        "Diagram seen from above: a round table with ten seats alternating dark blue and red, papers on the table.",
    ),
    "language-and-dementia-conversations": (
        memory,
        "Abstract illustration: four flowing lines in plum and rose tones with two speech bubbles, one at each end.",
    ),
    "social-justice-book-club-school-nurses": (
        books,
        "Illustration: a shelf of upright books with spines in rust, olive, green, red and teal.",
    ),
    "family-navigators-at-the-laundromat": (
        laundromat,
        "Illustration: a row of five front-loading washing machines, with an orange speech bubble above them.",
    ),
    "parent-designed-welcome-packets": (
        packets,
        "Illustration: five colourful envelopes fanned out above a scatter of crayon-drawn stars.",
    ),
    "shared-intake-three-agencies": (
        venn,
        "Diagram: three overlapping circles in teal, yellow and orange, with an arrow leading to a single shared form.",
    ),
}


def portrait(rng: random.Random, bg: str, shirt: str, skin: str, hair: str, style: int) -> Image.Image:
    """An illustrated head-and-shoulders portrait (no real person)."""
    size = 600
    img = Image.new("RGB", (size * S, size * S), hexc(bg))
    d = ImageDraw.Draw(img)
    d.ellipse([90 * S, 400 * S, 510 * S, 760 * S], fill=hexc(shirt))
    d.rectangle([260 * S, 330 * S, 340 * S, 430 * S], fill=hexc(skin))
    if style == 1:  # long hair behind the head
        d.rounded_rectangle([170 * S, 140 * S, 430 * S, 460 * S], radius=110 * S, fill=hexc(hair))
    d.ellipse([190 * S, 130 * S, 410 * S, 380 * S], fill=hexc(skin))
    if style == 2:  # short hair
        d.pieslice([185 * S, 115 * S, 415 * S, 330 * S], 180, 360, fill=hexc(hair))
    elif style == 3:  # curls
        for k in range(9):
            a = math.radians(180 + k * 22.5)
            d.ellipse(
                [
                    (300 + 110 * math.cos(a) - 45) * S,
                    (230 + 110 * math.sin(a) - 45) * S,
                    (300 + 110 * math.cos(a) + 45) * S,
                    (230 + 110 * math.sin(a) + 45) * S,
                ],
                fill=hexc(hair),
            )
    else:
        d.pieslice([185 * S, 120 * S, 415 * S, 320 * S], 180, 360, fill=hexc(hair))
    return img.resize((size, size), Image.Resampling.LANCZOS)


PEOPLE = {
    "joanna-whitcombe": ("#cde3d6", "#2f6f5e", "#e0b99a", "#4b3621", 1),
    "rafael-etxeberria": ("#d9dcef", "#34407a", "#c68c63", "#1f1a17", 2),
    "luz-quintero": ("#f4dccb", "#a23b3b", "#b47852", "#2b1b12", 3),
    "ruth-castellanos": ("#e6e1f2", "#5b4b8a", "#8d5a3b", "#1a1210", 1),
    "anders-molloy": ("#dcebf2", "#2a5d7c", "#f0cfb4", "#b9975b", 2),
    "theo-marchetti": ("#efe6d2", "#6b5a2e", "#d8a47f", "#3a2a1e", 4),
    "noor-haddad": ("#e3eedf", "#3f6b45", "#c99b7a", "#20160f", 1),  # hidden: the site must never show it
    "amara-nwosu": ("#f3e3d3", "#8a4f1d", "#6b4226", "#120c08", 3),  # name-only: no photo on the site
}


def main() -> None:
    out = ROOT / "content" / "images" / "projects"
    out.mkdir(parents=True, exist_ok=True)
    for project, (draw, _alt) in PROJECTS.items():
        rng = random.Random(project)
        img = draw(rng).resize((W, H), Image.Resampling.LANCZOS)
        img.save(out / f"{project}.jpg", "JPEG", quality=86, optimize=True, progressive=True)
    people = ROOT / "content" / "images" / "people"
    people.mkdir(parents=True, exist_ok=True)
    for pid, (bg, shirt, skin, hair, style) in PEOPLE.items():
        portrait(random.Random(pid), bg, shirt, skin, hair, style).save(
            people / f"{pid}.jpg", "JPEG", quality=88, optimize=True
        )


if __name__ == "__main__":
    main()
