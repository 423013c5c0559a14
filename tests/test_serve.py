"""sitrep serve: the listening socket is bound before anything is announced (sitrep.serve)."""

from __future__ import annotations

import socket

import pytest

from sitrep.errors import SitrepError
from sitrep.serve import bind, is_loopback


def test_bind_listens_on_a_free_port() -> None:
    with bind("127.0.0.1", 0) as sock:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1" and port > 0
        with socket.create_connection((host, port), timeout=5):
            pass  # the socket accepts connections before the app runs


def test_a_port_in_use_is_named_with_the_reason() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SitrepError) as caught:
            bind("127.0.0.1", port)
    message = str(caught.value)
    assert message.startswith(f"cannot listen on 127.0.0.1:{port}: address already in use")
    assert "--port" in message


def test_an_unknown_host_is_named() -> None:
    with pytest.raises(SitrepError, match=r"cannot listen on no-such-host\.invalid:8000: "):
        bind("no-such-host.invalid", 8000)


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
