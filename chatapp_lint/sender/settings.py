"""What the sender needs to know: where to send, as whom, and how patiently.

Secrets live only in `Credentials`, whose fields never appear in a repr, and
which is read from the environment when sending, not when the module loads.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import attrs

from chatapp_lint.sender.errors import MissingCredentialsError

DEFAULT_ENDPOINT: Final = "cams.ap-southeast-1.aliyuncs.com"
"""The only endpoint the SDK knows by name, and the one integrations use."""

KEY_ID_VARIABLE: Final = "ALIBABA_CLOUD_ACCESS_KEY_ID"
SECRET_VARIABLE: Final = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"  # noqa: S105 - a name
TOKEN_VARIABLE: Final = "ALIBABA_CLOUD_SECURITY_TOKEN"  # noqa: S105 - a name
SPACE_VARIABLE: Final = "CHATAPP_LINT_SPACE_ID"

CREATE_PER_SECOND: Final = 50
"""CreateChatappTemplate's per-user QPS limit (seed page, Dec 2025 revision)."""
DETAIL_PER_SECOND: Final = 5
"""GetChatappTemplateDetail's per-user QPS limit (seed page)."""
MAX_ANSWER_BYTES: Final = 4 * 1024 * 1024
"""The most a call may receive: a template's detail is a few kilobytes."""


@attrs.frozen
class Credentials:
    """An AccessKey pair and an optional STS token; nothing of them is ever shown."""

    access_key_id: str = attrs.field(repr=False)
    access_key_secret: str = attrs.field(repr=False)
    security_token: str | None = attrs.field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        """Read the `ALIBABA_CLOUD_ACCESS_KEY_*` variables, now.

        Raises:
            MissingCredentialsError: when the key id or the secret is not set.
        """
        env = os.environ if environ is None else environ
        key_id = env.get(KEY_ID_VARIABLE, "").strip()
        secret = env.get(SECRET_VARIABLE, "").strip()
        missing = [
            name
            for name, value in ((KEY_ID_VARIABLE, key_id), (SECRET_VARIABLE, secret))
            if not value
        ]
        if missing:
            raise MissingCredentialsError(missing)
        token = env.get(TOKEN_VARIABLE, "").strip() or None
        return cls(key_id, secret, token)

    def secrets(self) -> tuple[str, ...]:
        """The values to scrub from anything shown (the key id included)."""
        return tuple(
            value
            for value in (
                self.access_key_id,
                self.access_key_secret,
                self.security_token,
            )
            if value
        )


@attrs.frozen
class Timing:
    """The clock, sleep and randomness the sender uses; tests inject their own."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = random.random


@attrs.frozen(kw_only=True)
class Settings:
    """How to send: endpoint, account, space, retries, timeouts and reporting.

    Attributes:
        endpoint: `HOST[:PORT]` of the service; None means the default endpoint,
            or the SDK's `cams.<region>.aliyuncs.com` when a region is given.
        protocol: `https` (default) or `http` (a local fake, say).
        region: The region id passed to the SDK.
        space_id: `CustSpaceId` for templates that have none of their own.
        credentials: Explicit credentials; None reads the environment at send time.
        credentials_chain: Use the SDK's default credential chain instead (CLI
            profiles, instance roles): only when asked for.
        report: The JSON-lines file recording each outcome, also read to resume.
        dry_run: Lint and show the request parameters; send nothing.
        max_retries: Retries of throttling and network failures per call.
        timeout: The deadline of each call, in seconds, from connecting to the
            last byte of the answer (a server dripping bytes cannot extend it).
        connect_timeout: Connect timeout of each request, in seconds.
        backoff: The first retry delay, in seconds; it doubles each time.
        max_backoff: The longest retry delay, in seconds.
        max_answer_bytes: The most one call may receive; beyond it the
            connection is cut (the answer counts as lost).
        create_per_second: Client-side limit for CreateChatappTemplate.
        detail_per_second: Client-side limit for GetChatappTemplateDetail.
        timing: Clock, sleep and randomness.
    """

    endpoint: str | None = None
    protocol: str = "https"
    region: str | None = None
    space_id: str | None = None
    credentials: Credentials | None = attrs.field(default=None, repr=False)
    credentials_chain: bool = False
    report: Path | None = None
    dry_run: bool = False
    max_retries: int = 5
    timeout: float = 30.0
    connect_timeout: float = 10.0
    backoff: float = 0.5
    max_backoff: float = 20.0
    max_answer_bytes: int = MAX_ANSWER_BYTES
    create_per_second: float = CREATE_PER_SECOND
    detail_per_second: float = DETAIL_PER_SECOND
    timing: Timing = attrs.field(factory=Timing, repr=False, eq=False)

    def resolved_endpoint(self) -> str | None:
        """The endpoint to configure; None lets the SDK derive it from the region."""
        if self.endpoint:
            return self.endpoint
        return None if self.region else DEFAULT_ENDPOINT

    def resolved_credentials(self) -> Credentials:
        """The explicit credentials, or those in the environment now."""
        return self.credentials or Credentials.from_env()
