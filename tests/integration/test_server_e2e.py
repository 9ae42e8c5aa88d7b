"""``gialint server`` end to end: the real server over stdio, driven by a
real LSP client (pytest-lsp, with the capabilities VS Code and Neovim
announce): open a defective seed report, receive its diagnostics, apply a
quick fix, see the diagnostic go away; hovers; a broken configuration shown
and reloaded."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.helpers import SEED

SERVER = [sys.executable, "-m", "gialint", "server", "--no-plugins"]


def make_client() -> LanguageClient:
    """pytest-lsp's client, keeping each URI's diagnostics with their version
    and the capabilities the server registers."""
    from pygls.protocol import default_converter
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    client = LanguageClient(converter_factory=default_converter)
    client.versions = {}  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    original = DEFAULT_CLIENT_FEATURES[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.versions[params.uri] = params.version  # type: ignore[attr-defined]
        original(client, params)

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   types.CLIENT_REGISTER_CAPABILITY: register})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="reports")],
    ))
    yield
    await lsp_client.shutdown_session()


async def until(client: LanguageClient, done) -> None:  # type: ignore[no-untyped-def]
    """Wait for published diagnostics until ``done()`` (10 s at most)."""
    import asyncio

    async def wait() -> None:
        while not done():
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), 10)


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` at ``version``."""
    await until(client, lambda: client.diagnostics.get(uri) is not None and client.versions.get(uri) == version)  # type: ignore[attr-defined]
    return list(client.diagnostics[uri])


def open_report(client: LanguageClient, path: Path, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=1, text=path.read_text(encoding="utf-8"))))
    return uri


@pytest.mark.asyncio
async def test_open_fix_and_the_diagnostic_goes_away(client: LanguageClient, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    uri = open_report(client, report)
    found = await diagnostics(client, uri, 1)
    assert {d.code for d in found} == {"GIA104", "GIA202", "GIA702", "GIA201"}
    watched = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore[attr-defined]
    assert watched and "**/.gialint.yaml" in str(watched[0].register_options)
    gia702 = next(d for d in found if d.code == "GIA702")
    assert gia702.source == "gialint" and gia702.severity == types.DiagnosticSeverity.Error
    assert gia702.code_description is not None and gia702.code_description.href.startswith("file://")

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=gia702.range,
        context=types.CodeActionContext(diagnostics=[gia702])))
    assert actions is not None
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred)
    (edit,) = fix.edit.document_changes[0].edits  # type: ignore[union-attr]
    assert edit.new_text == "勾稽" or edit.new_text == "勾"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)]))
    after = await diagnostics(client, uri, 2)
    assert {d.code for d in after} == {"GIA104", "GIA202", "GIA201"}

    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), found[0].range.start))
    assert hover is not None and f"**{found[0].code}**" in hover.contents.value  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_broken_configuration_is_a_diagnostic_and_is_reloaded(client: LanguageClient, tmp_path: Path) -> None:
    config = tmp_path / ".gialint.yaml"
    config.write_text("ignore: [GIA702]\nseverity: {GIA201: warnnig}\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    shutil.copy(SEED["002"], report)
    uri = open_report(client, report)
    (unchecked,) = await diagnostics(client, uri, 1)
    assert "配置有误" in unchecked.message
    await until(client, lambda: config.as_uri() in client.diagnostics)
    on_config = client.diagnostics[config.as_uri()]
    assert on_config[0].range.start.line == 1 and "warnnig" in on_config[0].message

    config.write_text("ignore: [GIA702]\nseverity: {GIA201: warning}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    await until(client, lambda: client.diagnostics[uri] and "配置有误" not in client.diagnostics[uri][0].message)
    found = list(client.diagnostics[uri])
    assert {d.code for d in found} == {"GIA104", "GIA202", "GIA201"}
    assert next(d for d in found if d.code == "GIA201").severity == types.DiagnosticSeverity.Warning
    assert list(client.diagnostics[config.as_uri()]) == []


@pytest_lsp.fixture(config=CONFIG)
async def neovim(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=tmp_path.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_positions_in_the_negotiated_encoding(neovim: LanguageClient, tmp_path: Path) -> None:
    # Neovim offers UTF-32 among its encodings: columns are then code points.
    report = tmp_path / "report.md"
    text = SEED["002"].read_text(encoding="utf-8").replace("本列数据的钩稽", "本列𠀀数据的钩稽", 1)
    report.write_text(text, encoding="utf-8")
    uri = open_report(neovim, report, "markdown")
    found = await diagnostics(neovim, uri, 1)
    d = next(d for d in found if d.code == "GIA702")
    line = text.split("\n")[d.range.start.line]
    # Neovim lists UTF-8 first (pygls alone would take it); gialint prefers UTF-32.
    assert neovim.capabilities.general.position_encodings[0] == "utf-8"  # type: ignore[union-attr,index]
    assert line[d.range.start.character:d.range.end.character] == "钩稽"
