"""The Bolt app: `/phasewatch`, the alert buttons, and App Home. Signature checks always on.

Listener failures go to one error handler; replies are built by bot.slack.slash and bot.slack.home.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.home import render_home
from bot.slack.render import escape_mrkdwn
from bot.slack.slash import SlashContext, handle_command
from bot.storage.store import get_company
from bot.storage.watches import mute_company

log = logging.getLogger(__name__)


def build_app(*, ctx: SlashContext, client: WebClient, signing_secret: str) -> App:
    """A Bolt app answering `/phasewatch`, the Mute button and App Home."""
    app = App(client=client, signing_secret=signing_secret, token_verification_enabled=False)

    @app.command("/phasewatch")
    def phasewatch(ack: Ack, command: dict[str, Any]) -> None:
        reply = handle_command(
            ctx, command.get("text", ""), command.get("channel_id", ""), command.get("user_id", "")
        )
        ack(text=reply.text, response_type=reply.response_type)

    @app.action("mute_company")
    def mute(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        reply = on_mute(ctx, body, action)
        if body.get("response_url"):
            respond(**reply)
        else:  # a click without a hook (not one Slack sends for messages): say it through the API
            say_without_hook(client, body, reply)

    @app.action("open_filing")
    def open_filing(ack: Ack) -> None:
        ack()  # a link button: Slack opens the URL; the click only needs acknowledging

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        user = event["user"]
        client.views_publish(
            user_id=user, view=render_home(ctx.engine, user_channels(client, user))
        )

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("command") or body.get("type") or "request"
        log.error("slack listener failed on %s: %s", kind, error, exc_info=error)

    return app


def say_without_hook(client: WebClient, body: dict[str, Any], reply: dict[str, Any]) -> None:
    """Post a button's reply by the Web API: to the channel, or to the clicker alone."""
    channel = (body.get("channel") or {}).get("id", "")
    user = (body.get("user") or {}).get("id", "")
    try:
        if reply.get("response_type") == "in_channel":
            client.chat_postMessage(channel=channel, text=reply["text"])
        else:
            client.chat_postEphemeral(channel=channel, user=user, text=reply["text"])
    except SlackApiError as exc:  # the mute is saved; only its notice is lost
        log.warning("slack refused the mute notice in %s: %s", channel, exc.response.get("error"))


def on_mute(ctx: SlashContext, body: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    """Mute the button's company in the channel the alert was posted to; the reply to show."""
    user = (body.get("user") or {}).get("id", "")
    channel = (body.get("channel") or {}).get("id", "")
    if not ctx.may_change(user):
        return {
            "text": "Only phasewatch admins can mute companies here.",
            "response_type": "ephemeral",
            "replace_original": False,
        }
    cik = int(action.get("value") or 0)
    company = get_company(ctx.engine, cik)
    name = escape_mrkdwn(company.name if company else f"CIK {cik}")
    mute_company(ctx.engine, channel, cik, user=user, now=ctx.clock())
    return {
        "text": f"<@{user}> muted {name} in this channel. `/phasewatch watch "
        f"{company.ticker_list[0] if company and company.ticker_list else cik}` undoes it.",
        "response_type": "in_channel",
        "replace_original": False,
    }


def user_channels(client: WebClient, user: str) -> set[str] | None:
    """The channels `user` is a member of, or None when Slack will not tell us."""
    try:
        response = client.users_conversations(
            user=user, types="public_channel,private_channel", limit=1000, exclude_archived=True
        )
    except SlackApiError as exc:
        log.warning("users.conversations for %s failed: %s", user, exc.response.get("error"))
        return None
    return {c["id"] for c in response.get("channels") or []}
