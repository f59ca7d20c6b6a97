"""Slack: the only package importing slack_sdk or slack_bolt (render, post, app, slash, home)."""
