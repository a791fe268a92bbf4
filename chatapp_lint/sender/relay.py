"""A loopback relay between the SDK and the service: a deadline, a size bound, NO_PROXY.

The SDK reads a whole answer into memory with a timeout per read only, so a
server dripping one byte a second holds a call for as long as it likes and a
400 MB answer costs gigabytes; it also sends through `HTTP_PROXY` even to hosts
that `NO_PROXY` names. The SDK does honour an explicit proxy, so the gateway
names this relay as its proxy: it listens on 127.0.0.1, opens each connection
the SDK asks for (a CONNECT tunnel for HTTPS, TLS staying end to end between
the SDK and the service; an absolute-form request for plain HTTP), directly or
through the user's proxy as the proxy variables and `NO_PROXY` say, and cuts
every connection of a call once the call's deadline passes or its answers
exceed the size bound. The SDK then sees a broken connection, and the gateway
says which limit was hit.
"""

from __future__ import annotations

import base64
import math
import select
import socket
import threading
import time
import urllib.request
from contextlib import suppress
from typing import Final
from urllib.parse import unquote, urlsplit

_HEAD_LIMIT: Final = 256 * 1024
"""The longest request head accepted from the SDK (its URL carries the template)."""
_CHUNK: Final = 64 * 1024
_TICK: Final = 0.25


class Relay:
    """The relay: `address` is the proxy URL to give the SDK; `call` guards one call."""

    def __init__(self, connect_timeout: float) -> None:
        self._connect_timeout = connect_timeout
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._deadline = math.inf
        self._budget = math.inf
        self._received = 0
        self.tripped: str | None = None
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, seconds: float, max_bytes: int) -> None:
        """Start a call: it must end within `seconds` and receive at most `max_bytes`."""
        with self._lock:
            self._deadline = time.monotonic() + seconds
            self._budget = max_bytes
            self._received = 0
            self.tripped = None

    def disarm(self) -> None:
        """The call is over: idle pooled connections wait without a deadline."""
        with self._lock:
            self._deadline = math.inf
            self._budget = math.inf

    def close(self) -> None:
        """Stop listening and cut every connection."""
        with suppress(OSError):
            self._listener.close()
        self._cut_all()

    # -- connections ----------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        self._track(client)
        try:
            head = self._read_head(client)
            if head is None:
                return
            upstream, reply = self._open_upstream(head)
            self._track(upstream)
            if reply:
                client.sendall(reply)
            self._pump(client, upstream)
        except (OSError, ValueError):  # ValueError: select() on a socket cut meanwhile
            pass  # the SDK sees the connection end and reports a network failure
        finally:
            for end in (client, upstream):
                if end is not None:
                    self._forget(end)

    def _read_head(self, client: socket.socket) -> bytes | None:
        data = b""
        while b"\r\n\r\n" not in data:
            if len(data) > _HEAD_LIMIT or not self._wait(client):
                return None
            chunk = client.recv(_CHUNK)
            if not chunk:
                return None
            data += chunk
        return data

    def _open_upstream(self, head: bytes) -> tuple[socket.socket, bytes]:
        """Connect where the request goes; returns the socket and what to tell the SDK."""
        line, _, rest = head.partition(b"\r\n")
        method, target, _version = line.decode("latin-1").split(" ", 2)
        if method == "CONNECT":
            scheme, host_port = "https", target
        else:
            split = urlsplit(target)
            scheme, host_port = split.scheme, split.netloc
        host, _, port_text = host_port.rpartition(":")
        if not host:
            host, port_text = port_text, "443" if scheme == "https" else "80"
        proxy = _proxy_for(scheme, host_port)
        if proxy is None:
            upstream = self._connect(host.strip("[]"), int(port_text))
            if method == "CONNECT":
                return upstream, b"HTTP/1.1 200 Connection established\r\n\r\n"
            upstream.sendall(head)
            return upstream, b""
        proxy_split = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        upstream = self._connect(proxy_split.hostname or "", proxy_split.port or 80)
        if proxy_split.username is not None:
            user = unquote(proxy_split.username)
            password = unquote(proxy_split.password or "")
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            head = b"%s\r\nProxy-Authorization: Basic %s\r\n%s" % (
                line,
                token.encode(),
                rest,
            )
        upstream.sendall(head)
        return upstream, b""

    def _connect(self, host: str, port: int) -> socket.socket:
        """Connect upstream; a failure is remembered, so the call says it never left."""
        remaining = self._deadline - time.monotonic()
        try:
            upstream = socket.create_connection(
                (host, port), timeout=max(0.01, min(self._connect_timeout, remaining))
            )
        except OSError as error:
            with self._lock:
                self.tripped = self.tripped or _connect_failure(error)
            raise
        upstream.settimeout(None)
        return upstream

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        peers = {client: upstream, upstream: client}
        while True:
            if not self._within_limits():
                self._cut_all()
                return
            ready, _, _ = select.select(list(peers), [], [], _TICK)
            for source in ready:
                data = source.recv(_CHUNK)
                if not data:
                    return
                if source is upstream and not self._count(len(data)):
                    self._cut_all()
                    return
                peers[source].sendall(data)

    # -- limits ---------------------------------------------------------------
    def _wait(self, sock: socket.socket) -> bool:
        while self._within_limits():
            ready, _, _ = select.select([sock], [], [], _TICK)
            if ready:
                return True
        return False

    def _within_limits(self) -> bool:
        with self._lock:
            if time.monotonic() < self._deadline:
                return True
            self.tripped = self.tripped or "Deadline"
            return False

    def _count(self, size: int) -> bool:
        with self._lock:
            self._received += size
            if self._received <= self._budget:
                return True
            self.tripped = self.tripped or "AnswerTooLarge"
            return False

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.add(sock)

    def _forget(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)
        with suppress(OSError):
            sock.close()

    def _cut_all(self) -> None:
        with self._lock:
            doomed = list(self._open)
            self._open.clear()
        for sock in doomed:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                sock.close()


def _connect_failure(error: OSError) -> str:
    """The transport failure kind of a failed connect (none of them sent anything)."""
    if isinstance(error, socket.gaierror):
        return "NameResolution"
    if isinstance(error, ConnectionRefusedError):
        return "ConnectionRefused"
    if isinstance(error, TimeoutError):
        return "ConnectTimeout"
    return "ConnectFailed"


def _proxy_for(scheme: str, host_port: str) -> str | None:
    """The user's proxy for this destination, or None to go directly.

    The proxy variables as `urllib` reads them (lower case first), with
    `NO_PROXY` honoured (the SDK ignores it).
    """
    proxies = urllib.request.getproxies_environment()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    if bypass(host_port, proxies):
        return None
    return proxy
