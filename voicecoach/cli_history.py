"""``voicecoach history`` and ``voicecoach progress``, and ``analyze --agent``: every take
kept, and how an agent moves take after take. Thin: parses, prints; the store is
:mod:`voicecoach.history`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "add_analyze_options", "check_analyze_options", "run", "TakeSaver",
           "COMMANDS"]

COMMANDS = ("history", "progress")
WHERE = """\
where the history lives:
  By default a SQLite file, history.sqlite, in your data folder (on Linux
  ~/.local/share/voicecoach/). --history FILE uses another file (created with its
  folder); --history postgresql://USER:PASSWORD@HOST/DB keeps a team's history on a
  PostgreSQL server (pip install "voicecoach[postgres]"). The location in use is
  always printed on stderr, the password masked.
"""
HISTORY_EXAMPLES = """\
examples:
  voicecoach analyze take3.wav --agent dana
        score the take and keep it in dana's history
  voicecoach history
        every agent with a stored take, and how many
  voicecoach history dana
        dana's takes, oldest first: time, score, language, file, the next steps
  voicecoach history --export takes.csv
        every take as one row of a spreadsheet (dana's only: --export takes.csv dana)
  voicecoach history dana --delete
        delete all of dana's takes (no question asked; says how many)
  voicecoach history dana --history /shared/team.sqlite
        the same from a team's file

""" + WHERE
PROGRESS_EXAMPLES = """\
examples:
  voicecoach progress dana
        each measure over dana's takes, first to latest, moving toward or away from
        the target, and every take's verdict
  voicecoach progress dana --plot dana.png
        also one small panel per measure: values over takes, target band shaded

""" + WHERE


def _history_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--history", metavar="PATH_OR_URL",
                   help="the history: a SQLite file, or a postgresql:// URL (default: "
                   "history.sqlite in your data folder)")
    p.add_argument("--debug", action="store_true", help="show full tracebacks")


def add_parser(sub) -> None:
    """Add the ``history`` and ``progress`` subcommands to the subparsers ``sub``."""
    h = sub.add_parser(
        "history", help="list, export or delete the stored takes",
        description="The takes stored by `voicecoach analyze FILE --agent NAME`.\n"
        "Without NAME: every agent and their number of takes; with NAME: that agent's\n"
        "takes, oldest first, each with its time, score, language, file and next steps.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=HISTORY_EXAMPLES)
    h.add_argument("agent", nargs="?", metavar="NAME", help="the agent")
    h.add_argument("--export", metavar="FILE.csv",
                   help="write the takes (NAME's, or everyone's) as a CSV file: one row per "
                   "take, each measure's value and verdict (columns in docs/history.md)")
    h.add_argument("--delete", action="store_true",
                   help="delete every take of NAME, without asking")
    _history_option(h)
    p = sub.add_parser(
        "progress", help="an agent's measures across takes, toward or away from the targets",
        description="How NAME's measures moved over the stored takes: each measure's values\n"
        "(first, ..., latest), whether the latest moved toward or away from the target band,\n"
        "and every take's verdict.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=PROGRESS_EXAMPLES)
    p.add_argument("agent", metavar="NAME", help="the agent")
    p.add_argument("--plot", metavar="FILE.png",
                   help="also draw one panel per measure, the target band shaded, as a PNG")
    _history_option(p)


def add_analyze_options(a: argparse.ArgumentParser) -> None:
    """Add ``--agent``, ``--history`` and ``--keep-audio`` to ``analyze``."""
    a.add_argument("--agent", metavar="NAME",
                   help="keep each analyzed take in NAME's history (see `voicecoach history "
                   "--help`), after its report is printed or written")
    a.add_argument("--history", metavar="PATH_OR_URL",
                   help="with --agent: the history to keep it in, a SQLite file or a "
                   "postgresql:// URL (default: history.sqlite in your data folder)")
    a.add_argument("--keep-audio", action="store_true",
                   help="with --agent: keep the recording itself in the history too")


def check_analyze_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """``--history`` and ``--keep-audio`` need ``--agent``: a usage error otherwise."""
    if args.agent is None and (args.history or args.keep_audio):
        parser.error("--history and --keep-audio need --agent NAME (whose takes they are)")
    if args.agent is not None and not args.agent.strip():
        parser.error("--agent needs a name, e.g. --agent dana")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``voicecoach history`` or ``voicecoach progress``; returns the exit code."""
    from voicecoach.history import open_history

    if args.command == "history" and args.delete and not args.agent:
        parser.error("--delete needs a NAME: voicecoach history NAME --delete")
    if args.command == "history" and args.delete and args.export:
        parser.error("--delete and --export do not go together: export first, then delete")
    with open_history(args.history) as history:
        print(f"history: {history.location}", file=sys.stderr)
        if args.command == "progress":
            return _progress(history, args)
        return _history(history, args)


def _history(history, args: argparse.Namespace) -> int:
    from voicecoach.report.history import agents_text, takes_text

    if args.export:
        n = history.export_csv(args.export, args.agent)
        print(f"wrote {n} take{'s' if n != 1 else ''} to {args.export}", file=sys.stderr)
        return 0
    if args.delete:
        n = history.delete_agent(args.agent)
        print(f"deleted {n} take{'s' if n != 1 else ''} of {args.agent}")
        return 0
    if args.agent is None:
        sys.stdout.write(agents_text(history.take_counts()))
        return 0
    takes = history.takes(args.agent)
    if not takes:
        return _no_takes(args.agent)
    sys.stdout.write(takes_text(args.agent, takes))
    return 0


def _progress(history, args: argparse.Namespace) -> int:
    from voicecoach.history import progress
    from voicecoach.report.history import progress_text

    takes = history.takes(args.agent)
    if not takes:
        return _no_takes(args.agent)
    prog = progress(takes)
    sys.stdout.write(progress_text(args.agent, prog))
    if args.plot:
        from voicecoach.report.plots import save_progress

        first, last = takes[0].analyzed_at, takes[-1].analyzed_at
        title = (f"{args.agent}: {len(takes)} take{'s' if len(takes) != 1 else ''}, "
                 f"{first:%Y-%m-%d} to {last:%Y-%m-%d} (UTC)")
        save_progress(args.plot, [s for s in prog.series if s.values], [t.id for t in takes],
                      title=title)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _no_takes(agent: str) -> int:
    print(f"voicecoach: no takes stored for {agent!r}; `voicecoach history` lists the agents",
          file=sys.stderr)
    return 1


class TakeSaver:
    """Keeps each analyzed take of ``analyze --agent`` in the history, after its report.

    A take that cannot be saved gets one line saying so and why; ``failed`` is then True
    (the run exits 1). The history is opened at the first take, so a bad history never
    stops a report from being printed.
    """

    def __init__(self, args: argparse.Namespace, say) -> None:
        self.agent, self.location = args.agent.strip(), args.history
        self.keep_audio, self.lang, self.say = args.keep_audio, args.report_language, say
        self.history, self.error, self.failed = None, None, False

    def save(self, report, name: str) -> None:
        """Store ``report`` (a :class:`voicecoach.result.Report`); ``name`` is how the
        messages call the recording."""
        from voicecoach.errors import VoicecoachError
        from voicecoach.result import report_to_dict

        if report.status != "ok":
            self.say(f"voicecoach: {name}: not saved to the history ({report.status}; only "
                     "takes with speech are kept)")
            return
        try:
            history = self._open()
            audio = Path(report.path).read_bytes() if self.keep_audio else None
            take_id = history.add_take(self.agent, report_to_dict(report, lang=self.lang),
                                       audio=audio)
        except (VoicecoachError, OSError) as exc:
            self.failed = True
            self.say(f"voicecoach: {name}: take not saved to the history: {exc}")
            return
        self.say(f"voicecoach: {name}: saved as take {take_id} of {self.agent} in "
                 f"{history.location}")

    def _open(self):
        from voicecoach.history import open_history

        if self.error is not None:
            raise self.error
        if self.history is None:
            try:
                self.history = open_history(self.location)
            except Exception as exc:
                self.error = exc
                raise
        return self.history

    def close(self) -> None:
        if self.history is not None:
            self.history.close()
