"""The one module that imports the Alibaba Cloud SDK: the client, two calls, errors.

Nothing else in chatapp-lint imports it, and this module is itself imported only
when sending, so linting never pays for (or needs) the SDK. What leaves here is
plain data or a `CallFailed` carrying an `ApiFailure` or a `TransportFailure`.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Final

from alibabacloud_cams20200606 import models as cams
from alibabacloud_cams20200606.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from alibabacloud_tea_openapi.utils import Utils
from alibabacloud_tea_openapi.utils_models import Config, OpenApiRequest, Params
from darabonba.runtime import RuntimeOptions

from chatapp_lint.pointer import join
from chatapp_lint.sender.errors import (
    CredentialChainError,
    Redactor,
    UnsendableTemplateError,
)
from chatapp_lint.sender.outcome import ApiFailure, CallFailed, TransportFailure
from chatapp_lint.sender.relay import Relay
from chatapp_lint.sender.settings import Credentials, Settings

VERSION: Final = "2020-06-06"
DETAIL_ACTION: Final = "GetChatappTemplateDetail"
_NOT_FOUND: Final = re.compile(r"template.*not.?(exist|found)", re.IGNORECASE)
# How a transport failure reads in the SDK's wrapped exception, and its name here.
_TRANSPORT_KINDS: Final = (
    ("read timed out", "ReadTimeout"),
    ("connecttimeout", "ConnectTimeout"),
    ("connect timeout", "ConnectTimeout"),
    ("refused", "ConnectionRefused"),
    ("name or service not known", "NameResolution"),
    ("failed to resolve", "NameResolution"),
    ("nodename nor servname", "NameResolution"),
    ("remotedisconnected", "ConnectionDropped"),
    ("connection aborted", "ConnectionDropped"),
    ("connection reset", "ConnectionDropped"),
    ("ssl", "TLSError"),
    ("json", "UnreadableAnswer"),
)


# `DEBUG=sdk` in the environment makes the SDK log every request's headers
# (the Authorization header names the AccessKey id and carries the signature,
# x-acs-security-token the STS token) to loggers it creates on import.
_SDK_LOGGERS: Final = ("darabonba-core", "alibabacloud-tea")
_SECRET_HEADER: Final = re.compile(
    r"^([<>] *(?:authorization|x-acs-security-token|x-acs-accesskey-id"
    r"|x-acs-bearer-token|proxy-authorization) *:).*$",
    re.IGNORECASE | re.MULTILINE,
)


class _DebugScrubber(logging.Filter):
    """Rewrites the SDK's debug records without secrets, signatures or query strings."""

    def __init__(self) -> None:
        super().__init__()
        self._redactors: weakref.WeakSet[Redactor] = weakref.WeakSet()

    def watch(self, redact: Redactor) -> None:
        """Scrub this redactor's secrets too (a gateway's credentials)."""
        self._redactors.add(redact)

    def filter(self, record: logging.LogRecord) -> bool:
        text = _SECRET_HEADER.sub(r"\1 <redacted>", record.getMessage())
        for redact in list(self._redactors):
            text = redact.scrub(text)
        record.msg, record.args = Redactor().scrub(text), ()
        return True


_DEBUG_SCRUBBER: Final = _DebugScrubber()
for _name in _SDK_LOGGERS:
    logging.getLogger(_name).addFilter(_DEBUG_SCRUBBER)


class _Captured(Exception):  # noqa: N818 - a signal, not an error
    def __init__(self, query: dict[str, str]) -> None:
        self.query = query


class _DryRunClient(Client):  # type: ignore[misc]  # the SDK has no type hints
    """A client that stops where the request would go out, and hands back its query."""

    def call_api(self, params: Any, request: Any, runtime: Any) -> Any:
        raise _Captured(dict(request.query))


def request_model(data: Mapping[str, Any], where: str) -> Any:
    """The SDK's CreateChatappTemplateRequest for a template, losing nothing.

    Raises:
        UnsendableTemplateError: if the model would drop a member (its `from_map`
            ignores names it does not know).
    """
    request = cams.CreateChatappTemplateRequest().from_map(dict(data))
    lost = _lost(data, request.to_map(), "")
    if lost:
        raise UnsendableTemplateError(where, lost)
    return request


def wire_parameters(data: Mapping[str, Any], where: str) -> dict[str, str]:
    """The exact query parameters the SDK would send for a template (nothing is sent).

    This runs the SDK's own create method up to the HTTP call, so the JSON
    encoding of `Components` and `Example` is the SDK's (its shrink request).
    """
    client = _DryRunClient(Config(endpoint="dry-run.invalid", protocol="https"))
    try:
        client.create_chatapp_template_with_options(
            request_model(data, where), RuntimeOptions()
        )
    except _Captured as captured:
        return captured.query
    raise AssertionError("the SDK returned without calling the API")  # pragma: no cover


class Gateway:
    """The SDK client, configured once, with the two calls the sender makes."""

    def __init__(
        self, settings: Settings, credentials: Credentials | None, redact: Redactor
    ) -> None:
        # Every connection goes through the relay, which holds each call to its
        # deadline and size bound and applies the proxy variables and NO_PROXY.
        self._relay = Relay(settings.connect_timeout)
        self._deadline = settings.timeout
        self._max_bytes = settings.max_answer_bytes
        config = Config(
            endpoint=settings.resolved_endpoint(),
            protocol=settings.protocol,
            region_id=settings.region,
            read_timeout=int(settings.timeout * 1000),
            connect_timeout=int(settings.connect_timeout * 1000),
            http_proxy=self._relay.address,
            https_proxy=self._relay.address,
        )
        if credentials is not None:
            config.access_key_id = credentials.access_key_id
            config.access_key_secret = credentials.access_key_secret
            config.security_token = credentials.security_token
        else:  # --credentials-chain: the user asked for the SDK's default chain
            config.credential = _chain(redact)
        self._client = Client(config)
        self._redact = redact
        _DEBUG_SCRUBBER.watch(redact)

    def __repr__(self) -> str:
        return "Gateway(<SDK client>)"

    def close(self) -> None:
        """Stop the relay (and cut any connection left open)."""
        self._relay.close()

    @property
    def redact(self) -> Redactor:
        """What scrubs this gateway's secrets out of text."""
        return self._redact

    def create(self, data: Mapping[str, Any], where: str) -> tuple[str, str | None]:
        """Create a template; returns its TemplateCode and the request id."""
        request = request_model(data, where)
        response = self._guarded(
            lambda: self._client.create_chatapp_template_with_options(
                request, RuntimeOptions()
            )
        )
        body = response.body
        if body is None or body.code != "OK" or body.data is None:
            answer = body.to_map() if body is not None else {}
            raise CallFailed(_not_ok(answer, self._redact))
        return str(body.data.template_code), body.request_id

    def detail(
        self, query: Mapping[str, str]
    ) -> tuple[dict[str, Any] | None, str | None]:
        """GetChatappTemplateDetail's raw `Data` (None when there is no such template).

        The raw answer is used, not the SDK's typed model: the model cannot read
        `Components` or `Example` sent as JSON strings, and drops unknown names.
        """
        params = Params(
            action=DETAIL_ACTION,
            version=VERSION,
            protocol="HTTPS",
            pathname="/",
            method="POST",
            auth_type="AK",
            style="RPC",
            req_body_type="formData",
            body_type="json",
        )
        request = OpenApiRequest(query=Utils.query(dict(query)))
        try:
            answer = self._guarded(
                lambda: self._client.call_api(params, request, RuntimeOptions())
            )
        except CallFailed as failed:
            failure = failed.failure
            if isinstance(failure, ApiFailure) and _NOT_FOUND.search(failure.code):
                return None, failure.request_id
            raise
        body = answer.get("body") if isinstance(answer, dict) else None
        body = body if isinstance(body, dict) else {}
        request_id = body.get("RequestId")
        if body.get("Code") != "OK":
            if _NOT_FOUND.search(str(body.get("Code"))):
                return None, request_id
            raise CallFailed(_not_ok(body, self._redact))
        data = body.get("Data")
        return (data if isinstance(data, dict) and data else None), request_id

    def _guarded(self, call: Callable[[], Any]) -> Any:
        """Make one SDK call under the relay's deadline and size bound.

        Raises:
            CallFailed: the SDK raised (mapped and redacted), or the relay cut
                the call (`Network.Deadline`, `Network.AnswerTooLarge`).
        """
        self._relay.arm(self._deadline, self._max_bytes)
        try:
            return call()
        except Exception as error:  # noqa: BLE001 - mapped, redacted, re-raised
            tripped = self._relay.tripped
            if tripped == "Deadline":
                limit = f"no whole answer within {self._deadline:g} s"
                raise CallFailed(TransportFailure(tripped, limit)) from None
            if tripped == "AnswerTooLarge":
                limit = f"the answer passed {self._max_bytes} bytes"
                raise CallFailed(TransportFailure(tripped, limit)) from None
            if tripped is not None:
                reason = "could not connect to the service (or its proxy)"
                raise CallFailed(TransportFailure(tripped, reason)) from None
            raise CallFailed(self._failure(error)) from None
        finally:
            self._relay.disarm()

    def _failure(self, error: Exception) -> ApiFailure | TransportFailure:
        if isinstance(error, AlibabaCloudException):
            data = error.data if isinstance(error.data, dict) else {}
            retry_after = getattr(error, "retry_after", None)
            request_id = error.request_id or data.get("RequestId")
            return ApiFailure(
                code=self._redact(str(error.code or "UnknownError")),
                message=self._redact(str(data.get("Message") or error.message or "")),
                request_id=None if request_id is None else self._redact(request_id),
                status=error.status_code,
                retry_after=retry_after / 1000 if retry_after else None,
            )
        # Anything else the SDK raises means no usable answer: its text is redacted.
        inner = getattr(error, "inner_exception", None) or error
        text = str(getattr(inner, "message", None) or inner)
        lowered = text.lower()
        kind = next((k for hint, k in _TRANSPORT_KINDS if hint in lowered), "Error")
        return TransportFailure(kind, self._redact(text))


def _chain(redact: Redactor) -> Any:
    """The SDK's default credential chain, resolved once now.

    Resolving first turns "no credentials anywhere" into one clear message
    instead of a failure on every call; what it finds is scrubbed from output.
    """
    from alibabacloud_credentials.client import Client as CredentialClient

    chain = CredentialClient()
    try:
        found = chain.get_credential()
    except Exception as error:  # noqa: BLE001 - the chain raises many kinds
        raise CredentialChainError(redact(str(error))) from None
    redact.add(found.access_key_id, found.access_key_secret, found.security_token)
    return chain


def _not_ok(body: Mapping[str, Any], redact: Redactor) -> ApiFailure:
    """A 200 answer whose `Code` is not OK: the SDK does not raise for it."""
    request_id = body.get("RequestId")
    return ApiFailure(
        code=redact(str(body.get("Code") or "UnknownError")),
        message=redact(str(body.get("Message") or "")),
        request_id=None if request_id is None else redact(str(request_id)),
        status=200,
    )


def _lost(sent: Any, kept: Any, pointer: str) -> list[str]:
    """The pointers of members present in `sent` that `kept` does not carry."""
    if isinstance(sent, Mapping):
        kept_map = kept if isinstance(kept, Mapping) else {}
        lost: list[str] = []
        for key, value in sent.items():
            if key not in kept_map and value is not None:
                lost.append(join(pointer, key))
            elif key in kept_map:
                lost += _lost(value, kept_map[key], join(pointer, key))
        return lost
    if isinstance(sent, list) and isinstance(kept, list):
        return [
            p
            for index, (a, b) in enumerate(zip(sent, kept, strict=False))
            for p in _lost(a, b, join(pointer, index))
        ]
    return []
