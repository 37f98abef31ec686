"""The trainer's folder batch: tables, resuming, parallel workers, hangs and crashes, a
kill at any moment, and the same results on a Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import SAMPLES, build_timeline
from fake_transcribers import FakeTranscriber

from voicecoach import cli
from voicecoach.assess.targets import load_targets
from voicecoach.team.folder import NO_AGENT, agent_regex, find_recordings
from voicecoach.team.run import run_folder
from voicecoach.team.table import read_csv

SR = 16_000
SPEECH = [(0.5, 3.6), (4.1, 7.6), (8.1, 11.6)]
TESTS = Path(__file__).resolve().parent


def _write_take(path: Path, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    x = build_timeline(SPEECH, 13.0, np.random.default_rng(seed), noise_db=-65.0)
    sf.write(path, x, SR)


@pytest.fixture
def team(tmp_path) -> Path:
    """team/<agent>/...: two agents, two dates, one broken file, one non-audio file."""
    root = tmp_path / "team"
    for seed, rel in enumerate(["dana/2026-03-01 call.wav", "dana/2026-03-08 call.flac",
                                "lee/20260301_a.wav", "lee/sub/20260308_b.wav",
                                "kim/call.wav"]):
        _write_take(root / rel, seed)
    (root / "lee" / "broken.wav").write_bytes(b"RIFF\x00\x00garbage" * 50)
    (root / "lee" / "notes.txt").write_text("not a recording")
    (root / ".hidden").mkdir()
    _write_take(root / ".hidden" / "x.wav", 9)
    return root


def _run(root, out, **kw):
    kw.setdefault("transcriber_factory", FakeTranscriber)
    kw.setdefault("options", {"consonants": False})
    return run_folder(root, out, **kw)


def _rows(out: Path) -> list[dict[str, str]]:
    return read_csv(out / "results.csv")


# --- finding recordings -------------------------------------------------------------------

def test_recordings_agents_and_dates(team, tmp_path):
    recs = find_recordings(team, exclude=team / "out")
    assert [(r.rel, r.agent) for r in recs] == [
        ("dana/2026-03-01 call.wav", "dana"), ("dana/2026-03-08 call.flac", "dana"),
        ("kim/call.wav", "kim"), ("lee/20260301_a.wav", "lee"), ("lee/broken.wav", "lee"),
        ("lee/sub/20260308_b.wav", "lee")]
    assert [r.date for r in recs][:2] == ["2026-03-01", "2026-03-08"]
    assert recs[3].date == "2026-03-01" and recs[5].date == "2026-03-08"
    pattern = agent_regex(r"^(?P<agent>\d{8})_")
    by_name = {r.rel: r.agent for r in find_recordings(team, agent_pattern=pattern)}
    assert by_name["lee/20260301_a.wav"] == "20260301"
    assert by_name["kim/call.wav"] == NO_AGENT


def test_the_output_folder_inside_the_batch_folder_is_left_out(team):
    summary = _run(team, team / "review", workers=1)
    assert summary.n_found == 6
    again = find_recordings(team, exclude=team / "review")
    assert all(not r.rel.startswith("review/") for r in again)


# --- one run: tables, reports, page ------------------------------------------------------

def test_a_batch_writes_one_row_per_recording_and_the_failures(team, tmp_path):
    out = tmp_path / "review"
    summary = _run(team, out, workers=2)
    assert (summary.n_found, summary.n_analyzed, summary.n_failed, summary.n_skipped) == \
        (6, 5, 1, 0)
    assert not summary.ok
    rows = _rows(out)
    assert [(r["agent"], r["file"]) for r in rows] == [
        ("dana", "dana/2026-03-01 call.wav"), ("dana", "dana/2026-03-08 call.flac"),
        ("kim", "kim/call.wav"), ("lee", "lee/20260301_a.wav"),
        ("lee", "lee/sub/20260308_b.wav")]
    for row in rows:  # every row is its report JSON, rounded the same way
        report = json.loads((out / "reports" / (row["file"] + ".json")).read_text())
        assert report["file"] == str(team / row["file"])
        assert row["score"] == str(report["score"]) and report["score"] is not None
        assert float(row["pace.rate_wpm"]) == report["measures"]["pace"]["rate_wpm"]
        assert float(row["duration_s"]) == pytest.approx(13.0)
        verdicts = {f["key"]: f["verdict"] for f in report["findings"]}
        assert row["verdict.pace.rate"] == verdicts["pace.rate"]
    assert list(rows[0])[:7] == ["agent", "file", "date", "duration_s", "status", "language",
                                 "score"]
    failures = read_csv(out / "failures.csv")
    assert failures == [{"agent": "lee", "file": "lee/broken.wav", "date": failures[0]["date"],
                         "reason": f"{team / 'lee' / 'broken.wav'}: not a readable audio "
                                   "file (format not recognised)"}]
    assert (out / "results.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets
    page = (out / "team.html").read_text()
    for text in ("Who needs what", "Median per agent", "Trend across dates", "dana", "lee",
                 "kim", "lee/broken.wav", "not a readable audio file"):
        assert text in page
    assert page.count("data:image/png;base64,") >= 3  # distributions and the trend
    assert summary.peak_mb_per_worker and all(30 < mb < 2000
                                              for mb in summary.peak_mb_per_worker)


def test_one_and_two_workers_give_the_same_table(team, tmp_path):
    _run(team, tmp_path / "one", workers=1)
    _run(team, tmp_path / "two", workers=2)
    assert _rows(tmp_path / "one") == _rows(tmp_path / "two")


def test_a_worker_of_one_core_runs_on_one_thread_and_more_cores_add_the_consonants_thread():
    from voicecoach.team.worker import settings_for_cores

    assert [(s.cpu_threads, s.consonant_thread) for s in map(settings_for_cores, (1, 2, 4))
            ] == [(1, False), (1, True), (3, True)]


# --- resuming -------------------------------------------------------------------------------

def test_a_second_run_skips_everything_and_a_change_reanalyzes(team, tmp_path):
    out = tmp_path / "review"
    _run(team, out, workers=2)
    first = (out / "results.csv").read_text()
    stamps = {p: p.stat().st_mtime_ns for p in (out / "reports").rglob("*.json")}
    t0 = time.monotonic()
    again = _run(team, out, workers=2)
    assert time.monotonic() - t0 < 5.0
    assert (again.n_skipped, again.n_analyzed, again.n_failed) == (6, 0, 1)
    assert (out / "results.csv").read_text() == first
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps  # nothing rewritten
    _write_take(team / "kim" / "call.wav", 42)  # new content: only this one again
    changed = _run(team, out, workers=2)
    assert (changed.n_skipped, changed.n_analyzed) == (5, 1)
    assert len(_rows(out)) == 5
    strict = load_targets(None)
    import dataclasses

    strict = dataclasses.replace(strict, pace=dataclasses.replace(strict.pace,
                                                                   rate_wpm_min=130.0))
    other = _run(team, out, workers=2, targets=strict)  # other targets: all again
    assert (other.n_skipped, other.n_analyzed) == (0, 5)
    retried = _run(team, out, workers=2, targets=strict, retry_failed=True)
    assert (retried.n_skipped, retried.n_analyzed, retried.n_failed) == (5, 0, 1)


def test_a_hanging_file_and_a_crashing_file_fail_alone(team, tmp_path):
    _write_take(team / "lee" / "hang.wav", 7)
    _write_take(team / "lee" / "crash.wav", 8)
    out = tmp_path / "review"
    summary = _run(team, out, workers=2, time_limit_s=4.0)
    assert (summary.n_analyzed, summary.n_failed) == (5, 3)
    reasons = {f["file"]: f["reason"] for f in read_csv(out / "failures.csv")}
    assert reasons["lee/hang.wav"] == (f"{team / 'lee' / 'hang.wav'}: stopped after 4 s "
                                       "(the per-file time limit)")
    assert reasons["lee/crash.wav"] == (f"{team / 'lee' / 'crash.wav'}: the worker analyzing "
                                        "it died (SIGKILL)")
    assert len(_rows(out)) == 5


# --- a kill at a random moment -----------------------------------------------------------

_KILLED_RUN = """
import sys
sys.path[:0] = [{tests!r}]
from fake_transcribers import SlowFakeTranscriber
from voicecoach.team.run import run_folder
print("started", flush=True)
run_folder({root!r}, {out!r}, workers=2, transcriber_factory=SlowFakeTranscriber,
           options={{"consonants": False}}, page=False)
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_kill_at_a_random_moment_loses_and_duplicates_nothing(tmp_path, seed):
    import psutil

    root, out = tmp_path / "team", tmp_path / "review"
    files = [f"agent{k % 3}/take{k:02d}.wav" for k in range(20)]
    for k, rel in enumerate(files):
        _write_take(root / rel, k)
    script = _KILLED_RUN.format(tests=str(TESTS), root=str(root), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout.readline().strip() == b"started"
    deadline = time.monotonic() + 120  # workers start slowly on a loaded machine
    while not list((out / ".voicecoach").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(float(np.random.default_rng(seed).uniform(0.0, 1.2)))  # after the first
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)  # no chance to clean up
    proc.wait()
    psutil.wait_procs(workers, timeout=30)  # a busy worker ends its file, then sees it alone
    before = _rows(out) if (out / "results.csv").exists() else []
    assert len({r["file"] for r in before}) == len(before)  # no row twice
    assert all((out / "reports" / (r["file"] + ".json")).is_file() for r in before)
    recorded = len(list((out / ".voicecoach").glob("*.json"))) \
        if (out / ".voicecoach").is_dir() else 0
    assert 0 < recorded < len(files), "the kill should land mid-batch"
    resumed = _run(root, out, workers=2, page=False)
    assert (resumed.n_skipped, resumed.n_analyzed) == (recorded, len(files) - recorded)
    after = _rows(out)
    assert sorted(r["file"] for r in after) == sorted(files)
    clean = tmp_path / "clean"
    _run(root, clean, workers=2, page=False)
    assert after == _rows(clean)  # the same rows as a run never stopped


# --- the Python API -------------------------------------------------------------------------

def test_analyze_iter_yields_as_they_finish_and_analyze_many_keeps_order(team):
    from voicecoach import analyze_many
    from voicecoach.batch import Failure, analyze_iter

    paths = [str(p) for p in sorted(team.rglob("*.wav")) if ".hidden" not in str(p)]
    seen = list(analyze_iter(paths, workers=2, transcriber_factory=FakeTranscriber,
                             consonants=False))
    assert sorted(str(r.path) for r in seen) == sorted(paths)
    assert [type(r).__name__ for r in seen].count("Failure") == 1
    got = []
    result = analyze_many(paths, workers=2, on_result=got.append,
                          transcriber_factory=FakeTranscriber, consonants=False)
    assert [r.path for r in result.reports] == [p for p in paths if "broken" not in p]
    assert [f.path for f in result.failures] == [str(team / "lee" / "broken.wav")]
    assert isinstance(result.failures[0], Failure) and len(got) == len(paths)
    assert result.n_analyzed == len(paths) - 1
    assert sorted(r.score for r in result.reports) == sorted(r.score for r in seen
                                                          if not isinstance(r, Failure))


# --- the command line -------------------------------------------------------------------------

def test_cli_batch_usage_errors_are_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nowhere'}: not a folder" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--agent-pattern",
                  "(("])
    assert exc.value.code == 2
    assert "is not a regular expression" in capsys.readouterr().err


def test_cli_batch_unwritable_output_is_one_line(tmp_path, capsys):
    (tmp_path / "team").mkdir()
    (tmp_path / "file").write_text("x")
    code = cli.main(["batch", str(tmp_path / "team"), "--out", str(tmp_path / "file"), "-q"])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == \
        f"voicecoach: {tmp_path / 'file'}: output folder is an existing file"


def test_cli_batch_help_shows_examples(capsys):
    with pytest.raises(SystemExit):
        cli.main(["batch", "--help"])
    out = capsys.readouterr().out
    assert "--workers N" in out and "--dask-scheduler ADDRESS" in out
    assert "voicecoach batch team/ --out review/" in out


@pytest.mark.slow
def test_cli_batch_on_the_bundled_samples_with_the_real_model(tmp_path, capsys):
    import shutil

    root = tmp_path / "team"
    for agent, names in {"dana": ["good_opening", "rushed_opening"],
                         "lee": ["high_monotone", "clipped_consonants"]}.items():
        (root / agent).mkdir(parents=True)
        for name in names:
            shutil.copy(SAMPLES / f"{name}.flac", root / agent / f"{name}.flac")
    (root / "lee" / "truncated.wav").write_bytes((SAMPLES / "good_opening.flac").read_bytes()
                                                 [:400])
    (root / "lee" / "empty.wav").write_bytes(b"")
    out = tmp_path / "review"
    argv = ["batch", str(root), "--out", str(out), "--workers", "2", "--no-consonants", "-q"]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "6 recordings: 4 analyzed, 0 skipped (done before), 2 failed" in err
    rows = {r["file"]: r for r in _rows(out)}
    assert set(rows) == {"dana/good_opening.flac", "dana/rushed_opening.flac",
                         "lee/high_monotone.flac", "lee/clipped_consonants.flac"}
    assert int(rows["dana/good_opening.flac"]["score"]) >= 90
    assert int(rows["dana/rushed_opening.flac"]["score"]) < 50
    assert 200 < float(rows["dana/rushed_opening.flac"]["pace.rate_wpm"]) < 250
    assert rows["dana/rushed_opening.flac"]["verdict.questions.gap"] == "needs work"
    assert {f["file"] for f in read_csv(out / "failures.csv")} == {"lee/truncated.wav",
                                                                   "lee/empty.wav"}
    t0 = time.monotonic()
    assert cli.main(argv) == 1
    assert time.monotonic() - t0 < 5.0
    assert "6 recordings: 0 analyzed, 6 skipped (done before), 2 failed" in \
        capsys.readouterr().err


# --- a Dask cluster ---------------------------------------------------------------------------

@pytest.mark.slow
def test_a_dask_cluster_gives_the_local_run_s_results(team, tmp_path):
    from dask.distributed import LocalCluster

    local, remote = tmp_path / "local", tmp_path / "dask"
    _run(team, local, workers=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, env={"OMP_NUM_THREADS": "1"}) as cluster:
        summary = _run(team, remote, dask_scheduler=cluster.scheduler_address)
    assert (summary.n_found, summary.n_analyzed, summary.n_failed) == (6, 5, 1)
    assert _rows(remote) == _rows(local) and len(_rows(remote)) == 5
    assert read_csv(remote / "failures.csv") == read_csv(local / "failures.csv")
    names = sorted(p.relative_to(local).as_posix() for p in (local / "reports").rglob("*.json"))
    assert names == sorted(p.relative_to(remote).as_posix()
                           for p in (remote / "reports").rglob("*.json"))
    for name in names:
        assert json.loads((remote / name).read_text()) == json.loads((local / name).read_text())
    again = _run(team, remote, dask_scheduler="tcp://127.0.0.1:1")  # all done: no cluster needed
    assert again.n_skipped == 6


def test_an_unreachable_dask_scheduler_is_one_line(team, tmp_path, capsys):
    code = cli.main(["batch", str(team), "--out", str(tmp_path / "o"), "-q",
                     "--dask-scheduler", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1
    assert err.startswith("voicecoach: --dask-scheduler tcp://127.0.0.1:1: cannot reach the "
                          "scheduler")


# --- the team page ----------------------------------------------------------------------------

def _row(agent, date, score, rate_wpm, pace_verdict, gap_verdict):
    return {"agent": agent, "file": f"{agent}/{date}.wav", "date": date, "score": score,
            "pace.rate_wpm": rate_wpm, "verdict.pace.rate": pace_verdict,
            "verdict.questions.gap": gap_verdict}


def test_the_team_page_puts_the_agent_with_most_needs_first():
    from voicecoach.report.team import agent_needs, render_team

    rows = [_row("ann", "2026-03-01", 90, 140.0, "on target", "on target"),
            _row("ann", "2026-03-08", 80, 150.0, "on target", "needs work"),
            _row("bob", "2026-03-01", 40, 210.0, "needs work", "needs work"),
            _row("bob", "2026-03-08", 50, 190.0, "needs work", "close")]
    assert agent_needs(rows[2:], "pace") == (2, 2)
    assert agent_needs(rows[:2], "questions") == (1, 2)
    page = render_team(rows, [{"agent": "bob", "file": "bob/x.wav", "reason": "broken"}],
                       targets=load_targets(None))
    who = page[page.index("Who needs what"):page.index("Median per agent")]
    assert who.index("bob") < who.index("ann")
    assert "Pace, Wait after questions" in who  # bob: pace in 2 of 2, questions in 1 of 2
    medians = page[page.index("Median per agent"):page.index("Share of takes on target")]
    assert "145 &#10003;" in medians and "200 &#10007;" in medians  # 120-150 wpm
    assert "120-150" in medians
    shares = page[page.index("Share of takes on target"):page.index("Trend across dates")]
    assert "50 %" in shares and "0 %" in shares
    assert "2026-03-08" in page and page.count("data:image/png;base64,") == 2  # trend, rate
    assert "bob/x.wav" in page and "broken" in page


def test_an_unloadable_model_stops_the_batch_with_one_line(team, tmp_path, capsys):
    code = cli.main(["batch", str(team), "--out", str(tmp_path / "o"), "-q", "--model",
                     str(tmp_path / "no-model")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and err == f"voicecoach: {tmp_path / 'no-model'}: model folder not found"
