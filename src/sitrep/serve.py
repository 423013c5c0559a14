"""``sitrep serve``: the API and the workbench pages on uvicorn, on loopback by default.

The CLI's ``serve`` command binds the socket first (:func:`bind`: a port in use is one clear
line, before anything is announced), then runs :func:`serve` on it; everything about the app
itself lives in ``sitrep.api.app.create_app``. Listening beyond loopback is allowed (a shared
analyst server) but announced, because the pages are read by anyone who can reach the port.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import socket

from sitrep.config import Settings
from sitrep.errors import SitrepError

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
BACKLOG = 2048  # uvicorn's own default
_BIND_REASONS = {
    errno.EADDRINUSE: "address already in use (is another server on it? choose one with --port)",
    errno.EACCES: "permission denied (ports under 1024 need privileges; choose one with --port)",
    errno.EADDRNOTAVAIL: "no such address on this machine (choose one with --host)",
}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``, bound before the app starts, so that a port in
    use or an unknown host is said at once, in one line (:class:`SitrepError`), and nothing is
    announced as served that is not."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise SitrepError(
            f"cannot listen on {host}:{port}: unknown host ({exc.strerror})"
        ) from None
    try:
        return socket.create_server((host, port), family=family, backlog=BACKLOG)
    except OSError as exc:
        reason = _BIND_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        raise SitrepError(f"cannot listen on {host}:{port}: {reason}") from None


def serve(settings: Settings, sock: socket.socket) -> None:
    """Run the sitrep web app on a socket from :func:`bind` until interrupted (blocks)."""
    import uvicorn

    from sitrep.api.app import create_app

    host, port = sock.getsockname()[:2]
    if not is_loopback(host):
        log.warning(
            "listening on %s: anyone who can reach port %d can read the store%s",
            host,
            port,
            "" if settings.write_token else " (writes stay disabled: no SITREP_WRITE_TOKEN)",
        )
    config = uvicorn.Config(
        create_app(settings),
        log_level="info",
        # The app sets its own security headers; uvicorn's "server: uvicorn" adds nothing.
        server_header=False,
        proxy_headers=False,
    )
    uvicorn.Server(config).run(sockets=[sock])
