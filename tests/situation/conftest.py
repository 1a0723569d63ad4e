"""Fixtures of the situational picture: the real statistics snapshot and the real fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from alke.situation.services import load_snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PX_11RC = FIXTURES / "px" / "statfin_vaerak_pxt_11rc.px"
SCB_DATA = FIXTURES / "pxweb_api" / "scb_v2_TAB6471_data.json"
SCB_META = FIXTURES / "pxweb_api" / "scb_v2_TAB6471_metadata.json"
PX = FIXTURES / "px"
JSONSTAT = FIXTURES / "jsonstat"
PXWEB_JSON = FIXTURES / "pxweb_json"


@pytest.fixture
def snapshot(reference):
    """The shipped snapshot imported and the indicators computed (real data, about a second)."""
    load_snapshot()


class FakePxWeb:
    """A PxWeb service on the loopback interface: answers are set per (method, path), requests kept."""

    def __init__(self):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.answers: dict[tuple[str, str], tuple[int, bytes]] = {}
        self.requests: list[tuple[str, str, dict | None]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                path = self.path.split("?")[0]
                fake.requests.append((method, self.path, body))
                status, content = fake.answers.get((method, path), (404, b'{"error": "not found"}'))
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def do_GET(self):  # noqa: N802 - the name http.server calls
                self._answer("GET")

            def do_POST(self):  # noqa: N802
                self._answer("POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, method: str, path: str, content: bytes, status: int = 200) -> None:
        self.answers[(method, path)] = (status, content)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pxweb():
    """A fake PxWeb API (v1 and v2) on 127.0.0.1; nothing leaves the machine."""
    fake = FakePxWeb()
    yield fake
    fake.close()
