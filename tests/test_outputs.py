"""Atomic output writes: an interrupted or failed write never leaves half a file, and an
existing output is never truncated."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from voicecoach import outputs
from voicecoach.errors import VoicecoachError
from voicecoach.outputs import output_stems, prepare_output, write_atomic

OLD = "the previous report\n" * 100


def leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def test_writes_text_and_bytes_and_leaves_nothing_else(tmp_path):
    write_atomic(tmp_path / "r.txt", "héllo\n")
    write_atomic(tmp_path / "r.bin", b"\x00\x01")
    assert (tmp_path / "r.txt").read_text("utf-8") == "héllo\n"
    assert (tmp_path / "r.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.bin", "r.txt"]


def test_new_file_gets_normal_permissions_and_a_replaced_file_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        old = tmp_path / "old.txt"
        old.write_text(OLD)
        old.chmod(0o600)
        write_atomic(old, "y")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
    assert old.stat().st_mode & 0o777 == 0o600 and old.read_text() == "y"


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_disk_full_mid_write_keeps_the_old_file(tmp_path, monkeypatch, where):
    target = tmp_path / "report.txt"
    target.write_text(OLD)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        big = "x" * 10_000_000
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self.fh.__exit__(*exc)

            def write(self, data):
                self.fh.write(data[: len(data) // 2])  # half the bytes reach the disk
                disk_full()

        monkeypatch.setattr(outputs.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    else:
        big = "new report\n"
        monkeypatch.setattr(outputs.os, where, disk_full)
    with pytest.raises(VoicecoachError) as info:
        write_atomic(target, big)
    assert str(info.value) == f"{target}: cannot write output (no space left on device)"
    assert target.read_text() == OLD
    assert leftovers(tmp_path, "report.txt") == []


def test_interrupt_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text(OLD)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "{}")
    assert target.read_text() == OLD
    assert leftovers(tmp_path, "report.json") == []


def test_process_killed_mid_write_never_truncates_the_output(tmp_path):
    """A real process, killed with SIGKILL while it writes 20 MB: the output is still the
    old report (no cleanup can run; at most a hidden temporary file is left)."""
    target = tmp_path / "report.txt"
    target.write_text(OLD)
    script = textwrap.dedent(f"""
        import os, sys, time
        from voicecoach import outputs
        real_fsync = os.fsync
        def slow_fsync(fd):
            print("writing", flush=True)
            time.sleep(60)
        outputs.os.fsync = slow_fsync
        outputs.write_atomic({str(target)!r}, "new content\\n" * 2_000_000)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == OLD
    assert all(name.startswith(".report.txt.") and name.endswith(".tmp")
               for name in leftovers(tmp_path, "report.txt"))


def test_writing_onto_a_folder_is_refused(tmp_path):
    with pytest.raises(VoicecoachError, match="it is a folder"):
        write_atomic(tmp_path, "x")


# --- checking the output location before any work ----------------------------------------

def test_prepare_output_creates_a_missing_folder(tmp_path):
    where = prepare_output(tmp_path / "a" / "b", folder=True)
    assert where.is_dir() and list(where.iterdir()) == []


def test_prepare_output_refuses_a_file_as_folder(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(VoicecoachError, match="output folder is an existing file"):
        prepare_output(tmp_path / "f", folder=True)


def test_prepare_output_needs_the_parent_folder_of_a_file(tmp_path):
    with pytest.raises(VoicecoachError, match="does not exist"):
        prepare_output(tmp_path / "nope" / "r.txt", folder=False)


def unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root can write into a mode-0500 folder; sysfs refuses even root
        if not Path("/sys").is_dir():
            pytest.skip("needs a non-root user or Linux sysfs")
        return Path("/sys")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return locked


def test_prepare_output_refuses_an_unwritable_folder(tmp_path):
    folder = unwritable_folder(tmp_path)
    with pytest.raises(VoicecoachError) as info:
        prepare_output(folder / "r.txt", folder=False)
    assert str(info.value) == f"{folder / 'r.txt'}: cannot write output (permission denied)"


# --- output names ----------------------------------------------------------------------------

def test_output_stems_keep_the_file_name_when_it_is_unique():
    assert output_stems(["calls/monday.wav", "tuesday.flac"]) == {
        "calls/monday.wav": "monday", "tuesday.flac": "tuesday"}


def test_output_stems_suffix_later_clashes_in_the_order_given():
    assert output_stems(["a/call.wav", "b/call.wav", "call.flac"]) == {
        "a/call.wav": "call", "b/call.wav": "call-2", "call.flac": "call-3"}
    assert output_stems(["call.flac", "b/call.wav", "a/call.wav"]) == {
        "call.flac": "call", "b/call.wav": "call-2", "a/call.wav": "call-3"}


def test_output_stems_never_take_another_input_s_own_name():
    names = output_stems(["a/call.wav", "b/call.wav", "call-2.wav", "call-3.mp3"])
    assert names == {"a/call.wav": "call", "b/call.wav": "call-4", "call-2.wav": "call-2",
                     "call-3.mp3": "call-3"}


def test_output_stems_differ_ignoring_case_and_repeat_for_the_same_path():
    names = output_stems(["a/Call.wav", "b/call.WAV", "./a/Call.wav", "a/Call.wav"])
    assert names == {"a/Call.wav": "Call", "b/call.WAV": "call-2"}
    assert len({n.casefold() for n in names.values()}) == len(names)


def test_output_stems_are_unique_for_any_batch():
    import itertools

    stems = ["x", "x-2", "X", "x-3"]
    for combo in itertools.product(stems, repeat=4):
        paths = [f"d{i}/{s}.{ext}" for i, (s, ext) in enumerate(zip(combo, "abab"))]
        names = output_stems(paths)
        assert len({n.casefold() for n in names.values()}) == len(paths)
        assert output_stems(paths) == names
