"""Every route of the companion, declared in one place.

Each module in :data:`ROUTE_MODULES` has ``add_routes(app)``; a new group of routes is
one more line here (e.g. ``imports`` for the upload endpoint).
"""

from __future__ import annotations

from aiohttp import web

from . import api, imports, origins, page, people

ROUTE_MODULES = (api, people, imports, origins, page)


def setup_routes(app: web.Application) -> None:
    for module in ROUTE_MODULES:
        module.add_routes(app)
