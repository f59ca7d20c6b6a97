"""`python -m bot.cli`: the `phasewatch` command."""

import sys

from bot.cli.main import main

sys.exit(main())
