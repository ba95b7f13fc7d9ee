"""A throw-away Redis server of the tests' own, on a free loopback port."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time

import pytest
import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """Run redis-server with the given settings until stop(); nothing is written to disk."""

    def __init__(self, *, maxmemory: str = "0", policy: str = "noeviction"):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        options = {
            "port": self.port,
            "bind": "127.0.0.1",
            "save": "",
            "appendonly": "no",
            "maxmemory": maxmemory,
            "maxmemory-policy": policy,
            "daemonize": "no",
        }
        arguments = [part for name, value in options.items() for part in (f"--{name}", str(value))]
        self.process = subprocess.Popen(
            [executable, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def url(self, db: int = 0, user: str = "") -> str:
        credentials = f"{user}:secret@" if user else ""
        return f"redis://{credentials}127.0.0.1:{self.port}/{db}"

    def fill(self) -> None:
        """Write until Redis refuses even a tiny write, as every later write then is."""
        number = 0
        # Redis's own use moves a little (client buffers): fill again what it frees.
        for _ in range(50):
            for size in (64 * 1024, 1024, 16):
                chunk = b"x" * size
                with contextlib.suppress(redis.exceptions.OutOfMemoryError):
                    while number < 1_000_000:
                        number += 1
                        self.client.set(f"filler:{number}", chunk)
            try:
                self.client.incr("filler:probe")
            except redis.exceptions.OutOfMemoryError:
                return
        # Never refused: the server has no maxmemory, and the test would prove nothing.
        raise AssertionError("Redis accepts writes however full it is")

    def used_memory(self) -> int:
        return int(self.client.info("memory")["used_memory"])

    def stop(self) -> None:
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
