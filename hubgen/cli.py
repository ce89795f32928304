"""The ``hubgen`` command: check a hub's content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .hub import HubOptions, load_hub


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs resolves."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


def hub_settings(config_file: Path) -> dict[str, Any]:
    """docs_dir and the hubgen plugin's options, read from mkdocs.yml."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    settings: dict[str, Any] = {"docs_dir": data.get("docs_dir", "docs")}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "hubgen" in plugin:
            settings.update(plugin["hubgen"] or {})
    return settings


def _check(args: argparse.Namespace) -> int:
    config_file = find_config(Path(args.root).resolve())
    if config_file is None:
        print(f"hubgen: no mkdocs.yml in {args.root} or above — run this inside a hub", file=sys.stderr)
        return 2
    settings = hub_settings(config_file)
    options = HubOptions(
        participant_visibility=settings.get("participant_visibility", "name-only"),
        include_drafts=args.drafts,
    )
    _, problems = load_hub(
        config_file.parent,
        options,
        content_dir=str(settings["docs_dir"]),
        programs_dir=str(settings.get("programs_dir", "programs")),
    )
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    print(("✗ " if failed else "✓ ") + problems.summary(), file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hubgen", description="Check and build a Hubgen learning hub.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="report every problem in the hub's content, with file and line")
    check.add_argument("root", nargs="?", default=".", help="the hub's folder (with mkdocs.yml); default: here")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="'github' prints workflow annotations shown on the lines of a pull request")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument("--drafts", action="store_true", help="check draft sessions as well")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
