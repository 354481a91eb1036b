"""The Starlette application the phones talk to: the student page and its script, the page's strings, join,
vote, the phone's state, and a WebSocket that pushes the state again whenever the room changes.

Only these routes exist (no static folder is served, so no path reaches a file of the teacher's machine); bodies
are bounded (limits.MAX_BODY), requests are counted per address and per device, wrong session codes per address;
every answer is JSON or one of the three files, with headers that keep the page to itself (no CDN, no inline
script, nothing from the internet).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from importlib import resources

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.classweb.limits import MAX_BODY, Buckets
from game.classweb.room import LANGS, Refused, Room

STATUS = {
    "bad_request": 400,
    "bad_group": 400,
    "bad_option": 400,
    "bad_token": 401,
    "bad_code": 403,
    "closed": 409,
    "locked": 409,
    "already": 409,
    "too_big": 413,
    "too_many": 429,
    "full": 503,
}
FILES = {
    "/": ("student.html", "text/html"),
    "/student.js": ("student.js", "text/javascript"),
    "/student.css": ("student.css", "text/css"),
}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Hub:
    """Wakes every open WebSocket when the room changes (the room may change on the projector's thread)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.events: dict[asyncio.Event, str] = {}  # each open WebSocket's event, and its device's token

    def poke(self, token: str | None = None) -> None:
        """The room changed for one device (`token`) or for all (None)."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is shutting down
                loop.call_soon_threadsafe(self._wake, token)

    def _wake(self, token: str | None) -> None:
        for event, whose in self.events.items():
            if token is None or whose == token:
                event.set()


class BoundedBodies:
    """Refuses a request whose body is (or turns out to be) larger than MAX_BODY, before the app reads it."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await too_big()(scope, receive, send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise Refused("too_big")
            return message

        await self.app(scope, bounded, send)


def too_big() -> JSONResponse:
    return JSONResponse({"error": "too_big"}, status_code=413, headers=HEADERS)


def refused(kind: str) -> JSONResponse:
    return JSONResponse({"error": kind}, status_code=STATUS.get(kind, 400), headers=HEADERS)


def create_app(room: Room, strings: dict[str, dict[str, str]], default_lang: str = "es") -> Starlette:
    """The application for one room. `strings`: the page's texts, key -> {"en": …, "es": …} (content/ui)."""
    limits = room.limits
    by_address = Buckets(limits.per_address, limits.window)
    by_device = Buckets(limits.per_device, limits.window)
    wrong = Buckets(limits.wrong_codes, limits.window)
    hub = Hub()
    room.listen(hub.poke)
    texts = {lang: {k: v.get(lang, "") for k, v in strings.items()} for lang in LANGS}

    def address(request: Request | WebSocket) -> str:
        return request.client.host if request.client else "?"

    async def body(request: Request) -> dict:
        try:
            data = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as exc:
            raise Refused("bad_request") from exc
        if not isinstance(data, dict):
            raise Refused("bad_request")
        return data

    async def page(request: Request) -> Response:
        name, kind = FILES[request.url.path]
        data = resources.files("game.classweb").joinpath("static", name).read_bytes()
        return Response(data, media_type=kind, headers=HEADERS)

    async def page_strings(request: Request) -> Response:
        if not by_address.take(address(request)):
            return refused("too_many")
        return JSONResponse(
            {"strings": texts, "groups": room.groups, "langs": list(LANGS), "lang": default_lang}, headers=HEADERS
        )

    async def join(request: Request) -> Response:
        where = address(request)
        if not by_address.take(where):
            return refused("too_many")
        try:
            data = await body(request)
            token = data.get("token") or None
            if not isinstance(token, str | None):
                raise Refused("bad_request")
            try:
                device = room.join(data.get("code", ""), data.get("group", ""), data.get("lang", ""), token)
            except Refused as no:
                if no.kind == "bad_code" and not wrong.take(where):
                    raise Refused("too_many") from no  # guessing codes: a right code still goes through
                raise
        except Refused as no:
            return refused(no.kind)
        return JSONResponse({"token": device.token, "state": room.state_for(device.token)}, headers=HEADERS)

    async def vote(request: Request) -> Response:
        if not by_address.take(address(request)):
            return refused("too_many")
        try:
            data = await body(request)
            token = data.get("token")
            if not isinstance(token, str) or not by_device.take(token):
                raise Refused("too_many" if isinstance(token, str) else "bad_token")
            round_id = data.get("round")
            if not isinstance(round_id, int) or isinstance(round_id, bool):
                raise Refused("bad_request")
            room.vote(token, round_id, data.get("option"))
        except Refused as no:
            return refused(no.kind)
        return JSONResponse({"state": room.state_for(token)}, headers=HEADERS)

    async def state(request: Request) -> Response:
        token = request.query_params.get("token", "")
        if not by_address.take(address(request)) or not by_device.take(token):
            return refused("too_many")
        found = room.state_for(token)
        return refused("bad_token") if found is None else JSONResponse({"state": found}, headers=HEADERS)

    async def live(ws: WebSocket) -> None:
        token = ws.query_params.get("token", "")
        hub.loop = asyncio.get_running_loop()
        if room.state_for(token) is None or not by_device.take(token) or len(hub.events) > 2 * limits.max_devices:
            await ws.close(code=4401)
            return
        await ws.accept()
        event = asyncio.Event()
        hub.events[event] = token
        receiver = asyncio.ensure_future(ws.receive_text())
        waiter: asyncio.Future = asyncio.ensure_future(event.wait())
        try:
            await ws.send_json(room.state_for(token))
            while True:
                done, _ = await asyncio.wait({receiver, waiter}, return_when=asyncio.FIRST_COMPLETED)
                if receiver in done:
                    receiver.result()  # a ping (or a disconnect, raised here); nothing a phone sends is kept
                    if not by_device.take(token):
                        await ws.close(code=4429)
                        return
                    receiver = asyncio.ensure_future(ws.receive_text())
                if waiter in done:
                    event.clear()
                    waiter = asyncio.ensure_future(event.wait())
                    await ws.send_json(room.state_for(token))
        except (WebSocketDisconnect, RuntimeError, KeyError):
            pass
        finally:
            hub.events.pop(event, None)
            receiver.cancel()
            waiter.cancel()

    async def refuse_too_big(request: Request, exc: Exception) -> Response:
        return refused(exc.kind if isinstance(exc, Refused) else "bad_request")

    app = Starlette(
        routes=[
            *(Route(path, page) for path in FILES),
            Route("/strings", page_strings),
            Route("/join", join, methods=["POST"]),
            Route("/vote", vote, methods=["POST"]),
            Route("/state", state),
            WebSocketRoute("/live", live),
        ],
        exception_handlers={Refused: refuse_too_big},
    )
    app.add_middleware(BoundedBodies)
    app.state.hub = hub
    return app
