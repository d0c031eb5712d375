"""The README's examples, run as written against a fresh ``vector-gql serve``.

Which blocks run is said in the README itself ("Examples are tested"): a fenced
block whose info string is ``sh run`` or ``graphql run`` (the fence at the start
of a line). Shell blocks run in one bash session, in document order, interleaved
with the GraphQL blocks, so a value captured in one (``$TOKEN``) is there for the
next. Sections added later with ``run`` blocks are picked up by themselves.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FieldNode,
    OperationDefinitionNode,
    OperationType,
    build_ast_schema,
    parse,
    validate,
)

from tests.fixtures.servers import ServeProcess

ROOT = Path(__file__).resolve().parents[2]
README_URL = "http://127.0.0.1:8000"
FENCE = re.compile(r"^(```+)\s*([\w+-]*)([^\n`]*)$")


@dataclass
class Block:
    language: str
    flags: set[str]
    text: str
    line: int

    @property
    def runs(self) -> bool:
        return "run" in self.flags


def blocks(markdown: str) -> list[Block]:
    """Fenced code blocks, in order, with their language and flags."""
    found = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, language, rest = opening.groups()
        body = []
        j = i + 1
        while j < len(lines) and not (
            lines[j].startswith(fence) and lines[j].strip("`").strip() == ""
        ):
            body.append(lines[j])
            j += 1
        found.append(Block(language, set(rest.split()), "\n".join(body) + "\n", i + 1))
        i = j + 1
    return found


def test_blocks_are_found_with_their_flags():
    sample = "x\n```sh run\necho 1\n```\n\n````graphql\nquery { a }\n````\n```\nplain\n```\n"
    parsed = blocks(sample)
    assert [(b.language, b.runs, b.text) for b in parsed] == [
        ("sh", True, "echo 1\n"),
        ("graphql", False, "query { a }\n"),
        ("", False, "plain\n"),
    ]


def test_the_main_examples_are_marked_to_run():
    runnable = "".join(b.text for b in blocks((ROOT / "README.md").read_text()) if b.runs)
    for needed in ("signup(", "login(", "TOKEN=", "ffmpeg ", "uploadVideo(", "createInterview("):
        assert needed in runnable, f"the README no longer runs an example with {needed!r}"
    assert "interviews(" in runnable


def _readme_operations() -> list[tuple[int, DocumentNode]]:
    """Each operation of each GraphQL block, run or not, with the block's fragments."""
    found = []
    for block in blocks((ROOT / "README.md").read_text()):
        if block.language != "graphql":
            continue
        document = parse(block.text)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        others = tuple(d for d in document.definitions if d not in operations)
        found += [(block.line, DocumentNode(definitions=(op, *others))) for op in operations]
    return found


def test_every_graphql_example_is_valid_against_the_schema():
    """The examples that do not run (they need an id, a second user, a socket) still
    match the schema, so a renamed field or argument cannot leave them behind."""
    schema = build_ast_schema(parse((ROOT / "schema.graphql").read_text()))
    operations = _readme_operations()
    assert len(operations) >= 10
    for line, document in operations:
        errors = validate(schema, document)
        assert not errors, f"README line {line}: {[e.message for e in errors]}"


def test_every_subscription_has_an_example():
    schema = build_ast_schema(parse((ROOT / "schema.graphql").read_text()))
    subscribed = {
        selection.name.value
        for _, document in _readme_operations()
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        and definition.operation == OperationType.SUBSCRIPTION
        for selection in definition.selection_set.selections
        if isinstance(selection, FieldNode)
    }
    fields = set(schema.subscription_type.fields) if schema.subscription_type else set()
    assert fields <= subscribed, f"no README example subscribes to {sorted(fields - subscribed)}"


_GRAPHQL_HELPER = r"""
import json, os, sys
import httpx
from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, parse, print_ast

source = open(sys.argv[1]).read()
document = parse(source)
fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
headers = {"Authorization": f"Bearer {os.environ['TOKEN']}"} if os.environ.get("TOKEN") else {}


def payload_errors(value, path="data"):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "errors" and isinstance(item, list) and item:
                yield path, item
            yield from payload_errors(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from payload_errors(item, f"{path}[{index}]")


for operation in document.definitions:
    if not isinstance(operation, OperationDefinitionNode):
        continue
    query = print_ast(DocumentNode(definitions=[operation, *fragments]))
    response = httpx.post(os.environ["GRAPHQL_URL"], json={"query": query}, headers=headers,
                          timeout=60)
    body = response.json()
    field = operation.selection_set.selections[0].name.value
    print(f"### {field} " + json.dumps(body), flush=True)
    if response.status_code != 200 or body.get("errors"):
        sys.exit(f"README example {field} failed: {response.status_code} {body}")
    problems = list(payload_errors(body.get("data")))
    if problems:
        sys.exit(f"README example {field} answered with errors: {problems}")
"""


def _script(runnable: list[Block], url: str, workdir: Path) -> str:
    helper = workdir / "graphql_example.py"
    helper.write_text(_GRAPHQL_HELPER)
    parts = [
        "set -euo pipefail",
        # Fail on HTTP errors, as a reader would notice them; keep outputs apart.
        'curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }',
    ]
    for n, block in enumerate(runnable):
        text = block.text.replace(README_URL, url)
        parts.append(f"echo '>>> README line {block.line} ({block.language})'")
        if block.language in ("sh", "bash", "shell"):
            parts.append(text)
        elif block.language == "graphql":
            path = workdir / f"example_{n}.graphql"
            path.write_text(text)
            parts.append(
                f'TOKEN="${{TOKEN:-}}" GRAPHQL_URL="{url}/graphql" '
                f'"{sys.executable}" "{helper}" "{path}"'
            )
        else:
            raise AssertionError(f"README line {block.line}: cannot run a {block.language} block")
    return "\n".join(parts) + "\n"


@pytest.fixture
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="vector-readme-"))
    folder.chmod(0o755)  # the embedded PostgreSQL's user reaches its data in here
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _path_with_ffmpeg(workdir: Path) -> str:
    path = os.environ.get("PATH", "")
    if shutil.which("ffmpeg"):
        return path
    # The README says apt-get install ffmpeg; imageio-ffmpeg's binary stands in for it.
    import imageio_ffmpeg

    bin_dir = workdir / "bin"
    bin_dir.mkdir()
    (bin_dir / "ffmpeg").symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    return f"{bin_dir}{os.pathsep}{path}"


def test_the_readme_examples_run_against_a_fresh_server(workdir):
    runnable = [b for b in blocks((ROOT / "README.md").read_text()) if b.runs]
    server = ServeProcess(workdir, {"VECTOR_DATA_DIR": str(workdir / "var")})
    try:
        script = _script(runnable, server.url, workdir)
        env = {**os.environ, "PATH": _path_with_ffmpeg(workdir)}
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        log = server.stop()
    assert result.returncode == 0, (
        f"a README example failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}\n"
        f"--- server log (end) ---\n{log[-3000:]}"
    )
    answers = {
        line.split(" ", 2)[1]: json.loads(line.split(" ", 2)[2])
        for line in result.stdout.splitlines()
        if line.startswith("### ")
    }
    # The interviews example finds the interview the example before it created.
    listed = answers["interviews"]["data"]["interviews"]
    titles = [edge["node"]["title"] for edge in listed["edges"]]
    assert "Backend engineer" in titles, listed
    created = answers["createInterview"]["data"]["createInterview"]["interview"]
    assert created["questions"][1]["videoPrompt"]["url"], "the prompt video was not found"
