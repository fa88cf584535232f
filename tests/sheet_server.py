"""A real HTTP server on loopback that serves a tracker the way a live source does, and can change, slow
down or go away mid-test: used by the app and e2e layers for APPLYTICS_SOURCE."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class Route:
    body: bytes
    kind: str = "text/csv; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering: a slow server


class SheetServer:
    """`routes` may be changed while the server runs; `stop()` takes it down (connections then fail)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                route = owner.routes.get(self.path.split("?")[0], Route(b"Not found", "text/plain", 404))
                if route.delay:
                    time.sleep(route.delay)  # the server side of "slow": the client must not wait for it
                self.send_response(route.status)
                self.send_header("Content-Type", route.kind)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(route.body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)


@contextlib.contextmanager
def sheet_server() -> Iterator[SheetServer]:
    server = SheetServer()
    try:
        yield server
    finally:
        server.stop()
