"""The command line as a user runs it."""

import json
import subprocess
import sys

import pytest
from conftest import SAMPLES

from voicecoach.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voicecoach.cli", *args],
                          capture_output=True, text=True, timeout=600)


def test_help_teaches(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--json", "--model", "--targets", "--channel", "--baseline", "examples:"):
        assert flag in out


def test_help_says_how_outputs_are_named(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    out = capsys.readouterr().out
    assert "output names:" in out and "call-2" in out and "in the order given" in out


def test_targets_prints_the_defaults(capsys):
    assert main(["targets"]) == 0
    out = capsys.readouterr().out
    assert "rate_wpm_min = 120.0" in out and "[questions]" in out


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_bad_targets_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "t.toml"
    bad.write_text("[pace]\nspeed = 1\n")
    assert main(["analyze", str(SAMPLES / "good_opening.flac"), "--targets", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown key 'speed'" in err[0]


@pytest.mark.parametrize("name", ["large-v9", "base.en", "Systran/faster-whisper-small.en"])
def test_missing_model_says_how_to_fix(capsys, name):
    assert main(["analyze", str(SAMPLES / "good_opening.flac"), "--model", name]) == 1
    err = capsys.readouterr().err.strip()
    assert f"'{name}' is not a model folder here and is not available offline" in err
    assert "--model PATH" in err and "\n" not in err


def test_missing_model_folder_is_named(capsys, tmp_path):
    missing = tmp_path / "no-such-model"
    assert main(["analyze", str(SAMPLES / "good_opening.flac"), "--model", str(missing)]) == 1
    assert f"{missing}: model folder not found" in capsys.readouterr().err


@pytest.mark.slow
def test_json_report_on_a_sample(tmp_path):
    out = tmp_path / "report.json"
    proc = run("analyze", str(SAMPLES / "good_opening.flac"), "--json", "--out", str(out),
               "--no-consonants")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["schema_version"] == "1.6" and data["status"] == "ok"
    assert data["audio"]["telephone_band"] is False
    assert 0 <= data["score"] <= 100
    keys = {f["key"] for f in data["findings"]}
    assert {"pace.rate", "pauses.per_min", "pitch.variation"} <= keys
    assert data["measures"]["pace"]["rate_wpm"] > 0
    assert len(data["transcript"]["words"]) > 40


@pytest.mark.slow
def test_report_card_reads_score_first():
    proc = run("analyze", str(SAMPLES / "rushed_opening.flac"), "--no-consonants")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("voicecoach report card: rushed_opening.flac")
    assert lines[2].startswith("Score: ")
    assert "Next take:" in proc.stdout and "Speak at a calm pace" in proc.stdout


def test_unknown_channel_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", str(SAMPLES / "good_opening.flac"), "--channel", "center"])
    assert exit_info.value.code == 2
    assert "'center' is not mix, left, right or a channel number" in capsys.readouterr().err


def test_bad_baseline_fails_once_before_any_take(capsys, tmp_path):
    takes = [str(SAMPLES / "good_opening.flac"), str(SAMPLES / "rushed_opening.flac")]
    assert main(["analyze", *takes, "--baseline", str(tmp_path / "nope.wav")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"voicecoach: --baseline {tmp_path / 'nope.wav'}: file not found"]


@pytest.mark.slow
def test_several_json_reports_on_stdout_are_json_lines_and_out_with_slash_is_a_folder(tmp_path):
    takes = [str(SAMPLES / "good_opening.flac"), str(SAMPLES / "rushed_opening.flac")]
    proc = run("analyze", *takes, "--json", "--no-consonants", "-q")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["file"] for r in rows] == takes
    folder = tmp_path / "reports"
    proc = run("analyze", takes[0], "--json", "--no-consonants", "-q", "--out", f"{folder}/")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((folder / "good_opening.json").read_text())["status"] == "ok"
