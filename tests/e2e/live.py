"""The desk served live on 127.0.0.1 and the Chromium flags that work on a closed network:
shared by the end-to-end tests and ``scripts/screenshots.py``."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

# Without the background-networking flags Chromium keeps trying hosts this machine cannot
# reach; the sandbox needs privileges a CI container does not give.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving the desk over ``db`` in a thread; ``url`` is its base address."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from marsad.web.app import create_app

        self.port = free_port()
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
