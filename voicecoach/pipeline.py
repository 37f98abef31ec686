"""One recording end to end: audio -> transcript -> measures -> assessment -> Report.

One orchestration for one party and for two. :func:`analyze` loads the file; a
one-party analysis runs :func:`analyze_audio` on the chosen channel; a two-party one
hears each channel (speech activity from its own energy, leakage from the other line
taken out, a transcript), runs the same :func:`analyze_audio` on the agent's channel
with what was heard, and adds the turn measures (:mod:`voicecoach.twoparty`).
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from voicecoach import twoparty
from voicecoach.assess.assess import assess
from voicecoach.assess.language import language_label
from voicecoach.assess.targets import Targets, load_targets
from voicecoach.audio import Audio, load
from voicecoach.i18n import t
from voicecoach.measures import Measures
from voicecoach.measures.activity import Activity, detect
from voicecoach.measures.content import check_opening
from voicecoach.measures.intervals import Interval, total_s
from voicecoach.measures.language import profile_for
from voicecoach.measures.nuclei import syllable_nuclei
from voicecoach.measures.pace import measure_pace, measure_signal_pace
from voicecoach.measures.pauses import measure_pauses
from voicecoach.measures.pitch import measure_pitch, track_f0
from voicecoach.measures.questions import QuestionMeasures, measure_questions
from voicecoach.measures.room import measure_room
from voicecoach.measures.signal import signal_pauses
from voicecoach.measures.voices import count_voices
from voicecoach.result import Report, TwoParty
from voicecoach.transcript import Transcript
from voicecoach.transcript.hear import Heard, hear

MIN_HEARD_SHARE = 0.3
"""The recognizer's words must span at least this share of the speech found in the
signal (over ``MIN_SPEECH_FOR_SHARE_S`` or more); below it, the take is measured from the
signal alone, as when no words were recognized (a language the model hears badly)."""
MIN_SPEECH_FOR_SHARE_S = 4.0
MIN_WORD_PROBABILITY = 0.5
"""The median of the recognizer's word probabilities must reach this (over
``MIN_WORDS_FOR_DOUBT`` words or more); below it the median word is more likely wrong
than right, and the take is measured from the signal alone. English takes, clean or
through noise, reverberation and phone codecs, sit at 0.85-0.99; speech the model does not
understand (espeak-ng's Korean voice) at 0.35-0.44."""
MIN_WORDS_FOR_DOUBT = 5

__all__ = ["Report", "analyze", "analyze_call", "analyze_audio", "analyze_two_party_audio",
           "recording_median_f0_hz", "Progress"]

Progress = Callable[[str, float], None]
"""Progress hook: called with a stage name and the fraction of the whole job done (0..1)."""


def _no_progress(stage: str, fraction: float) -> None:
    return None


def analyze(
    path: str | os.PathLike,
    *,
    targets: Targets | None = None,
    model: str | os.PathLike | None = None,
    channel: str | int = "mix",
    baseline: str | os.PathLike | None = None,
    consonants: bool = True,
    consonant_thread: bool = True,
    transcriber=None,
    progress: Progress | None = None,
    two_party: bool = False,
    agent_channel: str = "auto",
    customer_name: str | None = None,
    language: str | None = None,
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
        Which channel of a multi-channel file is the agent; with ``two_party``,
        "left" or "right" stands for ``agent_channel`` when that is "auto".
    baseline : path-like, optional
        A baseline take of the same speaker; the median pitch is compared with it.
    consonants : bool
        Run the final-consonant analysis (the slowest measure after transcription).
    consonant_thread : bool
        Align the final consonants on a second thread while Whisper decodes (about one
        more core busy, the take done sooner); False aligns them afterwards on the calling
        thread, for a pool worker given one core. The result is the same.
    transcriber : Transcriber, optional
        Reuse an already loaded model (batches do).
    progress : callable(stage, fraction), optional
    two_party : bool
        Agent and customer on separate channels of a stereo file: add response
        latency, overlaps, backchannels, talk share and mirroring.
    agent_channel : {"auto", "left", "right"}
        The agent's channel in a two-party analysis; "auto" picks it
        (:func:`voicecoach.twoparty.choose_agent_channel`).
    customer_name : str, optional
        Report how often and when the agent says it (one or two parties).
    language : str, optional
        Whisper language code of the speech ("pl", "ko", "en"); default detected
        (:mod:`voicecoach.transcript.hear`).

    Raises
    ------
    AudioError, TranscriptionError
        With a one-line message naming the file.
    ValueError
        For an ``agent_channel`` other than auto, left or right.
    """
    if agent_channel not in ("auto", "left", "right"):
        raise ValueError(f"agent_channel must be auto, left or right, not {agent_channel!r}")
    targets = targets or load_targets()
    options = dict(targets=targets, model=model, transcriber=transcriber, progress=progress,
                   consonants=consonants, consonant_thread=consonant_thread,
                   customer_name=customer_name, language=language)
    (progress or _no_progress)("loading audio", 0.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if two_party:
            left = load(path, channel="left")
            right = load(path, channel="right") if left.channels >= 2 else None
        else:
            audio = load(path, channel=channel)
    notes = tuple(dict.fromkeys(str(w.message) for w in caught))
    if not two_party:
        report = analyze_audio(audio, baseline_f0_hz=_baseline(baseline, channel), **options)
        return dataclasses.replace(report, warnings=notes + report.warnings)
    if left.channels > 2:
        notes += (f"{left.channels} channels: the first two were taken as left and right",)
    if agent_channel == "auto" and channel in ("left", "right"):
        agent_channel = channel  # --channel names the agent's channel too
    report = analyze_two_party_audio(left, right, agent_channel=agent_channel,
                                     baseline=baseline, **options)
    return dataclasses.replace(report, warnings=notes + report.warnings)


analyze_call = analyze
"""The same as :func:`analyze` (the name two-party callers have used)."""


def analyze_audio(
    audio: Audio,
    *,
    targets: Targets | None = None,
    model: str | os.PathLike | None = None,
    transcriber=None,
    baseline_f0_hz: float | None = None,
    consonants: bool = True,
    consonant_thread: bool = True,
    progress: Progress | None = None,
    customer_name: str | None = None,
    heard: tuple[Activity, Heard] | None = None,
    language: str | None = None,
    voices: bool = True,
) -> Report:
    """Analyze one already loaded channel (see :func:`analyze`).

    ``heard`` is its speech activity and transcript when already found (a two-party
    analysis hears both channels first); otherwise they are found here. ``voices``
    counts the voices in the channel (:func:`~voicecoach.measures.voices.count_voices`);
    two found withhold the score. A two-party analysis, with each party on its own
    channel, turns it off.
    """
    from voicecoach.transcript.whisper import Transcriber

    progress = progress or _no_progress
    targets = targets or load_targets()
    transcriber = transcriber or Transcriber(model)
    activity = detect(audio.samples, audio.sr) if heard is None else heard[0]
    if not activity.intervals:
        return _no_speech(audio, transcriber, "no speech found (the recording is silent or "
                          "holds only steady noise)")
    progress("transcribing", 0.05)
    stream = None
    if consonants:  # aligned sentence by sentence while the transcription goes on
        from voicecoach.measures.consonants.stream import ConsonantStream

        stream = ConsonantStream(audio, background=consonant_thread)
    try:
        report = _transcribe_and_measure(audio, activity, targets, transcriber, baseline_f0_hz,
                                         stream, progress, None if heard is None else heard[1],
                                         language, voices)
    finally:
        if stream:
            stream.cancel()  # nothing left to do once finished; stops it on an early return
    return twoparty.with_names(report, customer_name, targets)


def _transcribe_and_measure(audio: Audio, activity: Activity, targets: Targets, transcriber,
                            baseline_f0_hz: float | None, stream, progress: Progress,
                            heard: Heard | None, language: str | None = None,
                            voices: bool = True) -> Report:
    speech_s = total_s(activity.intervals)
    if heard is None:
        heard = hear(audio, transcriber, language=language, speech_s=speech_s,
                     on_words=stream.add_words if stream else None,
                     progress=lambda done, total: progress("transcribing",
                                                           0.05 + 0.65 * done / total))
    transcript = heard.transcript
    notes = (heard.note,) if heard.note else ()
    if not transcript.words and heard.source != "given":
        why = ("no words were recognized in any language (tones, noise, or speech too "
               "unclear); give --language to measure pace, pauses and pitch from the signal"
               if not heard.note else "no English words were recognized and " + heard.note)
        return dataclasses.replace(_no_speech(audio, transcriber, f"no speech found: {why}"),
                                   model=heard.model, language=heard)
    profile = profile_for(heard.language)
    heard_s = sum(w.end_s - w.start_s for w in transcript.words)
    shown = language_label(profile.code, profile.name)
    signal_only = t("note.signal_only", language=shown)
    if transcript.words and speech_s >= MIN_SPEECH_FOR_SHARE_S \
            and heard_s < MIN_HEARD_SHARE * speech_s:  # the words cannot stand for the take
        signal_only = t("note.signal_only_few_words", heard_s=heard_s, speech_s=speech_s,
                        language=shown)
        transcript = Transcript((), transcript.language, transcript.language_probability)
    elif len(transcript.words) >= MIN_WORDS_FOR_DOUBT and (median_p := float(np.median(
            [w.probability for w in transcript.words]))) < MIN_WORD_PROBABILITY:
        signal_only = t("note.signal_only_unsure_words", probability=median_p, language=shown)
        transcript = Transcript((), transcript.language, transcript.language_probability)
    progress("measuring", 0.7)
    f0_track = track_f0(audio.samples, audio.sr)
    voice_count = count_voices(audio.samples, audio.sr, activity, f0_track) if voices else None
    pitch = measure_pitch(audio, transcript, track=f0_track, activity=activity)
    # A sentence's final pitch is question evidence unless the tracker could not tell the
    # voice from the noise (a short take's contours still hold).
    noisy = "noisy" in pitch.unclear_reason
    questions = measure_questions(transcript, activity, audio.duration_s,
                                  contours=() if noisy else pitch.contours,
                                  reader=profile.read_syntax)
    waits = [Interval(q.end_s, q.end_s + q.gap_s) for q in questions.questions]
    nuclei = None
    if profile.syllables is None or not transcript.words:
        nuclei = syllable_nuclei(audio.samples, audio.sr, speech=activity.intervals,
                                 voiced_times_s=f0_track.times_s[f0_track.voiced])
    if transcript.words:
        pace = measure_pace(transcript, activity, waits=waits, syllables=profile.syllables,
                            nuclei=nuclei)
        pauses = measure_pauses(transcript, activity)
    else:
        questions = QuestionMeasures(())
        pace = measure_signal_pace(activity, nuclei)
        pauses = signal_pauses(activity)
        notes += (signal_only,)
    progress("final consonants", 0.8)
    consonant_measures = stream.finish(transcript) if stream and profile.consonants else None
    checklist = targets.content.for_language(profile.code)
    content = check_opening(transcript, checklist, questions=frozenset(
        q.sentence_index for q in questions.questions), telephone_band=audio.telephone_band) \
        if checklist and transcript.words else None
    measures = Measures(audio.duration_s, pace, pauses, questions, pitch, consonant_measures,
                        baseline_f0_hz, language=profile.code,
                        transcribed=bool(transcript.words), room=measure_room(activity),
                        voices=voice_count, speech_over_floor_db=activity.snr_db,
                        content=content)
    progress("assessing", 0.98)
    assessment = assess(measures, targets)
    progress("done", 1.0)
    return Report(audio.path, audio, heard.transcript, measures, assessment, heard.model,
                  warnings=notes, activity=activity, f0_track=f0_track, language=heard)


def analyze_two_party_audio(
    left: Audio,
    right: Audio | None,
    *,
    agent_channel: str = "auto",
    customer_name: str | None = None,
    targets: Targets | None = None,
    model=None,
    transcriber=None,
    consonants: bool = True,
    consonant_thread: bool = True,
    baseline: str | os.PathLike | None = None,
    progress: Progress | None = None,
    language: str | None = None,
) -> Report:
    """Two-party analysis of already loaded channels (``right`` None for a mono file).

    A mono or dual-mono file, or one whose other channel holds no speech, gets the
    one-party analysis with a note saying why (``two_party.status``).
    """
    from voicecoach.transcript.whisper import Transcriber

    targets = targets or load_targets()
    transcriber = transcriber or Transcriber(model)
    one = dict(customer_name=customer_name, targets=targets, transcriber=transcriber,
               progress=progress, consonants=consonants, consonant_thread=consonant_thread,
               language=language)
    single = twoparty.single_signal(left, right)
    if single is not None:
        audio, status, message = single
        report = analyze_audio(audio, baseline_f0_hz=_baseline(baseline, "mix"), **one)
        return twoparty.noted(report, TwoParty(status, message), (message,))
    audios = {"left": left, "right": right}
    acts = twoparty.separate_speech({ch: detect(a.samples, a.sr) for ch, a in audios.items()})
    silent = [ch for ch, act in acts.items() if not act.intervals]
    if len(silent) == 1:
        talker = twoparty.other(silent[0])
        message = (f"the {silent[0]} channel holds no speech, so {twoparty.NEEDS_CHANNELS}; "
                   f"the {talker} channel was analyzed alone")
        report = analyze_audio(audios[talker], baseline_f0_hz=_baseline(baseline, talker), **one)
        return twoparty.noted(report, TwoParty("one voice", message), (message,))
    (progress or _no_progress)("transcribing", 0.05)
    heards = {ch: hear(a, transcriber, language=language, speech_s=total_s(acts[ch].intervals))
              for ch, a in audios.items()}
    texts = {ch: _spoken_only(h.transcript) for ch, h in heards.items()}
    why = "as given"
    if agent_channel == "auto":
        agent_channel, why = twoparty.choose_agent_channel(
            texts, {ch: total_s(act.intervals) for ch, act in acts.items()}, customer_name)
        why = f"chosen because {why}; set it with --agent-channel"
    agent_heard = dataclasses.replace(heards[agent_channel], transcript=texts[agent_channel])
    report = analyze_audio(audios[agent_channel], heard=(acts[agent_channel], agent_heard),
                           baseline_f0_hz=_baseline(baseline, agent_channel), voices=False,
                           **{**one, "customer_name": None})
    if report.measures is None or report.assessment is None:
        report = twoparty.noted(report, TwoParty(
            report.status, f"the agent's ({agent_channel}) channel was not assessed: "
            f"{report.message}", agent_channel, why))
    else:
        report = twoparty.with_turns(report, texts, acts, agent_channel, why, targets)
    return twoparty.with_names(report, customer_name, targets)


def _no_speech(audio: Audio, transcriber, message: str) -> Report:
    return Report(audio.path, audio, Transcript(()), None, None, transcriber.model_id,
                  status="no speech", message=message)


def _spoken_only(transcript: Transcript) -> Transcript:
    """Drop "words" that are only punctuation (the model's filler over long silences)."""
    words = tuple(w for w in transcript.words if w.norm)
    return Transcript(words, transcript.language, transcript.language_probability)


def _baseline(baseline, channel: str | int) -> float | None:
    return recording_median_f0_hz(baseline, channel) if baseline else None


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
