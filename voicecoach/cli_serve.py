"""``voicecoach serve``: the practice page, a local web app (record, read the report,
try again). Thin: parses, prints the address, runs uvicorn on
:func:`voicecoach.serve.create_app`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]

EXAMPLES = """\
examples:
  voicecoach serve --open
        start the practice page on http://127.0.0.1:8765/ and open it in the browser
  voicecoach serve --port 9000 --history /shared/team.sqlite
        the team's history file: the page and `voicecoach progress` see the same takes

The page records from the browser's microphone (or takes an uploaded file), shows the
report card with the timeline, plays the take back from a pause, a question or a
clipped word, and puts a new take beside the previous one with what moved toward the
target. Every take is kept in the history (see `voicecoach history --help`).

The server listens on 127.0.0.1 only (this computer) unless --host says otherwise;
it has no log-in, so bind it to another address only on a network you trust.
"""


def add_parser(sub) -> None:
    """Add the ``serve`` subcommand to the subparsers ``sub``."""
    from voicecoach.cli import _report_languages

    s = sub.add_parser(
        "serve", help="the practice page: record a take in the browser, see the report, "
        "try again",
        description="A local web app for practice takes: record with the browser's\n"
        "microphone, read the report card, listen back, try again and see what moved.\n"
        "Bound to 127.0.0.1 (this computer only) by default.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    s.add_argument("--port", type=int, default=8765, help="the port (default 8765; 0 picks "
                   "a free one)")
    s.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this computer only; "
                   "any other address lets other computers reach the page, with no log-in)")
    s.add_argument("--open", action="store_true", help="open the page in the web browser")
    s.add_argument("--history", metavar="PATH_OR_URL",
                   help="the take history, a SQLite file or a postgresql:// URL (default: "
                   "history.sqlite in your data folder, the one `analyze --agent` uses)")
    s.add_argument("--data-dir", metavar="DIR",
                   help="the server's folder for uploads in progress (default: serve/ in "
                   "your data folder)")
    s.add_argument("--model", metavar="NAME_OR_DIR",
                   help="Whisper model, as for `voicecoach analyze --model` (default tiny.en)")
    s.add_argument("--targets", metavar="FILE", help="TOML file overriding the targets")
    s.add_argument("--report-language", choices=_report_languages(), metavar="en|pl|ko",
                   help="the report card's language (default: the language heard)")
    s.add_argument("--max-upload-mb", type=float, default=100.0, metavar="MB",
                   help="the largest upload accepted, in MB (default 100)")
    s.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``voicecoach serve`` until interrupted; returns the exit code."""
    try:
        import uvicorn

        from voicecoach.serve.app import LOCAL_HOSTS, ServeConfig, create_app
    except ImportError as exc:
        from voicecoach.errors import VoicecoachError

        raise VoicecoachError(f"the practice page needs {exc.name}: pip install "
                              "\"voicecoach[serve]\"") from exc

    if args.max_upload_mb <= 0:
        parser.error("--max-upload-mb must be more than 0")
    if not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port} is not a port (0-65535)")
    local = args.host in LOCAL_HOSTS
    if not local:
        print(f"voicecoach: warning: listening on {args.host}: other computers can reach the "
              "practice page and its takes, and there is no log-in", file=sys.stderr)
    config = ServeConfig(data_dir=args.data_dir or _default_data_dir(), history=args.history,
                         model=args.model, targets=args.targets,
                         max_upload_bytes=int(args.max_upload_mb * 1e6),
                         allowed_hosts=LOCAL_HOSTS if local else ("*",),
                         lang=args.report_language)
    app = create_app(config)
    print(f"history: {app.state.history.location}", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port,
                                           log_level="info" if args.debug else "warning"))
    _announce_when_started(server, args)
    server.run()
    return 0


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("voicecoach")) / "serve"


def _announce_when_started(server, args: argparse.Namespace) -> None:
    """Print the address (and open the browser) once uvicorn is listening."""
    import threading
    import time

    def wait() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.05)
        sock = server.servers[0].sockets[0]
        port = sock.getsockname()[1]
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
        host = f"[{host}]" if ":" in host else host
        url = f"http://{host}:{port}/"
        print(f"voicecoach: the practice page is at {url} (Ctrl+C stops it)", flush=True)
        if args.open:
            import webbrowser

            webbrowser.open(url)

    threading.Thread(target=wait, daemon=True).start()
