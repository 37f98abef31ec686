"""One recording end to end: audio -> transcript -> measures -> assessment -> Report."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from voicecoach.assess.assess import Assessment, assess
from voicecoach.assess.targets import Targets, load_targets
from voicecoach.audio import Audio, load
from voicecoach.measures import Measures
from voicecoach.measures.activity import Activity, detect
from voicecoach.measures.intervals import Interval
from voicecoach.measures.pace import measure_pace
from voicecoach.measures.pauses import measure_pauses
from voicecoach.measures.pitch import F0Track, measure_pitch, track_f0
from voicecoach.measures.questions import measure_questions
from voicecoach.transcript import Transcript
from voicecoach.transcript.language import check_english

__all__ = ["Report", "analyze", "analyze_audio", "recording_median_f0_hz", "Progress"]

Progress = Callable[[str, float], None]
"""Progress hook: called with a stage name and the fraction of the whole job done (0..1)."""


def _no_progress(stage: str, fraction: float) -> None:
    return None


@dataclass(frozen=True)
class Report:
    """The result of analyzing one recording.

    ``status`` is "ok", "no speech" when nothing was said, or "not English" when the
    speech is another language (then ``measures`` and ``assessment`` are None and
    ``message`` says why).
    """

    path: str
    audio: Audio
    transcript: Transcript
    measures: Measures | None
    assessment: Assessment | None
    model: str
    status: str = "ok"
    message: str = ""
    warnings: tuple[str, ...] = field(default=())
    activity: Activity | None = field(default=None, repr=False)
    f0_track: F0Track | None = field(default=None, repr=False)

    @property
    def duration_s(self) -> float:
        return self.audio.duration_s

    @property
    def score(self) -> int | None:
        return None if self.assessment is None else self.assessment.score

    def to_dict(self) -> dict:
        from voicecoach.report.json import report_to_dict

        return report_to_dict(self)


def analyze(
    path: str | os.PathLike,
    *,
    targets: Targets | None = None,
    model: str | os.PathLike | None = None,
    channel: str | int = "mix",
    baseline: str | os.PathLike | None = None,
    consonants: bool = True,
    transcriber=None,
    progress: Progress | None = None,
) -> Report:
    """Analyze one recording against the coaching targets.

    Parameters
    ----------
    path : path-like
        The recording (WAV, FLAC, OGG, MP3, M4A, ...).
    targets : Targets, optional
        Coaching targets; default the built-in ones (:func:`load_targets`).
    model : str or path, optional
        Whisper model folder or name; default the bundled tiny.en.
    channel : {"mix", "left", "right"} or int
        Which channel of a multi-channel file is the agent.
    baseline : path-like, optional
        A baseline take of the same speaker; the median pitch is compared with it.
    consonants : bool
        Run the final-consonant analysis (the slowest measure after transcription).
    transcriber : Transcriber, optional
        Reuse an already loaded model (batches do).
    progress : callable(stage, fraction), optional

    Raises
    ------
    AudioError, TranscriptionError
        With a one-line message naming the file.
    """
    progress = progress or _no_progress
    progress("loading audio", 0.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        audio = load(path, channel=channel)
    baseline_f0_hz = recording_median_f0_hz(baseline, channel) if baseline else None
    report = analyze_audio(audio, targets=targets, model=model, transcriber=transcriber,
                           baseline_f0_hz=baseline_f0_hz, consonants=consonants,
                           progress=progress)
    notes = tuple(str(w.message) for w in caught)
    return Report(**{**vars(report), "warnings": notes + report.warnings})


def analyze_audio(
    audio: Audio,
    *,
    targets: Targets | None = None,
    model: str | os.PathLike | None = None,
    transcriber=None,
    baseline_f0_hz: float | None = None,
    consonants: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Analyze an already loaded :class:`Audio` (see :func:`analyze`)."""
    from voicecoach.transcript.whisper import Transcriber

    progress = progress or _no_progress
    targets = targets or load_targets()
    transcriber = transcriber or Transcriber(model)
    activity = detect(audio.samples, audio.sr)
    if not activity.intervals:
        return _no_speech(audio, transcriber, "no speech found (the recording is silent or "
                          "holds only steady noise)")
    progress("transcribing", 0.05)
    stream = None
    if consonants:  # aligned sentence by sentence while the transcription goes on
        from voicecoach.measures.consonants.stream import ConsonantStream

        stream = ConsonantStream(audio)
    try:
        return _transcribe_and_measure(audio, activity, targets, transcriber, baseline_f0_hz,
                                       stream, progress)
    finally:
        if stream:
            stream.cancel()  # nothing left to do once finished; stops it on an early return


def _transcribe_and_measure(audio: Audio, activity: Activity, targets: Targets, transcriber,
                            baseline_f0_hz: float | None, stream, progress: Progress) -> Report:
    transcript = transcriber.transcribe(
        audio, progress=lambda done, total: progress("transcribing", 0.05 + 0.65 * done / total),
        on_words=stream.add_words if stream else None,
    )
    if not transcript.words:
        return _no_speech(audio, transcriber, "no speech found: no English words were recognized "
                          "(tones, noise, or speech in another language)")
    language = check_english(transcript, speech_s=sum(iv.duration_s for iv in activity.intervals))
    if not language.english:
        return Report(audio.path, audio, transcript, None, None, transcriber.model_id,
                      status="not English", message=language.message, activity=activity)
    progress("measuring", 0.7)
    questions = measure_questions(transcript, activity, audio.duration_s)
    waits = [Interval(q.end_s, q.end_s + q.gap_s) for q in questions.questions]
    pace = measure_pace(transcript, activity, waits=waits)
    pauses = measure_pauses(transcript, activity)
    f0_track = track_f0(audio.samples, audio.sr)
    pitch = measure_pitch(audio, transcript, track=f0_track, activity=activity)
    progress("final consonants", 0.8)
    consonant_measures = stream.finish(transcript) if stream else None
    measures = Measures(audio.duration_s, pace, pauses, questions, pitch, consonant_measures,
                        baseline_f0_hz)
    progress("assessing", 0.98)
    assessment = assess(measures, targets)
    progress("done", 1.0)
    return Report(audio.path, audio, transcript, measures, assessment, transcriber.model_id,
                  activity=activity, f0_track=f0_track)


def _no_speech(audio: Audio, transcriber, message: str) -> Report:
    return Report(audio.path, audio, Transcript(()), None, None, transcriber.model_id,
                  status="no speech", message=message)


@lru_cache(maxsize=8)
def recording_median_f0_hz(path: str | os.PathLike, channel: str | int = "mix") -> float | None:
    """Median F0 in Hz over the voiced frames of a recording (a calm baseline take).

    None when nothing in it is voiced. Computed once per process for each (path,
    channel): a batch judges every take against the same baseline.
    """
    audio = load(path, channel=channel)
    track = track_f0(audio.samples, audio.sr)
    voiced = track.f0_hz[track.voiced]
    return float(np.median(voiced)) if voiced.size else None
