"""How hubgen scales: build time, hubgen's share of it, peak memory and output size, beside plain MkDocs.

    .venv/bin/python bench/scale.py                      # example hub, 1,000 and 5,000 sessions
    .venv/bin/python bench/scale.py --sizes example,200  # a quick run
    .venv/bin/python bench/scale.py --sizes 1000 --runs 3 --profile
    .venv/bin/python bench/scale.py --sizes example --cache warm --before main~3   # before and after, one run
    .venv/bin/python bench/scale.py --sizes example --cache edited   # the build after a pull request's edit

Each hub is built by ``mkdocs build`` in a fresh child process (this script, with ``--child``). A size
is a number of sessions: a synthetic hub from ``bench/synth.py`` with 3 readings a session (10,000 at
5,000 sessions); ``example`` is the repository's own hub. Beside each hub, MkDocs + Material build the
same number of plain Markdown pages of about the same length, with as many of them in the nav as
hubgen puts there (generated here, no hubgen).

The columns:

- wall s, CPU s: wall-clock and CPU seconds from loading ``mkdocs.yml`` to the end of the build (the
  child's interpreter start and imports are not counted), the processes the build runs (git) included.
  On a shared machine the CPU time is the steadier figure, so the share and the 5,000/1,000 ratio are
  worked out on it (wall time is shown);
- hubgen CPU s, share: CPU seconds spent inside the hubgen plugin's ``on_*`` methods (load, validate,
  render, feeds, citations, pictures — everything hubgen does runs under one of them), measured by
  wrapping those methods here, without touching the plugin, and their share of the build's;
- peak: the child's peak resident memory (``ru_maxrss``);
- site: the size of ``site/`` and its number of files; index: ``search/search_index.json``, raw and
  gzipped.

With ``--runs N`` each build runs N times and the best run (least CPU time) is shown, with the highest
peak memory of the runs; timings on a shared machine are noisy, so compare best-of figures.
``--cache``: ``cold`` empties hubgen's caches (``.cache/hubgen/``) first; ``warm`` builds once to fill them, then
measures the next builds of the same hub (as on a laptop, or in CI with the folder cached); ``edited`` fills them too,
then adds or takes off a line at the end of the hub's first session file before each measured build, so each build
follows an edit (as after a pull request: hubgen renders its pages again, and its other caches still answer).
``--before REV`` builds each hub first with hubgen as of git revision REV (its package extracted under
``bench/out/scale/revisions/``, imported in place of the installed one), then with this tree's, each with its caches
emptied first. ``--profile`` writes a cProfile file of each hubgen build beside its site (read it with
``python -m pstats``). Everything goes under ``bench/out/``.

Targets (issue 8): hubgen's own share at most 10 % of the build; the 5,000-session build at most
5.5x the 1,000-session one; peak memory under 1 GB at 5,000 sessions.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after an installed hubgen, which PYTHONPATH may pick
from bench.synth import WORDS, HubSize, write_hub

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "scale"
SOURCE_VARIABLE = "HUBGEN_BENCH_SOURCE"  # a folder to import hubgen from (--before)

# --- the child: one build, measured ------------------------------------------------------------------


def _cpu() -> float:
    """CPU seconds of this process and of the processes it has waited for (hubgen runs git)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _wrap_hubgen(spent: list[float], events: dict[str, float]) -> None:
    """Time every ``on_*`` method of the hubgen plugin (class-level, before MkDocs makes the instance)."""
    from hubgen.adapters.mkdocs.plugin import HubgenPlugin

    depth = [0]

    def timed(name: str, method: Any) -> Any:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            start, cpu = time.perf_counter(), _cpu()
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:  # an event calling another is counted once
                    used = _cpu() - cpu
                    spent[0] += time.perf_counter() - start
                    spent[1] += used
                    events[name] = events.get(name, 0.0) + used

        return wrapper

    for name, value in list(vars(HubgenPlugin).items()):
        if name.startswith("on_") and callable(value):
            setattr(HubgenPlugin, name, timed(name, value))


def _use_source(folder: str) -> None:
    """Import hubgen from ``folder`` (an earlier revision's files, ``--before``), not the installed one: an editable
    install's finder answers before ``sys.path`` is searched, so it is set aside."""
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
    sys.path.insert(0, folder)
    for name in [m for m in sys.modules if m == "hubgen" or m.startswith("hubgen.")]:
        del sys.modules[name]


def child(config_file: Path, site_dir: Path, result_file: Path, profile: Path | None) -> None:
    """Build one site and write what was measured to ``result_file`` (JSON)."""
    if os.environ.get(SOURCE_VARIABLE):
        _use_source(os.environ[SOURCE_VARIABLE])
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    spent = [0.0, 0.0]  # wall, CPU
    events: dict[str, float] = {}  # CPU by event
    _wrap_hubgen(spent, events)
    nav_pages = [0]
    get_navigation = mkdocs_build.get_navigation

    def counting_navigation(files: Any, config: Any) -> Any:
        nav = get_navigation(files, config)
        nav_pages[0] = len(nav.pages)
        return nav

    mkdocs_build.get_navigation = counting_navigation  # type: ignore[assignment]
    pages: dict[str, int] = {}
    markdown_bytes = [0]
    from mkdocs.structure.pages import Page

    read_source = Page.read_source

    def reading(self: Page, config: Any) -> None:
        read_source(self, config)
        pages[self.file.src_uri] = 1
        markdown_bytes[0] += len((self.markdown or "").encode())

    Page.read_source = reading  # type: ignore[method-assign]

    start, cpu = time.perf_counter(), _cpu()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    config = load_config(str(config_file), site_dir=str(site_dir))
    mkdocs_build.build(config)
    if profile:
        profiler.disable()
        profiler.dump_stats(str(profile))
    build, build_cpu = time.perf_counter() - start, _cpu() - cpu
    result_file.write_text(
        json.dumps(
            {
                "build": build,
                "build_cpu": build_cpu,
                "hubgen": spent[0],
                "hubgen_cpu": spent[1],
                "events": events,
                "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "pages": len(pages),
                "nav_pages": nav_pages[0],
                "markdown_bytes": markdown_bytes[0],
            }
        )
    )


# --- the parent: hubs, plain sites, runs, table --------------------------------------------------------


def hub_size(sessions: int) -> HubSize:
    """A synthetic hub of about ``sessions`` sessions: 20 cohorts of 50 at 1,000, 50 of 100 at 5,000."""
    readings = {1000: 3000, 5000: 10000}.get(sessions, 3 * sessions)
    if sessions >= 5000:
        programs, cohorts = 10, 5
    elif sessions >= 1000:
        programs, cohorts = 5, 4
    else:
        programs, cohorts = 4, 2
    per_cohort = max(1, round(sessions / (programs * cohorts)))
    people = max(120, min(1000, sessions * 2 // 5))
    return HubSize(
        programs=programs,
        cohorts_per_program=cohorts,
        sessions_per_cohort=per_cohort,
        readings=readings,
        people=people,
    )


def prepare_hub(name: str, out: Path) -> Path:
    """A hub to measure under ``out/hubs/``: ``example`` is a fresh copy of the example hub at the root of the
    repository, a number a synthetic hub of about that many sessions (kept between runs)."""
    repo = Path(__file__).resolve().parent.parent
    root = out / "hubs" / name
    if name == "example":
        if root.exists():
            shutil.rmtree(root)
        for part in ("content", "programs", "theme"):
            shutil.copytree(repo / part, root / part)
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    elif not (root / "mkdocs.yml").is_file():
        write_hub(root, hub_size(int(name)))
    return root


def synthetic_hub(sessions: int, out: Path) -> Path:
    """The synthetic hub's folder, written once per size (a stamp file tells a stale one)."""
    size = hub_size(sessions)
    root = out / "hubs" / f"s{sessions}"
    stamp = root / ".size"
    synth = (REPO / "bench" / "synth.py").read_bytes()
    key = repr(size) + hashlib.sha256(synth).hexdigest()
    if not (stamp.is_file() and stamp.read_text() == key):
        write_hub(root, size)
        stamp.write_text(key)
    return root


def pruned(config_file: Path) -> Path:
    """A copy of a generated ``mkdocs.yml``, beside it, with Material's ``navigation.prune`` among its features."""
    text = config_file.read_text(encoding="utf-8")
    features = "features: [navigation.tabs,"
    if features not in text:
        raise SystemExit(f"{config_file}: no '{features}' line to add navigation.prune to")
    copy = config_file.with_name("mkdocs-prune.yml")
    copy.write_text(text.replace(features, "features: [navigation.prune, navigation.tabs,", 1), encoding="utf-8")
    return copy


def plain_site(name: str, pages: int, nav_pages: int, markdown_bytes: int, out: Path) -> Path:
    """``pages`` plain Markdown pages of about the hub's average length, ``nav_pages`` of them in the nav."""
    root = out / "plain" / name
    stamp = root / ".size"
    key = f"{pages} {nav_pages} {markdown_bytes}"
    if stamp.is_file() and stamp.read_text() == key:
        return root
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(pages)
    target = max(200, markdown_bytes // max(1, pages))

    def sentence() -> str:
        words = rng.sample(WORDS, rng.randint(6, 14))
        return " ".join(words).capitalize() + "."

    paths = []
    for i in range(pages):
        path = "index.md" if i == 0 else f"section-{i % 20:02d}/page-{i:05d}.md"
        paths.append(path)
        parts = [f"# {' '.join(rng.sample(WORDS, 4)).capitalize()} {i}\n"]
        size = len(parts[0])
        while size < target:
            kind = rng.random()
            if kind < 0.15:
                block = f"## {' '.join(rng.sample(WORDS, 3)).capitalize()}\n"
            elif kind < 0.35:
                block = "\n".join(f"- [{sentence()}](../page-{rng.randrange(pages):05d}/)" for _ in range(3)) + "\n"
            elif kind < 0.45:
                block = "| When | What |\n|---|---|\n" + "".join(
                    f"| {rng.randint(1, 28)} May | {sentence()} |\n" for _ in range(3)
                )
            else:
                block = " ".join(sentence() for _ in range(rng.randint(2, 5))) + "\n"
            parts.append(block)
            size += len(block) + 1
        target_file = docs / path
        target_file.parent.mkdir(parents=True, exist_ok=True)
        target_file.write_text("\n".join(parts), encoding="utf-8")
    nav = paths[: max(1, nav_pages)]
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
            site_name: Plain pages
            site_url: https://example.org/plain/
            theme:
              name: material
              font: false
              features: [navigation.tabs, navigation.instant, navigation.top]
            plugins:
              - search
            validation:
              nav:
                omitted_files: ignore
            """)
        + "nav:\n"
        + "".join(f"  - {json.dumps(p)}\n" for p in nav),
        encoding="utf-8",
    )
    stamp.write_text(key)
    return root


@dataclass
class Result:
    label: str
    build: float
    build_cpu: float
    hubgen: float
    hubgen_cpu: float
    events: dict[str, float]
    peak_kib: int
    pages: int
    nav_pages: int
    markdown_bytes: int
    site_bytes: int
    site_files: int
    index_bytes: int
    index_gz_bytes: int
    kinds: dict[str, tuple[int, int]]  # kind of file → (files, bytes)


def run_build(
    label: str,
    config_file: Path,
    site_dir: Path,
    runs: int,
    profile: bool,
    source: Path | None = None,
    before_each: Callable[[], None] | None = None,
) -> Result:
    """Build ``runs`` times in child processes (with hubgen from ``source``, when given; ``before_each`` called
    before each build); the best run's times, the highest peak memory."""
    best: dict[str, Any] | None = None
    peak = 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    if source is not None:
        env[SOURCE_VARIABLE] = str(source)
    for _ in range(runs):
        if before_each is not None:
            before_each()
        result_file = site_dir.with_suffix(".json")
        args = [sys.executable, __file__, "--child", str(config_file), str(site_dir), str(result_file)]
        if profile:
            args.append(str(site_dir.with_suffix(".prof")))
        done = subprocess.run(args, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{label}: the build failed\n{done.stderr[-4000:]}")
        measured = json.loads(result_file.read_text())
        peak = max(peak, measured["peak_kib"])
        if best is None or measured["build_cpu"] < best["build_cpu"]:
            best = measured
    assert best is not None
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    index = site_dir / "search" / "search_index.json"
    raw = index.read_bytes() if index.is_file() else b""
    return Result(
        label=label,
        build=best["build"],
        build_cpu=best["build_cpu"],
        hubgen=best["hubgen"],
        hubgen_cpu=best["hubgen_cpu"],
        events=best.get("events", {}),
        peak_kib=peak,
        pages=best["pages"],
        nav_pages=best["nav_pages"],
        markdown_bytes=best["markdown_bytes"],
        site_bytes=sum(p.stat().st_size for p in files),
        site_files=len(files),
        index_bytes=len(raw),
        index_gz_bytes=len(gzip.compress(raw, mtime=0)) if raw else 0,
        kinds=_kinds(site_dir, files),
    )


def _kind(relative: str) -> str:
    """What a file of a site is, for the breakdown of its files and bytes."""
    name = relative.rsplit("/", 1)[-1]
    if name.startswith("citations.") or relative.startswith("citations/"):
        return "citations"
    if name.endswith(".ics"):
        return "calendars"
    if name.endswith(".html"):
        return "pages"
    if relative.startswith("search/"):
        return "search"
    if relative.startswith("assets/") or name.endswith((".css", ".js")):
        return "assets"
    if name.endswith((".webp", ".jpg", ".jpeg", ".png", ".svg", ".avif")):
        return "pictures"
    return "other"


def _kinds(site_dir: Path, files: list[Path]) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for p in files:
        kind = out.setdefault(_kind(p.relative_to(site_dir).as_posix()), [0, 0])
        kind[0] += 1
        kind[1] += p.stat().st_size
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}"


def print_table(results: list[Result]) -> None:
    head = (
        f"{'build':<31} {'pages':>6} {'in nav':>6} {'wall s':>7} {'CPU s':>7} {'hubgen CPU s':>12} {'share':>6} "
        f"{'peak MB':>8} {'site MB':>8} {'files':>7} {'index MB':>9} {'gz MB':>6}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        hubgen = f"{r.hubgen_cpu:12.2f} {100 * r.hubgen_cpu / r.build_cpu:5.1f}%" if r.hubgen else f"{'-':>12} {'-':>6}"
        print(
            f"{r.label:<31} {r.pages:>6} {r.nav_pages:>6} {r.build:7.2f} {r.build_cpu:7.2f} {hubgen} "
            f"{r.peak_kib * 1024 / 1e6:8.0f} {_mb(r.site_bytes):>8} {r.site_files:>7} "
            f"{_mb(r.index_bytes):>9} {_mb(r.index_gz_bytes):>6}"
        )
    sys.stdout.flush()


def print_kinds(results: list[Result]) -> None:
    """Each site's files by kind: how many, and MB."""
    kinds = sorted({k for r in results for k in r.kinds})
    print(f"{'site files by kind (files / MB)':<31} " + " ".join(f"{k:>18}" for k in kinds))
    for r in results:
        cells = (f"{r.kinds[k][0]:>7,} / {_mb(r.kinds[k][1]):>8}" if k in r.kinds else f"{'-':>18}" for k in kinds)
        print(f"{r.label:<31} " + " ".join(cells))
    sys.stdout.flush()


def print_targets(builds: dict[str, Result], plain: dict[str, Result] | None = None) -> None:
    for size, r in builds.items():
        by_event = sorted(r.events.items(), key=lambda kv: -kv[1])
        print(f"{size}: hubgen CPU by event: " + ", ".join(f"{name} {cpu:.2f} s" for name, cpu in by_event))
    for size, r in builds.items():
        share = r.hubgen_cpu / r.build_cpu
        print(
            f"{size}: hubgen's share {100 * share:.1f}% of the build's CPU time "
            f"({100 * r.hubgen / r.build:.1f}% of its wall time; target ≤ 10%: {'met' if share <= 0.10 else 'NOT met'})"
        )
    for key, r in builds.items():
        base = (plain or {}).get(key.split(" ")[0])
        if base:
            cpu, wall = r.build_cpu / base.build_cpu, r.build / base.build
            verdict = "met" if max(cpu, wall) <= 1.1 else "NOT met"
            print(f"{key}: {cpu:.2f}x the CPU, {wall:.2f}x the wall time of plain MkDocs (target ≤ 1.1x: {verdict})")
    for cache in ("cold", "warm"):
        small, big = builds.get(f"1000 ({cache})"), builds.get(f"5000 ({cache})")
        if small and big:
            cpu, wall = big.build_cpu / small.build_cpu, big.build / small.build
            verdict = "met" if cpu <= 5.5 else "NOT met"
            print(
                f"5,000 / 1,000 sessions, {cache} cache: {cpu:.2f}x the CPU time, {wall:.2f}x the wall time "
                f"(target ≤ 5.5x: {verdict})"
            )
        if big:
            peak = big.peak_kib * 1024
            verdict = "met" if peak < 1e9 else "NOT met"
            print(f"5,000 sessions, {cache} cache: peak memory {peak / 1e6:.0f} MB (target < 1 GB: {verdict})")


class SessionEdit:
    """A staff member's edit between two builds: a line added to (or taken off) the end of the hub's first session
    file, so each build sees a changed hub — as after a pull request. :meth:`restore` puts the file back."""

    LINE = b"\nA line added by bench/scale.py between two builds.\n"

    def __init__(self, root: Path) -> None:
        self.file = sorted(root.glob("programs/*/*/sessions/*.md"))[0]
        self.original = self.file.read_bytes()  # bytes: the file goes back as it was, line endings included

    def __call__(self) -> None:
        now = self.file.read_bytes()
        self.file.write_bytes(now.removesuffix(self.LINE) if now.endswith(self.LINE) else now + self.LINE)

    def restore(self) -> None:
        self.file.write_bytes(self.original)


def revision_source(rev: str, out: Path) -> tuple[Path, str]:
    """hubgen's package as of git revision ``rev``, extracted under ``out`` (once), and the revision's short name."""
    short = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", rev], capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = out / "revisions" / short
    if not (folder / "hubgen" / "__init__.py").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "hubgen"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder, short


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="example,1000,5000", help="comma-separated: 'example' and/or numbers of sessions"
    )
    parser.add_argument("--runs", type=int, default=1, help="builds per site; the best is shown")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain MkDocs builds")
    parser.add_argument(
        "--cache",
        choices=("cold", "warm", "edited", "both"),
        default="both",
        help="hubgen's caches: emptied (cold), filled by a first build (warm), filled and then a session file edited "
        "before each build (edited), or a row for cold and warm (default)",
    )
    parser.add_argument("--profile", action="store_true", help="write a cProfile file of each hubgen build")
    parser.add_argument(
        "--prune",
        action="store_true",
        help="synthetic hubs and plain sites with Material's navigation.prune (README: site size for large hubs)",
    )
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also build each hub with hubgen as of git revision REV (its rows first), for a before/after in one run",
    )
    parser.add_argument("--child", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"where hubs and sites go (default: {OUT.relative_to(REPO)})"
    )
    args = parser.parse_args()
    if args.child:
        config_file, site_dir, result_file, *profile = args.child
        child(Path(config_file), Path(site_dir), Path(result_file), Path(profile[0]) if profile else None)
        return

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(f"best of {args.runs} run(s) per build; times are wall-clock on a possibly shared machine", file=sys.stderr)
    before = revision_source(args.before, out) if args.before else None
    results: list[Result] = []
    hubgen_builds: dict[str, Result] = {}
    plain_builds: dict[str, Result] = {}
    for size in args.sizes.split(","):
        size = size.strip()
        if size == "example":
            config_file, label = REPO / "mkdocs.yml", "example hub"
        else:
            sessions = int(size)
            root = synthetic_hub(sessions, out)
            n_sessions = len(list(root.glob("programs/*/*/sessions/*.md")))
            n_readings = len(list(root.glob("content/readings/*.yml")))
            config_file, label = root / "mkdocs.yml", f"{n_sessions} sessions, {n_readings} rd"
            if args.prune:
                config_file, label = pruned(config_file), label + ", prune"
        for source, name in [before, (None, "")] if before else [(None, "")]:
            tag, key = (f"@{name}", f", {name}") if name else ("", "")
            # Cold: hubgen's caches (.cache/hubgen/ beside mkdocs.yml: parsed YAML, references, pages...) are
            # emptied first; warm: the next build, as on a laptop or in CI with the folder cached; edited: the next
            # build after a session file changed.
            shutil.rmtree(config_file.parent / ".cache" / "hubgen", ignore_errors=True)
            if args.cache in ("warm", "edited"):  # a first build, not shown, fills the cache
                print(f"filling the cache of {label}{tag} …", file=sys.stderr)
                run_build(f"hubgen: {label}, filling", config_file, out / "sites" / size, 1, False, source)
            edit = SessionEdit(config_file.parent) if args.cache == "edited" else None
            try:
                for cache in ("cold", "warm") if args.cache == "both" else (args.cache,):
                    print(f"building {label} ({cache} cache){tag} …", file=sys.stderr)
                    site = out / "sites" / size
                    result = run_build(
                        f"hubgen{tag}: {label}, {cache}", config_file, site, args.runs, args.profile, source, edit
                    )
                    results.append(result)
                    hubgen_builds[f"{size} ({cache}{key})"] = result
            finally:
                if edit is not None:
                    edit.restore()
        if not args.no_plain:
            plain = plain_site(size, result.pages, result.nav_pages, result.markdown_bytes, out) / "mkdocs.yml"
            if args.prune and size != "example":  # the example hub's own features stay as they are
                plain = pruned(plain)
            print(f"building {result.pages} plain pages …", file=sys.stderr)
            plain_builds[size] = run_build(
                f"plain:  {result.pages} pages", plain, out / "sites" / f"plain-{size}", args.runs, False
            )
            results.append(plain_builds[size])
        if size != args.sizes.split(",")[-1].strip():
            print_table(results)  # so far, in case a later size takes long
            print()

    print()
    print_table(results)
    print()
    print_kinds(results)
    print()
    print_targets(hubgen_builds, plain_builds)


if __name__ == "__main__":
    main()
