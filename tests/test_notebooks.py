"""Every notebook runs top to bottom against the real package."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
# What each notebook must print: the coaching session's report card of the rushed sample
# (which has things to change); the team review's batch summary, its medians per agent
# and who to coach on what.
EXPECTED = {
    "coaching_session.ipynb": ("Score: ", "1. ", "toward the target",
                               "Against the trainer's take (trainer_reference.flac)",
                               "Progress of dana: 3 takes"),
    "team_review.ipynb": ("5 recordings: 4 analyzed, 0 skipped, 1 failed", "pace.rate_wpm",
                          "dana: coach first on", "lee/broken.wav"),
}


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found: the glob below would test nothing"
    assert sorted(p.name for p in NOTEBOOKS) == sorted(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    for expected in EXPECTED[path.name]:
        assert expected in text
    assert any("image/png" in o.get("data", {}) for o in outputs)
