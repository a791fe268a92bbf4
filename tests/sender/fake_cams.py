"""A loopback fake of the CAMS endpoint that the real SDK talks to over HTTP.

It checks each request as the service would (method, path, action, version, the
V3 `ACS3-HMAC-SHA256` signature with the test credentials, freshness, nonce
replay, the parameters' shapes), records it, keeps created templates so that
GetChatappTemplateDetail finds them, and can be told to misbehave.
"""

from __future__ import annotations

import _thread
import itertools
import json
import socket
import struct
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.sender.acs3 import Verifier

ACCESS_KEY_ID = "LTAI5tFAKETESTKEYID7Q"
ACCESS_KEY_SECRET = "fake-secret-Zq9xW2pL0vB7"  # noqa: S105 - a test value
SECURITY_TOKEN = "fake-sts-token-Hk3Jm8Nq"  # noqa: S105 - a test value
SECRETS = (ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN)

CREATE = "CreateChatappTemplate"
DETAIL = "GetChatappTemplateDetail"
VERSION = "2020-06-06"
_CREATE_FIELDS = {
    "AllowCategoryChange", "Category", "CategoryChangePaused", "Components",
    "CustSpaceId", "CustWabaId", "Example", "IsvCode", "Language",
    "MessageSendTtlSeconds", "Name", "ProductSetId", "TemplateType",
}  # fmt: skip
_DETAIL_FIELDS = {
    "CustSpaceId", "CustWabaId", "IsvCode", "Language", "TemplateCode",
    "TemplateName", "TemplateType",
}  # fmt: skip
_BOOLEANS = {"AllowCategoryChange", "CategoryChangePaused"}


@dataclass(frozen=True)
class Fault:
    """What the fake does instead of (or besides) answering normally.

    kind: `limit` (400 System.LimitControl), `error` (status + code), `slow`
    (perform, then wait `delay` before answering), `drop` (perform, then close
    the connection unanswered), `interrupt` (perform, then Ctrl-C the client).
    Faults on the wire: `reset` (a TCP reset before any answer), `reset-during`
    (reset after the head and half the body), `silent` (no answer until the
    fake stops), `drip` (the answer, one byte every `delay` seconds), `html`
    (`status` with an HTML page), `garbage` and `empty` (200 with bytes that
    are not JSON, or none), `huge` (200 with a JSON answer of `size` bytes),
    `echo` (`status` and `code`, with a Message quoting the request's
    credentials and `text`). With `perform=False` the fault comes instead of
    acting on the request; otherwise after it.
    """

    kind: str
    code: str = ""
    status: int = 400
    delay: float = 0.0
    perform: bool = True
    size: int = 0
    text: str = ""


@dataclass(frozen=True)
class Recorded:
    """One request as the fake received it, after its checks."""

    action: str
    params: dict[str, str]
    headers: dict[str, str]
    answered: int

    def decoded(self, name: str) -> Any:
        """A JSON-string parameter (Components, Example) decoded."""
        return json.loads(self.params[name])


@dataclass
class FakeCams:
    """State and behaviour of the fake service; `serve()` starts it on 127.0.0.1."""

    secrets: dict[str, str] = field(
        default_factory=lambda: {ACCESS_KEY_ID: ACCESS_KEY_SECRET}
    )
    detail_as_strings: bool = False
    not_found_status: int = 400
    answer_with_name: str | None = None
    endpoint: str = ""
    requests: list[Recorded] = field(default_factory=list)
    templates: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    faults: dict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    verifier: Verifier = field(init=False)
    _codes: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _release: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    def __post_init__(self) -> None:
        self.verifier = Verifier(self.secrets)

    # -- set-up ---------------------------------------------------------------
    def fail(self, action: str, *faults: Fault) -> None:
        """Queue faults for the next requests of `action`, one per request."""
        self.faults[action].extend(faults)

    def serve(self) -> str:
        """Start serving in a daemon thread; returns the endpoint `127.0.0.1:PORT`."""
        fake = self

        class Handler(_Handler):
            owner = fake

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        self.endpoint = f"127.0.0.1:{server.server_address[1]}"
        return self.endpoint

    def stop(self) -> None:
        """Release slow answers and stop the server."""
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- views for the tests --------------------------------------------------
    def of(self, action: str) -> list[Recorded]:
        """The recorded requests of one action."""
        return [r for r in self.requests if r.action == action]

    # -- behaviour ------------------------------------------------------------
    def handle(self, handler: _Handler) -> None:
        """Check, record and answer one request."""
        problem = self._check(handler)
        if problem is not None:
            handler.reply(*problem)
            return
        action = handler.headers["x-acs-action"]
        params = dict(parse_qsl(urlsplit(handler.path).query, keep_blank_values=True))
        with self._lock:
            fault = self.faults[action].popleft() if self.faults[action] else None
        if fault is not None and fault.kind in {"limit", "error"}:
            code = fault.code or "System.LimitControl"
            self._record(action, params, handler, fault.status)
            handler.reply(fault.status, _error(code, "The fake was told to fail."))
            return
        if fault is None or fault.perform:
            status, body = self._perform(action, params)
        else:
            status, body = 599, _error("NotPerformed", "The fake did not act.")
        self._record(action, params, handler, status)
        if fault is not None and fault.kind in _WIRE_FAULTS:
            _WIRE_FAULTS[fault.kind](self, fault, handler, body)
            return
        self._misbehave(fault, handler)
        handler.reply(status, body)

    def _misbehave(self, fault: Fault | None, handler: _Handler) -> None:
        if fault is None:
            return
        if fault.kind == "slow":
            self._release.wait(fault.delay)
        elif fault.kind == "drop":
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            raise _Dropped
        elif fault.kind == "interrupt":
            _thread.interrupt_main()

    def _record(
        self, action: str, params: dict[str, str], handler: _Handler, status: int
    ) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append(Recorded(action, params, headers, status))

    def _perform(
        self, action: str, params: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        allowed = _CREATE_FIELDS if action == CREATE else _DETAIL_FIELDS
        unknown = sorted(set(params) - allowed)
        if unknown:
            return 400, _error("InvalidParameter", f"Unknown parameters {unknown}.")
        if action == CREATE:
            return self._create(params)
        return self._detail(params)

    def _create(self, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        try:
            template = _parse_create(params)
        except ValueError as error:
            return 400, _error("InvalidParameter", str(error))
        key = (params.get("CustSpaceId", ""), params["Name"], params["Language"])
        with self._lock:
            held = self.templates.get(key)
            if held is not None:
                return 400, _error(
                    "InvalidParameter.TemplateNameExist", "The template name exists."
                )
            code = f"tpl{next(self._codes):06d}"
            self.templates[key] = {"TemplateCode": code, **template}
        data = {"TemplateCode": code, "TemplateName": params["Name"]}
        return 200, {"RequestId": _request_id(), "Code": "OK", "Data": data}

    def _detail(self, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        found = self._find(params)
        if found is None:
            return self.not_found_status, _error(
                "Template.NotExist", "The template does not exist."
            )
        data = {k: v for k, v in found.items() if k != "Space"}
        data.update(AuditStatus="pass", QualityScore="GREEN", Reason="None")
        if self.answer_with_name is not None:  # a service that ignores TemplateName
            data["Name"] = self.answer_with_name
        if self.detail_as_strings:
            for key in ("Components", "Example"):
                if key in data:
                    data[key] = json.dumps(data[key], ensure_ascii=False)
        return 200, {"RequestId": _request_id(), "Code": "OK", "Data": data}

    def _find(self, params: dict[str, str]) -> dict[str, Any] | None:
        space = params.get("CustSpaceId", "")
        with self._lock:
            for (held_space, name, language), template in self.templates.items():
                if held_space != space or language != params.get("Language"):
                    continue
                if params.get("TemplateCode") in {None, template["TemplateCode"]} and (
                    params.get("TemplateName") in {None, name}
                ):
                    return template
        return None

    # -- checks: the signature and the request line ---------------------------
    def _check(self, handler: _Handler) -> tuple[int, dict[str, Any]] | None:
        split = urlsplit(handler.path)
        if handler.command != "POST" or split.path != "/":
            return 400, _error("InvalidMethodOrPath", f"{handler.command} {split.path}")
        if handler.headers.get("x-acs-version") != VERSION:
            return 400, _error("InvalidVersion", "Specified version is not valid.")
        if handler.headers.get("x-acs-action") not in {CREATE, DETAIL}:
            return 404, _error("InvalidAction.NotFound", "Unknown action.")
        problem = self.verifier.check(
            handler.command, split.path, split.query, handler.headers, handler.body
        )
        if problem is None:
            return None
        status, code, message = problem
        return status, _error(code, message)


def _reset(connection: socket.socket) -> None:
    """Close with a TCP reset (RST), not an orderly end of stream."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
    raise _Dropped


def _head(handler: _Handler, status: int, length: int, kind: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(length))
    handler.end_headers()
    handler.wfile.flush()


def _fault_reset(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    _reset(handler.connection)


def _fault_reset_during(
    fake: FakeCams, fault: Fault, handler: _Handler, body: Any
) -> None:
    data = json.dumps(body).encode()
    _head(handler, 200, len(data), "application/json;charset=utf-8")
    handler.wfile.write(data[: len(data) // 2])
    handler.wfile.flush()
    _reset(handler.connection)


def _fault_silent(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    fake._release.wait(fault.delay or 60)
    handler.close_connection = True


def _fault_drip(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    data = json.dumps(body).encode()
    _head(handler, 200, len(data), "application/json;charset=utf-8")
    for byte in data:
        if fake._release.wait(fault.delay):
            break
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
    handler.close_connection = True


def _fault_html(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    page = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
    _head(handler, fault.status, len(page), "text/html")
    handler.wfile.write(page)


def _fault_garbage(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    junk = b"\x00\xffnot json at all {{{"
    _head(handler, 200, len(junk), "application/json;charset=utf-8")
    handler.wfile.write(junk)


def _fault_empty(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    _head(handler, 200, 0, "application/json;charset=utf-8")


def _fault_huge(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    start = b'{"RequestId":"FAKE-HUGE","Code":"OK","Pad":"'
    end = b'"}'
    pad = fault.size - len(start) - len(end)
    _head(handler, 200, fault.size, "application/json;charset=utf-8")
    handler.wfile.write(start)
    chunk = b"a" * (1 << 20)
    try:
        while pad > 0:
            handler.wfile.write(chunk[: min(pad, len(chunk))])
            pad -= len(chunk)
        handler.wfile.write(end)
    except OSError:  # the client stopped reading: that is the point
        handler.close_connection = True


def _fault_echo(fake: FakeCams, fault: Fault, handler: _Handler, body: Any) -> None:
    quoted = " ".join(
        f"{name}={handler.headers.get(name, '')}"
        for name in ("Authorization", "x-acs-security-token")
    )
    message = f"{fault.text} Denied for {quoted}."
    handler.reply(fault.status, _error(fault.code or "Forbidden.Echo", message))


_WIRE_FAULTS = {
    "reset": _fault_reset,
    "reset-during": _fault_reset_during,
    "silent": _fault_silent,
    "drip": _fault_drip,
    "html": _fault_html,
    "garbage": _fault_garbage,
    "empty": _fault_empty,
    "huge": _fault_huge,
    "echo": _fault_echo,
}


def _parse_create(params: dict[str, str]) -> dict[str, Any]:
    """The template a create request carries, checked as the service would."""
    for name in ("TemplateType", "Name", "Language", "Category", "Components"):
        if not params.get(name):
            raise ValueError(f"{name} is mandatory for this action.")
    components = json.loads(params["Components"])
    if not isinstance(components, list) or not all(
        isinstance(c, dict) for c in components
    ):
        raise ValueError("Components must be a JSON array of objects.")
    template: dict[str, Any] = {
        k: v for k, v in params.items() if k not in {"Components", "Example"}
    }
    template["Components"] = components
    if "Example" in params:
        example = json.loads(params["Example"])
        if not isinstance(example, dict) or not all(
            isinstance(v, str) for v in example.values()
        ):
            raise ValueError("Example must be a JSON object of strings.")
        template["Example"] = example
    for name in _BOOLEANS & template.keys():
        if template[name] not in {"True", "true", "False", "false"}:
            raise ValueError(f"{name} must be a boolean.")
        template[name] = template[name].lower() == "true"
    if "MessageSendTtlSeconds" in template:
        template["MessageSendTtlSeconds"] = int(template["MessageSendTtlSeconds"])
    template.pop("CustSpaceId", None)
    return template


def _error(code: str, message: str) -> dict[str, Any]:
    return {"RequestId": _request_id(), "Code": code, "Message": message}


_request_ids = itertools.count(1)


def _request_id() -> str:
    return f"FAKE-REQ-{next(_request_ids):05d}"


class _Dropped(Exception):  # noqa: N818 - a signal between two methods, not an error
    """The fake closed the connection on purpose."""


class _Handler(BaseHTTPRequestHandler):
    owner: FakeCams
    body: bytes = b""
    # HTTP/1.0: one request per connection, so no connection outlives stop().
    protocol_version = "HTTP/1.0"

    def do_POST(self) -> None:
        self.body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            self.owner.handle(self)
        except (_Dropped, OSError):
            self.close_connection = True

    def do_GET(self) -> None:
        self.reply(400, _error("InvalidMethodOrPath", "GET is not accepted."))

    def reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: pytest shows what the tests assert."""
