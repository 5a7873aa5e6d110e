"""Loopback helpers: a file served over HTTP on 127.0.0.1 (the tests of `flask rates update` and the
ECB reader), and a free port for a server a test starts."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Iterator

PATH = "/eurofxref-hist.zip"


@contextlib.contextmanager
def serving(body: bytes, path: str = PATH) -> Iterator[tuple[str, list[str]]]:
    """(base URL, the paths asked so far) of a server answering `path` with `body` and 404 elsewhere."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = 10

        def do_GET(self):
            asked.append(self.path)
            if self.path != path:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
