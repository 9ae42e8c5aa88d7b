"""``gialint server`` under bad input: malformed messages are answered with
the protocol's errors and the server goes on; a 5 MB file, binary content and
an edit storm are checked in bounded time; a client that disconnects ends the
server quietly."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.helpers import SEED
from tests.integration.lsp_wire import WireClient


@pytest.fixture
def wire(tmp_path: Path):  # type: ignore[no-untyped-def]
    client = WireClient(tmp_path)
    yield client
    client.close()


def hover_works(wire: WireClient, uri: str, line: int = 50, character: int = 7, code: str = "GIA702") -> bool:
    answer = wire.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    return "result" in answer and f"**{code}**" in answer["result"]["contents"]["value"]


def test_malformed_messages_get_errors_and_the_server_keeps_serving(wire: WireClient, tmp_path: Path) -> None:
    early = wire.call("textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})
    assert early["error"]["code"] == -32002  # not initialized yet
    wire.initialize(tmp_path)
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    uri = wire.open(report, report.read_text(encoding="utf-8"))
    assert wire.diagnostics(uri)

    def error_for(send, msg_id=None) -> int:  # type: ignore[no-untyped-def]
        send()
        return wire.answer(msg_id)["error"]["code"]

    assert error_for(lambda: wire.send_body(b'{"jsonrpc": "2.0", "id": 9, "method": ')) == -32700
    assert error_for(lambda: wire.send_body(b"\xff\xfe\x00garbage")) == -32700
    assert error_for(lambda: wire.send_body(b'[{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}]')) == -32600
    assert error_for(lambda: wire.send_body(b'"just a string"')) == -32600
    assert error_for(lambda: wire.send({"id": 11, "method": "shutdown"}), 11) == -32600
    assert error_for(lambda: wire.send_bytes(b"Content-Type: text/plain\r\n\r\n")) == -32600
    assert error_for(lambda: wire.send({"jsonrpc": "2.0", "id": 12, "method": "textDocument/hover",
                                        "params": {"textDocument": {"uri": uri}, "position": "here"}}), 12) == -32602
    assert error_for(lambda: wire.send({"jsonrpc": "2.0", "id": 13, "method": "gialint/unknown", "params": {}}), 13) == -32601
    assert error_for(lambda: wire.send({"jsonrpc": "2.0", "id": 14, "method": "initialize", "params": {"capabilities": {}}}), 14) == -32600
    # Notifications that cannot be handled get no answer (and break nothing).
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": 3}})
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": None})
    assert hover_works(wire, uri)
    assert b"Traceback" not in wire.stderr
    assert wire.close() == 0


def test_a_5mb_file_binary_content_and_bad_characters(wire: WireClient, tmp_path: Path) -> None:
    wire.initialize(tmp_path)
    seed = SEED["002"].read_text(encoding="utf-8")
    # 5 MB of a report's text: over the default max-bytes (5 MiB) by a little.
    big = (seed * (5 * 1024 * 1024 // len(seed.encode("utf-8")) + 2))
    start = time.monotonic()
    uri = wire.open(tmp_path / "big.txt", big)
    (too_large,) = wire.diagnostics(uri, 1, timeout=60)
    assert too_large["code"] == "GIA003" and "超过上限" in too_large["message"]
    # Just under the limit, and not a report: nothing to say, in bounded time.
    prose = ("本年度政府信息公开工作有序开展，" * 10 + "\n") * (4_900_000 // 481)
    uri2 = wire.open(tmp_path / "prose.txt", prose)
    binary = wire.open(tmp_path / "blob.txt", "PK\u0003\u0004\u0000\u0000" + "\u0000" * 100)
    seen = []
    while not seen or seen[-1]["uri"] != binary:
        seen.append(wire.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics", timeout=60)["params"])
    assert [d["code"] for d in seen[-1]["diagnostics"]] == ["GIA001"]
    assert uri2 not in [p["uri"] for p in seen]  # not a report: nothing published
    wire.send_body(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "'
                   + (tmp_path / "s.txt").as_uri().encode() + b'", "languageId": "plaintext", "version": 1, "text": "\\ud800\\u4e00"}}}')
    assert [d["code"] for d in wire.diagnostics((tmp_path / "s.txt").as_uri(), 1)] == ["GIA001"]
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    uri3 = wire.open(report, seed)
    assert wire.diagnostics(uri3, 1)
    assert hover_works(wire, uri3)
    assert time.monotonic() - start < 60
    assert b"Traceback" not in wire.stderr


def test_an_edit_storm_is_checked_once_it_settles(wire: WireClient, tmp_path: Path) -> None:
    wire.initialize(tmp_path, ["utf-16"])
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    text = report.read_text(encoding="utf-8")
    uri = wire.open(report, text)
    wire.diagnostics(uri, 1)
    line = text.split("\n")[50]
    col = line.index("钩稽")
    for version in range(2, 1002):  # type the same character over and over: 勾 / 钩
        ch = "勾" if version % 2 else "钩"
        wire.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"range": {"start": {"line": 50, "character": col}, "end": {"line": 50, "character": col + 1}}, "text": ch}]})
    published = []
    while True:
        message = wire.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        published.append(message["params"])
        if message["params"]["version"] == 1001:
            break
    assert [p["version"] for p in published] == sorted(p["version"] for p in published)
    assert len(published) < 200  # debounced: far fewer checks than changes
    assert {d["code"] for d in published[-1]["diagnostics"]} == {"GIA104", "GIA202", "GIA201"}  # version 1001 has 勾
    assert hover_works(wire, uri, 26, 1, "GIA104")


def test_a_client_that_disconnects_ends_the_server_quietly(tmp_path: Path) -> None:
    client = WireClient(tmp_path)
    client.initialize(tmp_path)
    client.proc.stdin.close()  # type: ignore[union-attr]
    assert client.proc.wait(10) == 1  # no shutdown before the end: status 1, as LSP says for exit
    time.sleep(0.2)
    assert b"Traceback" not in client.stderr and b"Fatal" not in client.stderr

    # A client that stops reading: the server's writes fail, and it ends.
    import subprocess

    from tests.integration.lsp_wire import SERVER

    proc = subprocess.Popen(SERVER, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None

    def send(message: dict) -> None:  # type: ignore[type-arg]
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}})
    assert b"Content-Length" in proc.stdout.readline()
    proc.stdout.close()
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    try:
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        for n in range(3):
            send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": report.as_uri(), "languageId": "plaintext", "version": n + 1, "text": report.read_text(encoding="utf-8")}}})
            send({"jsonrpc": "2.0", "id": n + 2, "method": "shutdown", "params": None})
            time.sleep(0.2)
    except OSError:
        pass  # the server is gone already
    assert proc.wait(10) in (0, 1)
    err = proc.stderr.read()  # type: ignore[union-attr]
    assert b"Traceback" not in err and b"Fatal" not in err


def test_exit_after_shutdown_is_status_0_and_without_it_1(tmp_path: Path) -> None:
    client = WireClient(tmp_path)
    client.initialize(tmp_path)
    assert client.call("shutdown")["result"] is None
    assert client.call("textDocument/hover", {})["error"]["code"] == -32600  # only exit now
    client.notify("exit")
    assert client.proc.wait(10) == 0
    client = WireClient(tmp_path)
    client.initialize(tmp_path)
    client.notify("exit")
    assert client.proc.wait(10) == 1
    assert json.dumps({}) == "{}"
