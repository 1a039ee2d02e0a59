"""Refuse connections to loopback, private, link-local and other non-public addresses.

A crawler that follows links and redirects from the public web must not be
steered into the machine's own services or the local network (SSRF). The
check is done where the socket is opened: the host name is resolved once,
every address it resolves to must be public, and the connection goes to the
vetted address, so a DNS answer that changes between check and connect
(DNS rebinding) cannot slip through. Nothing is sent to a refused address,
not even a TCP handshake.
"""

from __future__ import annotations

import ipaddress
import socket

from urllib3.exceptions import NameResolutionError

from scrapers.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(FetchError):
    """The URL's host resolves to a loopback/private/link-local (non-public) address."""

    def __init__(self, url: str, host: str, address: str) -> None:
        super().__init__(
            url,
            f"host {host!r} resolves to non-public address {address}; refusing to connect "
            "(pass --allow-private / allow_private=True only for local or intranet crawls)",
        )
        self.host = host
        self.address = address


def is_public(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses (not loopback, private, link-local, CGNAT...)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return ip.is_global and not ip.is_multicast


def vetted_address(host: str, port: int) -> str:
    """Resolve `host` and return one address to connect to; raise BlockedAddress if any is non-public.

    Every address must be public: a name that mixes public and private
    answers is how rebinding attacks usually start.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        if not is_public(ip):
            raise BlockedAddress(host, host, address)
    return addresses[0]


class GuardedMixin:
    """Mixin for urllib3 connection classes: connect only to a vetted public address."""

    host: str
    port: int
    _dns_host: str

    def _new_conn(self) -> socket.socket:  # type: ignore[override]
        try:
            address = vetted_address(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        # Connect to the address we checked; TLS still verifies self.host.
        original, self._dns_host = self._dns_host, address
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = original
