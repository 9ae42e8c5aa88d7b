"""The hardened message loop's framing and checks (gialint.server.transport)."""

from __future__ import annotations

import io
import json

from gialint.server.transport import (
    INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR, SERVER_NOT_INITIALIZED, FrameError, FrameReader, check_message,
)  # fmt: skip


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def reader(data: bytes, max_body: int = 1000) -> FrameReader:
    return FrameReader.of_stream(io.BytesIO(data), max_body)


def test_messages_are_read_one_by_one_until_the_end() -> None:
    r = reader(frame(b'{"a":1}') + b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frame(b"[]"))
    assert r.read() == b'{"a":1}'
    assert r.read() == b"[]"
    assert r.read() is None


def test_a_header_without_length_is_an_error_and_the_next_message_is_still_read() -> None:
    r = reader(b"Content-Lenght: 2\r\n\r\n{}" + frame(b'{"b":2}'))
    first = r.read()
    assert isinstance(first, FrameError) and "Content-Length" in first.message
    # The stray body sits before the next header on one line: resynchronised.
    assert r.read() == b'{"b":2}'


def test_oversized_bodies_are_dropped_not_kept() -> None:
    r = reader(frame(b"x" * 5000) + frame(b"{}"), max_body=1000)
    big = r.read()
    assert isinstance(big, FrameError) and "5000" in big.message
    assert r.read() == b"{}"


def test_overlong_header_lines_and_bad_lengths() -> None:
    r = reader(b"X-Junk: " + b"a" * 10000 + b"\r\nContent-Length: 2\r\n\r\n{}" + b"Content-Length: -3\r\n\r\n" + frame(b"{}"))
    assert r.read() == b"{}"  # the length came after the junk
    assert isinstance(r.read(), FrameError)
    assert r.read() == b"{}"


def test_the_end_inside_a_body_is_the_end() -> None:
    assert reader(b"Content-Length: 10\r\n\r\n{}").read() is None


def _check(obj: object, initialized: bool = True, shutting_down: bool = False):  # type: ignore[no-untyped-def]
    body = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return check_message(body, initialized, shutting_down)


def test_malformed_messages_get_the_protocols_errors() -> None:
    def code(obj: object, **kw: bool) -> tuple[object, int]:
        data, answer = _check(obj, **kw)
        assert data is None and answer is not None
        return answer["id"], answer["error"]["code"]

    assert code(b"{not json") == (None, PARSE_ERROR)
    assert code(b"\xff\xfe{}") == (None, PARSE_ERROR)
    assert code(b"[" * 100000 + b"]" * 100000) in ((None, PARSE_ERROR), (None, INVALID_REQUEST))
    assert code([{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]) == (None, INVALID_REQUEST)
    assert code(42) == (None, INVALID_REQUEST)
    assert code({"id": 3, "method": "shutdown"}) == (3, INVALID_REQUEST)
    assert code({"jsonrpc": "2.0", "id": [1], "method": "shutdown"}) == (None, INVALID_REQUEST)
    assert code({"jsonrpc": "2.0", "id": 4, "method": 5}) == (4, INVALID_REQUEST)
    assert code({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": "x"}) == (5, INVALID_PARAMS)
    assert code({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {}}, initialized=False) == (6, SERVER_NOT_INITIALIZED)
    assert code({"jsonrpc": "2.0", "id": 7, "method": "initialize", "params": {}}) == (7, INVALID_REQUEST)
    assert code({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {}}, shutting_down=True) == (8, INVALID_REQUEST)


def test_good_messages_and_unanswerable_notifications() -> None:
    msg = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    assert _check(msg, initialized=False) == (msg, None)
    response = {"jsonrpc": "2.0", "id": "abc", "result": None}
    assert _check(response) == (response, None)
    # A notification has no answer, even when it cannot be handled.
    assert _check({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}}, initialized=False) == (None, None)
    assert _check({"jsonrpc": "2.0", "method": "x", "params": 3}) == (None, None)
    exit_ = {"jsonrpc": "2.0", "method": "exit"}
    assert _check(exit_, initialized=False) == (exit_, None)
    assert _check(exit_, shutting_down=True) == (exit_, None)
