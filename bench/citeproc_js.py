"""Hubgen's APA 7 references against citeproc-js (the processor of Zotero and Mendeley) with the official APA style.

    .venv/bin/python bench/citeproc_js.py [--show-differences]

Every reading of the example hub, and every item of the Zotero samples in tests/import_samples/ (each imported into
an empty hub with ``hubgen import``), is written as the hub's CSL-JSON (``citations.csl_item``, what "Download
citations" gives) and rendered by citeproc-js with the official APA 7 style: ``hubgen/csl/apa.csl`` with hubgen's one
change to the style undone (see hubgen/csl/PATCHES.md), and the en-US locale of the CSL project (the copy citeproc-py
ships). The reference on the reading's page (``citations.apa``, as text) is compared with citeproc-js's, and the
references that are identical are counted. citeproc-js is installed from npm into bench/out/citeproc-js the first
time (``npm install --prefix``), the version pinned below.

Figures are in the report of issue 29; the differences print with ``--show-differences``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import citeproc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hubgen.authoring.importer import import_file
from hubgen.hub.load import load_hub
from hubgen.site.citations import STYLE_FILE, apa, csl_item

REPO = Path(__file__).resolve().parent.parent
CITEPROC_JS = "citeproc@2.4.63"
PREFIX = REPO / "bench" / "out" / "citeproc-js"
LOCALE = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
SAMPLES = REPO / "tests" / "import_samples"

#: hubgen's change to apa.csl (PATCHES.md): undone, the style is the CSL project's.
HUBGEN_PATCH = (
    " " * 14 + '<!-- hubgen: "Retrieved" only with a retrieval date (citeproc-py printed "Retrieved https://...") -->\n'
)
HUBGEN_PATCH += """              <group delimiter=" ">
                <text term="retrieved" text-case="capitalize-first"/>
                <group delimiter=", ">
                  <date form="text" variable="accessed"/>
                  <text term="from"/>
                </group>
              </group>
"""
OFFICIAL = """              <text term="retrieved" text-case="capitalize-first"/>
              <group delimiter=", ">
                <date form="text" variable="accessed"/>
                <text term="from"/>
              </group>
"""

RENDER_JS = r"""
const CSL = require("citeproc");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const byId = Object.fromEntries(input.items.map((item) => [item.id, item]));
const sys = { retrieveLocale: () => input.locale, retrieveItem: (id) => byId[id] };
const engine = new CSL.Engine(sys, input.style, "en-US");  // the style read once; each reference on its own
engine.setOutputFormat("text");
const out = {};
for (const item of input.items) {
  engine.updateItems([item.id]);
  const [, entries] = engine.makeBibliography();
  out[item.id] = entries.join("").trim();
}
process.stdout.write(JSON.stringify(out));
"""


def install() -> Path:
    """citeproc-js in bench/out/citeproc-js (installed once), and the script that renders with it."""
    if not (PREFIX / "node_modules" / "citeproc" / "package.json").is_file():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PREFIX), "--ignore-scripts", "--no-audit", "--no-fund", CITEPROC_JS],
            check=True,
        )
    script = PREFIX / "render.js"
    script.write_text(RENDER_JS, encoding="utf-8")
    return script


def official_style() -> str:
    style = STYLE_FILE.read_text(encoding="utf-8")
    if HUBGEN_PATCH not in style:
        raise SystemExit("hubgen/csl/apa.csl changed: update HUBGEN_PATCH in bench/citeproc_js.py")
    return style.replace(HUBGEN_PATCH, OFFICIAL)


def render_js(script: Path, style: str, items: list[dict]) -> dict[str, str]:
    payload = {"style": style, "locale": LOCALE.read_text(encoding="utf-8"), "items": items}
    done = subprocess.run(
        ["node", str(script)], input=json.dumps(payload), capture_output=True, text=True, check=True, cwd=PREFIX
    )
    return dict(json.loads(done.stdout))


def as_text(reference: str) -> str:
    """A reference as its words: no markup, entities read, spaces as one."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", reference))).strip()


#: citeproc-js sets straight quotation marks and apostrophes as typographic ones; hubgen prints them as typed.
STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def hubs() -> Iterator[tuple[str, Path]]:
    """The example hub, then a fresh hub per import sample."""
    yield "example hub", REPO
    with tempfile.TemporaryDirectory() as tmp:
        for sample in sorted(SAMPLES.glob("*")):
            root = Path(tmp) / sample.name
            (root / "content").mkdir(parents=True)
            (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
            import_file(sample, root)
            yield f"import_samples/{sample.name}", root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-differences", action="store_true", help="print each reference that differs")
    args = parser.parse_args()
    script = install()
    style = official_style()
    total = same = quotes = 0
    for name, root in hubs():
        hub, _ = load_hub(root)
        readings = list(hub.readings.values())
        items = [csl_item(r) for r in readings]
        theirs = render_js(script, style, items)
        here = typographic = 0
        for reading, item in zip(readings, items, strict=True):
            ours, js = as_text(str(apa(reading))), as_text(theirs[item["id"]])
            if ours == js:
                here += 1
            elif ours == js.translate(STRAIGHT):
                typographic += 1
            elif args.show_differences:
                print(f"  {name} {reading.id}\n    hubgen:      {ours}\n    citeproc-js: {js}")
        print(f"{name}: {here} of {len(readings)} identical, {typographic} more but for typographic quotes")
        total += len(readings)
        same += here
        quotes += typographic
    undated = {"id": "undated", "type": "webpage", "title": "Heat safety tips", "URL": "https://example.org/heat"}
    print(f"an undated page without a retrieval date (PATCHES.md): {render_js(script, style, [undated])['undated']}")
    print(
        f"all: {same} of {total} references identical to citeproc-js with the official APA style, "
        f"{quotes} more but for typographic quotes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
