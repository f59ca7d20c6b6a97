"""The poster's registry operations against the local Slack stand-in: what each answer raises."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.domain.alerts import Alert, AlertEvent
from bot.domain.kinds.phase_change import PhaseDetail
from bot.domain.registry import TrialLine
from bot.slack.posters import (
    CannotUpdateError,
    ConsolePoster,
    CredentialsError,
    DeliveryError,
    MessageGoneError,
    SlackPoster,
    make_delivery_client,
)
from tests.slack_server import FakeSlack, Scripted

ALERT = Alert(
    channel="C1",
    accession="0001990001-26-000012",
    cik=1990001,
    company="Tidecrest Therapeutics, Inc.",
    tickers=("TDCR",),
    form="8-K",
    index_url="https://www.sec.gov/Archives/edgar/data/1990001/000199000126000012/x-index.htm",
    filed=date(2026, 11, 23),
    accepted=None,
    events=(
        AlertEvent(key="k1", drug="TCB-101", evidence="Dosed.", detail=PhaseDetail("started")),
    ),
)
LINES = [TrialLine("TCB-101", nct_id="NCT05012345", text="NCT05012345 <!channel> · Phase 2")]


def refusal(code: str) -> Scripted:
    """Slack's answer refusing a call with `code`."""
    return Scripted(body={"ok": False, "error": code})


def poster_on(slack: FakeSlack) -> SlackPoster:
    """A Slack poster on the stand-in."""
    return SlackPoster(make_delivery_client("xoxb-test", slack.api_url))


def test_update_sends_the_alert_with_its_registry_section(slack: FakeSlack) -> None:
    """chat.update of the message ts: a ClinicalTrials.gov section, an escaped fallback text."""
    assert poster_on(slack).update_alert(ALERT, "1.000100", LINES) == "update"
    (call,) = slack.calls_to("chat.update")
    assert (call.body["channel"], call.body["ts"]) == ("C1", "1.000100")
    assert any("*ClinicalTrials.gov*" in str(b) for b in call.body["blocks"])
    assert "&lt;!channel&gt;" in call.body["text"]
    assert "<!channel>" not in call.body["text"]


@pytest.mark.parametrize(
    ("code", "error", "gone"),
    [
        ("cant_update_message", MessageGoneError, True),
        ("message_not_found", MessageGoneError, True),
        ("edit_window_closed", MessageGoneError, True),
        ("msg_too_long", CannotUpdateError, False),
        ("invalid_blocks", CannotUpdateError, False),
    ],
)
def test_an_edit_slack_refuses_for_good_is_cannot_update(
    slack: FakeSlack, code: str, error: type[DeliveryError], gone: bool
) -> None:
    """Gone or closed messages are MessageGoneError; too long an edit only CannotUpdateError."""
    slack.script("chat.update", refusal(code))
    with pytest.raises(error) as raised:
        poster_on(slack).update_alert(ALERT, "1.000100", LINES)
    assert isinstance(raised.value, MessageGoneError) is gone
    assert str(raised.value) == code
    assert raised.value.permanent


def test_a_transient_update_failure_is_a_plain_delivery_error(slack: FakeSlack) -> None:
    """internal_error is worth retrying: not CannotUpdateError, so no thread reply yet."""
    slack.script("chat.update", refusal("internal_error"))
    with pytest.raises(DeliveryError) as raised:
        poster_on(slack).update_alert(ALERT, "1.000100", LINES)
    assert not isinstance(raised.value, CannotUpdateError)


def test_a_refused_token_on_update_or_reply_does_not_stop_delivery(slack: FakeSlack) -> None:
    """invalid_auth answering an update or a reply leaves the poster posting (delivery decides)."""
    poster = poster_on(slack)
    slack.script("chat.update", refusal("invalid_auth"))
    slack.script("chat.postMessage", refusal("invalid_auth"))
    for call in (poster.update_alert, poster.reply_to_alert):
        with pytest.raises(DeliveryError) as raised:
            call(ALERT, "1.000100", LINES)
        assert not isinstance(raised.value, CredentialsError)
    assert poster.refused is None
    assert poster.post_alert(ALERT)


def test_reply_goes_in_the_thread_and_only_a_gone_message_is_final(slack: FakeSlack) -> None:
    """The reply threads on the ts; message_not_found is MessageGoneError, msg_too_long is not."""
    poster = poster_on(slack)
    poster.reply_to_alert(ALERT, "1.000100", LINES)
    (call,) = slack.calls_to("chat.postMessage")
    assert call.body["thread_ts"] == "1.000100"
    assert call.body["text"].startswith("ClinicalTrials.gov: ")
    slack.script("chat.postMessage", refusal("message_not_found"), refusal("msg_too_long"))
    with pytest.raises(MessageGoneError):
        poster.reply_to_alert(ALERT, "1.000100", LINES)
    with pytest.raises(DeliveryError) as raised:
        poster.reply_to_alert(ALERT, "1.000100", LINES)
    assert not isinstance(raised.value, CannotUpdateError)


def test_console_prints_the_lines_under_the_alert() -> None:
    """Without a token the registry lines are printed, marked with the channel and accession."""
    out = io.StringIO()
    assert ConsolePoster(out).update_alert(ALERT, "console.1", LINES) == "console"
    assert out.getvalue().startswith(f"[#C1] ↳ registry ({ALERT.accession}): ")
