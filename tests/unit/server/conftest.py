"""An in-process session with a stand-in for the pygls server (what it
publishes is recorded): the quick tests of gialint.server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gialint.server.session import Session
from gialint.server.text import UTF16, Document
from gialint.server.workspace import Workspace


class Recorder:
    def __init__(self) -> None:
        self.published: list[Any] = []
        self.shown: list[Any] = []

    def text_document_publish_diagnostics(self, params: Any) -> None:
        self.published.append(params)

    def window_show_message(self, params: Any) -> None:
        self.shown.append(params)


class Harness:
    def __init__(self, root: Path, encoding: str = UTF16) -> None:
        self.root = root
        self.server = Recorder()
        self.session = Session(self.server, Workspace(no_plugins=True))
        self.session.encoding = encoding

    def open(self, name: str, text: str, language: str = "") -> Document:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        doc = Document(path.as_uri(), text, 1, language or ("markdown" if name.endswith(".md") else "plaintext"))
        self.session.docs[doc.uri] = doc
        return doc

    def check(self, doc: Document):  # type: ignore[no-untyped-def]
        return self.session.current(doc.uri)


@pytest.fixture
def harness(tmp_path: Path):  # type: ignore[no-untyped-def]
    h = Harness(tmp_path)
    yield h
    h.session.close()
