"""Transcribers that stand in for Whisper in batch tests; importable by worker processes
(module-level classes, pickled by name)."""

from __future__ import annotations

import os
import signal
import time

from voicecoach.transcript import Transcript

PHRASE = ("Good morning, this is Dana calling from Harbor Supply. I am calling about invoice "
          "4729. The balance due is 840 dollars and it was due on the first of March. Can you "
          "pay it today?")


class FakeTranscriber:
    """The same words for every file, placed over its speech. A file whose name holds
    ``hang`` never finishes; one whose name holds ``crash`` kills its process."""

    model_id = "fake"
    model = None
    english_only = True
    delay_s = 0.0

    def __init__(self, *args, **kwargs):
        self.calls = 0

    def transcribe(self, audio, *, progress=None, on_words=None, language=None):
        self.calls += 1
        if "hang" in audio.name:
            time.sleep(3600)
        if "crash" in audio.name:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(self.delay_s)
        return Transcript.from_text(PHRASE, start_s=0.5, word_s=0.3, gap_s=0.05)


class SlowFakeTranscriber(FakeTranscriber):
    """Takes a quarter of a second per file, so that a batch can be stopped midway."""

    delay_s = 0.25
