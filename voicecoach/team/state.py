"""What a batch has already done, so that a second run skips it.

A recording is done when ``OUTDIR/.voicecoach/<key>.json`` exists, where the key hashes
the file's bytes with everything that decides its result: the targets, the model and its
version, the analysis options, and voicecoach's version. Each record is written atomically
after the recording's report, so a run stopped at any moment (Ctrl-C, a killed process)
leaves every recording either recorded or not, never half.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from voicecoach.outputs import write_atomic

__all__ = ["STATE_DIR", "Record", "settings_fingerprint", "model_version", "recording_key",
           "load_record", "save_record"]

STATE_DIR = ".voicecoach"


@dataclass(frozen=True)
class Record:
    """One recording's outcome: ``fields`` (its columns) when analyzed, else ``reason``."""

    key: str
    ok: bool
    fields: dict[str, object]
    reason: str = ""
    json_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "ok": self.ok, "fields": self.fields, "reason": self.reason,
                "json_name": self.json_name}


def model_version(model: str | os.PathLike | None) -> str:
    """The model's name with what identifies its weights (the folder's ``config.json``
    hash and ``model.bin`` size) and the decoder's versions."""
    from voicecoach.transcript.whisper import model_name, resolve_model

    parts = [model_name(model)]
    try:
        folder = Path(resolve_model(model))
    except Exception as exc:  # noqa: BLE001 - the model load reports it, with the fix
        return f"{parts[0]} (unresolved: {exc})"
    if folder.is_dir():
        config = folder / "config.json"
        if config.is_file():
            parts.append(hashlib.sha256(config.read_bytes()).hexdigest()[:16])
        weights = folder / "model.bin"
        if weights.is_file():
            parts.append(str(weights.stat().st_size))
    for package in ("faster-whisper", "ctranslate2"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return "; ".join(parts)


def settings_fingerprint(*, targets, model: str | None, options: dict[str, Any]) -> str:
    """SHA-256 (hex) of what decides a recording's result besides its bytes."""
    from voicecoach import __version__
    from voicecoach.result import SCHEMA_VERSION

    text = json.dumps({"voicecoach": __version__, "schema": SCHEMA_VERSION,
                       "targets": repr(targets), "model": model_version(model),
                       "options": {k: repr(v) for k, v in sorted(options.items())}},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def recording_key(content_sha256: str, fingerprint: str) -> str:
    """The key of one recording under one set of settings (hex, 32 characters)."""
    return hashlib.sha256(f"{content_sha256}:{fingerprint}".encode()).hexdigest()[:32]


def load_record(out: str | os.PathLike, key: str) -> Record | None:
    """The record of ``key`` in the output folder, or None (missing or unreadable)."""
    path = Path(out) / STATE_DIR / f"{key}.json"
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return Record(d["key"], bool(d["ok"]), dict(d["fields"]), d.get("reason", ""),
                      d.get("json_name", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_record(out: str | os.PathLike, record: Record) -> None:
    """Write ``record`` atomically (after the recording's report JSON is in place)."""
    folder = Path(out) / STATE_DIR
    folder.mkdir(exist_ok=True)
    write_atomic(folder / f"{record.key}.json", json.dumps(record.to_dict()))
