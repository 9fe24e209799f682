"""The history page: one HTML file, its script and styles, and the vendored chart library.

The page is served with the pairing token in a ``<meta>`` tag: only a page from this
origin can read it (the Host check stops DNS rebinding, the browser's same-origin policy
stops other sites), and the page sends it with its own API calls. The extension's content
script on http://127.0.0.1/ reads the same tag to pair automatically (docs/api.md).
"""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

from .state import TOKEN

STATIC = Path(__file__).parent / "static"


async def index(request: web.Request) -> web.Response:
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    page = template.replace("{{TOKEN}}", html.escape(request.app[TOKEN].current(), quote=True))
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def favicon(request: web.Request) -> web.Response:
    return web.Response(status=204)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_static("/static/", STATIC, follow_symlinks=False, append_version=False)
