"""The composer fixtures at the sites' real addresses, served from this machine.

One TLS server on a free loopback port answers for every host the site adapters claim
(certificate made for the test run with trustme, accepted by the test browsers only).
Chromium reaches it through ``--host-resolver-rules`` (every other name resolves to
nothing); Firefox, which has no such switch, through :class:`Proxy`, a local HTTP proxy
that tunnels those hosts to the server and refuses every other one. Both record what they
were asked for, so a test can fail when anything tried to leave the machine.
"""

from __future__ import annotations

import http.server
import select
import socket
import socketserver
import ssl
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trustme
from extension_harness import EDITOR_PAGES
from site_registry import adapters

EDITORS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "editors"
LOOPBACK = ("127.0.0.1", "localhost")


def site_hosts() -> dict[str, str]:
    """host -> the adapter id it belongs to, for every host an adapter claims."""
    return {host: adapter["id"] for adapter in adapters() for host in adapter["hosts"]}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A host's pages are its adapter's fixture page; /dist, /node_modules and the pages'
    own stylesheets are the fixture files."""

    pages: dict[str, str] = {}  # adapter id -> fixture page file name
    hosts: dict[str, str] = {}  # host -> adapter id
    seen: list[str] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        host = self.headers.get("Host", "").split(":")[0].lower()
        self.seen.append(f"https://{host}{path}")
        if path.startswith(("/dist/", "/node_modules/", "/pages/")):
            return str(EDITORS / path.lstrip("/"))
        if path.endswith(".css"):
            return str(EDITORS / "pages" / Path(path).name)
        site = self.hosts.get(host)
        return str(EDITORS / "pages" / self.pages.get(site, "missing.html"))


class SiteServer:
    """The TLS server for every site host, on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.hosts = site_hosts()
        handler = type(
            "Handler",
            (_SiteHandler,),
            {"pages": {e.site: e.page for e in EDITOR_PAGES}, "hosts": self.hosts, "seen": []},
        )
        self.seen = handler.seen
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        # A certificate for every site host, from a CA made now (nothing kept or trusted
        # beyond the test browsers, which are told to accept it).
        trustme.CA().issue_cert(*sorted(self.hosts)).configure_cert(context)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def resolver_rules(self) -> str:
        """Chromium's --host-resolver-rules: the site hosts here, every other name nowhere."""
        mapped = [f"MAP {host} 127.0.0.1:{self.port}" for host in sorted(self.hosts)]
        return ", ".join([*mapped, "MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1", "EXCLUDE localhost"])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _ProxyHandler(socketserver.BaseRequestHandler):
    target: tuple[str, int] = ("127.0.0.1", 0)
    hosts: dict[str, str] = {}
    refused: list[str] = []

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        method, address = head.split(b" ", 2)[:2]
        if method != b"CONNECT":
            # Plain http through the proxy: nothing the tests serve, so nothing goes out.
            self.refused.append(address.decode("latin-1"))
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = address.decode("latin-1").rpartition(":")
        if host not in self.hosts or port != "443":
            self.refused.append(f"https://{host}:{port}")
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        with socket.create_connection(self.target, timeout=30) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            _pipe(self.request, upstream)


def _pipe(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    while True:
        readable, _, broken = select.select(sockets, [], sockets, 60)
        if broken or not readable:
            return
        for source in readable:
            data = source.recv(65536)
            if not data:
                return
            (b if source is a else a).sendall(data)


class Proxy:
    """Firefox's way to the site server: an HTTP proxy that tunnels only the site hosts."""

    def __init__(self, sites: SiteServer):
        handler = type(
            "Handler",
            (_ProxyHandler,),
            {"target": ("127.0.0.1", sites.port), "hosts": sites.hosts, "refused": []},
        )
        self.refused = handler.refused
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def firefox_prefs(self) -> dict[str, Any]:
        """Every request through this proxy, except loopback (the companion) which Firefox
        never proxies."""
        return {
            "network.proxy.type": 1,
            "network.proxy.http": "127.0.0.1",
            "network.proxy.http_port": self.port,
            "network.proxy.ssl": "127.0.0.1",
            "network.proxy.ssl_port": self.port,
            "network.proxy.no_proxies_on": "",
            "network.proxy.allow_hijacking_localhost": False,
            "network.proxy.socks_remote_dns": True,
            "network.dns.disablePrefetch": True,
            "network.trr.mode": 5,
        }

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
