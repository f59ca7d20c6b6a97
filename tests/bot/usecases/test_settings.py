"""Settings follow the contract's variables and refuse what SEC would refuse."""

from __future__ import annotations

import pytest

from bot.usecases.settings import LOCAL_USER_AGENT, ConfigError, load_settings


def test_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset variables give the contract's defaults."""
    for name in ("PHASEWATCH_FORMS", "PHASEWATCH_MAX_RPS", "PHASEWATCH_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert s.database_url == "sqlite:///phasewatch.db"
    assert s.edgar_url == "https://www.sec.gov"
    assert s.edgar_data_url == "https://data.sec.gov"
    assert s.forms == ("8-K", "8-K/A", "6-K")
    assert (s.max_rps, s.poll_seconds, s.http_port) == (5.0, 60.0, 3000)
    assert s.slack_api_url == "https://slack.com/api/"


def test_forms_are_a_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """PHASEWATCH_FORMS is split on commas, blanks trimmed."""
    monkeypatch.setenv("PHASEWATCH_FORMS", " 8-K , 6-K,")
    assert load_settings().forms == ("8-K", "6-K")


def test_more_than_ten_requests_per_second_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """SEC's limit is 10 requests per second: 11 is a ConfigError naming the variable."""
    monkeypatch.setenv("PHASEWATCH_MAX_RPS", "11")
    with pytest.raises(ConfigError, match="PHASEWATCH_MAX_RPS"):
        load_settings()


def test_real_edgar_needs_a_user_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PHASEWATCH_SEC_USER_AGENT, talking to sec.gov is a ConfigError."""
    monkeypatch.delenv("PHASEWATCH_SEC_USER_AGENT", raising=False)
    with pytest.raises(ConfigError, match="PHASEWATCH_SEC_USER_AGENT is required"):
        load_settings().user_agent()


def test_user_agent_without_email_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """SEC asks for a contact e-mail in the User-Agent."""
    monkeypatch.setenv("PHASEWATCH_SEC_USER_AGENT", "Acme Research")
    with pytest.raises(ConfigError, match="no e-mail"):
        load_settings().user_agent()


def test_local_edgar_gets_a_default_user_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    """A local stand-in needs no configured agent; a declared default is sent."""
    monkeypatch.delenv("PHASEWATCH_SEC_USER_AGENT", raising=False)
    monkeypatch.setenv("PHASEWATCH_EDGAR_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("PHASEWATCH_EDGAR_DATA_URL", "http://127.0.0.1:9")
    assert load_settings().user_agent() == LOCAL_USER_AGENT


def test_registry_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """On by default at clinicaltrials.gov, 1 request/s; empty turns it off; over 5/s refused."""
    monkeypatch.delenv("PHASEWATCH_CTGOV_URL")
    default = load_settings()
    assert default.ctgov_url == "https://clinicaltrials.gov/api/v2"
    assert (default.registry_enabled, default.ctgov_max_rps) == (True, 1.0)
    assert default.ctgov_watch_hours == 24
    assert load_settings(PHASEWATCH_CTGOV_URL="").registry_enabled is False
    with pytest.raises(ConfigError, match=r"PHASEWATCH_CTGOV_MAX_RPS"):
        load_settings(PHASEWATCH_CTGOV_MAX_RPS="6")
