"""The people routes: the list, whom you could thank, merging two people and undoing it.

GET  /api/v1/people                ?known=&kind=&days=&sort=&limit=&offset=
                                   &since=&until=&site=&label= (the page's filters)
GET  /api/v1/people/suggestions    ?limit=
POST /api/v1/people/merge          {ids}       -> {person, merged}
POST /api/v1/people/{id}/split     {}          -> {people}
"""

from __future__ import annotations

from aiohttp import web

from ..history import InputError, network, parse_filters
from .api import PREFIX, _int
from .middlewares import read_json
from .state import STORE, WORKERS


async def people(request: web.Request) -> web.Response:
    filters = network.people_query(request.query)
    posts = parse_filters(request.query)
    days = _int(request.query, "days", 0, 0, 36_500) or None
    limit = _int(request.query, "limit", 20, 1, 500)
    offset = _int(request.query, "offset", 0, 0, 10_000_000)
    store = request.app[STORE]
    data = await request.app[WORKERS].db(
        lambda: network.people_list(
            store, days=days, limit=limit, offset=offset, posts=posts, **filters
        )
    )
    return web.json_response(data)


async def suggestions(request: web.Request) -> web.Response:
    limit = _int(request.query, "limit", 5, 1, 50)
    store = request.app[STORE]
    data = await request.app[WORKERS].db(lambda: network.suggestions(store, limit=limit))
    return web.json_response(data)


async def merge(request: web.Request) -> web.Response:
    body = await read_json(request)
    data = await request.app[WORKERS].db(network.merge, request.app[STORE], body)
    return web.json_response(data)


async def split(request: web.Request) -> web.Response:
    raw = request.match_info["person_id"]
    if not raw.isdigit() or len(raw) > 18:
        raise InputError("a person id is a whole number, as /api/v1/people gives it")
    data = await request.app[WORKERS].db(network.split, request.app[STORE], int(raw))
    return web.json_response(data)


def add_routes(app: web.Application) -> None:
    app.router.add_routes(
        [
            web.get(f"{PREFIX}/people", people),
            web.get(f"{PREFIX}/people/suggestions", suggestions),
            web.post(f"{PREFIX}/people/merge", merge),
            web.post(f"{PREFIX}/people/{{person_id}}/split", split),
        ]
    )
