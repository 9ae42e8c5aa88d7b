"""A client that speaks the wire format itself, for sending what a real
client never would (malformed JSON, bad headers, a batch) and for closing
the pipes under the server's feet."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

SERVER = [sys.executable, "-m", "gialint", "server", "--no-plugins"]


class WireClient:
    def __init__(self, cwd: Path, args: list[str] | None = None) -> None:
        self.proc = subprocess.Popen(SERVER + (args or []), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue[Any] = queue.Queue()
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):  # type: ignore[union-attr]
            self.stderr += chunk

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.inbox.put(json.loads(out.read(length)))

    def send_bytes(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send_body(self, body: bytes) -> None:
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message: dict[str, Any]) -> None:
        self.send_body(json.dumps(message, ensure_ascii=False).encode("utf-8"))

    def request(self, method: str, params: Any = None) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, match: Callable[[dict[str, Any]], bool], timeout: float = 20) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while True:
            message = self.inbox.get(timeout=max(end - time.monotonic(), 0.01))
            if message is None:
                raise EOFError(self.stderr.decode("utf-8", "replace"))
            if match(message):
                return message

    def answer(self, msg_id: int | None, timeout: float = 20) -> dict[str, Any]:
        return self.wait(lambda m: "method" not in m and m.get("id") == msg_id, timeout)

    def call(self, method: str, params: Any = None, timeout: float = 20) -> dict[str, Any]:
        return self.answer(self.request(method, params), timeout)

    def initialize(self, root: Path, encodings: list[str] | None = None) -> dict[str, Any]:
        caps: dict[str, Any] = {"general": {"positionEncodings": encodings}} if encodings else {}
        result = self.call("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": caps})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        return uri

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 20) -> list[dict[str, Any]]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                            and (version is None or m["params"].get("version") == version), timeout)
        return message["params"]["diagnostics"]

    def close(self) -> int:
        if self.proc.poll() is None:
            try:
                self.call("shutdown", None, timeout=10)
                self.notify("exit")
            except (OSError, EOFError, queue.Empty):
                pass
        try:
            return self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
