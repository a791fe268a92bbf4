"""Server-side check of Alibaba Cloud's V3 `ACS3-HMAC-SHA256` request signature.

As the SDK signs (Alibaba Cloud, V3 request signature): the canonical request is the method, the path,
the query sorted by name with values re-encoded as RFC 3986 (`quote(v, '~')`,
never the raw query text: the SDK sends `quote_plus` but signs `quote`), each
signed header as `name:value`, the signed header names, and the body's SHA-256.
The signature is the hex HMAC-SHA256 of `ACS3-HMAC-SHA256\\n<sha256(canonical)>`
keyed with the AccessKey secret as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import parse_qsl, quote

ALGORITHM = "ACS3-HMAC-SHA256"
MAX_SKEW_SECONDS = 15 * 60

Problem = tuple[int, str, str]
"""HTTP status, error code and message, as the gateway answers them."""


@dataclass
class Verifier:
    """Known keys, an optional STS token, and the nonces already seen."""

    secrets: Mapping[str, str]
    token: str | None = None
    _nonces: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(
        self, method: str, path: str, query: str, headers: Message, body: bytes
    ) -> Problem | None:
        """None for a good request, else what the gateway would answer."""
        auth = headers.get("Authorization", "")
        algorithm, _, rest = auth.partition(" ")
        parts = dict(item.split("=", 1) for item in rest.split(",") if "=" in item)
        needed = {"Credential", "SignedHeaders", "Signature"}
        if algorithm != ALGORITHM or not parts.keys() >= needed:
            return 400, "MissingAuthorization", "No V3 Authorization header."
        secret = self.secrets.get(parts["Credential"])
        if secret is None:
            return (
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            )
        if self.token is not None and headers.get("x-acs-security-token") != self.token:
            return 400, "InvalidSecurityToken.Mismatch", "The token is not valid."
        problem = self._fresh(headers)
        if problem is not None:
            return problem
        signed = parts["SignedHeaders"].split(";")
        if any(
            h.lower() not in signed for h in headers if h.lower().startswith("x-acs-")
        ):
            return 400, "IncompleteSignature", "An x-acs-* header is not signed."
        if hashlib.sha256(body).hexdigest() != headers.get("x-acs-content-sha256"):
            return 400, "InvalidPayloadHash", "x-acs-content-sha256 does not match."
        expected = signature(method, path, query, headers, signed, body, secret)
        if not hmac.compare_digest(expected, parts["Signature"]):
            return (
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
            )
        return None

    def _fresh(self, headers: Message) -> Problem | None:
        """The date within 15 minutes, and a nonce never seen before."""
        try:
            sent = datetime.strptime(headers["x-acs-date"] or "", "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return 400, "InvalidTimeStamp.Format", "x-acs-date is not valid."
        now = datetime.now(UTC).replace(tzinfo=None)
        if abs((now - sent).total_seconds()) > MAX_SKEW_SECONDS:
            return 400, "InvalidTimeStamp.Expired", "The request is too old."
        nonce = headers.get("x-acs-signature-nonce", "")
        with self._lock:
            if not nonce or nonce in self._nonces:
                return 400, "SignatureNonceUsed", "The nonce has been used."
            self._nonces.add(nonce)
        return None


def signature(
    method: str,
    path: str,
    query: str,
    headers: Message,
    signed: list[str],
    body: bytes,
    secret: str,
) -> str:
    """The V3 signature recomputed from what arrived."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    canonical_query = "&".join(f"{k}={quote(v, safe='~')}" for k, v in pairs)
    canonical_headers = "".join(
        f"{name}:{(headers.get(name) or '').strip()}\n" for name in signed
    )
    payload = hashlib.sha256(body).hexdigest()
    canonical = "\n".join(
        [method, path, canonical_query, canonical_headers, ";".join(signed), payload]
    )
    to_sign = f"{ALGORITHM}\n" + hashlib.sha256(canonical.encode()).hexdigest()
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
