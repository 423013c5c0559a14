"""``sitrep serve``: the API and the workbench pages on uvicorn, on loopback by default.

The CLI's ``serve`` command calls :func:`serve`; everything about the app itself lives in
``sitrep.api.app.create_app``. Listening beyond loopback is allowed (a shared analyst server)
but announced, because the pages are read by anyone who can reach the port.
"""

from __future__ import annotations

import ipaddress
import logging

from sitrep.config import Settings

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the sitrep web app until interrupted (blocks)."""
    import uvicorn

    from sitrep.api.app import create_app

    if not is_loopback(host):
        log.warning(
            "listening on %s: anyone who can reach port %d can read the store%s",
            host,
            port,
            "" if settings.write_token else " (writes stay disabled: no SITREP_WRITE_TOKEN)",
        )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        # The app sets its own security headers; uvicorn's "server: uvicorn" adds nothing.
        server_header=False,
        proxy_headers=False,
    )
