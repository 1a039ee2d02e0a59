"""notebooks/explore.ipynb runs offline, start to finish, and draws its figures."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MPLBACKEND", "Agg")  # no display needed; the kernel inherits the variable from this process
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}}).execute()
    return notebook


def outputs(notebook):
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def test_notebook_runs_without_error(executed):
    assert not [o for o in outputs(executed) if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs(executed) if o.output_type == "stream")
    assert "matplotlib backend: agg" in text.lower()


def test_notebook_draws_its_three_figures(executed):
    pngs = [base64.b64decode(o["data"]["image/png"]) for o in outputs(executed) if "image/png" in o.get("data", {})]
    assert len(pngs) == 3  # top entities, facts per unit, timeline
    for png in pngs:
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_notebook_tables_show_real_results(executed):
    html = "".join(o["data"].get("text/html", "") for o in outputs(executed) if o.output_type == "execute_result")
    assert "Nguyễn Hồng Trang" in html  # top entities table
    assert "tusta.org.vn" in html  # the store search for "nguyen van phat" finds the seed page
