"""The `phasewatch` command line (see ../shared/CONTRACT.md, "Commands").

Every command builds Settings once and passes them down. A ConfigError (a bad setting, a taken
HTTP port), a StoreError (an unusable database), a WatchError or an EDGAR failure is printed as
one line (`phasewatch: error: …`) with exit status 2, never a traceback. `classify` prints such a
line for each path it cannot read, classifies the others, and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date

from bot import __version__
from bot.cli.jobs import cmd_backfill, cmd_demo, cmd_poll, cmd_run
from bot.cli.lookups import cmd_pipeline, cmd_trial
from bot.cli.text import cmd_classify, cmd_eval
from bot.cli.watch import cmd_watch_add, cmd_watch_list, cmd_watch_remove
from bot.domain.kinds import WATCH_FILTERS
from bot.domain.targets import WatchError
from bot.logs import configure_logging
from bot.storage.store import StoreError
from bot.usecases.settings import ConfigError, load_settings
from watchers import WatcherError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="phasewatch", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"phasewatch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="the service: scheduled watchers, delivery, the Slack app")
    poll = sub.add_parser("poll", help="poll EDGAR")
    poll.add_argument(
        "--once", action="store_true", required=True, help="one full cycle, then exit"
    )
    classify = sub.add_parser("classify", help="classify documents and print their events")
    classify.add_argument("--json", action="store_true", help="one JSON object per input")
    classify.add_argument("paths", nargs="+", metavar="PATH", help=".htm/.html/.txt, - for stdin")
    evaluate = sub.add_parser("eval", help="score the classifiers on a labeled corpus")
    evaluate.add_argument("corpus", metavar="CORPUS_DIR")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    _add_watch_parser(sub)
    backfill = sub.add_parser("backfill", help="classify a company's past filings")
    backfill.add_argument("target", metavar="TARGET", help="a ticker or a CIK")
    backfill.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    backfill.add_argument("--forms", metavar="8-K,6-K", help="default: PHASEWATCH_FORMS")
    backfill.add_argument("--post", action="store_true", help="also alert matching channels")
    pipeline = sub.add_parser("pipeline", help="a company's drugs: phase, status, history")
    pipeline.add_argument("target", metavar="TARGET", help="a ticker or a CIK")
    pipeline.add_argument("--json", action="store_true")
    sub.add_parser("demo", help="the whole pipeline offline, on data phasewatch ships")
    trial = sub.add_parser("trial", help="a trial's registry record and the filings naming it")
    trial.add_argument("nct", metavar="NCT", help="an NCT number, NCT05012345")
    trial.add_argument("--json", action="store_true")
    return parser


def _add_watch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = sub.add_parser("watch", help="manage channel watchlists")
    wsub = watch.add_subparsers(dest="watch_command", required=True, metavar="ACTION")
    add = wsub.add_parser("add", help="watch TARGET (ticker, CIK, sic:NNNN, all) in a channel")
    add.add_argument("target", metavar="TARGET")
    add.add_argument("--channel", required=True, metavar="ID")
    add.add_argument("--events", metavar=",".join(WATCH_FILTERS))
    add.add_argument("--forms", metavar="8-K,6-K")
    add.add_argument(
        "--repeats",
        choices=("thread", "none"),
        default=None,
        help="news the channel was already told: in the first alert's thread "
        "(default) or not at all",
    )
    lst = wsub.add_parser("list", help="list watches")
    lst.add_argument("--channel", metavar="ID")
    lst.add_argument("--json", action="store_true")
    rm = wsub.add_parser("remove", help="stop watching TARGET in a channel")
    rm.add_argument("target", metavar="TARGET")
    rm.add_argument("--channel", required=True, metavar="ID")


COMMANDS = {
    "run": cmd_run,
    "poll": cmd_poll,
    "classify": cmd_classify,
    "eval": cmd_eval,
    "demo": cmd_demo,
    "backfill": cmd_backfill,
    "pipeline": cmd_pipeline,
    "trial": cmd_trial,
    ("watch", "add"): cmd_watch_add,
    ("watch", "list"): cmd_watch_list,
    ("watch", "remove"): cmd_watch_remove,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `phasewatch` console script."""
    args = build_parser().parse_args(argv)
    key = (args.command, args.watch_command) if args.command == "watch" else args.command
    try:
        settings = load_settings()
        configure_logging(settings.log_format, verbose=args.command in ("run", "poll"))
        return COMMANDS[key](settings, args)
    except (ConfigError, StoreError, WatchError, WatcherError) as exc:
        print(f"phasewatch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        logging.shutdown()
