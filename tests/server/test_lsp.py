"""The language server end to end: a real client drives `chatapp-lint server` over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from chatapp_lint.engine import lint_document
from chatapp_lint.loader import load_bytes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SERVER = [sys.executable, "-m", "chatapp_lint", "server"]
Published = Sequence[types.Diagnostic]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(workspace.as_uri(), "work")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=uri,
                language_id="json" if path.suffix == ".json" else "yaml",
                version=version,
                text=text,
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=uri, version=version
            ),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def _until(
    client: LanguageClient, uri: str, holds: Callable[[Published], bool]
) -> Published:
    """The document's diagnostics, once they satisfy `holds` (10 s at most)."""
    for _ in range(200):
        published = client.diagnostics.get(uri)
        if published is not None and holds(published):
            return published
        await asyncio.sleep(0.05)
    raise AssertionError(
        f"diagnostics never satisfied the test: {client.diagnostics.get(uri)}"
    )


async def _actions_for(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    """The code actions the server offers for one of its diagnostics."""
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert found is not None
    return [action for action in found if isinstance(action, types.CodeAction)]


def _codes(published: Published) -> list[str]:
    return [str(d.code) for d in published]


def _apply(text: str, edit: types.WorkspaceEdit) -> str:
    """The document's text after a whole-document edit from a code action."""
    changes = edit.document_changes or []
    (change,) = [c for c in changes if isinstance(c, types.TextDocumentEdit)]
    (text_edit,) = change.edits
    assert text_edit.range.start == types.Position(line=0, character=0)
    assert isinstance(text_edit, types.TextEdit)
    return text_edit.new_text


async def test_three_url_buttons_shows_bt003_on_the_third_button(
    client: LanguageClient, workspace: Path
) -> None:
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    uri = _open(client, workspace / "three-url-buttons.yaml", text)
    published = await _until(client, uri, lambda found: "BT003" in _codes(found))
    (bt003,) = [d for d in published if d.code == "BT003"]
    # The third URL button: `- Type: URL` on line 29, its mapping through `UrlType`.
    assert bt003.range.start == types.Position(line=28, character=8)
    assert bt003.range.end == types.Position(line=31, character=23)
    assert bt003.severity == types.DiagnosticSeverity.Error
    assert bt003.source == "chatapp-lint"
    assert "3 URL buttons" in bt003.message
    assert bt003.code_description is not None
    assert bt003.code_description.href.endswith("rules.md#bt003-too-many-url-buttons")


async def test_a_change_is_linted_and_old_results_never_win(
    client: LanguageClient, workspace: Path
) -> None:
    path = workspace / "three-url-buttons.yaml"
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    uri = _open(client, path, text)
    await _until(client, uri, lambda found: "BT003" in _codes(found))
    third = "      - Type: URL\n        Text: Return an item\n        Url: https://shop.example.com/returns\n        UrlType: static\n"
    assert third in text
    # Two quick edits: the first breaks the file, the second mends it. Only the
    # second's result may remain.
    _change(client, uri, text.replace("Components:", "Components: [", 1), 2)
    _change(client, uri, text.replace(third, ""), 3)
    await _until(client, uri, lambda found: "BT003" not in _codes(found))
    await asyncio.sleep(0.6)  # longer than the debounce: nothing stale arrives late
    assert _codes(client.diagnostics[uri]) == []


async def test_a_half_typed_buffer_gives_a_syntax_diagnostic_not_a_crash(
    client: LanguageClient, workspace: Path
) -> None:
    uri = _open(client, workspace / "draft.json", '{"TemplateType": "WHATSAPP", "Na')
    published = await _until(client, uri, bool)
    assert _codes(published) == ["FL003"]
    # The server still answers.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=published[0].range.start,
        )
    )
    assert hover is not None
    assert "FL003" in hover.contents.value  # type: ignore[union-attr]


async def test_quick_fix_on_a_deprecated_member_clears_it(
    client: LanguageClient, workspace: Path
) -> None:
    path = workspace / "deprecated-cust-waba-id.yaml"
    text = (EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml").read_text(
        encoding="utf-8"
    )
    uri = _open(client, path, text)
    published = await _until(client, uri, lambda found: "DP001" in _codes(found))
    (dp001,) = [d for d in published if d.code == "DP001"]
    found = await _actions_for(client, uri, dp001)
    titles = [a.title for a in found if isinstance(a, types.CodeAction)]
    assert any(t.startswith("Fix DP001") for t in titles)
    assert any(t.startswith("Disable DP001 on this line") for t in titles)
    assert any(t.startswith("Ignore DP001 in this file") for t in titles)
    (fix,) = [
        a
        for a in found
        if isinstance(a, types.CodeAction) and a.title.startswith("Fix DP001")
    ]
    assert fix.edit is not None
    fixed = _apply(text, fix.edit)
    assert "CustSpaceId" in fixed
    # The fixed text lints clean of DP001, by the library and by the server.
    violations, _ = lint_document(load_bytes(fixed.encode(), "yaml"), "x.yaml")
    assert "DP001" not in {v.code for v in violations}
    _change(client, uri, fixed, 2)
    await _until(client, uri, lambda found: "DP001" not in _codes(found))


async def test_disable_comment_silences_the_rule(
    client: LanguageClient, workspace: Path
) -> None:
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    uri = _open(client, workspace / "t.yaml", text)
    published = await _until(client, uri, lambda found: "BT003" in _codes(found))
    (bt003,) = [d for d in published if d.code == "BT003"]
    found = await _actions_for(client, uri, bt003)
    (disable,) = [
        a
        for a in found
        if isinstance(a, types.CodeAction) and a.title.startswith("Disable")
    ]
    assert disable.edit is not None
    silenced = _apply(text, disable.edit)
    assert "# chatapp-lint: disable=BT003" in silenced
    _change(client, uri, silenced, 2)
    await _until(client, uri, lambda found: "BT003" not in _codes(found))


async def test_hover_on_a_diagnostic_and_on_a_code(
    client: LanguageClient, workspace: Path
) -> None:
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    text = text.replace("# Mistake:", "# BT001 mistake:", 1)
    uri = _open(client, workspace / "t.yaml", text)
    await _until(client, uri, lambda found: "BT003" in _codes(found))
    on_value = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=29, character=12),
        )
    )
    assert on_value is not None
    assert "BT003 too-many-url-buttons" in on_value.contents.value  # type: ignore[union-attr]
    on_code = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=3),
        )
    )
    assert on_code is not None
    assert "BT001 too-many-buttons" in on_code.contents.value  # type: ignore[union-attr]


async def test_completion_of_enum_values_and_members(
    client: LanguageClient, workspace: Path
) -> None:
    text = "TemplateType: WHATSAPP\nCategory: \nComponents:\n  - Type: BUTTONS\n    Buttons:\n      - Type: \n"
    uri = _open(client, workspace / "new.yaml", text)
    categories = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=10),
        )
    )
    assert isinstance(categories, types.CompletionList)
    assert {"MARKETING", "UTILITY", "AUTHENTICATION"} <= {
        i.label for i in categories.items
    }
    buttons = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=5, character=14),
        )
    )
    assert isinstance(buttons, types.CompletionList)
    labels = {i.label for i in buttons.items}
    assert {"QUICK_REPLY", "URL", "COPY_CODE"} <= labels
    assert "HEADER" not in labels  # a component type, not a button type


async def test_duplicate_names_across_the_workspace(
    client: LanguageClient, workspace: Path
) -> None:
    original = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    (workspace / "a.yaml").write_text(original, encoding="utf-8")
    uri = _open(client, workspace / "b.yaml", original)
    published = await _until(client, uri, lambda found: "XF001" in _codes(found))
    (xf001,) = [d for d in published if d.code == "XF001"]
    assert "a.yaml" in xf001.message
    assert xf001.range.start.line == 3  # `Name:` on line 4


async def test_ignore_in_configuration_writes_the_table_and_silences(
    client: LanguageClient, workspace: Path
) -> None:
    text = (EXAMPLES / "bad" / "three-url-buttons.yaml").read_text(encoding="utf-8")
    (workspace / "templates").mkdir()
    path = workspace / "templates" / "t.yaml"
    path.write_text(text, encoding="utf-8")
    uri = _open(client, path, text)
    published = await _until(client, uri, lambda found: "BT003" in _codes(found))
    (bt003,) = [d for d in published if d.code == "BT003"]
    found = await _actions_for(client, uri, bt003)
    (ignore,) = [
        a
        for a in found
        if isinstance(a, types.CodeAction) and a.title.startswith("Ignore")
    ]
    assert ignore.edit is not None
    changes = ignore.edit.document_changes or []
    assert isinstance(changes[0], types.CreateFile)
    assert changes[0].uri == (workspace / ".chatapp-lint.toml").as_uri()
    # What an editor does with the edit: create the file with the new text.
    (edit,) = [c for c in changes if isinstance(c, types.TextDocumentEdit)]
    (workspace / ".chatapp-lint.toml").write_text(
        edit.edits[0].new_text, encoding="utf-8"
    )
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)
        )
    )
    await _until(client, uri, lambda found: "BT003" not in _codes(found))


async def test_fix_all_is_offered_for_the_document(
    client: LanguageClient, workspace: Path
) -> None:
    text = (EXAMPLES / "bad" / "deprecated-cust-waba-id.yaml").read_text(
        encoding="utf-8"
    )
    text = text.replace("Language: en_US", "Language: en-US")
    uri = _open(client, workspace / "t.yaml", text)
    await _until(client, uri, lambda found: {"DP001", "LG001"} <= set(_codes(found)))
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0),
                end=types.Position(line=0, character=0),
            ),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert found is not None
    (fix_all,) = [a for a in found if isinstance(a, types.CodeAction)]
    assert fix_all.kind == "source.fixAll.chatapp-lint"
    assert fix_all.edit is not None
    _change(client, uri, _apply(text, fix_all.edit), 2)
    await _until(client, uri, lambda found: not {"DP001", "LG001"} & set(_codes(found)))
