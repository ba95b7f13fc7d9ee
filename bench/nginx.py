"""deploy/nginx.conf, run as shipped on loopback ports in a folder of its own.

The benchmark and the proxy test (tests/deploy) both run the operator's file
itself rather than a copy, so what they measure and check is what gets
deployed. Only ports and paths are replaced; if the file stops containing one
of the strings replaced here, ConfigError says which, instead of a run that
silently tests something else.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx.conf"


class ConfigError(RuntimeError):
    """deploy/nginx.conf no longer has a value the runner replaces, or nginx refused it."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_config(
    *,
    port: int,
    upstream_port: int,
    cache_dir: Path,
    static_root: Path,
    media_root: Path,
    extra_locations: str = "",
) -> str:
    """Return deploy/nginx.conf's text with loopback ports and the given folders.

    extra_locations (nginx text) goes into the server block, before /media/.
    """
    site = SITE.read_text()
    replacements = {
        "/var/cache/nginx/portal": str(cache_dir),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server_name portal.example.vn;": "server_name 127.0.0.1 localhost;",
        "/srv/portal/staticfiles/": f"{static_root}/",
        "/srv/portal/media/": f"{media_root}/",
    }
    for old, new in replacements.items():
        if old not in site:
            raise ConfigError(f"deploy/nginx.conf no longer contains {old!r}")
        site = site.replace(old, new)
    if extra_locations:
        site = site.replace(
            "    location /media/ {",
            textwrap.indent(extra_locations.strip("\n"), "    ") + "\n\n    location /media/ {",
            1,
        )
    return site


def main_config(directory: Path, site: str) -> str:
    """Return a whole nginx.conf holding the site, with every path inside directory."""
    temp = directory / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    config = textwrap.dedent(
        f"""
        {"user root;" if os.geteuid() == 0 else ""}
        worker_processes 2;
        daemon off;
        pid {directory / "nginx.pid"};
        error_log {directory / "error.log"} warn;
        events {{ worker_connections 1024; }}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {temp}/body;
            proxy_temp_path {temp}/proxy;
            fastcgi_temp_path {temp}/fastcgi;
            uwsgi_temp_path {temp}/uwsgi;
            scgi_temp_path {temp}/scgi;
        """
    )
    return config + textwrap.indent(site, "    ") + "\n}\n"


class NginxServer:
    """nginx in the foreground with deploy/nginx.conf in front of a local upstream."""

    def __init__(
        self,
        directory: Path,
        *,
        upstream_port: int,
        static_root: Path,
        media_root: Path,
        extra_locations: str = "",
    ):
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        site = site_config(
            port=self.port,
            upstream_port=upstream_port,
            cache_dir=self.dir / "cache",
            static_root=static_root,
            media_root=media_root,
            extra_locations=extra_locations,
        )
        (self.dir / "nginx.conf").write_text(main_config(self.dir, site))
        self.process = subprocess.Popen(
            ["nginx", "-p", str(self.dir), "-c", str(self.dir / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 10
        while not _port_open(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                said = self.process.stderr.read().decode(errors="replace")
                raise ConfigError(f"nginx did not start: {said or self.log_text()}")
            time.sleep(0.1)

    def log_text(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            # SIGQUIT: nginx finishes what it serves, then its workers go too.
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0
