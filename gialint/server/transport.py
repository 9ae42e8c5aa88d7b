"""The message loop over stdio, hardened: pygls parses and dispatches the
messages, but its own loop answers nothing to a body that is not JSON, to a
request whose parameters do not fit, or to a request before ``initialize``,
and reads a body of any announced size.  Here every framed message is
checked first and answered as JSON-RPC and LSP say:

- a body that is not JSON: ``-32700`` (parse error, ``id`` null);
- not a JSON-RPC 2.0 message, or a batch: ``-32600`` (invalid request);
- a request whose parameters do not fit its method: ``-32602``;
- a request before ``initialize``: ``-32002``; after ``shutdown``: ``-32600``;
- a header without ``Content-Length``, or a body over :data:`MAX_BODY`
  (read and dropped, never kept): ``-32600`` with ``id`` null;

and the loop goes on with the next message.  Standard input ends (the
client went away): the server stops.  Writing to a client that closed its
end stops the server too, without a traceback."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable

log = logging.getLogger("gialint.server")

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
SERVER_NOT_INITIALIZED = -32002

# A 5 MB report sent as JSON with every character escaped (\uXXXX) is 30 MB.
MAX_BODY = 64 * 1024 * 1024
MAX_HEADER_LINE = 4096
_CHUNK = 1024 * 1024


@dataclass
class FrameError:
    """A message that could not even be framed."""

    message: str


class FrameReader:
    """Reads ``Content-Length``-framed messages from ``read_chunk`` (a
    function returning up to ``n`` bytes, ``b""`` at the end: ``os.read`` on
    standard input's descriptor, so that a thread blocked in it holds no
    lock of a buffered stream when the process exits)."""

    def __init__(self, read_chunk: Callable[[int], bytes], max_body: int = MAX_BODY) -> None:
        self._read_chunk = read_chunk
        self.max_body = max_body
        self._buf = bytearray()
        self._eof = False

    @classmethod
    def of_stream(cls, stream: BinaryIO, max_body: int = MAX_BODY) -> FrameReader:
        read1 = getattr(stream, "read1", None) or stream.read
        return cls(read1, max_body)

    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._read_chunk(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _readline(self, limit: int) -> bytes:
        while True:
            i = self._buf.find(b"\n", 0, limit)
            if i >= 0 or len(self._buf) >= limit:
                end = i + 1 if i >= 0 else limit
                line = bytes(self._buf[:end])
                del self._buf[:end]
                return line
            if not self._fill():
                line = bytes(self._buf)
                self._buf.clear()
                return line

    def _read(self, n: int) -> bytes:
        while len(self._buf) < n and self._fill():
            pass
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def read(self) -> bytes | FrameError | None:
        """The next body, a :class:`FrameError`, or ``None`` at the end."""
        length: int | None = None
        problem = ""
        seen = False
        while True:
            line = self._readline(MAX_HEADER_LINE)
            if not line:
                return None
            if not line.endswith(b"\n"):  # an over-long header line: drop the rest
                while line and not line.endswith(b"\n"):
                    line = self._readline(MAX_HEADER_LINE)
                problem = problem or "消息头过长"
                seen = True
                continue
            if not line.strip():
                if not seen:
                    continue  # blank lines between messages
                break
            seen = True
            at = line.lower().find(b"content-length:")
            if at >= 0:  # also after junk on the line: resynchronise on the next message
                value = line[at + len(b"content-length:"):].strip()
                # (over 15 digits: no client sends that much, and it cannot be skipped)
                length = int(value) if value.isdigit() and len(value) <= 15 else None
                problem = "" if length is not None else "Content-Length 不是合理的非负整数"
        if length is None:
            return FrameError(problem or "消息头缺少 Content-Length")
        if length > self.max_body:
            left = length
            while left > 0:
                chunk = self._read(min(left, _CHUNK))
                if not chunk:
                    return None
                left -= len(chunk)
            return FrameError(f"消息体 {length} 字节，超过上限 {self.max_body} 字节")
        body = self._read(length) if length else b""
        if len(body) < length:
            return None  # the stream ended inside the body
        return body


class SafeWriter:
    """Writes to the client; a closed pipe stops the server instead of raising."""

    def __init__(self, stream: BinaryIO, on_closed: Callable[[], None]) -> None:
        self.stream = stream
        self.on_closed = on_closed
        self.closed = False
        self._lock = threading.Lock()

    def write(self, data: bytes) -> None:
        if self.closed:
            return
        with self._lock:
            try:
                self.stream.write(data)
                self.stream.flush()
            except (OSError, ValueError):
                self.closed = True
                self.on_closed()

    def close(self) -> None:
        self.closed = True


def error(msg_id: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}


def _valid_id(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def check_message(body: bytes, initialized: bool, shutting_down: bool) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """``(message, None)`` for a message to dispatch, ``(None, error
    response)`` for one to answer with an error, ``(None, None)`` for one to
    drop (a notification that cannot be handled has no answer)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        return None, error(None, PARSE_ERROR, f"消息不是有效的 JSON：{str(exc)[:200]}")
    if isinstance(data, list):
        return None, error(None, INVALID_REQUEST, "不支持批量请求（LSP 不使用 JSON-RPC 批量消息）")
    if not isinstance(data, dict):
        return None, error(None, INVALID_REQUEST, "消息应为 JSON 对象")
    has_id = "id" in data
    msg_id = data.get("id")
    if has_id and not _valid_id(msg_id) and not (msg_id is None and "method" not in data):
        return None, error(None, INVALID_REQUEST, "id 应为整数或字符串")
    method = data.get("method")
    reply_id = msg_id if _valid_id(msg_id) else None
    if data.get("jsonrpc") != "2.0":
        return None, error(reply_id, INVALID_REQUEST, "缺少 \"jsonrpc\": \"2.0\"")
    if "method" in data and not isinstance(method, str):
        return None, error(reply_id, INVALID_REQUEST, "method 应为字符串")
    if "method" not in data:
        if not has_id or ("result" not in data and "error" not in data):
            return None, error(reply_id, INVALID_REQUEST, "消息既不是请求、通知，也不是响应")
        return data, None  # a response to one of the server's requests
    if "params" in data and not isinstance(data["params"], (dict, list)) and data["params"] is not None:
        return (None, error(msg_id, INVALID_PARAMS, "params 应为对象或数组")) if has_id else (None, None)
    if not initialized and method not in ("initialize", "exit"):
        return (None, error(msg_id, SERVER_NOT_INITIALIZED, "服务器尚未初始化（应先发送 initialize 请求）")) if has_id else (None, None)
    if initialized and method == "initialize" and has_id:
        return None, error(msg_id, INVALID_REQUEST, "initialize 只能发送一次")
    if shutting_down and method != "exit":
        return (None, error(msg_id, INVALID_REQUEST, "服务器已收到 shutdown，只接受 exit")) if has_id else (None, None)
    return data, None
