"""``voicecoach batch``: a team's folder into one table and one page. Thin: parses, draws
the progress bar, prints the summary; the work is :func:`voicecoach.team.run.run_folder`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]

EXAMPLES = """\
examples:
  voicecoach batch team/ --out review/
        every recording under team/<agent>/...: review/results.csv, failures.csv,
        team.html and one JSON report per recording in review/reports/
  voicecoach batch team/ --out review/ --workers 2
        two worker processes (default: one per core), each loading the model once
  voicecoach batch calls/ --out review/ --agent-pattern '^(?P<agent>[a-z]+)_'
        the agent from file names such as dana_2026-03-01.wav
  voicecoach batch /shared/team --out review/ --dask-scheduler tcp://10.0.0.5:8786
        on a Dask cluster whose workers see /shared/team

A second run with the same folder skips every recording already analyzed with the same
content, targets and model, and finishes in seconds; an interrupted run loses nothing
already done. Exit code 0 when every recording was analyzed, 1 when any failed (listed
in failures.csv), 2 for a usage error.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``batch`` subcommand to the subparsers ``sub``."""
    b = sub.add_parser(
        "batch", help="analyze a team's folder of recordings into a table and one page",
        description="Analyze every recording under DIR (recursively) in parallel and write "
        "results.csv (one row per recording), failures.csv, team.html (per agent medians, "
        "share on target, who needs what, trends, distributions) and one JSON report per "
        "recording into OUTDIR. Resumable.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    b.add_argument("dir", metavar="DIR", help="the team's folder: DIR/<agent>/... by default")
    b.add_argument("-o", "--out", metavar="OUTDIR", required=True,
                   help="output folder (created if needed)")
    b.add_argument("--workers", type=_positive_int, metavar="N",
                   help="local worker processes (default: one per core)")
    b.add_argument("--agent-pattern", metavar="REGEX",
                   help="name the agent from each file name: the group 'agent' of this "
                   "regular expression (else its first group, else the match)")
    b.add_argument("--time-limit", type=_positive_float, default=1800.0, metavar="SECONDS",
                   help="stop a recording still being analyzed after this long and list it "
                   "as failed (default: 1800; local workers only)")
    b.add_argument("--retry-failed", action="store_true",
                   help="analyze again the recordings that failed in an earlier run")
    b.add_argument("--dask-scheduler", metavar="ADDRESS",
                   help="run on this Dask cluster (tcp://HOST:8786) instead of local "
                   "processes; its workers must see DIR at the same path")
    b.add_argument("--model", metavar="NAME_OR_DIR", help="Whisper model (default tiny.en)")
    b.add_argument("--targets", metavar="FILE", help="TOML file overriding the default targets")
    b.add_argument("--language", metavar="CODE", help="the language spoken (default detected)")
    b.add_argument("--channel", default="mix", metavar="mix|left|right|N",
                   help="which channel of a stereo file is the agent (default: mix)")
    b.add_argument("--two-party", action="store_true",
                   help="agent and customer on separate channels of stereo calls")
    b.add_argument("--agent-channel", choices=("left", "right"),
                   help="the agent's channel of two-party calls; implies --two-party")
    b.add_argument("--customer-name", metavar="NAME", help="count uses of the customer's name")
    b.add_argument("--no-consonants", action="store_true",
                   help="skip the final-consonant analysis (faster)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.add_argument("--debug", action="store_true", help="show full tracebacks and debug logs")
    return b


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number >= 1")
    return int(value)


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not x > 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds > 0")
    return x


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run ``voicecoach batch``; returns the exit code."""
    from voicecoach.assess.targets import load_targets
    from voicecoach.team.folder import agent_regex
    from voicecoach.team.run import run_folder

    if not Path(args.dir).is_dir():
        parser.error(f"{args.dir}: not a folder (give the folder holding the recordings)")
    channel = int(args.channel) if str(args.channel).isdigit() else args.channel
    if channel not in ("mix", "left", "right") and not isinstance(channel, int):
        parser.error(f"--channel {args.channel!r} is not mix, left, right or a channel number")
    from voicecoach.errors import VoicecoachError

    try:
        pattern = agent_regex(args.agent_pattern) if args.agent_pattern else None
    except VoicecoachError as exc:
        parser.error(str(exc))
    options: dict = {"channel": channel, "consonants": not args.no_consonants,
                     "language": args.language}
    if args.two_party or args.agent_channel or args.customer_name:
        options.update(two_party=args.two_party or bool(args.agent_channel),
                       agent_channel=args.agent_channel or "auto",
                       customer_name=args.customer_name)
    bar = _Bar(enabled=not args.quiet and sys.stderr.isatty())
    try:
        summary = run_folder(args.dir, args.out, workers=args.workers,
                             targets=load_targets(args.targets), model=args.model,
                             options=options, agent_pattern=pattern,
                             time_limit_s=args.time_limit, retry_failed=args.retry_failed,
                             dask_scheduler=args.dask_scheduler, progress=bar.update)
    finally:
        bar.close()
    out = summary.out
    line = (f"{summary.n_found} recordings: {summary.n_analyzed} analyzed, "
            f"{summary.n_skipped} skipped (done before), {summary.n_failed} failed, "
            f"in {summary.wall_s:.1f} s")
    if summary.peak_mb_per_worker:
        line += f"; peak memory per worker {max(summary.peak_mb_per_worker):.0f} MB"
    print(line, file=sys.stderr)
    print(f"  {out / 'results.csv'}\n  {out / 'failures.csv'}\n  {out / 'team.html'}",
          file=sys.stderr)
    return 0 if summary.ok else 1


class _Bar:
    """A tqdm bar over the recordings: count, rate and time left."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled, self.bar = enabled, None

    def update(self, done: int, total: int, skipped: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit="rec", file=sys.stderr,
                            desc="recordings", leave=False, dynamic_ncols=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
