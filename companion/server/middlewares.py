"""Middlewares, one concern each, built by small factories (polls' ``create_error_middleware``).

Order (outermost first): JSON errors → same local user → Host → Origin → body size →
token → JSON content type. Security and CORS headers are added to every response in
:func:`add_response_headers` (also to errors), never ``*`` and only for allowed origins.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import weakref
from collections.abc import Awaitable, Callable, Collection

from aiohttp import web

from ..history import InputError
from ..store import StoreError
from ..store.database import repair_advice
from ..store.posts import PostError
from .paired_origins import EXTENSION_ORIGIN
from .pairing import matches
from .peer import connection_uid
from .state import PAIRED_ORIGINS, SETTINGS, STORE, TOKEN

log = logging.getLogger("spotlight.server")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# Paths anyone on this machine may GET without the token. Compared with the raw path, so
# "//api/v1/posts" or "/api/v1/health/../posts" are not public: they need the token.
PUBLIC_PATHS = ("/", "/api/v1/health", "/favicon.ico")
PUBLIC_PREFIX = "/static/"
WRITE_METHODS = ("POST", "PUT", "PATCH")
# Where an extension registers its origin (companion.server.origins): the one path an
# origin not allowed yet may reach, with the token.
PAIRING_PATH = "/api/v1/pairing"
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal_error",
    503: "unavailable",
}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def json_error(status: int, message: str, code: str | None = None) -> web.Response:
    """The API's error shape: ``{"error": {"code", "message"}}``."""
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message}}
    return web.json_response(body, status=status)


def error_middleware(*, debug: bool = False) -> web.middleware:
    """Every failure becomes a JSON error with a fitting status; nothing becomes an HTML page."""

    @web.middleware
    async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPException as error:
            if error.status < 400 or error.content_type == "application/json":
                raise
            default = f"{error.status}: {error.reason}"
            message = error.text if error.text and error.text != default else error.reason
            return json_error(error.status, message)
        except (PostError, InputError) as error:
            return json_error(400, str(error), "invalid_input")
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                log.exception("database trouble on %s %s", request.method, request.path)
                return json_error(503, f"the history database is not available: {error}")
            store = request.app.get(STORE)
            if store is not None:
                store.damage = store.damage or str(error)
            log.error("the history database is damaged (%s) on %s", error, request.path)
            return damaged_error(request)
        except StoreError as error:
            log.exception("database trouble on %s %s", request.method, request.path)
            return json_error(503, f"the history database is not available: {error}")
        except Exception:
            log.exception("unexpected error on %s %s", request.method, request.path)
            return json_error(500, "something went wrong in the companion; see its log")

    return errors


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged (not busy, full or read-only)."""
    text = str(error).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt"))


def damaged_error(request: web.Request) -> web.Response:
    store = request.app[STORE]
    return json_error(
        503,
        f"the history database {store.path} is damaged ({store.damage}). "
        f"{repair_advice(store.path)}.",
        "database_damaged",
    )


def damaged_database_middleware() -> web.middleware:
    """While the database is damaged, answer every API call (but health and the page) with
    what to do, and write nothing more into the damaged file."""

    @web.middleware
    async def damaged(request: web.Request, handler: Handler) -> web.StreamResponse:
        store = request.app.get(STORE)
        api = request.path.startswith("/api/v1/") and request.path != "/api/v1/health"
        if store is not None and store.damage and api:
            return damaged_error(request)
        return await handler(request)

    return damaged


def same_user_middleware(uid: int | None = None) -> web.middleware:
    """Refuse connections from other users of this machine (Linux; see :mod:`.peer`)."""
    own = {os.getuid() if uid is None else uid, 0}  # root can read the token file anyway
    # The owner of a connection never changes: look it up once per connection, not per
    # request (reading /proc/net/tcp costs ~1 ms, as much as scoring a short draft's rules).
    owners: weakref.WeakKeyDictionary[object, int] = weakref.WeakKeyDictionary()

    @web.middleware
    async def same_user(request: web.Request, handler: Handler) -> web.StreamResponse:
        transport = request.transport
        owner = owners.get(transport) if transport else None
        if owner is None and transport is not None:
            peer = transport.get_extra_info("peername")
            local = transport.get_extra_info("sockname")
            owner = connection_uid(peer, local) if peer and local else None
            if owner is not None:
                owners[transport] = owner
        if owner is not None and owner not in own:
            return json_error(403, "the companion only answers its own user", "other_user")
        return await handler(request)

    return same_user


def host_middleware(hosts: Collection[str] = LOOPBACK_HOSTS) -> web.middleware:
    """Refuse a Host header other than loopback with this server's port (DNS rebinding)."""

    @web.middleware
    async def host_check(request: web.Request, handler: Handler) -> web.StreamResponse:
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        port = sockname[1] if sockname else None
        allowed = {f"{host}:{port}" for host in hosts}
        if request.headers.get("Host", "").lower() not in allowed:
            return json_error(400, "this server only answers requests for 127.0.0.1", "bad_host")
        return await handler(request)

    return host_check


def _own_origin(request: web.Request) -> str:
    return f"http://{request.headers.get('Host', '').lower()}"


def origin_allowed(request: web.Request, origin: str) -> bool:
    """Exactly one of the configured origins, the history page's own, or an extension's
    registered by pairing with the token now in force."""
    return origin == _own_origin(request) or _cors_allowed(request, origin)


def _cors_allowed(request: web.Request, origin: str) -> bool:
    app = request.app
    return origin in app[SETTINGS].origins or origin in app[PAIRED_ORIGINS].allowed(
        app[TOKEN].current()
    )


def refused(origin: str) -> str:
    """What the companion says to an origin it does not allow: which one, and what to do."""
    return (
        f"the companion does not allow the origin {origin}: pair the extension by opening "
        "the history page, or add the origin to allowed_origins"
    )


def origin_middleware() -> web.middleware:
    """Refuse requests from browser origins not on the allowlist; answer CORS preflights."""

    @web.middleware
    async def origin_check(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        pairing = request.raw_path.split("?", 1)[0] == PAIRING_PATH
        if origin is not None and not pairing and not origin_allowed(request, origin):
            return json_error(403, refused(origin), "bad_origin")
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return web.Response(status=204)  # headers added in add_response_headers
        return await handler(request)

    return origin_check


def body_size_middleware(limit: int) -> web.middleware:
    """Refuse a declared body over ``limit`` bytes before reading it (aiohttp's
    ``client_max_size`` catches bodies that do not declare their length)."""

    @web.middleware
    async def body_size(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.content_length is not None and request.content_length > limit:
            return json_error(413, f"the request body is over the limit of {limit:,} bytes")
        return await handler(request)

    return body_size


def token_middleware() -> web.middleware:
    """Require ``Authorization: Bearer <token>`` everywhere but the public paths."""

    @web.middleware
    async def token_check(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.raw_path.split("?", 1)[0]
        public = path in PUBLIC_PATHS or (
            path.startswith(PUBLIC_PREFIX) and "//" not in path and "/." not in path
        )
        if not public or request.method not in ("GET", "HEAD"):
            scheme, _, given = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not matches(
                given.strip(), request.app[TOKEN].current()
            ):
                response = json_error(401, "missing or wrong token: pair with `spotlight token`")
                response.headers["WWW-Authenticate"] = 'Bearer realm="spotlight"'
                return response
        return await handler(request)

    return token_check


def json_body_middleware() -> web.middleware:
    """Writes must send JSON: a form post from a foreign page cannot pass as an API call."""

    @web.middleware
    async def json_body(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method in WRITE_METHODS and request.content_type != "application/json":
            return json_error(415, "send the body as JSON (Content-Type: application/json)")
        return await handler(request)

    return json_body


async def read_json(request: web.Request) -> object:
    """The request's JSON body; a 400 that says what is wrong if it is not JSON."""
    data = await request.read()
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise web.HTTPBadRequest(text="the body is not UTF-8") from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        raise web.HTTPBadRequest(text=f"the body is not valid JSON ({error})"[:200]) from None


async def add_response_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: security headers on everything, CORS for allowed origins only."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cache-Control", "no-store")
    headers["X-Frame-Options"] = "DENY"
    headers.setdefault("Content-Security-Policy", PAGE_CSP)
    origin = request.headers.get("Origin")
    # An extension that pairs may not be allowed yet; its answer still needs the token.
    pairing = request.path == PAIRING_PATH and EXTENSION_ORIGIN.fullmatch(origin or "")
    if origin and (pairing or _cors_allowed(request, origin)):
        headers["Access-Control-Allow-Origin"] = origin
        headers["Vary"] = "Origin"
        headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
        headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE, OPTIONS"
        headers["Access-Control-Max-Age"] = "600"
