"""The take history: the store on SQLite and PostgreSQL, its migrations and refusals,
progress across takes, the CSV export, and the history, progress and analyze --agent
commands."""

from __future__ import annotations

import csv
import datetime as dt
import glob
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from voicecoach.cli import main
from voicecoach.errors import HistoryError
from voicecoach.history import migrate, open_history, progress
from voicecoach.history.engine import make_engine, resolve
from voicecoach.history.export import IDENTITY
from voicecoach.history.progress import direction, distance
from voicecoach.history.schema import report_sha256

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


# --- report dicts built by hand, in the shape of report_to_dict -------------------------

def finding(key: str, measured: float | None, verdict: str, *, unit: str = "wpm",
            band: tuple[float | None, float | None] | None = None, target: str = "",
            guideline: str | None = None, group: str = "pace", with_band: bool = True) -> dict:
    f = {"key": key, "guideline": guideline or key, "measured": measured, "unit": unit,
         "target": target, "verdict": verdict, "group": group}
    if with_band:
        f["band"] = None if band is None else {"lo": band[0], "hi": band[1]}
    return f


def report(findings: list[dict], *, score: int | None = 50, file: str = "take.wav",
           language: str = "en", next_steps: tuple[str, ...] = ()) -> dict:
    return {"schema_version": "1.6", "file": file, "status": "ok", "score": score,
            "language": {"code": language}, "findings": findings,
            "next_steps": list(next_steps)}


def rate(wpm: float, verdict: str, **kw) -> dict:
    return finding("pace.rate", wpm, verdict, band=(120.0, 150.0), target="120-150 wpm",
                   guideline="Speak at a calm pace", **kw)


def gap(n: int, gap_s: float, verdict: str) -> dict:
    return finding(f"questions.gap.{n}", gap_s, verdict, unit="s", band=(3.0, None),
                   target=">= 3 s", guideline="Wait after your question", group="questions")


def three_takes() -> list[dict]:
    """Three takes of one agent whose answers are worked out by hand in the tests."""
    greet = "content.greeting"
    return [
        report([rate(190.0, "needs work"), gap(2, 4.5, "on target"), gap(5, 1.0, "needs work"),
                finding(greet, 1.0, "on target", unit="step", group="content")],
               score=30, file="take1.wav", next_steps=("pace.rate", "questions.gap.5")),
        report([rate(160.0, "close"), gap(2, 3.2, "on target"), gap(4, 0.6, "not judged"),
                finding(greet, 0.0, "needs work", unit="step", group="content")],
               score=60, file="take2.wav", next_steps=("pace.rate",)),
        report([rate(140.0, "on target"), gap(1, 2.5, "close"), gap(3, 4.0, "on target"),
                finding(greet, 1.0, "on target", unit="step", group="content"),
                finding("pauses.per_min", None, "not judged", unit="per min",
                        group="pauses")],
               score=85, file="take3.wav"),
    ]


def fill(h, agent: str = "dana") -> list[int]:
    return [h.add_take(agent, r, analyzed_at=DAY1 + dt.timedelta(days=k))
            for k, r in enumerate(three_takes())]


# --- a private PostgreSQL server --------------------------------------------------------

def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """(host, port) of a PostgreSQL server started for these tests in a temporary folder,
    trust authentication, stopped at the end."""
    bindir = _pg_bin()
    if bindir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        reason = "PostgreSQL's initdb and pg_ctl not found (apt install postgresql)"
        if os.environ.get("VOICECOACH_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + ", and VOICECOACH_REQUIRE_POSTGRES=1")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="voicecoach-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust",
                    "-U", "postgres", "--no-sync"], check=True, capture_output=True)
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"
               " -c fsync=off")
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                    "-l", str(folder / "log"), "start"], check=True, capture_output=True)
    try:
        yield "127.0.0.1", port
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


_databases = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    """A new, empty history: a SQLite file, or a fresh database on the private server."""
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite")
    return request.getfixturevalue("pg_location")


@pytest.fixture
def pg_location(pg_server) -> str:
    """The URL of a fresh, empty database on the private PostgreSQL server."""
    import pg8000.native

    host, port = pg_server
    name = f"history_{next(_databases)}"
    admin = pg8000.native.Connection("postgres", host=host, port=port, database="postgres")
    admin.run(f"CREATE DATABASE {name}")
    admin.close()
    return f"postgresql://postgres@{host}:{port}/{name}"


# --- the store --------------------------------------------------------------------------

def test_add_list_and_delete_takes(location):
    with open_history(location) as h:
        ids = fill(h)
        other = h.add_take(" lee ", report([rate(150.0, "on target")], file="lee.wav"),
                           analyzed_at=DAY1 - dt.timedelta(days=3), audio=b"RIFF....")
        late = h.add_take("dana", report([rate(130.0, "on target")], file="early.wav"),
                          analyzed_at=DAY1 - dt.timedelta(hours=1))
        takes = h.takes("dana")
        assert [t.id for t in takes] == [late, *ids]  # oldest first, not in the order stored
        first = takes[1]
        assert (first.agent, first.file, first.score, first.language) == (
            "dana", "take1.wav", 30, "en")
        assert first.analyzed_at == DAY1 and first.analyzed_at.tzinfo is not None
        assert first.report == three_takes()[0] and not first.has_audio
        assert h.agents() == ["dana", "lee"] and h.take_counts() == {"dana": 4, "lee": 1}
        assert h.takes("lee")[0].has_audio and h.audio(other) == b"RIFF...."
        assert h.audio(ids[0]) is None
        assert h.delete_agent("dana") == 4
        assert h.takes("dana") == [] and h.agents() == ["lee"]
        assert h.delete_agent("nobody") == 0


def test_times_are_kept_in_utc(tmp_path):
    with open_history(tmp_path / "h.sqlite") as h:
        warsaw = dt.timezone(dt.timedelta(hours=2))
        h.add_take("dana", report([]), analyzed_at=dt.datetime(2026, 5, 1, 12, 0, tzinfo=warsaw))
        h.add_take("dana", report([]), analyzed_at=dt.datetime(2026, 5, 2, 12, 0))  # naive: UTC
        assert [t.analyzed_at for t in h.takes("dana")] == [
            dt.datetime(2026, 5, 1, 10, 0, tzinfo=UTC), dt.datetime(2026, 5, 2, 12, 0, tzinfo=UTC)]


def test_an_empty_agent_name_is_refused(tmp_path):
    with open_history(tmp_path / "h.sqlite") as h, pytest.raises(HistoryError, match="empty"):
        h.add_take("  ", report([]))


def test_export_csv_has_one_row_per_take_and_sorted_columns(location, tmp_path):
    out = tmp_path / "takes.csv"
    with open_history(location) as h:
        ids = fill(h)
        h.add_take("lee", report([rate(150.0, "on target")], file="lee.wav"), analyzed_at=DAY1)
        assert h.export_csv(out, "dana") == 3
    with open(out, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == [*IDENTITY, "content.greeting.measured", "content.greeting.verdict",
                        "pace.rate.measured", "pace.rate.verdict", "pauses.per_min.measured",
                        "pauses.per_min.verdict", "questions.gap.measured",
                        "questions.gap.verdict"]
    assert table[1] == ["dana", str(ids[0]), "2026-03-01T09:00:00+00:00", "take1.wav", "en", "30",
                        "1.0", "on target", "190.0", "needs work", "", "", "1.0", "needs work"]
    assert table[2][-2:] == ["3.2", "on target"]  # the not-judged 0.6 s gap is no value
    assert table[3][10:12] == ["", "not judged"] and len(table) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_of_everyone(tmp_path):
    with open_history(tmp_path / "h.sqlite") as h:
        fill(h)
        h.add_take("lee", report([rate(150.0, "on target")]), analyzed_at=DAY1)
        assert h.export_csv(tmp_path / "all.csv") == 4
    rows = list(csv.DictReader(open(tmp_path / "all.csv", encoding="utf-8-sig")))
    assert [r["agent"] for r in rows] == ["dana"] * 3 + ["lee"]
    assert rows[3]["questions.gap.verdict"] == ""


# --- progress ---------------------------------------------------------------------------

def test_progress_follows_each_measure_and_folds_the_question_gaps(location):
    with open_history(location) as h:
        ids = fill(h)
        prog = progress(h.takes("dana"))
    assert prog.n_takes == 3
    assert [s.key for s in prog.series] == ["pace.rate", "questions.gap", "content.greeting",
                                            "pauses.per_min"]
    pace = prog.get("pace.rate")
    assert [(p.take_id, p.value, p.verdict) for p in pace.points] == [
        (ids[0], 190.0, "needs work"), (ids[1], 160.0, "close"), (ids[2], 140.0, "on target")]
    assert pace.band == (120.0, 150.0) and pace.unit == "wpm"
    assert pace.points[2].analyzed_at == DAY1 + dt.timedelta(days=2)
    gaps = prog.get("questions.gap")
    # the shortest judged gap of each take, and the worst verdict of its gaps
    assert [(p.value, p.verdict) for p in gaps.points] == [
        (1.0, "needs work"), (3.2, "on target"), (2.5, "close")]
    assert gaps.band == (3.0, None) and gaps.label == "Wait after your question"
    greeting = prog.get("content.greeting")  # checklist steps: verdicts, no values
    assert [(p.value, p.verdict) for p in greeting.points] == [
        (None, "on target"), (None, "needs work"), (None, "on target")]
    assert greeting.values == []
    assert [(p.take_id, p.value) for p in prog.get("pauses.per_min").points] == [(ids[2], None)]


def test_progress_without_bands_draws_none():
    takes = [SimpleNamespace(id=k, analyzed_at=DAY1, report=report(
        [rate(v, "close", with_band=False)])) for k, v in enumerate((170.0, 160.0))]
    prog = progress(takes)
    assert prog.get("pace.rate").band is None and prog.get("pace.rate").values == [170.0, 160.0]


@pytest.mark.parametrize("previous, latest, band, expected", [
    (190.0, 160.0, (120.0, 150.0), "toward"),
    (160.0, 190.0, (120.0, 150.0), "away"),
    (100.0, 200.0, (120.0, 150.0), "away"),   # 20 below, then 50 above
    (160.0, 140.0, (120.0, 150.0), "on target"),
    (1.0, 2.0, (3.0, None), "toward"),
    (2.0, 2.0, (3.0, None), "same"),
    (5.0, 4.0, None, "down"),
])
def test_direction_toward_or_away_from_the_band(previous, latest, band, expected):
    assert direction(previous, latest, band) == expected


def test_distance_outside_the_band():
    assert distance(190.0, (120.0, 150.0)) == 40.0
    assert distance(100.0, (120.0, None)) == 20.0
    assert distance(130.0, (120.0, 150.0)) == 0.0


# --- two writers at once ----------------------------------------------------------------

def _write_takes(location: str, agent: str, n: int, barrier, meet_first: bool) -> None:
    """Store ``n`` takes of ``agent``; both writers start together (at the barrier) before
    opening the history when ``meet_first``, else just before writing."""
    if meet_first:
        barrier.wait(60)
    with open_history(location) as h:
        if not meet_first:
            barrier.wait(60)
        for k in range(n):
            h.add_take(agent, report([rate(120.0 + k, "on target")], file=f"{agent}{k}.wav"))


def _run_two_writers(location: str, n: int, *, meet_first: bool) -> list[int | None]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_write_takes, args=(location, agent, n, barrier, meet_first),
                         daemon=True) for agent in ("dana", "lee")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    for p in procs:
        if p.is_alive():
            p.terminate()
    return [p.exitcode for p in procs]


def test_two_processes_writing_at_once_lose_nothing(location):
    assert _run_two_writers(location, 50, meet_first=False) == [0, 0]
    with open_history(location) as h:
        assert h.take_counts() == {"dana": 50, "lee": 50}
        takes = h.takes("dana") + h.takes("lee")
    assert len({t.id for t in takes}) == 100
    assert sorted(t.file for t in takes[:50]) == sorted(f"dana{k}.wav" for k in range(50))


@pytest.mark.parametrize("trial", range(3))
def test_two_processes_creating_one_new_history_at_once(location, trial):
    assert _run_two_writers(location, 5, meet_first=True) == [0, 0]
    with open_history(location) as h:
        assert h.take_counts() == {"dana": 5, "lee": 5}


# --- migrations and refusals ------------------------------------------------------------

def test_a_history_of_the_first_schema_is_migrated_with_its_takes(location):
    loc = resolve(location)
    engine = make_engine(loc)
    migrate.upgrade(engine, loc, revision="0001")
    first = three_takes()[0]
    with engine.begin() as conn:
        assert "report_sha256" not in {c["name"] for c in sa.inspect(conn).get_columns("takes")}
        conn.execute(sa.text("INSERT INTO takes (agent, analyzed_at, file, language, score, "
                             "report) VALUES ('dana', :t, 'take1.wav', 'en', 30, :r)"),
                     {"t": DAY1.replace(tzinfo=None), "r": json.dumps(first)})
    engine.dispose()
    with open_history(location) as h:
        (take,) = h.takes("dana")
        assert (take.file, take.score, take.report, take.analyzed_at) == (
            "take1.wav", 30, first, DAY1)
    engine = make_engine(loc)
    with engine.connect() as conn:
        assert migrate.state(conn).revision == migrate.head() == "0002"
        digest = conn.execute(sa.text("SELECT report_sha256 FROM takes")).scalar_one()
        index = {i["name"] for i in sa.inspect(conn).get_indexes("takes")}
    engine.dispose()
    assert digest == report_sha256(first) and "ix_takes_agent_time" in index


def test_the_schema_versions_are_in_order():
    assert migrate.revisions() == ("0001", "0002")


def _make_newer(location: str) -> None:
    with open_history(location) as h:
        fill(h)
    engine = make_engine(resolve(location))
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '0099'"))
    engine.dispose()


def test_a_newer_schema_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "h.sqlite"
    _make_newer(str(path))
    before = path.read_bytes()
    with pytest.raises(HistoryError, match=r"schema version 0099, newer.*upgrade voicecoach"):
        open_history(path)
    assert path.read_bytes() == before


def test_a_newer_schema_on_postgresql_is_refused_and_not_touched(pg_location):
    location = pg_location
    _make_newer(location)
    with pytest.raises(HistoryError, match="newer than this voicecoach"):
        open_history(location)
    engine = make_engine(resolve(location))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM takes")).scalar_one() == 3
        assert migrate.state(conn).revision == "0099"
    engine.dispose()


@pytest.mark.parametrize("content", [
    os.urandom(4096),
    b"SQLite format 3\x00" + bytes(range(256)) * 16,  # the header, then garbage
    b"agent,take\r\ndana,1\r\n",
], ids=["random bytes", "damaged database", "a CSV file"])
def test_a_file_that_is_not_a_history_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "h.sqlite"
    path.write_bytes(content)
    with pytest.raises(HistoryError) as err:
        open_history(path)
    message = str(err.value)
    assert str(path) in message and "move it aside or pass --history elsewhere" in message
    assert "\n" not in message
    assert path.read_bytes() == content


def test_another_program_s_sqlite_database_is_refused_untouched(tmp_path):
    import sqlite3

    path = tmp_path / "notes.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="not a voicecoach history.*notes"):
        open_history(path)
    assert path.read_bytes() == before


def test_an_unreachable_postgresql_is_one_line():
    with pytest.raises(HistoryError) as err:
        open_history(f"postgresql://voicecoach:secret@127.0.0.1:{_free_port()}/history")
    message = str(err.value)
    assert "cannot reach PostgreSQL" in message and "\n" not in message
    assert "secret" not in message and "***" in message


def test_locations():
    assert resolve("postgresql://u:pw@db.example/team").url.startswith("postgresql+pg8000://")
    assert resolve("postgresql+pg8000://u:pw@db.example/team").shown == \
        "postgresql+pg8000://u:***@db.example/team"
    assert resolve("/x/h.sqlite").path == Path("/x/h.sqlite")
    assert resolve(None).path.name == "history.sqlite"
    with pytest.raises(HistoryError, match="not a file path or a postgresql"):
        resolve("mysql://u@h/db")


def test_a_folder_is_no_history_and_a_new_one_gets_its_folders(tmp_path):
    with pytest.raises(HistoryError, match=r"cannot write it \(unable to open database file\)"):
        open_history(tmp_path)
    with open_history(tmp_path / "deep" / "er" / "h.sqlite") as h:
        h.add_take("dana", report([]))
    assert (tmp_path / "deep" / "er" / "h.sqlite").is_file()


def test_a_history_under_a_file_cannot_be_created(tmp_path):
    (tmp_path / "plain").write_text("x")
    with pytest.raises(HistoryError, match="cannot create its folder"):
        open_history(tmp_path / "plain" / "h.sqlite")


# --- the commands -----------------------------------------------------------------------

@pytest.fixture
def stored(tmp_path) -> str:
    path = str(tmp_path / "h.sqlite")
    with open_history(path) as h:
        fill(h)
        h.add_take("lee", report([rate(150.0, "on target")], file="lee.wav"), analyzed_at=DAY1)
    return path


def test_history_lists_agents_and_takes(stored, capsys):
    assert main(["history", "--history", stored]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["agent  takes", "dana       3", "lee        1"]
    assert err.strip() == f"history: {stored}"
    assert main(["history", "dana", "--history", stored]) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "dana: 3 takes"
    assert lines[2].split() == ["1", "2026-03-01", "09:00", "30", "en", "take1.wav"]
    assert lines[3].strip() == "next: Speak at a calm pace; Wait after your question"
    assert lines[7].strip() == "next: nothing to change"


@pytest.mark.parametrize("command", ["history", "progress"])
def test_help_teaches_with_examples(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and f"voicecoach {command} dana" in out
    assert "postgresql://" in out and "history.sqlite" in out


def test_history_of_an_unknown_agent_is_exit_1(stored, capsys):
    assert main(["history", "nobody", "--history", stored]) == 1
    assert "no takes stored for 'nobody'" in capsys.readouterr().err


def test_history_export_and_delete(stored, tmp_path, capsys):
    out = tmp_path / "dana.csv"
    assert main(["history", "--export", str(out), "dana", "--history", stored]) == 0
    assert "wrote 3 takes" in capsys.readouterr().err
    assert [r["file"] for r in csv.DictReader(open(out, encoding="utf-8-sig"))] == [
        "take1.wav", "take2.wav", "take3.wav"]
    assert main(["history", "dana", "--delete", "--history", stored]) == 0
    assert capsys.readouterr().out.strip() == "deleted 3 takes of dana"
    with open_history(stored) as h:
        assert h.take_counts() == {"lee": 1}


def test_delete_needs_a_name(stored, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["history", "--delete", "--history", stored])
    assert exit_.value.code == 2 and "--delete needs a NAME" in capsys.readouterr().err


def test_progress_in_the_terminal_and_as_a_plot(stored, tmp_path, capsys):
    png = tmp_path / "dana.png"
    assert main(["progress", "dana", "--history", stored, "--plot", str(png)]) == 0
    out, err = capsys.readouterr()
    assert "190 ↓ 160 ↓ 140 wpm   (in the target band now; since the first take: in the band)" \
        in out
    assert "1.0 ↑ 3.2 ↓ 2.5 s   (further from the target than the take before; since the " \
        "first take: closer)" in out
    assert " ✓ content.greeting" in out and "What you said" in out
    assert f"history: {stored}" in err and f"wrote {png}" in err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_a_bad_history_is_one_line_and_exit_1(tmp_path, capsys):
    path = tmp_path / "h.sqlite"
    path.write_bytes(os.urandom(1000))
    assert main(["progress", "dana", "--history", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("voicecoach: history ") and "\n" not in err


def test_history_options_of_analyze_need_an_agent(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", "x.wav", "--keep-audio"])
    assert exit_.value.code == 2 and "need --agent NAME" in capsys.readouterr().err


@pytest.fixture
def fake_whisper(monkeypatch):
    from fake_transcribers import FakeTranscriber

    import voicecoach.transcript.whisper as whisper

    monkeypatch.setattr(whisper, "Transcriber", FakeTranscriber)


def test_analyze_with_an_agent_keeps_the_take(tmp_path, capsys, fake_whisper):
    path = tmp_path / "h.sqlite"
    sample = SAMPLES / "good_opening.flac"
    assert main(["analyze", str(sample), "--no-consonants", "--quiet", "--agent", "dana",
                 "--history", str(path), "--keep-audio"]) == 0
    out, err = capsys.readouterr()
    assert "Score:" in out
    assert f"good_opening.flac: saved as take 1 of dana in {path}" in err
    with open_history(path) as h:
        (take,) = h.takes("dana")
        assert take.file == str(sample) and take.report["status"] == "ok"
        assert take.score == take.report["score"] and take.report["findings"]
        assert h.audio(take.id) == sample.read_bytes()


def test_a_failing_history_write_leaves_the_report_and_exits_1(tmp_path, capsys, fake_whisper):
    path = tmp_path / "h.sqlite"
    path.write_bytes(os.urandom(2048))
    before = path.read_bytes()
    code = main(["analyze", str(SAMPLES / "good_opening.flac"), "--no-consonants", "--quiet",
                 "--agent", "dana", "--history", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and "Score:" in out
    (line,) = [x for x in err.splitlines() if "not saved" in x]
    assert line.startswith("voicecoach: good_opening.flac: take not saved to the history: ")
    assert "move it aside" in line and path.read_bytes() == before


def test_a_take_without_speech_is_not_kept(tmp_path):
    from voicecoach.cli_history import TakeSaver

    said: list[str] = []
    args = SimpleNamespace(agent="dana", history=str(tmp_path / "h.sqlite"), keep_audio=False,
                           report_language=None)
    saver = TakeSaver(args, said.append)
    saver.save(SimpleNamespace(status="no speech"), "silence.wav")
    assert said == ["voicecoach: silence.wav: not saved to the history (no speech; only takes "
                    "with speech are kept)"]
    assert not saver.failed and not (tmp_path / "h.sqlite").exists()


@pytest.mark.slow
def test_analyze_samples_into_the_history_and_see_progress(tmp_path, capsys):
    path = str(tmp_path / "h.sqlite")
    for name in ("rushed_opening", "good_opening"):
        assert main(["analyze", str(SAMPLES / f"{name}.flac"), "--quiet", "--agent", "dana",
                     "--history", path]) == 0
    out, err = capsys.readouterr()
    assert out.count("Score:") == 2 and "saved as take 2 of dana" in err
    with open_history(path) as h:
        takes = h.takes("dana")
    assert [Path(t.file).name for t in takes] == ["rushed_opening.flac", "good_opening.flac"]
    pace = progress(takes).get("pace.rate")
    assert pace.band == (120.0, 150.0)  # the band the findings carry (schema 1.6)
    rushed, good = pace.values
    assert rushed > 200 and 120 <= good <= 150
    assert [p.verdict for p in pace.points] == ["needs work", "on target"]
    gaps = progress(takes).get("questions.gap")
    assert gaps.points[0].verdict == "needs work" and gaps.points[1].verdict == "on target"
    assert main(["progress", "dana", "--history", path]) == 0
    out = capsys.readouterr().out
    line = out.splitlines()[out.splitlines().index(
        next(x for x in out.splitlines() if "Speak at a calm pace" in x)) + 1]
    assert line.strip().startswith(f"{rushed:.0f} ↓ {good:.0f} wpm   (in the target band now")
