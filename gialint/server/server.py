"""The language server: pygls's :class:`~pygls.lsp.server.LanguageServer`
with gialint's features (:class:`~gialint.server.session.Session`), its own
message loop (:mod:`gialint.server.transport`) and three changes to pygls's
protocol:

- the position encoding: UTF-32 (code points, what gialint counts) when the
  client offers it, else UTF-16 (pygls would take the client's first choice,
  UTF-8 included);
- open, change and close go to the session's document store only
  (:mod:`gialint.server.text` says why pygls's is not used);
- ``exit`` ends the message loop (status 0 after ``shutdown``, else 1)
  instead of calling :func:`sys.exit` inside a handler."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from typing import Any, BinaryIO

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from gialint.server.actions import KINDS
from gialint.server.session import DEBOUNCE, Session
from gialint.server.transport import INTERNAL_ERROR, INVALID_PARAMS, FrameError, FrameReader, SafeWriter, check_message, error
from gialint.server.workspace import Workspace
from gialint.util.version import __version__

log = logging.getLogger("gialint.server")
PARENT_CHECK_SECONDS = 5.0
_END = object()


class GialintProtocol(LanguageServerProtocol):
    _server: GialintServer

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):  # type: ignore[no-untyped-def,override]
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = {str(getattr(e, "value", e)) for e in general.position_encodings}
            general.position_encodings = [types.PositionEncodingKind.Utf32 if "utf-32" in offered else types.PositionEncodingKind.Utf16]
        result = yield from super().lsp_initialize(params)
        self._server.initialized_once = True
        return result

    def _to_session(self, method: str, params: Any):  # type: ignore[no-untyped-def]
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):  # type: ignore[no-untyped-def,override]
        yield from self._to_session(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):  # type: ignore[no-untyped-def,override]
        yield from self._to_session(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):  # type: ignore[no-untyped-def,override]
        yield from self._to_session(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.EXIT)
    def lsp_exit(self, *args: Any) -> None:  # type: ignore[override]
        self._server.stop(0 if self._shutdown else 1)


class GialintServer(LanguageServer):
    def __init__(self, workspace: Workspace, debounce: float = DEBOUNCE) -> None:
        super().__init__("gialint", __version__, protocol_cls=GialintProtocol, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session(self, workspace, debounce)
        self.initialized_once = False
        self.exit_code: int | None = None
        self._queue: asyncio.Queue[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        s = self.session
        for method, handler, options in (
            (types.INITIALIZE, s.initialize, None),
            (types.INITIALIZED, s.initialized, None),
            (types.TEXT_DOCUMENT_DID_OPEN, s.did_open, None),
            (types.TEXT_DOCUMENT_DID_CHANGE, s.did_change, None),
            (types.TEXT_DOCUMENT_DID_SAVE, s.did_save, types.SaveOptions(include_text=False)),
            (types.TEXT_DOCUMENT_DID_CLOSE, s.did_close, None),
            (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, s.did_change_watched_files, None),
            (types.TEXT_DOCUMENT_HOVER, s.hover, None),
            (types.TEXT_DOCUMENT_CODE_ACTION, s.code_action, types.CodeActionOptions(code_action_kinds=KINDS)),
            (types.SHUTDOWN, lambda params: s.close(), None),
        ):
            self.feature(method, options)(_plain(handler))

    def report_server_error(self, error: Exception, source: Any) -> None:
        # Logged, not shown: a failed request is answered with an error already.
        log.error("%s: %s", getattr(source, "__name__", source), error)

    # -- the loop ---------------------------------------------------------------

    def stop(self, code: int) -> None:
        if self.exit_code is None:
            self.exit_code = code
        if self._queue is not None:
            self._queue.put_nowait(_END)

    def serve(self, stdin: BinaryIO | FrameReader, stdout: BinaryIO) -> int:
        """Serve over the given streams until ``exit`` or the end of input;
        the exit status (0 after ``shutdown``, else 1)."""
        self.protocol.set_writer(SafeWriter(stdout, lambda: self._loop.call_soon_threadsafe(self.stop, 1) if self._loop else None))
        try:
            asyncio.run(self._main(stdin if isinstance(stdin, FrameReader) else FrameReader.of_stream(stdin)))
        except KeyboardInterrupt:
            pass
        finally:
            self.session.close()
        if self.exit_code is None:
            self.exit_code = 0 if self.protocol._shutdown else 1
        return self.exit_code

    async def _main(self, reader: FrameReader) -> None:
        self._loop = loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Any] = asyncio.Queue()
        self._queue = queue
        room = threading.Semaphore(32)  # messages read ahead of the dispatcher

        def pump() -> None:
            while True:
                room.acquire()
                try:
                    frame = reader.read()
                except (OSError, ValueError):
                    frame = None
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, frame)
                except RuntimeError:  # the loop is closed
                    return
                if frame is None:
                    return

        threading.Thread(target=pump, name="gialint-server-reader", daemon=True).start()
        watcher = asyncio.ensure_future(self._watch_parent())
        try:
            while self.exit_code is None:
                frame = await queue.get()
                if frame is _END:
                    break
                if frame is None:
                    log.info("the client closed the connection")
                    break
                try:
                    self._dispatch(frame)
                except Exception:  # noqa: BLE001 - one message never takes the server down
                    log.exception("handling a message failed")
                finally:
                    room.release()
                await asyncio.sleep(0)  # let due checks run during a storm of messages
        finally:
            watcher.cancel()

    def _dispatch(self, frame: bytes | FrameError) -> None:
        if isinstance(frame, FrameError):
            self.protocol._send_data(error(None, -32600, frame.message))
            return
        data, answer = check_message(frame, self.initialized_once, self.protocol._shutdown)
        if answer is not None:
            self.protocol._send_data(answer)
        if data is None:
            return
        is_request = "method" in data and "id" in data
        try:
            message = self.protocol.structure_message(data)
        except Exception as exc:  # noqa: BLE001 - parameters that do not fit the method
            log.warning("malformed %s: %s", data.get("method", "message"), exc)
            if is_request:
                self.protocol._send_data(error(data["id"], INVALID_PARAMS, f"{data['method']} 的参数无效"))
            return
        try:
            self.protocol.handle_message(message)
        except Exception:  # noqa: BLE001
            log.exception("dispatching %s failed", data.get("method"))
            if is_request:
                self.protocol._send_data(error(data["id"], INTERNAL_ERROR, "服务器内部错误"))

    async def _watch_parent(self) -> None:
        """Stop when the editor that started the server is gone (its pid
        from ``initialize``), even if it left the pipes open."""
        while True:
            await asyncio.sleep(PARENT_CHECK_SECONDS)
            pid = self.process_id
            if isinstance(pid, int) and pid > 0 and not _alive(pid):
                log.info("the client process %s has exited", pid)
                self.stop(1)
                return


def _plain(method: Any) -> Any:
    """A function calling ``method`` (pygls marks its handlers with
    attributes, which a bound method cannot take)."""

    def handler(params: Any) -> Any:
        return method(params)

    return handler


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def serve(config_file: str | None = None, isolated: bool = False, no_plugins: bool = False, debounce: float = DEBOUNCE) -> int:
    """Run ``gialint server`` on stdin/stdout; the exit status.  Anything
    written to ``sys.stdout`` meanwhile (a plugin's ``print``) goes to
    standard error, so it cannot corrupt the protocol's stream."""
    fd = sys.stdin.fileno()
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr
    server = GialintServer(Workspace(config_file, isolated, no_plugins), debounce)
    return server.serve(FrameReader(lambda n: os.read(fd, n)), stdout)
