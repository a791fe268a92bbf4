"""How long the language server takes from a change to its diagnostics.

Run from the repository root, in an environment with the `server` extra:

    .venv/bin/python benchmarks/server_latency.py

It starts `chatapp-lint server` over stdio with pygls's own client, opens a
YAML file of 1,000 templates (the bundled examples, renamed apart), then makes
a series of one-character edits and reports, for each, the time from sending
the change to receiving diagnostics for it: the median and the worst, with
the server's debounce (the wait for typing to pause) counted in, and without.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "templates"


def big_file(count: int) -> str:
    """`count` templates in one YAML list, built from the bundled YAML examples."""
    import yaml

    sources = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
    templates = []
    for index in range(count):
        # A deep copy: shared objects would be written as YAML aliases.
        template = copy.deepcopy(sources[index % len(sources)])
        template["Name"] = f"{template['Name']}_{index}"
        templates.append(template)
    return yaml.safe_dump(templates, allow_unicode=True, sort_keys=False)


async def measure(count: int, edits: int) -> None:
    from chatapp_lint.server.protocol import DEBOUNCE_SECONDS

    text = big_file(count)
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    client = LanguageClient("latency", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "many.yaml"
        path.write_text(text, encoding="utf-8")
        await client.start_io(sys.executable, "-m", "chatapp_lint", "server")
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri()
            )
        )
        client.initialized(types.InitializedParams())
        uri = path.as_uri()
        started = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(
                    uri=uri, language_id="yaml", version=1, text=text
                )
            )
        )
        first = await published.get()
        opened = time.perf_counter() - started
        times = []
        for version in range(2, edits + 2):
            text = text.replace("Name: ", "Name: x", 1)
            started = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    content_changes=[
                        types.TextDocumentContentChangeWholeDocument(text=text)
                    ],
                )
            )
            while True:
                params = await published.get()
                if params.version == version:
                    break
            times.append(time.perf_counter() - started)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    print(
        f"file: {count:,} templates, {len(text):,} characters, {len(first.diagnostics)} diagnostics"
    )
    print(f"open to diagnostics: {opened * 1000:.0f} ms")
    median, worst = statistics.median(times), max(times)
    print(
        f"change to diagnostics over {edits} edits: median {median * 1000:.0f} ms,"
        f" worst {worst * 1000:.0f} ms"
        f" (of which the debounce: {DEBOUNCE_SECONDS * 1000:.0f} ms;"
        f" without it: median {(median - DEBOUNCE_SECONDS) * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--templates", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(measure(args.templates, args.edits))


if __name__ == "__main__":
    main()
