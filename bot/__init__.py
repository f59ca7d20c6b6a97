"""phasewatch's composition root: settings, storage, Slack, scheduling and the CLI."""

__version__ = "0.1.0"
