"""Settings: built once at start from the environment (and `.env`), then passed down.

Names follow the outside contract (../shared/CONTRACT.md). Errors are `ConfigError`, a one-line
message the CLI prints before exiting with status 2.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.forms import parse_forms

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
REAL_EDGAR_HOSTS = ("sec.gov",)
LOCAL_USER_AGENT = "phasewatch-local dev@localhost.localdomain"


class ConfigError(Exception):
    """A setting is missing or invalid; the message is one line meant for the operator."""


def _csv(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


class Settings(BaseSettings):
    """Every knob of phasewatch, read from the environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite:///phasewatch.db", alias="PHASEWATCH_DATABASE_URL")
    sec_user_agent: str | None = Field(None, alias="PHASEWATCH_SEC_USER_AGENT")
    edgar_url: str = Field("https://www.sec.gov", alias="PHASEWATCH_EDGAR_URL")
    edgar_data_url: str = Field("https://data.sec.gov", alias="PHASEWATCH_EDGAR_DATA_URL")
    poll_seconds: float = Field(60.0, gt=0, alias="PHASEWATCH_POLL_SECONDS")
    forms: Annotated[tuple[str, ...], NoDecode] = Field(
        ("8-K", "8-K/A", "6-K"), alias="PHASEWATCH_FORMS"
    )
    max_rps: float = Field(5.0, gt=0, alias="PHASEWATCH_MAX_RPS")
    company_poll_seconds: float = Field(300.0, gt=0, alias="PHASEWATCH_COMPANY_POLL_SECONDS")
    slack_bot_token: str | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field("https://slack.com/api/", alias="PHASEWATCH_SLACK_API_URL")
    http_port: int = Field(3000, ge=0, le=65535, alias="PHASEWATCH_HTTP_PORT")
    max_document_bytes: int = Field(5_000_000, gt=0, alias="PHASEWATCH_MAX_DOCUMENT_BYTES")
    inflight_seconds: float = Field(120.0, gt=0, alias="PHASEWATCH_INFLIGHT_SECONDS")
    log_format: Literal["text", "json"] = Field("text", alias="PHASEWATCH_LOG_FORMAT")
    admin_user_ids: Annotated[tuple[str, ...], NoDecode] = Field(
        (), alias="PHASEWATCH_ADMIN_USER_IDS"
    )
    ctgov_url: str = Field("https://clinicaltrials.gov/api/v2", alias="PHASEWATCH_CTGOV_URL")
    ctgov_max_rps: float = Field(1.0, gt=0, le=5, alias="PHASEWATCH_CTGOV_MAX_RPS")
    ctgov_ttl_hours: float = Field(24.0, gt=0, alias="PHASEWATCH_CTGOV_TTL_HOURS")
    ctgov_watch_hours: float = Field(24.0, gt=0, alias="PHASEWATCH_CTGOV_WATCH_HOURS")
    ctgov_lookup_seconds: float = Field(30.0, gt=0, alias="PHASEWATCH_CTGOV_LOOKUP_SECONDS")

    @field_validator("forms", mode="before")
    @classmethod
    def _known_forms(cls, value: Any) -> Any:
        forms = parse_forms(value) if isinstance(value, str) else value
        if not forms:
            raise ValueError("name at least one form, e.g. 8-K,8-K/A,6-K")
        return forms

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_csv(cls, value: Any) -> Any:
        return _csv(value)

    @field_validator("max_rps")
    @classmethod
    def _max_rps_polite(cls, value: float) -> float:
        if value > 10:
            raise ValueError("SEC allows at most 10 requests per second")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _slash_terminated(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @property
    def registry_enabled(self) -> bool:
        """False when PHASEWATCH_CTGOV_URL is set empty: no registry lookups at all."""
        return bool(self.ctgov_url.strip())

    @property
    def talks_to_real_edgar(self) -> bool:
        """True when either EDGAR base URL points at sec.gov rather than a local stand-in."""
        hosts = (urlsplit(self.edgar_url).hostname or "", urlsplit(self.edgar_data_url).hostname)
        return any(str(h).endswith(REAL_EDGAR_HOSTS) for h in hosts)

    def user_agent(self) -> str:
        """The declared User-Agent; required (with an e-mail address) for the real EDGAR."""
        agent = (self.sec_user_agent or "").strip()
        if agent and not EMAIL.search(agent):
            raise ConfigError(
                f"PHASEWATCH_SEC_USER_AGENT={agent!r} has no e-mail address; "
                'SEC requires "Org Name contact@example.com"'
            )
        if not agent and self.talks_to_real_edgar:
            raise ConfigError(
                "PHASEWATCH_SEC_USER_AGENT is required to talk to EDGAR at "
                f'{self.edgar_url}: set it to "Org Name contact@example.com"'
            )
        return agent or LOCAL_USER_AGENT


def load_settings(**overrides: Any) -> Settings:
    """Read the environment (and .env) once; invalid values become one ConfigError line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = first["loc"][0] if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        secret = any(word in str(name) for word in ("TOKEN", "SECRET"))
        shown = "" if secret else f"={str(first.get('input'))[:60]!r}"
        raise ConfigError(f"invalid {name}{shown}: {message}") from None
