"""Final consonants measured while the transcript is still being written.

The analysis aligns the transcript sentence by sentence, so it need not wait for
the whole transcript: :class:`ConsonantStream` takes the words as the transcriber
finishes them and aligns each sentence on a background thread as soon as the
word after it is known. The Whisper engine (CTranslate2) decodes outside the
interpreter lock and keeps only about 1.2 of 2 cores busy, so on two cores most of
this work is done by the time transcription ends. The result is exactly that of
:func:`voicecoach.measures.consonants.measure_consonants` on the final transcript.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence

from voicecoach.audio import Audio
from voicecoach.measures.consonants import (
    ConsonantMeasures,
    aligners,
    decide_measures,
    require_pocketsphinx,
)
from voicecoach.transcript import Sentence, Transcript, Word, split_sentences

__all__ = ["ConsonantStream"]

_STOP = None


class _Worker:
    """Aligns the queued sentences: on one background thread with its own job queue,
    results and stop flag, or (``background=False``) on the calling thread in
    :meth:`join`."""

    def __init__(self, audio: Audio, background: bool = True) -> None:
        self.audio = audio
        self.jobs: queue.Queue = queue.Queue()
        self.results: dict[int, tuple[list, list]] = {}
        self.error: BaseException | None = None
        self.stopped = threading.Event()
        self.thread = None
        if background:
            self.thread = threading.Thread(target=self._run, name="final-consonants",
                                           daemon=True)
            self.thread.start()

    def put(self, sentence: Sentence, words: Sequence[Word]) -> None:
        self.jobs.put((sentence, words))

    def join(self) -> dict[int, tuple[list, list]]:
        """Wait for every queued sentence; re-raise what went wrong in the thread."""
        self.jobs.put(_STOP)
        if self.thread is None:
            self._run()
        else:
            self.thread.join()
        if self.error is not None:
            raise self.error
        return self.results

    def stop(self) -> None:
        """Skip what is still queued; the thread ends on its own."""
        self.stopped.set()
        self.jobs.put(_STOP)

    def _run(self) -> None:
        from voicecoach.measures.consonants.cues import frame_features
        from voicecoach.measures.consonants.evidence import sentence_evidence

        try:
            ff = pair = None
            while (job := self.jobs.get()) is not _STOP:
                if self.stopped.is_set():
                    continue
                if ff is None:
                    ff = frame_features(self.audio.samples, self.audio.sr)
                    pair = aligners()
                sentence, words = job
                self.results[sentence.index] = sentence_evidence(
                    self.audio.samples, self.audio.sr, words, sentence, ff, *pair)
        except BaseException as exc:  # noqa: BLE001 - re-raised by join()
            self.error = exc


class ConsonantStream:
    """Gathers final-consonant evidence on a background thread as words arrive.

    Parameters
    ----------
    audio : Audio
        The recording (16 kHz mono float32) the words are transcribed from.
    background : bool
        Align on a background thread as the words arrive; False aligns every sentence
        in :meth:`finish`, on the calling thread (for a process given one core).

    Use :meth:`add_words` with each batch of new words, in order, then
    :meth:`finish` with the final transcript (or :meth:`cancel`).
    """

    def __init__(self, audio: Audio, background: bool = True) -> None:
        require_pocketsphinx()
        self._audio = audio
        self._background = background
        self._words: list[Word] = []
        self._queued: list[Sentence] = []  # sentences handed to the worker, in order
        self._worker = _Worker(audio, background)

    def add_words(self, words: Sequence[Word]) -> None:
        """Take the next words of the transcript (times already final)."""
        self._words.extend(words)
        first = self._n_queued_words()
        pending = split_sentences(self._words[first:])
        for s in pending[:-1]:  # each is followed by a word of the next one
            # The list only grows, so the worker may read it while more words arrive.
            self._queue(Sentence(s.words, len(self._queued), first + s.first_word), self._words)

    def finish(self, transcript: Transcript) -> ConsonantMeasures:
        """Measures for the final ``transcript`` (normally the words fed so far, in full)."""
        n_used = self._n_queued_words() + 1 if self._queued else 0  # and the word after
        if (self._worker.stopped.is_set()
                or tuple(transcript.words[:n_used]) != tuple(self._words[:n_used])
                or tuple(transcript.sentences[:len(self._queued)]) != tuple(self._queued)):
            self._worker.stop()  # cancelled, or the words changed: start over
            self._worker, self._queued = _Worker(self._audio, self._background), []
        for s in transcript.sentences[len(self._queued):]:
            self._queue(s, transcript.words)
        results = self._worker.join()
        evidence, baseline = [], []
        for k in range(len(transcript.sentences)):
            ev, base = results[k]
            evidence += ev
            baseline += base
        return decide_measures(evidence, baseline, self._audio)

    def cancel(self) -> None:
        """Give up (the recording will not be assessed); the thread ends on its own."""
        self._worker.stop()

    def _n_queued_words(self) -> int:
        last = self._queued[-1] if self._queued else None
        return last.first_word + len(last.words) if last else 0

    def _queue(self, sentence: Sentence, words: Sequence[Word]) -> None:
        self._queued.append(sentence)
        self._worker.put(sentence, words)
