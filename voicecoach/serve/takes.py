"""One practice take, end to end, as the worker runs it: analyze the recording, keep it
in the history, and compare it with the agent's previous take (and the trainer's, when
given). Only the public API: :func:`voicecoach.analyze`, :mod:`voicecoach.history`,
:mod:`voicecoach.compare` and the report renderers."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import AudioError, VoicecoachError

__all__ = ["TakeRequest", "Reference", "TakeRunner", "audio_type", "shown_error"]

_BODY = re.compile(r"<body>(.*)</body>", re.S)
_MAGIC = ((b"RIFF", "audio/wav"), (b"fLaC", "audio/flac"), (b"OggS", "audio/ogg"),
          (b"\x1a\x45\xdf\xa3", "audio/webm"), (b"ID3", "audio/mpeg"),
          (b"\xff\xfb", "audio/mpeg"), (b"\xff\xf3", "audio/mpeg"))


def audio_type(head: bytes) -> str:
    """The media type of a recording from its first bytes (for playback)."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    return "application/octet-stream"


def shown_error(exc: Exception, path: Path, filename: str) -> str:
    """``exc``'s one line with the server's file name replaced by the browser's."""
    return str(exc).replace(str(path), filename or "the recording")


def _named(report, filename: str):
    """``report`` with the browser's file name in place of the server's: the JSON, the
    history and the timeline's title name the take as the agent knows it."""
    name = filename or "recording"
    return dataclasses.replace(report, path=name, audio=dataclasses.replace(report.audio,
                                                                            path=name))


@dataclass(frozen=True)
class Reference:
    """The trainer's take: an uploaded recording (``path``, ``filename``) or a stored take
    (``take_id``)."""

    path: Path | None = None
    filename: str = ""
    take_id: int | None = None


@dataclass(frozen=True)
class TakeRequest:
    """What the page sent for one take."""

    agent: str
    path: Path
    filename: str
    customer_name: str | None = None
    reference: Reference | None = None


class TakeRunner:
    """Runs takes against one history (shared with the worker thread and the requests).

    Parameters
    ----------
    history : History
        The open take history.
    targets : Targets, optional
    lang : str, optional
        The report language (default each take's heard language where translated).
    """

    def __init__(self, history, *, targets=None, lang: str | None = None) -> None:
        self.history, self.targets, self.lang = history, targets, lang
        self._references: OrderedDict[str, dict] = OrderedDict()  # by the file's SHA-256
        self._lock = threading.Lock()

    def run(self, req: TakeRequest, transcriber, progress) -> dict:
        """Analyze, store and compare one take; returns the job's result.

        Raises
        ------
        VoicecoachError
            One line: the take holds no speech, cannot be read, the history failed.
        """
        from voicecoach import analyze
        from voicecoach.result import report_to_dict
        from voicecoach.serve.card import card

        try:
            report = analyze(req.path, targets=self.targets, transcriber=transcriber,
                             progress=progress, customer_name=req.customer_name)
        except VoicecoachError as exc:
            raise AudioError(shown_error(exc, req.path, req.filename)) from exc
        if report.status != "ok":
            raise AudioError(f"{req.filename}: {report.message}")
        report = _named(report, req.filename)
        data = report_to_dict(report, lang=self.lang)
        previous = self._previous(req.agent)
        reference = self._reference(req.reference, transcriber)
        take_id = self.history.add_take(req.agent, data, audio=req.path.read_bytes())
        return {"take_id": take_id, "agent": req.agent, "file": req.filename,
                "report": data, "card": card(report, data, lang=self.lang),
                "previous_take_id": None if previous is None else previous.id,
                "comparison": self._compare(previous, data, reference)}

    def _previous(self, agent: str):
        """The agent's latest stored take with speech, or None."""
        takes = [t for t in self.history.takes(agent) if t.report.get("status") == "ok"]
        return takes[-1] if takes else None

    def _reference(self, ref: Reference | None, transcriber) -> dict | None:
        if ref is None:
            return None
        if ref.take_id is not None:
            return self.take(ref.take_id).report
        digest = hashlib.sha256(ref.path.read_bytes()).hexdigest()
        with self._lock:
            if digest in self._references:
                return self._references[digest]
        from voicecoach import analyze
        from voicecoach.result import report_to_dict

        try:
            report = analyze(ref.path, targets=self.targets, transcriber=transcriber)
        except VoicecoachError as exc:
            raise AudioError("the trainer's take: " + shown_error(exc, ref.path, ref.filename)) \
                from exc
        if report.status != "ok":
            raise AudioError(f"the trainer's take {ref.filename}: {report.message}")
        data = report_to_dict(_named(report, ref.filename), lang=self.lang)
        with self._lock:
            self._references[digest] = data
            while len(self._references) > 8:
                self._references.popitem(last=False)
        return data

    def _compare(self, previous, data: dict, reference: dict | None) -> dict | None:
        """This take against the previous one and the trainer's: JSON and HTML, or why
        they cannot be compared; None with neither."""
        if previous is None and reference is None:
            return None
        from voicecoach.compare import CompareError, compare
        from voicecoach.report.compare_html import render_comparison_page

        takes = ([previous.report] if previous is not None else []) + [data]
        try:
            c = compare(takes, reference=reference, lang=self.lang)
        except CompareError as exc:
            return {"error": str(exc), "json": None, "html": ""}
        body = _BODY.search(render_comparison_page(c))
        return {"error": None, "json": c.to_dict(), "html": body.group(1) if body else ""}

    def take(self, take_id: int):
        """The stored take ``take_id``.

        Raises
        ------
        KeyError
            When the history holds no such take.
        """
        for agent in self.history.agents():
            for t in self.history.takes(agent):
                if t.id == take_id:
                    return t
        raise KeyError(take_id)
