"""Write the example hub's one handout kept in the repository (a session material with `file:`).

    .venv/bin/python tools/make_example_handout.py

The text is invented, like the rest of the example hub. Pillow draws it and saves it as a one-page PDF.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "content/files/practitioner-fellowship/2026-03-13-briefing-card.pdf"

LINES = [
    ("Pre-session briefing card for interpreted visits", 30),
    ("Riverbend Practitioner Fellowship · Learning Day, 13 March 2026", 20),
    ("", 16),
    ("Before the visit (two minutes with the interpreter)", 22),
    ("1. Say what the visit is for and what news, if any, you will give.", 18),
    ("2. Agree on first person: speak to the patient, not to the interpreter.", 18),
    ("3. Name any words that are hard to render: diagnoses, medicines, devices.", 18),
    ("4. Ask about cultural context the interpreter thinks you should know.", 18),
    ("", 16),
    ("During the visit", 22),
    ("- Short sentences; pause after each idea.", 18),
    ("- Check understanding with teach-back, not 'Do you understand?'.", 18),
    ("", 16),
    ("After the visit (one minute)", 22),
    ("- What went well? What should we do differently next time?", 18),
]


def main() -> None:
    width, height = 1240, 1754  # A4 at 150 dpi
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    y = 120
    for text, size in LINES:
        font = ImageFont.load_default(size=size * 2)
        draw.text((110, y), text, fill="black", font=font)
        y += int(size * 2 * 1.6)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    page = page.convert("1")  # black and white: a few kilobytes
    page.save(OUT, "PDF", resolution=150.0, title="Pre-session briefing card for interpreted visits")
    print(OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT)


if __name__ == "__main__":
    main()
