"""``hubgen import FILE``: the subcommand, which writes the files :func:`plan_import` planned."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ...hub.workspace import find_config, hub_settings
from .fields import ImportRefused
from .formats import read_export
from .matching import Outcome, plan_import
from .topics import TOPIC_MAP, hub_topics, topic_options


def _hub_folders(root: Path) -> tuple[Path, Path]:
    """The hub's root (with mkdocs.yml) and its content folder."""
    config = find_config(root.resolve())
    if config is None:
        raise ImportRefused([f"hubgen: no mkdocs.yml in {root} or above — run this inside a hub"])
    return config.parent, config.parent / str(hub_settings(config)["docs_dir"])


def import_file(
    export: Path,
    root: Path = Path("."),
    dry_run: bool = False,
    topics: str | None = None,
    topic_map: Path | None = None,
) -> Outcome:
    """Import ``export`` into the hub at (or above) ``root``; nothing is written if anything is wrong."""
    hub_root, content = _hub_folders(root)
    known = hub_topics(content)
    options = topic_options(hub_root, known, topics, topic_map)
    items = read_export(export, str(export))
    outcome = plan_import(items, content / "readings", known, str(export), options)
    if not dry_run:
        (content / "readings").mkdir(parents=True, exist_ok=True)
        for path, text in outcome.writes.items():
            path.write_text(text, encoding="utf-8")
    return outcome


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``hubgen import FILE``: the subcommand, for cli.py."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="add or update readings from a Zotero export (BibTeX, RIS or CSL-JSON)",
        description="Write one file per item of a Zotero export into content/readings/. Items that match a "
        "reading (same DOI, citation key, or title and year) update it; topics, minutes, access "
        "and summary stay as the hub has them.",
    )
    parser.add_argument("file", type=Path, help="the export: .bib, .ris or .json (CSL JSON)")
    parser.add_argument("--root", type=Path, default=Path("."), help="the hub's folder (with mkdocs.yml)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.add_argument(
        "--topics",
        metavar="ID,ID",
        help="give every imported reading these topics (IDs from topics.yml), e.g. for one Zotero collection",
    )
    parser.add_argument(
        "--topic-map",
        type=Path,
        metavar="FILE",
        help=f"YAML table 'Zotero tag: topic-id' (default: {TOPIC_MAP} beside mkdocs.yml, if there is one)",
    )
    parser.set_defaults(run=_run_args)
    return parser


def _run_args(args: argparse.Namespace) -> int:
    try:
        outcome = import_file(args.file, args.root, args.dry_run, args.topics, args.topic_map)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(problem)
        print(f"✗ nothing imported: {len(exc.problems)} problem(s) in {args.file}", file=sys.stderr)
        return 1
    verb = "would be " if args.dry_run else ""
    for path in outcome.added:
        print(f"added    {path}")
    for path, changed in outcome.updated:
        print(f"updated  {path} ({', '.join(changed)})")
    for label, why in outcome.skipped:
        print(f"skipped  {label} — {why}")
    if outcome.without_topics:
        print(
            f"note: {len(outcome.without_topics)} new reading(s) have no topics — they are published and found in the "
            "library by type, year and words; to list them under topics, add topics: [...] to each, or import "
            f"again with --topics ID,ID or a {TOPIC_MAP} table of Zotero tags",
            file=sys.stderr,
        )
    if outcome.added:
        print(
            f'note: {len(outcome.added)} new reading(s) say access: unknown (shown as "Access not checked") — open '
            "each link and set access: open, free-registration, library or paywalled",
            file=sys.stderr,
        )
    print(
        f"✓ {outcome.summary().replace(' added', f' {verb}added').replace(' updated', f' {verb}updated')}"
        + (" (dry run: nothing written)" if args.dry_run else ""),
        file=sys.stderr,
    )
    return 0
