"""One speed measurement in a fresh process, printed as one JSON line.

Run by :mod:`benchmarks.speed`, one process per measurement, so that each peak
memory figure (``VmHWM``, which counts native allocations such as the Whisper model
and FFT buffers, unlike tracemalloc) belongs to that measurement alone, and each
timed call is the first of its process (lazy imports included, as for a user).

Modes
-----
transcribe PATH
    The audio is decoded and the model loaded first (untimed); then only
    ``Transcriber.transcribe`` is timed: faster-whisper with word timestamps, with the
    pipeline's own model and settings.
analyze PATH [--no-consonants]
    The model is loaded first (untimed, as the command does before its first file);
    then ``pipeline.analyze(path)`` plus rendering the report card is timed.
stages PATH
    Every stage timed on its own, in pipeline order, each given the previous stages'
    results: load, activity, transcribe, pitch, pace/pauses/questions, consonants,
    assess, report.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable

__all__ = ["peak_rss_mb", "timed"]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (10^6 bytes)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn: Callable[[], object]) -> tuple[object, dict]:
    """Call ``fn``; return its result and {wall_s, cpu_s, peak_rss_mb}.

    CPU time is summed over all threads; ``peak_rss_mb`` is the process's peak so far,
    so in a sequence of stages it shows which stage first raised the peak.
    """
    w0, c0 = time.perf_counter(), _cpu_s()
    out = fn()
    return out, {"wall_s": time.perf_counter() - w0, "cpu_s": _cpu_s() - c0,
                 "peak_rss_mb": peak_rss_mb()}


def _transcriber():
    from voicecoach.transcript.whisper import Transcriber

    transcriber = Transcriber()
    _ = transcriber.model
    return transcriber


def run_transcribe(path: str) -> dict:
    from voicecoach.audio import load

    audio = load(path)
    transcriber = _transcriber()
    transcript, t = timed(lambda: transcriber.transcribe(audio))
    return {**t, "words": len(transcript.words), "duration_s": audio.duration_s}


def run_analyze(path: str, consonants: bool = True) -> dict:
    from voicecoach.pipeline import analyze
    from voicecoach.report.terminal import render

    transcriber = _transcriber()

    def whole():
        report = analyze(path, transcriber=transcriber, consonants=consonants)
        return report, render(report, color=False)

    (report, _), t = timed(whole)
    return {**t, "words": len(report.transcript.words), "score": report.score,
            "duration_s": report.duration_s}


def run_stages(path: str) -> dict:
    from voicecoach.assess.assess import assess
    from voicecoach.assess.targets import load_targets
    from voicecoach.audio import load
    from voicecoach.measures import Measures
    from voicecoach.measures.activity import detect
    from voicecoach.measures.pace import measure_pace
    from voicecoach.measures.pauses import measure_pauses
    from voicecoach.measures.pitch import measure_pitch, track_f0
    from voicecoach.measures.questions import measure_questions

    transcriber = _transcriber()
    out: dict[str, dict] = {}
    audio, out["load"] = timed(lambda: load(path))
    activity, out["activity"] = timed(lambda: detect(audio.samples, audio.sr))
    transcript, out["transcribe"] = timed(lambda: transcriber.transcribe(audio))

    def pitch():
        return measure_pitch(audio, transcript, track=track_f0(audio.samples, audio.sr))

    pitch_m, out["pitch"] = timed(pitch)
    (pace, pauses, questions), out["pace/pauses/questions"] = timed(lambda: (
        measure_pace(transcript, activity), measure_pauses(transcript, activity),
        measure_questions(transcript, activity, audio.duration_s)))

    def consonants():
        from voicecoach.measures.consonants import measure_consonants

        return measure_consonants(audio, transcript)

    cons, out["consonants"] = timed(consonants)
    measures = Measures(audio.duration_s, pace, pauses, questions, pitch_m, cons, None)
    assessment, out["assess"] = timed(lambda: assess(measures, load_targets()))
    out["report"] = timed(lambda: _render(audio, transcript, measures, assessment, transcriber))[1]
    return {"stages": out, "duration_s": audio.duration_s}


def _render(audio, transcript, measures, assessment, transcriber) -> str:
    from voicecoach.pipeline import Report
    from voicecoach.report import json as json_report
    from voicecoach.report.terminal import render

    report = Report(audio.path, audio, transcript, measures, assessment, transcriber.model_id)
    return render(report, color=False) + json_report.dumps(report)


def main(argv: list[str]) -> int:
    mode, path = argv[0], argv[1]
    if mode == "transcribe":
        result = run_transcribe(path)
    elif mode == "analyze":
        result = run_analyze(path, consonants="--no-consonants" not in argv)
    elif mode == "stages":
        result = run_stages(path)
    else:
        raise SystemExit(f"unknown mode {mode!r}; use transcribe, analyze or stages")
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
