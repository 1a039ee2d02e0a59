"""The wheel a user installs: built from this tree, installed into a fresh venv, `vnnews demo` run from there.

Offline: the wheel is built without build isolation (hatchling comes with the test extra), and the
fresh venv borrows the dependencies already installed here through a path entry; vnnews itself,
its models and its data come only from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {"pipeline": "pipeline", "scrapers": "scrapers", "vnnews": "vnnews", "models": "vnnews_models"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _warnings(output: str) -> list[str]:
    # pip's own notes about this machine's index settings are not the project's doing.
    return [line for line in output.splitlines() if "warning" in line.lower() and "Location '" not in line]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the tracked source folders (the checkout stays clean)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    for folder in SHIPPED:
        shutil.copytree(ROOT / folder, src / folder, ignore=SKIP)
    dist = tmp_path_factory.mktemp("dist")
    build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)],
                 cwd=src)
    assert build.returncode == 0, build.stdout + build.stderr
    assert _warnings(build.stdout + build.stderr) == []
    wheels = list(dist.glob("vnnews-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_every_shipped_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for folder, installed_as in SHIPPED.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                relative = path.relative_to(ROOT / folder).as_posix()
                if f"{installed_as}/{relative}" not in names:
                    missing.append(f"{folder}/{relative}")
    assert missing == []
    assert not [n for n in names if n.split("/")[0] in {"tests", "benchmarks", "notebooks", "models"}]


def test_installed_wheel_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    install = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", str(wheel)],
                   cwd=tmp_path)
    assert install.returncode == 0, install.stdout + install.stderr
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=tmp_path).stdout.strip())
    # Dependencies from this environment, after the venv's own site-packages: vnnews is the wheel's.
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VNNEWS_MODELS", "VIRTUAL_ENV"}}

    where = _run([str(python), "-c", "import pipeline, scrapers, vnnews; from pipeline.resources import models_dir; "
                  "print(pipeline.__file__); print(scrapers.__file__); print(vnnews.__file__); print(models_dir())"],
                 cwd=tmp_path, env=env)
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert Path(line).is_relative_to(site), line

    out = tmp_path / "demo"
    demo = _run([str(env_dir / "bin" / "vnnews"), "demo", "--out", str(out)], cwd=tmp_path, env=env)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 8
    assert all(r["is_article"] and r["text"] and r["entities"] and r["dates"] for r in records)
    assert (out / "errors.jsonl").read_text("utf-8") == ""
