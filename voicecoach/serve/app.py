"""The practice page's web app: a Starlette app factory, the JSON API and the static page.

API (every error is ``{"error": "one readable line"}`` with a 4xx or 5xx status):

- ``POST /api/takes`` (multipart: ``audio``, ``agent``, optional ``customer_name``, and
  the trainer's take as an uploaded ``reference`` or a stored ``reference_take`` id)
  -> 202 ``{"job_id"}``
- ``GET /api/jobs/{id}`` -> ``status``, ``stage``, ``fraction``; when done ``result``
  (take id, report JSON, the report card's pieces, the comparison with the agent's
  previous take); when failed ``error``
- ``GET /api/takes/{id}/audio`` -> the recording, to play back
- ``GET /api/agents/{name}/progress`` (text) and ``/progress.png`` (the plot)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from voicecoach.serve.takes import Reference, TakeRequest, TakeRunner, audio_type, shown_error
from voicecoach.serve.uploads import Upload, UploadError, receive_upload
from voicecoach.serve.worker import Worker

__all__ = ["ServeConfig", "create_app", "LOCAL_HOSTS", "CLIENT_HEADER"]

log = logging.getLogger("voicecoach.serve")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
CLIENT_HEADER = "x-voicecoach"
"""Sent by the page with every upload: a page of another site cannot send it without the
browser asking first (and this server never says yes), so it cannot post takes here."""
MAX_AGENT_CHARS = 100
_SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
}


@dataclass(frozen=True)
class ServeConfig:
    """How the app runs.

    Attributes
    ----------
    data_dir : path-like
        The server's own folder; uploads are streamed into ``uploads/`` in it.
    history : str, optional
        The take history (a SQLite file or a ``postgresql://`` URL); default the user's.
    model : str, optional
        The Whisper model (see ``voicecoach analyze --model``).
    targets : str, optional
        A targets TOML file.
    max_upload_bytes : int > 0
        The largest upload accepted (the whole form).
    allowed_hosts : tuple of str
        Host names the app answers to ("*" for any).
    lang : str, optional
        The report language (en, pl, ko); default each take's own.
    make_transcriber : callable, optional
        Builds the one transcriber (default a :class:`Transcriber` of ``model``).
    """

    data_dir: str | os.PathLike
    history: str | None = None
    model: str | None = None
    targets: str | None = None
    max_upload_bytes: int = 100 * 1000 * 1000
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    lang: str | None = None
    make_transcriber: Callable | None = field(default=None, compare=False)


class _SecurityHeaders:
    """Adds the content security policy and friends to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                           *((k.encode(), v.encode()) for k, v in _SECURITY_HEADERS.items())]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class _Api:
    """The endpoints, over one worker, one history and one uploads folder."""

    def __init__(self, config: ServeConfig, worker: Worker, runner: TakeRunner) -> None:
        self.config, self.worker, self.runner = config, worker, runner
        self.uploads = Path(config.data_dir) / "uploads"
        # Copies of the takes' recordings, one folder per history (take ids are its own).
        where = hashlib.sha256(runner.history.location.encode()).hexdigest()[:12]
        self.audio_dir = Path(config.data_dir) / "audio" / where
        self.audio_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    async def post_take(self, request: Request) -> Response:
        if request.headers.get(CLIENT_HEADER) != "1":
            return _error(403, f"uploads must come from the practice page (header "
                          f"{CLIENT_HEADER}: 1)")
        try:
            upload = await receive_upload(request, self.uploads,
                                          limit_bytes=self.config.max_upload_bytes)
        except UploadError as exc:
            return _error(exc.status, str(exc))
        try:
            req = await self._take_request(upload)
        except UploadError as exc:
            upload.discard()
            return _error(exc.status, str(exc))
        job = self.worker.submit(functools.partial(self.runner.run, req),
                                 on_finish=upload.discard)
        return JSONResponse({"job_id": job.id, "status": job.status}, status_code=202)

    async def _take_request(self, upload: Upload) -> TakeRequest:
        agent = upload.fields.get("agent", "").strip()
        if not agent:
            raise UploadError(400, "give the agent's name (whose take it is)")
        if len(agent) > MAX_AGENT_CHARS:
            raise UploadError(400, f"the agent's name is longer than {MAX_AGENT_CHARS} "
                              "characters")
        audio = upload.files.get("audio")
        if audio is None:
            raise UploadError(400, "the form holds no recording (send it as the field audio)")
        await _check_audio(audio.path, audio.filename)
        reference = None
        ref_file = upload.files.get("reference")
        ref_take = upload.fields.get("reference_take", "").strip()
        if ref_file is not None and ref_file.size:
            await _check_audio(ref_file.path, ref_file.filename, "the trainer's take ")
            reference = Reference(path=ref_file.path, filename=ref_file.filename)
        elif ref_take:
            reference = Reference(take_id=await self._stored_take(ref_take))
        customer = upload.fields.get("customer_name", "").strip() or None
        return TakeRequest(agent, audio.path, audio.filename, customer, reference)

    async def _stored_take(self, text: str) -> int:
        if not text.isdigit():
            raise UploadError(400, f"reference_take must be a take number, not {text!r}")
        try:
            await run_in_threadpool(self.runner.take, int(text))
        except KeyError:
            raise UploadError(404, f"there is no take {text} in the history") from None
        return int(text)

    async def job(self, request: Request) -> Response:
        job = self.worker.get(request.path_params["job_id"])
        if job is None:
            return _error(404, f"no job {request.path_params['job_id']!r} (the server may "
                          "have restarted)")
        return JSONResponse(job.to_dict(), headers={"cache-control": "no-store"})

    async def audio(self, request: Request) -> Response:
        """The take's recording, from a copy in the data folder (so the browser can ask
        for ranges of it and seek)."""
        take_id = request.path_params["take_id"]
        path = self.audio_dir / f"take-{take_id}.bin"
        if not path.exists():
            data = await run_in_threadpool(self.runner.history.audio, take_id)
            if data is None:
                return _error(404, f"take {take_id} has no recording kept")
            from voicecoach.outputs import write_atomic

            await run_in_threadpool(write_atomic, path, data)
        with open(path, "rb") as f:
            head = f.read(16)
        return FileResponse(path, media_type=audio_type(head))

    async def progress_png(self, request: Request) -> Response:
        return await self.progress(request, png=True)

    async def progress(self, request: Request, *, png: bool = False) -> Response:
        from voicecoach.history import progress
        from voicecoach.report.history import progress_text

        agent = request.path_params["agent"]
        takes = await run_in_threadpool(self.runner.history.takes, agent)
        if not takes:
            return _error(404, f"no takes stored for {agent!r} yet")
        prog = progress(takes)
        if png:
            png = await run_in_threadpool(_progress_png, agent, takes, prog)
            return Response(png, media_type="image/png", headers={"cache-control": "no-store"})
        return JSONResponse({"agent": agent, "n_takes": len(takes),
                             "text": progress_text(agent, prog),
                             "takes": [{"id": t.id, "score": t.score, "file": t.file,
                                        "analyzed_at": t.analyzed_at.isoformat()}
                                       for t in takes]},
                            headers={"cache-control": "no-store"})


def _progress_png(agent: str, takes, prog) -> bytes:
    from voicecoach.report.plots import progress_png

    first, last = takes[0].analyzed_at, takes[-1].analyzed_at
    plural = "s" if len(takes) != 1 else ""
    title = f"{agent}: {len(takes)} take{plural}, {first:%Y-%m-%d} to {last:%Y-%m-%d} (UTC)"
    return progress_png([s for s in prog.series if s.values], [t.id for t in takes],
                        title=title)


async def _check_audio(path: Path, filename: str, what: str = "") -> None:
    """Refuse (422) a file that cannot be decoded as audio, whatever its name says."""
    from voicecoach.errors import VoicecoachError

    try:
        await run_in_threadpool(_decode, path)
    except VoicecoachError as exc:
        raise UploadError(422, what + shown_error(exc, path, filename)) from exc


def _decode(path: Path) -> None:
    """Decode ``path`` as the analysis will (its warnings come again with the report)."""
    import warnings

    from voicecoach import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load(path)


def _static_dir() -> Path:
    return Path(str(resources.files("voicecoach.serve").joinpath("static")))


def _routes(api: _Api) -> list:
    static = _static_dir()

    async def index(request: Request) -> Response:
        return FileResponse(static / "index.html", headers={"cache-control": "no-cache"})

    return [
        Route("/", index),
        Route("/api/takes", api.post_take, methods=["POST"]),
        Route("/api/jobs/{job_id}", api.job),
        Route("/api/takes/{take_id:int}/audio", api.audio),
        Route("/api/agents/{agent}/progress", api.progress),
        Route("/api/agents/{agent}/progress.png", api.progress_png),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", "") or "error"
    if status == 404:
        detail = f"not found: {request.url.path}"
    return _error(status, str(detail))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s", request.url.path, exc_info=exc)
    return _error(500, f"internal error ({type(exc).__name__}: {exc})".splitlines()[0])


def create_app(config: ServeConfig) -> Starlette:
    """The practice page's ASGI app (run it with uvicorn).

    The take history is opened and the worker (which loads the model) started when the
    app starts; both are closed when it stops.
    """
    from voicecoach.assess.targets import load_targets
    from voicecoach.history import open_history

    for sub in ("uploads", "audio"):
        Path(config.data_dir, sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    targets = load_targets(config.targets)
    history = open_history(config.history)
    make = config.make_transcriber or _transcriber_maker(config.model)
    worker = Worker(make)
    api = _Api(config, worker, TakeRunner(history, targets=targets, lang=config.lang))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        worker.start()
        try:
            yield
        finally:
            worker.stop()
            history.close()

    app = Starlette(
        routes=_routes(api), lifespan=lifespan,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts)),
                    Middleware(_SecurityHeaders)],
        exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.worker, app.state.history = worker, history
    return app


def _transcriber_maker(model: str | None) -> Callable:
    def make():
        from voicecoach.transcript.whisper import Transcriber

        return Transcriber(model)

    return make
