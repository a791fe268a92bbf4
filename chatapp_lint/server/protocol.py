"""The language server: diagnostics as you type, quick fixes, hover and completion.

Built on pygls. Every open JSON or YAML document that the configuration would
lint is linted on open, on change (debounced: typing restarts the wait) and on
save. Linting runs in a worker thread, so hover and completion answer while a
large file is being linted, and a result is published only if the document is
still at the version that was linted: an old result never lands on newer text.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from chatapp_lint import docs
from chatapp_lint._version import __version__
from chatapp_lint.config import discover
from chatapp_lint.model import Violation
from chatapp_lint.rules import find
from chatapp_lint.rules.naming import CAMS_LANGUAGES, META_LANGUAGES
from chatapp_lint.server import actions, completion
from chatapp_lint.server.analysis import Settings, Workspace, kind_of, settings_for
from chatapp_lint.server.diagnostics import SOURCE, to_diagnostics

DEBOUNCE_SECONDS = 0.25
_LANGUAGE_IDS = frozenset({"json", "jsonc", "yaml"})
_SUFFIXES = frozenset({".json", ".yaml", ".yml"})
_CODE = re.compile(r"\b[A-Z]{2}\d{3}\b")
_FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".chatapp-lint"


class ChatappLanguageServer(LanguageServer):
    """The server's state: the workspace, and each document's pending lint."""

    def __init__(self) -> None:
        super().__init__("chatapp-lint", __version__)
        self.folder: Workspace | None = None
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.published: dict[str, list[tuple[types.Diagnostic, Violation]]] = {}
        # One lint at a time: the workspace's memory of files is not shared
        # between threads, and on a busy machine lints that overlap only slow
        # each other down.
        self.linting = asyncio.Lock()

    def template_workspace(self) -> Workspace:
        """The workspace whose files the checks across files compare."""
        if self.folder is None:
            root = self.workspace.root_path
            self.folder = Workspace(Path(root) if root else Path.cwd())
        return self.folder


server = ChatappLanguageServer()


def _path(document: TextDocument) -> Path:
    return Path(to_fs_path(document.uri) or document.uri)


def _lintable(document: TextDocument) -> bool:
    """JSON and YAML documents, by language or by name."""
    if document.language_id in _LANGUAGE_IDS:
        return True
    return _path(document).suffix.lower() in _SUFFIXES


def _lint(
    folder: Workspace, document: TextDocument
) -> tuple[list[tuple[types.Diagnostic, Violation]], Settings]:
    """Lint a snapshot of a document and place its findings (in a worker thread)."""
    path, text = _path(document), document.source
    settings = settings_for(path)
    violations = folder.lint(path, text, settings)
    return to_diagnostics(document, kind_of(path, text), violations), settings


async def _lint_and_publish(ls: ChatappLanguageServer, uri: str, delay: float) -> None:
    if delay:
        await asyncio.sleep(delay)
    async with ls.linting:
        document = ls.workspace.get_text_document(uri)
        # A snapshot: the open document changes under the thread as the user types.
        snapshot = TextDocument(
            uri,
            document.source,
            document.version,
            document.language_id,
            position_codec=document.position_codec,
        )
        folder = ls.template_workspace()
        pairs, settings = await asyncio.to_thread(_lint, folder, snapshot)
    current = ls.workspace.get_text_document(uri)
    version = snapshot.version
    if current.version != version or current.source != snapshot.source:
        return  # typed over meanwhile: a newer lint is on its way
    if settings.problem is not None:
        ls.window_show_message(
            types.ShowMessageParams(types.MessageType.Warning, settings.problem)
        )
    ls.published[uri] = pairs
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[d for d, _ in pairs]
        )
    )


def _schedule(ls: ChatappLanguageServer, uri: str, delay: float) -> None:
    earlier = ls.pending.pop(uri, None)
    if earlier is not None:
        earlier.cancel()
    task = asyncio.get_running_loop().create_task(_lint_and_publish(ls, uri, delay))
    ls.pending[uri] = task
    task.add_done_callback(lambda done: _finished(ls, uri, done))


def _finished(ls: ChatappLanguageServer, uri: str, task: asyncio.Task[None]) -> None:
    if ls.pending.get(uri) is task:
        del ls.pending[uri]
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        ls.window_log_message(
            types.LogMessageParams(
                types.MessageType.Error, f"chatapp-lint failed on {uri}: {error!r}"
            )
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(
    ls: ChatappLanguageServer, params: types.DidOpenTextDocumentParams
) -> None:
    """Lint a document as soon as it is opened."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if _lintable(document):
        _schedule(ls, document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(
    ls: ChatappLanguageServer, params: types.DidChangeTextDocumentParams
) -> None:
    """Lint again once typing pauses."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if _lintable(document):
        _schedule(ls, document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(
    ls: ChatappLanguageServer, params: types.DidSaveTextDocumentParams
) -> None:
    """Lint on save, at once."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if _lintable(document):
        _schedule(ls, document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(
    ls: ChatappLanguageServer, params: types.DidCloseTextDocumentParams
) -> None:
    """Forget a closed document; what is on disk counts again."""
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.published.pop(uri, None)
    path = Path(to_fs_path(uri) or uri)
    ls.template_workspace().close(path)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
    )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(
    ls: ChatappLanguageServer, params: types.DidChangeWatchedFilesParams
) -> None:
    """Files changed on disk: the checks across files read them again."""
    folder = ls.template_workspace()
    folder.changed_on_disk()
    for change in params.changes:
        folder.changed_on_disk(Path(to_fs_path(change.uri) or change.uri))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, _FIX_ALL_KIND]
    ),
)
def code_action(
    ls: ChatappLanguageServer, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics in range, fix all, and silencing a rule."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if not _lintable(document):
        return []
    path, text = _path(document), document.source
    kind = kind_of(path, text)
    settings = settings_for(path)
    folder = ls.template_workspace()
    name = folder.name(path)
    found: list[types.CodeAction] = []
    wanted = params.context.only
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        code = diagnostic.code
        if wanted is None or types.CodeActionKind.QuickFix in wanted:
            if actions.fixable(code):
                new = actions.fixed_text(text, kind, settings, name, code)
                if new is not None:
                    found.append(
                        _edit_action(
                            f"Fix {code}: apply chatapp-lint's safe fix",
                            document,
                            new,
                            [diagnostic],
                            preferred=True,
                        )
                    )
            if kind == "yaml":
                line = diagnostic.range.start.line + 1
                found.append(
                    _edit_action(
                        f"Disable {code} on this line (YAML comment)",
                        document,
                        actions.disable_comment(text, line, code),
                        [diagnostic],
                    )
                )
            found.append(_config_action(ls, path, name, code, diagnostic))
    if (
        wanted is None
        or any(k.startswith(types.CodeActionKind.SourceFixAll) for k in wanted)
        or types.CodeActionKind.QuickFix in wanted
    ):
        new = actions.fixed_text(text, kind, settings, name)
        if new is not None:
            found.append(
                _edit_action(
                    "Fix all safely fixable chatapp-lint problems",
                    document,
                    new,
                    [],
                    kind=_FIX_ALL_KIND,
                )
            )
    return found


def _whole(document: TextDocument) -> types.Range:
    lines = document.lines
    end = types.Position(line=len(lines), character=0)
    return types.Range(start=types.Position(line=0, character=0), end=end)


def _edit_action(  # noqa: PLR0913 - one argument per part of the action
    title: str,
    document: TextDocument,
    new_text: str,
    diagnostics: list[types.Diagnostic],
    *,
    preferred: bool = False,
    kind: str = types.CodeActionKind.QuickFix,
) -> types.CodeAction:
    edit = types.TextEdit(range=_whole(document), new_text=new_text)
    change = types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(
            uri=document.uri, version=document.version
        ),
        edits=[edit],
    )
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=diagnostics or None,
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(document_changes=[change]),
    )


def _config_action(
    ls: ChatappLanguageServer,
    path: Path,
    name: str,
    code: str,
    diagnostic: types.Diagnostic,
) -> types.CodeAction:
    folder = ls.template_workspace()
    config_path = discover(path.parent)
    base = config_path.parent if config_path is not None else folder.root
    try:
        glob = path.relative_to(base).as_posix()
    except ValueError:
        glob = name
    target, before, after = actions.ignore_in_config(
        config_path, folder.root, glob, code
    )
    uri = target.as_uri()
    changes: list[Any] = []
    if not target.exists():
        changes.append(types.CreateFile(uri=uri))
    lines = before.splitlines() or [""]
    whole = types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=len(lines), character=0),
    )
    changes.append(
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri),
            edits=[types.TextEdit(range=whole, new_text=after)],
        )
    )
    return types.CodeAction(
        title=f"Ignore {code} in this file (configuration: {target.name})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(document_changes=changes),
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ChatappLanguageServer, params: types.HoverParams) -> types.Hover | None:
    """A rule's documentation, on its diagnostic or on its code in the text."""
    uri, where = params.text_document.uri, params.position
    for diagnostic, violation in ls.published.get(uri, []):
        if _contains(diagnostic.range, where):
            rule = find(violation.code)
            if rule is not None:
                return _rule_hover(rule, diagnostic.range)
    document = ls.workspace.get_text_document(uri)
    line = document.lines[where.line] if where.line < len(document.lines) else ""
    for match in _CODE.finditer(line):
        if match.start() <= where.character <= match.end():
            rule = find(match.group(0))
            if rule is not None:
                span = types.Range(
                    start=types.Position(line=where.line, character=match.start()),
                    end=types.Position(line=where.line, character=match.end()),
                )
                return _rule_hover(rule, span)
    return None


def _rule_hover(rule: Any, span: types.Range) -> types.Hover:
    text = "\n".join(docs.markdown_entry(rule))
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=span,
    )


def _contains(span: types.Range, where: types.Position) -> bool:
    start, end = span.start, span.end
    after_start = (where.line, where.character) >= (start.line, start.character)
    before_end = (where.line, where.character) <= (end.line, end.character)
    return after_start and before_end


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", " ", '"', "-"]),
)
def complete(
    ls: ChatappLanguageServer, params: types.CompletionParams
) -> types.CompletionList:
    """Member names and enum values from the template's JSON Schema."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if not _lintable(document):
        return types.CompletionList(is_incomplete=False, items=[])
    offset = document.offset_at_position(params.position)
    kind = kind_of(_path(document), document.source)
    place = completion.place_in(document.source, offset, kind)
    items = completion.complete(place, CAMS_LANGUAGES | META_LANGUAGES)
    return types.CompletionList(
        is_incomplete=False,
        items=[
            types.CompletionItem(
                label=item.label,
                kind=(
                    types.CompletionItemKind.Property
                    if item.is_member
                    else types.CompletionItemKind.EnumMember
                ),
                detail=item.detail,
                documentation=item.documentation or None,
            )
            for item in items
        ],
    )


def main() -> None:
    """Serve over standard input and output until the client says exit."""
    server.start_io()
