"""The environment of a `python -m bot.cli` child process that a test starts.

Every test that runs phasewatch as a real process builds its environment here, so that none
inherits the developer's PHASEWATCH_* or SLACK_* settings, none reaches the real
ClinicalTrials.gov, and every child imports this checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.edgar_server import FakeEdgar
from tests.helpers import USER_AGENT
from tests.slack_server import FakeSlack

REPO = Path(__file__).resolve().parents[1]


def child_env(**env: str) -> dict[str, str]:
    """This process's environment less every PHASEWATCH_* and SLACK_* variable, with the
    repository on PYTHONPATH and the registry off (PHASEWATCH_CTGOV_URL=""); `env` goes on top,
    so a test that wants the registry names its own URL."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PHASEWATCH_", "SLACK_"))}
    return base | {"PYTHONPATH": str(REPO), "PHASEWATCH_CTGOV_URL": ""} | env


def stand_in_env(edgar: FakeEdgar, slack: FakeSlack, db_url: str, **env: str) -> dict[str, str]:
    """child_env with the database at `db_url` and EDGAR and the Slack Web API at the local
    stand-ins (bot token xoxb-test unless `env` names another); `env` goes on top."""
    return child_env(
        **{
            "PHASEWATCH_DATABASE_URL": db_url,
            "PHASEWATCH_EDGAR_URL": edgar.url,
            "PHASEWATCH_EDGAR_DATA_URL": edgar.url,
            "PHASEWATCH_SEC_USER_AGENT": USER_AGENT,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "PHASEWATCH_SLACK_API_URL": slack.api_url,
        }
        | env
    )
