"""Hubgen as a package a hub installs, and ``hubgen init DIR``: a standalone hub repository.

The end-to-end test does the real thing: ``python -m build`` makes the sdist and, from it, the wheel; the wheel is
installed into a fresh virtual environment outside this repository (``pip install --no-deps``: the libraries it
needs are read from this test run's environment through a ``.pth`` file, which is faster than installing them
again and installs the same versions); there ``hubgen --version`` prints the version, ``hubgen init DIR`` makes a
hub with nothing of Hubgen's in it, and the hub README's two commands work in DIR: ``make serve`` serves the site,
``make test`` runs the hub's checks, and only those, and they pass. tests/test_other_hub.py puts a second hub,
written independently, into such a DIR.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from hubgen import __version__, checks
from hubgen.authoring import standalone
from hubgen.cli import main
from tests.helpers import REPO, built_once

FLAGS = [
    "--name",
    "Hub de Salud Comunitaria",
    "--organization",
    "Clínica Nguyễn",
    "--repo-url",
    "https://github.com/salud-comunitaria/hub",
    "--program",
    "Promotoras de Salud",
    "--timezone",
    "America/Los_Angeles",
    "--session-types",
    "Taller, Seminario web",
    "--cohort",
    "2027 Cohort",
    "--starts",
    "2027-01-04",
    "--ends",
    "2027-12-17",
    "--date",
    "2027-01-14",
    "--time",
    "17:00-18:30",
    "--person",
    "Nguyễn Thị Minh Khai",
    "--yes",
]


def packaged_files() -> set[str]:
    """Every file under hubgen/ that Hubgen reads at run time or runs: all but caches."""
    package = REPO / "hubgen"
    return {
        p.relative_to(REPO).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def build_dist(out: Path) -> Path:
    """``python -m build`` in a copy of the repository as a fresh clone has it: a work tree's leftovers (build/, an
    egg-info's list of files) could put a file into the wheel that pyproject.toml does not."""
    from tests.test_init import fresh_clone

    source = fresh_clone(out / "source")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once per test run by ``python -m build`` (the wheel from the sdist)."""
    return built_once(tmp_path_factory, "dist", build_dist)


def make_venv(folder: Path, wheel: Path) -> Path:
    """A fresh virtual environment in ``folder`` with the wheel installed; the wheel's dependencies are this test
    run's (a .pth file puts its site-packages after the venv's own; nothing of Hubgen's source is on the path)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    site = Path(
        subprocess.run(
            [str(folder / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "test-run-libraries.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    install = [sys.executable, "-m", "pip", "--python", str(folder / "bin/python"), "install", "--quiet"]
    result = subprocess.run(
        [*install, "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="session")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment outside the repository with the built wheel installed (once per test run)."""
    wheel = next(dist.glob("hubgen-*.whl"))
    return built_once(tmp_path_factory, "venv", lambda folder: make_venv(folder / "venv", wheel))


def outside_env(venv: Path) -> dict[str, str]:
    """The environment of a staff member's shell: the venv's commands first, nothing of this repository's."""
    # Not the make that runs this suite (`make test`): its MAKEFLAGS would make the hub's make print directories.
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "HUBGEN_CLIENTS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def init_hub(venv: Path, folder: Path, env: dict[str, str]) -> Path:
    """``hubgen init DIR`` with flags, from the installed wheel; its .venv is the test's venv (``make setup`` would
    install Hubgen from requirements.txt's pin, a tag this test cannot reach)."""
    result = run([str(venv / "bin/hubgen"), "init", "hub", *FLAGS], cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    hub = folder / "hub"
    (hub / ".venv").symlink_to(venv, target_is_directory=True)
    (venv / ".installed").touch()  # newer than requirements.txt: `make setup` has nothing to do
    return hub


def test_the_version_is_written_once():
    assert __version__ == "0.2.0"
    assert 'dynamic = ["version"]' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog
    entry = changelog.split(f"## [{__version__}]", 1)[1].split("\n## [", 1)[0]
    assert "### What a hub must change" in entry, "each release says what a hub must change, if anything"


def test_hubgen_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"hubgen {__version__}"


def test_the_wheel_and_sdist_hold_everything_hubgen_reads(dist: Path):
    wheel = zipfile.ZipFile(next(dist.glob(f"hubgen-{__version__}-*.whl")))
    in_wheel = set(wheel.namelist())
    missing = sorted(packaged_files() - in_wheel)
    assert not missing, f"not in the wheel (add them to pyproject.toml's package-data): {missing}"
    assert not [n for n in in_wheel if n.startswith(("tests/", "content/", "programs/"))]
    metadata = wheel.read(f"hubgen-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in metadata
    assert "Provides-Extra: checks" in metadata and "Provides-Extra: pagefind" in metadata
    with tarfile.open(next(dist.glob(f"hubgen-{__version__}.tar.gz"))) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert not sorted(packaged_files() - in_sdist), "the sdist lacks files the wheel needs"
    assert "CHANGELOG.md" in in_sdist


def test_init_dir_makes_a_standalone_hub(tmp_path: Path, capsys):
    assert main(["init", str(tmp_path / "hub"), *FLAGS]) == 0
    hub = tmp_path / "hub"
    files = {p.relative_to(hub).as_posix() for p in hub.rglob("*") if p.is_file()}
    for name in ("mkdocs.yml", "requirements.txt", "Makefile", ".gitignore", "README.md"):
        assert name in files
    assert {".github/workflows/check.yml", ".github/workflows/publish.yml"} <= files
    assert {f".github/ISSUE_TEMPLATE/{n}.yml" for n in ("config", "share-project", "suggest-resource")} <= files
    # Nothing of Hubgen's: no Python, no tests, no theme/ (it would hold nothing).
    assert not [f for f in files if f.endswith(".py") or f.startswith(("hubgen/", "tests/", "theme/"))]
    assert "custom_dir" not in yaml.safe_load((hub / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    pin = (hub / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert pin == f"hubgen[checks] @ git+https://github.com/hubgen/hubgen@v{__version__}" == standalone.requirement()
    # The README speaks of this hub: its names and its program's folder, and where Hubgen's reference lives.
    readme = (hub / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Hub de Salud Comunitaria\n")
    assert "programs/promotoras-de-salud/2027-cohort/sessions/" in readme
    assert "`taller`, `seminario-web`" in readme and "America/Los_Angeles" in readme
    assert f"https://github.com/hubgen/hubgen/blob/v{__version__}/README.md" in readme
    assert "make serve" in readme and "make test" in readme and "riverbend" not in readme.lower()
    form = yaml.safe_load((hub / ".github/ISSUE_TEMPLATE/share-project.yml").read_text(encoding="utf-8"))
    assert next(i for i in form["body"] if i.get("id") == "program")["attributes"]["options"] == ["Promotoras de Salud"]
    config = yaml.safe_load((hub / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert [link["url"] for link in config["contact_links"]] == ["https://salud-comunitaria.github.io/hub/"]
    makefile = (hub / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "serve", "check", "build", "test"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert main(["check", "--strict", str(hub)]) == 0, capsys.readouterr().out


def test_init_dir_refuses_a_folder_with_files(tmp_path: Path, capsys):
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "hub"), *FLAGS]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "hub").iterdir()] == ["notes.txt"]
    zone = [f if f != "America/Los_Angeles" else "Pacific/Atlantis" for f in FLAGS]
    assert main(["init", str(tmp_path / "empty"), *zone]) == 1
    assert not (tmp_path / "empty").exists()  # a refused value writes nothing
    assert [p.name for p in tmp_path.iterdir()] == ["hub"]


def test_the_hub_workflows_pass_zizmor(tmp_path: Path):
    """The hub's check and publish workflows: least privilege, pinned actions, no persisted credentials."""
    from tests.test_workflows import _zizmor

    assert main(["init", str(tmp_path / "hub"), *FLAGS]) == 0
    workflows = tmp_path / "hub/.github/workflows"
    result = subprocess.run(
        [_zizmor(), "--offline", "--no-progress", "--format", "plain", str(workflows)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in workflows.iterdir()) == ["check.yml", "publish.yml", "update-hubgen.yml"]
    check = yaml.safe_load((workflows / "check.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in check["jobs"]["check"]["steps"]]
    assert "make test" in steps  # the hub's checks, not Hubgen's tests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_home(hub: Path, env: dict[str, str], log: Path) -> str:
    """``make serve`` (the README's first command) until the home page is served; its HTML."""
    address = f"127.0.0.1:{_free_port()}"
    with log.open("w") as output:
        server = subprocess.Popen(
            ["make", "serve", f"ADDR={address}"],
            cwd=hub,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert server.poll() is None, log.read_text(encoding="utf-8")
            try:
                with urllib.request.urlopen(f"http://{address}/", timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:
                time.sleep(0.5)  # polling a server that is still building: there is no event to wait on
        raise AssertionError("make serve served nothing in 240 s")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_built_wheel_makes_a_hub_whose_two_commands_work(venv: Path, tmp_path: Path):
    """In a fresh virtual environment outside this repository: the version, ``hubgen init DIR`` with flags, and in
    DIR ``make serve`` and ``make test`` — the hub's checks, only they, passing."""
    env = outside_env(venv)
    version = run([str(venv / "bin/hubgen"), "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"hubgen {__version__}"
    where = run([str(venv / "bin/python"), "-c", "import hubgen; print(hubgen.__file__)"], cwd=tmp_path, env=env)
    assert where.stdout.strip().startswith(str(venv)), where.stdout  # the wheel's Hubgen, not this repository's
    hub = init_hub(venv, tmp_path, env)
    assert not [p for p in hub.rglob("*.py") if ".venv" not in p.relative_to(hub).parts]
    assert "Hub de Salud Comunitaria" in serve_home(hub, env, tmp_path / "serve.log")
    result = run(["make", "test"], cwd=hub, env=env)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-3000:]
    assert_only_the_hub_checks_passed(result.stdout)


#: The hub's checks, as ``hubgen test`` runs them (hubgen/checks/test_hub.py).
HUB_CHECKS = {
    "test_the_content_passes_the_check",
    "test_the_site_builds_strictly_with_every_section",
    "test_nothing_private_is_in_the_site",
    "test_every_page_is_valid_html",
    "test_no_broken_internal_link_or_anchor",
    "test_the_key_pages_work_in_chromium",
}


def assert_only_the_hub_checks_passed(output: str) -> None:
    """Every one of the hub's checks ran and passed (none skipped), and nothing else ran."""
    ran = dict(re.findall(r"^test_hub\.py::(\w+) (\w+)", output, re.M))
    assert ran == dict.fromkeys(HUB_CHECKS, "PASSED"), output[-6000:]
    assert re.search(rf"\b{len(HUB_CHECKS)} passed\b", output.strip().splitlines()[-1]), output[-3000:]
    assert len(re.findall(r"::\w+ (?:PASSED|FAILED|SKIPPED|ERROR)", output)) == len(HUB_CHECKS), output[-6000:]


def test_hubgen_test_without_the_checks_extra_says_what_to_install(tmp_path: Path, monkeypatch, capsys):
    assert main(["init", str(tmp_path / "hub"), *FLAGS]) == 0
    real = checks.importlib.util.find_spec
    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name, *a: None if name == "pytest" else real(name))
    capsys.readouterr()
    assert main(["test", "--root", str(tmp_path / "hub")]) == 2
    assert "hubgen[checks]" in capsys.readouterr().err
    assert main(["test", "--root", str(tmp_path)]) == 2  # no hub there
    assert "no mkdocs.yml" in capsys.readouterr().err
