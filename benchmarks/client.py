"""HTTP load from its own process: raw HTTP/1.1 over blocking sockets, one thread per client.

The benchmark starts this as `python -m benchmarks.client` and talks to it in JSON lines:
it writes a job on stdin; the process opens its clients (signing them in when the job logs gifts)
and answers {"ready": true}; it then writes {"start_at": <epoch seconds>}, and from that moment
every client requests, one request after another, until `seconds` have passed; the process
answers with its counts. Several such processes can share the clients out (see load.py).

Why this design: on a two-core machine the clients share the cores with the two gunicorn
workers, so every microsecond of client CPU per request is taken from the server. gunicorn's
sync workers close the connection after each answer, so each request opens a new one, and that
is where clients spend their time. Measured against /health on the benchmark machine: asyncio
streams ≈ 260 µs of client CPU per request, an asyncio Protocol ≈ 220 µs, blocking sockets in
threads ≈ 110 µs (the threads wait in the kernel, outside the GIL). http.client costs more than
raw sockets (it parses headers through the email package). The CPU the clients use is reported
beside every result (see load.py). Connections are kept alive when the server allows it.
"""

from __future__ import annotations

import html
import json
import re
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SUBMISSION_KEY_FIELD = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')
DONATION_PAGE = re.compile(r"/donations/(\d+)(?:/receipt)?$")  # the receipt screen shown after logging
PAUSE_AFTER_ERROR = 0.01  # a refused connection fails at once: do not spin on it
RECEIVE_SIZE = 65536
MAX_HEAD = 65536


class HttpError(Exception):
    """The server's answer could not be read as HTTP, or came too late."""


def csrf_token(page: str) -> str:
    match = CSRF_FIELD.search(page)
    if match is None:
        raise HttpError("no CSRF token in the page")
    return html.unescape(match.group(1))


def submission_key(page: str) -> str:
    match = SUBMISSION_KEY_FIELD.search(page)
    if match is None:
        raise HttpError("no submission key in the gift form")
    return html.unescape(match.group(1))


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]  # names in lower case, in the order sent
    body: bytes

    def header(self, name: str) -> str:
        return next((value for key, value in self.headers if key == name), "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _Connection:
    """One socket and what has been received on it but not read yet; every wait ends by `deadline`."""

    def __init__(self, host: str, port: int, deadline: float) -> None:
        self.socket = socket.create_connection((host, port), timeout=max(0.001, deadline - time.monotonic()))
        self.buffer = bytearray()

    def send(self, data: bytes, deadline: float) -> None:
        self._timeout(deadline)
        self.socket.sendall(data)

    def _timeout(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise HttpError("timeout")
        self.socket.settimeout(left)

    def _receive(self, deadline: float) -> bool:
        """Read more into the buffer; False when the server has closed the connection."""
        self._timeout(deadline)
        try:
            chunk = self.socket.recv(RECEIVE_SIZE)
        except socket.timeout:
            raise HttpError("timeout") from None
        self.buffer += chunk
        return bool(chunk)

    def read_until(self, marker: bytes, deadline: float, limit: int = MAX_HEAD) -> bytes:
        while (end := self.buffer.find(marker)) < 0:
            if len(self.buffer) > limit:
                raise HttpError("header too long")
            if not self._receive(deadline):
                raise ConnectionResetError("closed before the answer" if not self.buffer else "answer cut short")
        return self._take(end + len(marker))

    def read_exactly(self, size: int, deadline: float) -> bytes:
        while len(self.buffer) < size:
            if not self._receive(deadline):
                raise ConnectionResetError("answer cut short")
        return self._take(size)

    def read_to_end(self, deadline: float) -> bytes:
        while self._receive(deadline):
            pass
        return self._take(len(self.buffer))

    def _take(self, size: int) -> bytes:
        taken = bytes(self.buffer[:size])
        del self.buffer[:size]
        return taken

    def close(self) -> None:
        self.socket.close()


class Client:
    """One user agent: one connection at a time, reopened when the server closes it, and a cookie jar."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self._connection: _Connection | None = None
        self._reused = False  # whether the current exchange went out on a connection kept from before

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> Reply:
        return self.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> Reply:
        """One exchange, all of it within the timeout. A GET on a kept-alive connection the server
        had already closed is sent again once on a new one; a POST never is."""
        deadline = time.monotonic() + self.timeout
        try:
            return self._exchange(method, path, body, content_type, deadline)
        except (ConnectionResetError, BrokenPipeError):
            retry = self._reused and method == "GET"
            self.close()
            if not retry:
                raise
            return self._exchange(method, path, body, content_type, deadline)
        except BaseException:
            self.close()
            raise

    def _exchange(self, method: str, path: str, body: bytes, content_type: str, deadline: float) -> Reply:
        self._reused = self._connection is not None
        if self._connection is None:
            self._connection = _Connection(self.host, self.port, deadline)
        connection = self._connection
        connection.send(self._head(method, path, body, content_type) + body, deadline)
        reply = self._parse_head(connection.read_until(b"\r\n\r\n", deadline))
        self._reused = False  # an answer came: a failure from here on is not a stale connection
        reply.body = self._read_body(connection, reply, deadline)
        self._keep_cookies(reply)
        if reply.header("connection").lower() == "close":
            self.close()
        return reply

    def _head(self, method: str, path: str, body: bytes, content_type: str) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive",
                 "Accept-Language: en"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        if method == "POST":
            lines += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    @staticmethod
    def _parse_head(head: bytes) -> Reply:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise HttpError(f"not an HTTP status line: {lines[0][:80]!r}")
        headers = []
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers.append((name.strip().lower(), value.strip()))
        if parts[0] == "HTTP/1.0":
            headers.append(("connection", "close"))
        return Reply(int(parts[1]), headers, b"")

    @staticmethod
    def _read_body(connection: _Connection, reply: Reply, deadline: float) -> bytes:
        if reply.header("transfer-encoding").lower() == "chunked":
            return Client._read_chunks(connection, deadline)
        length = reply.header("content-length")
        if length.isdigit():
            return connection.read_exactly(int(length), deadline)
        reply.headers.append(("connection", "close"))  # neither: the body ends when the connection does
        return connection.read_to_end(deadline)

    @staticmethod
    def _read_chunks(connection: _Connection, deadline: float) -> bytes:
        chunks = []
        while True:
            size = int(connection.read_until(b"\r\n", deadline).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                connection.read_until(b"\r\n", deadline)  # no trailers are ever sent to us
                return b"".join(chunks)
            chunks.append(connection.read_exactly(size, deadline))
            connection.read_exactly(2, deadline)

    def _keep_cookies(self, reply: Reply) -> None:
        for name, value in reply.headers:
            if name != "set-cookie":
                continue
            pair, _, attributes = value.partition(";")
            cookie, _, content = pair.partition("=")
            if not content or "max-age=0" in attributes.lower().replace(" ", ""):
                self.cookies.pop(cookie.strip(), None)
            else:
                self.cookies[cookie.strip()] = content.strip()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None

    def sign_in(self, email: str, password: str) -> None:
        form = self.get("/login")
        reply = self.post_form("/login", {"email": email, "password": password, "csrf_token": csrf_token(form.text)})
        if reply.status != 302:
            raise HttpError(f"{email} could not sign in (status {reply.status})")


@dataclass
class Tally:
    """What one client saw during the timed window."""

    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)  # seconds per success (per gift when logging)
    accepted: list[str] = field(default_factory=list)  # donor names of gifts the server accepted
    refused: list[str] = field(default_factory=list)  # donor names posted and not accepted (or no answer)
    last_end: float = 0.0  # epoch seconds of the last answer

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def _error_kind(error: BaseException) -> str:
    if isinstance(error, (socket.timeout, TimeoutError)) or str(error) == "timeout":
        return "timeout"
    return type(error).__name__


def fetch_until(client: Client, job: dict, _number: int, deadline: float, tally: Tally) -> None:
    """GET the job's path again and again until the deadline; only 200 counts as done."""
    while time.time() < deadline:
        started = time.perf_counter()
        try:
            status = client.get(job["path"]).status
        except Exception as error:  # counted by kind: one failing request must not end the run
            status, kind = 0, _error_kind(error)
        else:
            kind = f"status {status}"
        tally.last_end = time.time()
        if status == 200:
            tally.ok += 1
            tally.latencies.append(time.perf_counter() - started)
        else:
            tally.error(kind)
            time.sleep(PAUSE_AFTER_ERROR)


def gift_fields(form_page: str, campaign_id: int, received_on: str, donor_name: str, amount: str) -> dict:
    """What a volunteer sends from the gift form: a money gift received in cash, in the campaign's currency."""
    return {"csrf_token": csrf_token(form_page), "submission_key": submission_key(form_page),
            "campaign": str(campaign_id), "kind": "money", "amount": amount, "currency": "",
            "received_on": received_on, "method": "cash", "status": "received", "donor_name": donor_name}


ACCEPTED = "accepted"


def log_one_gift(client: Client, job: dict, donor_name: str, amount: str) -> tuple[str, bool]:
    """Draw the gift form and post one gift. Returns ("accepted" or what went wrong, whether it was
    posted); a failure is counted by kind, since one failing gift must not end the run."""
    try:
        form = client.get("/donations/new")
        if form.status != 200:
            return f"form status {form.status}", False
        fields = gift_fields(form.text, job["campaign_id"], job["received_on"], donor_name, amount)
    except Exception as error:
        return _error_kind(error), False
    try:
        reply = client.post_form("/donations/new", fields)
    except Exception as error:
        return _error_kind(error), True  # perhaps stored, perhaps not: the check after the run will tell
    if reply.status in (302, 303) and DONATION_PAGE.search(reply.header("location")):
        return ACCEPTED, True
    return f"status {reply.status}", True


def log_gifts_until(client: Client, job: dict, number: int, deadline: float, tally: Tally) -> None:
    """Log gifts one after another until the deadline, each with its own donor name, so the
    database can be read back name by name."""
    attempt = 0
    while time.time() < deadline:
        attempt += 1
        donor_name = f"{job['tag']}-{number:02d}-{attempt:06d}"
        started = time.perf_counter()
        outcome, posted = log_one_gift(client, job, donor_name, str(10 + attempt % 90))
        tally.last_end = time.time()
        if outcome == ACCEPTED:
            tally.ok += 1
            tally.accepted.append(donor_name)
            tally.latencies.append(time.perf_counter() - started)
            continue
        tally.error(outcome)
        if posted:
            tally.refused.append(donor_name)
        time.sleep(PAUSE_AFTER_ERROR)


SCENARIOS = {"fetch": fetch_until, "log_gifts": log_gifts_until}


def _read_message() -> dict:
    line = sys.stdin.readline()
    if not line:
        raise SystemExit("the benchmark closed the pipe")
    return json.loads(line)


def _send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _merge(tallies: list[Tally]) -> dict:
    errors: dict[str, int] = {}
    for tally in tallies:
        for kind, count in tally.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    return {"ok": sum(t.ok for t in tallies), "errors": errors,
            "latencies": [latency for t in tallies for latency in t.latencies],
            "accepted": [name for t in tallies for name in t.accepted],
            "refused": [name for t in tallies for name in t.refused],
            "last_end": max(t.last_end for t in tallies)}


def run(job: dict) -> dict:
    clients = {number: Client(job["host"], job["port"], job["timeout"]) for number in job["numbers"]}
    if job["scenario"] == "log_gifts":
        with ThreadPoolExecutor(len(clients)) as pool:
            list(pool.map(lambda number: clients[number].sign_in(job["emails"][number], job["password"]), clients))
    _send({"ready": True})
    start_at = _read_message()["start_at"]
    deadline = start_at + job["seconds"]
    work = SCENARIOS[job["scenario"]]
    tallies = {number: Tally() for number in clients}

    def one_client(number: int) -> None:
        time.sleep(max(0.0, start_at - time.time()))
        work(clients[number], job, number, deadline, tallies[number])

    threads = [threading.Thread(target=one_client, args=(number,), daemon=True) for number in clients]
    for thread in threads:
        thread.start()
    for thread in threads:  # every request is bounded by the timeout, so every thread ends by then
        thread.join(timeout=max(0.0, deadline + job["timeout"] + 5 - time.time()))
    for client in clients.values():
        client.close()
    return _merge(list(tallies.values()))


def main() -> None:
    _send(run(_read_message()))


if __name__ == "__main__":
    main()
