"""``POST /api/v1/pairing``: the extension checks, or registers, its own origin.

A request here carries the token (checked by the token middleware) and the browser's
``Origin`` header; the Origin middleware lets this one path through, since an origin the
companion does not know yet is what pairing is for. See :mod:`.paired_origins`.
"""

from __future__ import annotations

from aiohttp import web

from .middlewares import PAIRING_PATH, json_error, origin_allowed, read_json, refused
from .paired_origins import EXTENSION_ORIGIN
from .state import PAIRED_ORIGINS, TOKEN


async def pairing(request: web.Request) -> web.Response:
    """Check (``{"register": false}``) or register (``true``) the caller's own origin."""
    body = await read_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("register", False), bool):
        raise web.HTTPBadRequest(text='send {"register": true} or {"register": false}')
    origin = request.headers.get("Origin")
    if not origin:
        return json_error(400, "no Origin header: only a browser extension pairs this way")
    if origin_allowed(request, origin):
        return web.json_response({"origin": origin, "allowed": True, "registered": False})
    if not body.get("register") or not EXTENSION_ORIGIN.fullmatch(origin):
        return json_error(403, refused(origin), "bad_origin")
    request.app[PAIRED_ORIGINS].register(origin, request.app[TOKEN].current())
    return web.json_response({"origin": origin, "allowed": True, "registered": True})


def add_routes(app: web.Application) -> None:
    app.router.add_post(PAIRING_PATH, pairing)
