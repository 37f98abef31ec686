"""``voicecoach serve``: the practice page, a local web app to record a take, read its
report card and try again, in one browser tab.

A thin client of the public API, like the command line: :func:`voicecoach.analyze` on
each uploaded take (one background worker, one loaded Whisper model), the take history
(:mod:`voicecoach.history`) to keep the takes, and :mod:`voicecoach.compare` for a take
against the previous one and the trainer's.

    from voicecoach.serve import create_app
    app = create_app(ServeConfig(data_dir="serve-data"))   # an ASGI app for uvicorn
"""

from voicecoach.serve.app import ServeConfig, create_app

__all__ = ["create_app", "ServeConfig"]
