"""uvicorn in a background thread, bound to one address and a free port, stopped when the switch goes off.

`classroom_address()` is this machine's address on the network the students' phones share (the one the default
route leaves by); no packet is sent to find it. Nothing listens anywhere else: not 0.0.0.0, not another port.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import uvicorn
from starlette.applications import Starlette
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from game.classweb.limits import MAX_WS_MESSAGE

LOOPBACK = "127.0.0.1"


def classroom_address() -> str | None:
    """This machine's address on its network (None when it has none but the loopback)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 9))  # a UDP "connect" only picks the route: nothing is sent
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


class ClassServer:
    """One server for one room: `start()` binds and serves in a daemon thread, `stop()` closes the socket."""

    def __init__(self, app: Starlette, host: str, port: int = 0, max_connections: int = 1000):
        self.host = host
        # IPPROTO_TCP said outright: asyncio sets TCP_NODELAY on accepted connections only for a socket that names
        # its protocol, and without it every answer (headers, then body) waits ~40 ms for a delayed ACK
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))  # port 0: the system picks a free one
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            loop="asyncio",
            # the protocols as classes, not names uvicorn imports by string: a frozen build (PyInstaller) sees them
            http=HttpToolsProtocol,
            ws=WebSocketsSansIOProtocol,
            ws_max_size=MAX_WS_MESSAGE,
            ws_ping_interval=10.0,
            ws_ping_timeout=10.0,
            limit_concurrency=max_connections,
            timeout_keep_alive=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="students-join", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and self._server.started

    def start(self, timeout: float = 10.0) -> bool:
        """Serve; True once the server accepts connections (False if it did not within `timeout` seconds)."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.running

    def stop(self, timeout: float = 5.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        with contextlib.suppress(OSError):
            self._socket.close()
