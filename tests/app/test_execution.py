"""The compiled execution plans answer exactly as graphql-core's executor does.

Every operation here runs with the check on: the plan executes it, graphql-core
executes it again on the recorded resolver outcomes, and any difference in data
or errors raises. The schema below is built to reach every branch of the plans:
plain attributes of each scalar kind, lists, nested objects, relay IDs,
interfaces and unions, values that are awaitables, async iterables, exceptions
and wrong types, non-null violations at every depth, async resolvers returning
plain objects, and mutations.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any, cast

import pytest
import strawberry
from graphql import ExecutionResult, GraphQLError
from strawberry import relay
from strawberry.types import Info

from vector_gql.graphql import execution
from vector_gql.graphql.execution import ExecutionMismatch, compiled_executor
from vector_gql.graphql.schema import CACHED_QUERY_CHARS, DOCUMENT_CACHE_SIZE, cache_extensions

COMPARED = "compared with graphql-core"


@strawberry.enum
class Color(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Person(relay.Node):
    id: relay.NodeID[int]
    name: str
    nickname: str | None = None


@strawberry.type
class Tag:
    label: str
    weight: int | None = None


@strawberry.type
class Item(relay.Node):
    id: relay.NodeID[int]
    title: str
    count: int
    ratio: float
    done: bool
    color: Color
    created_at: datetime
    note: str | None
    tags: list[Tag]
    maybe_tags: list[Tag | None] | None
    owner: Person
    scores: list[int]

    @strawberry.field
    async def owner_later(self) -> Person:
        return self.owner

    @strawberry.field
    async def failing(self) -> str:
        raise ValueError(f"item {self.id} fails")

    @strawberry.field
    async def failing_nullable(self) -> str | None:
        raise ValueError(f"item {self.id} fails softly")


@strawberry.type
class Custom(relay.Node):
    """A Node whose id is not its NodeID attribute: strawberry's resolver must run."""

    code: relay.NodeID[str]

    @classmethod
    def resolve_id(cls, root: Custom, *, info: Info) -> str:
        return f"custom-{root.code}"


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Cat(Named):
    lives: int


@strawberry.type
class Dog(Named):
    good: bool


Pet = Annotated[Cat | Dog, strawberry.union("Pet")]


def person(pk: int, name: str = "Ann") -> Person:
    return Person(id=pk, name=name)


def item(pk: int, **changes: Any) -> Item:
    values: dict[str, Any] = {
        "id": pk,
        "title": f"Item {pk}",
        "count": pk * 10,
        "ratio": pk / 4,
        "done": pk % 2 == 0,
        "color": Color.RED if pk % 2 else Color.BLUE,
        "created_at": datetime(2025, 1, pk, 12, 30, tzinfo=UTC),
        "note": None if pk % 2 else f"note {pk}",
        "tags": [Tag(label=f"t{pk}-{i}", weight=i or None) for i in range(3)],
        "maybe_tags": None if pk == 2 else [Tag(label="x"), None],
        "owner": person(100 + pk, f"Owner {pk}"),
        "scores": [pk, pk + 1],
    }
    values.update(changes)
    return Item(**values)


class Broken:
    """Values a plain field may meet that graphql-core must judge."""


async def _later(value: Any) -> Any:
    await asyncio.sleep(0)
    return value


async def _numbers() -> AsyncIterator[int]:
    for n in (1, 2, 3):
        yield n


class RaisingTitle(Item):
    @property
    def title(self) -> str:
        raise RuntimeError("the title cannot be read")

    @title.setter
    def title(self, value: str) -> None:
        pass


SIDE_EFFECTS: list[str] = []
# Async resolvers of Race that ran to the end (a cancelled one never does).
FINISHED: list[str] = []


@strawberry.type
class Race:
    """Async siblings still pending when a non-null sibling fails and nulls their parent."""

    @strawberry.field
    async def slow(self) -> str:
        for _ in range(20):
            await asyncio.sleep(0)
        FINISHED.append("slow")
        return "slow"

    @strawberry.field
    async def fails(self) -> str:
        await asyncio.sleep(0)
        raise RuntimeError("this field fails")

    @strawberry.field
    def fails_now(self) -> str:
        raise RuntimeError("this field fails at once")

    @strawberry.field
    def plain(self) -> int:
        return 1


NO_LABEL = Tag(label=cast(str, None))  # a non-null field that is null


@strawberry.type
class Shelf:
    items: list[Item | None]


@strawberry.type
class Payload:
    item: Item | None
    errors: list[str]


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [item(1), item(2), item(3)]

    @strawberry.field
    async def async_items(self) -> list[Item]:
        await asyncio.sleep(0)
        return [item(1), item(2)]

    @strawberry.field
    def item(self, pk: int) -> Item | None:
        return item(pk) if pk > 0 else None

    @strawberry.field
    def odd(self, case: str) -> Item | None:
        """An item with one field set to something unusual."""
        cases: dict[str, Callable[[], dict[str, Any]]] = {
            "title-none": lambda: {"title": None},
            "title-int": lambda: {"title": 42},
            "title-exception": lambda: {"title": ValueError("stored error")},
            "title-awaitable": lambda: {"title": _later("awaited title")},
            "count-huge": lambda: {"count": 2**40},
            "count-bool": lambda: {"count": True},
            "count-str": lambda: {"count": "12"},
            "count-bad": lambda: {"count": "twelve"},
            "ratio-int": lambda: {"ratio": 3},
            "color-bad": lambda: {"color": "green"},
            "tags-none-item": lambda: {"tags": [Tag(label="a"), None]},
            "tags-not-list": lambda: {"tags": 5},
            "tags-generator": lambda: {"tags": (Tag(label=str(i)) for i in range(2))},
            "tags-awaitable-item": lambda: {"tags": [Tag(label="a"), _later(Tag(label="b"))]},
            "tags-wrong-type": lambda: {"tags": [Tag(label="a"), Broken()]},
            "owner-none": lambda: {"owner": None},
            "owner-wrong-type": lambda: {"owner": Broken()},
            "owner-awaitable": lambda: {"owner": _later(person(7))},
            "scores-async": lambda: {"scores": _numbers()},
            "scores-bad": lambda: {"scores": [1, "x", 3]},
            "id-none": lambda: {"id": None},
        }
        return item(5, **cases[case]())

    @strawberry.field
    def mixed(self, case: str) -> Shelf:
        """Items of one class, the last one unusual: by then the plan has seen the class."""
        last: dict[str, Callable[[], Any]] = {
            "plain": lambda: item(4),
            "title-none": lambda: item(4, title=None),
            "tag-label-none": lambda: item(4, tags=[Tag(label="a"), Tag(label="b"), NO_LABEL]),
            "cast-elsewhere": lambda: strawberry.cast(Person, item(4)),
            "cast-here": lambda: strawberry.cast(Item, item(4)),
            "wrong-type": lambda: Broken(),
            "exception": lambda: ValueError("a stored error"),
            "awaitable": lambda: _later(item(4)),
            "owner-cast-elsewhere": lambda: item(4, owner=strawberry.cast(Item, person(9))),
            "owner-name-none": lambda: item(4, owner=person(9, cast(str, None))),
            "owner-wrong-type": lambda: item(4, owner=Tag(label="not a person")),
        }
        return Shelf(items=[item(1), item(2), item(3), last[case]()])

    @strawberry.field
    def raising(self) -> Item:
        value = item(6)
        value.__class__ = RaisingTitle
        return value

    @strawberry.field
    def race(self) -> Race | None:
        return Race()

    @strawberry.field
    def races(self) -> list[Race] | None:
        return [Race(), Race()]

    @strawberry.field
    def customs(self) -> list[Custom]:
        return [Custom(code="a"), Custom(code="b")]

    @strawberry.field
    def pets(self) -> list[Pet]:
        return [Cat(name="Tom", lives=9), Dog(name="Rex", good=True)]

    @strawberry.field
    def named(self) -> list[Named]:
        return [Dog(name="Rex", good=True), Cat(name="Tom", lives=7)]

    @strawberry.field
    def nodes_list(self) -> list[relay.Node]:
        return [person(1), item(2)]


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def touch(self, pk: int) -> Payload:
        SIDE_EFFECTS.append(f"touched {pk}")
        await asyncio.sleep(0)
        return Payload(item=item(pk), errors=[])

    @strawberry.mutation
    def touch_sync(self, pk: int) -> Payload:
        SIDE_EFFECTS.append(f"touched {pk} synchronously")
        return Payload(item=item(pk), errors=[])


def make_schema(*, check: bool = True, enabled: bool = True) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[Person, Cat, Dog],
        execution_context_class=compiled_executor(
            enabled=enabled, check=check, maxsize=DOCUMENT_CACHE_SIZE, max_chars=CACHED_QUERY_CHARS
        ),
        extensions=cache_extensions(),
    )


def executor_of(schema: strawberry.Schema) -> type[execution.CompiledExecutor]:
    executor = schema.execution_context_class
    assert issubclass(executor, execution.CompiledExecutor)
    return cast(type[execution.CompiledExecutor], executor)


SCHEMA = make_schema()
UNCHECKED = make_schema(check=False)
GENERIC = make_schema(enabled=False)


def _errors(result: Any) -> list[dict]:
    return sorted((e.formatted for e in result.errors or ()), key=repr)


async def run(query: str, *, checked: bool = True, **variables: Any) -> dict:
    """Execute on the plans and on graphql-core alone; return the (equal) response.

    ``checked``: also run the check, which replays the first run's resolver
    outcomes to graphql-core. Values that can be read only once (a generator, an
    awaitable list item) cannot be replayed; those runs compare two separate
    executions only.
    """
    before = execution.CHECKS[COMPARED]
    result = await (SCHEMA if checked else UNCHECKED).execute(query, variable_values=variables)
    assert execution.CHECKS[COMPARED] == before + checked, "the plan did not run"
    reference = await GENERIC.execute(query, variable_values=variables)
    assert result.data == reference.data
    assert _errors(result) == _errors(reference)
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = _errors(result)
    return response


ITEM_FIELDS = """
  id title count ratio done color createdAt note __typename
  tags { label weight } maybeTags { label }
  owner { id name nickname }
  scores
"""


async def test_plain_attributes_of_every_kind() -> None:
    response = await run(f"{{ items {{ {ITEM_FIELDS} }} }}")
    first = response["data"]["items"][0]
    assert first["id"] == relay.to_base64("Item", 1)
    assert first["color"] == "RED" and first["createdAt"] == "2025-01-01T12:30:00+00:00"
    assert first["owner"] == {
        "id": relay.to_base64("Person", 101),
        "name": "Owner 1",
        "nickname": None,
    }
    assert response["data"]["items"][1]["maybeTags"] is None
    assert "errors" not in response


async def test_async_resolvers_hand_plain_objects_to_the_plan() -> None:
    response = await run(
        "{ asyncItems { id title ownerLater { name } tags { label } } item(pk: 3) { count } }"
    )
    assert [i["ownerLater"]["name"] for i in response["data"]["asyncItems"]] == [
        "Owner 1",
        "Owner 2",
    ]


async def test_aliases_fragments_typename_and_literal_directives() -> None:
    query = """
    query Shapes {
      first: item(pk: 1) { ...ItemBits a: title b: title title @skip(if: true) }
      second: item(pk: 2) {
        ... on Item { count @include(if: false) done }
        ... @include(if: true) { note }
        owner { __typename ...PersonBits }
      }
      missing: item(pk: 0) { title }
    }
    fragment ItemBits on Item { id __typename tags { label } }
    fragment PersonBits on Person { name }
    """
    response = await run(query)
    assert response["data"]["first"]["a"] == "Item 1" and "title" not in response["data"]["first"]
    assert response["data"]["missing"] is None


@pytest.mark.parametrize(
    "case",
    [
        "title-none",
        "title-int",
        "title-exception",
        "title-awaitable",
        "count-huge",
        "count-bool",
        "count-str",
        "count-bad",
        "ratio-int",
        "color-bad",
        "tags-none-item",
        "tags-not-list",
        "tags-generator",
        "tags-awaitable-item",
        "tags-wrong-type",
        "owner-none",
        "owner-wrong-type",
        "owner-awaitable",
        "scores-async",
        "scores-bad",
        "id-none",
    ],
)
async def test_unusual_values_give_graphql_cores_results_and_errors(case: str) -> None:
    query = "query Odd($case: String!) { odd(case: $case) { FIELDS } other: items { id } }"
    query = query.replace("FIELDS", ITEM_FIELDS)
    one_shot = case in ("tags-generator", "tags-awaitable-item", "scores-async")
    response = await run(query, checked=not one_shot, case=case)
    assert response["data"]["other"] is not None


@pytest.mark.parametrize(
    "case",
    [
        "plain",
        "title-none",
        "tag-label-none",
        "cast-elsewhere",
        "cast-here",
        "wrong-type",
        "exception",
        "awaitable",
        "owner-cast-elsewhere",
        "owner-name-none",
        "owner-wrong-type",
    ],
)
async def test_a_list_whose_item_class_the_plan_knows_still_checks_every_item(
    case: str,
) -> None:
    """Items (and their owners) of a class seen before skip the type check per object;
    one that differs (a cast, another class, an error, an awaitable, a null deep
    inside) must give graphql-core's data, errors and paths."""
    query = """
    query Mixed($case: String!) {
      mixed(case: $case) { items { id title tags { label } owner { name } } }
    }
    """
    for _ in range(2):  # the second run finds the item class already known
        response = await run(query, checked=case != "awaitable", case=case)
    items = response["data"]["mixed"]["items"]
    assert [i is None for i in items[:3]] == [False, False, False]
    errors = response.get("errors", [])
    if case in ("plain", "cast-here", "awaitable"):
        assert items[3] is not None and not errors
    else:
        assert items[3] is None
        expected = {
            "title-none": ["mixed", "items", 3, "title"],
            "tag-label-none": ["mixed", "items", 3, "tags", 2, "label"],
            "owner-cast-elsewhere": ["mixed", "items", 3, "owner"],
            "owner-name-none": ["mixed", "items", 3, "owner", "name"],
            "owner-wrong-type": ["mixed", "items", 3, "owner"],
        }.get(case, ["mixed", "items", 3])
        assert [e["path"] for e in errors] == [expected]


async def test_errors_propagate_to_the_nearest_nullable_parent() -> None:
    query = "{ firstItem: item(pk: 1) { id failingNullable owner { name } } items { id failing } }"
    response = await run(query)
    # items is [Item!]!: a failing non-null field nulls its item, which nulls the list,
    # which nulls the whole response.
    assert response["data"] is None
    assert ["items", 0, "failing"] in [e["path"] for e in response["errors"]]


async def test_non_null_errors_inside_nullable_parents() -> None:
    query = """
    { firstItem: item(pk: 1) { id failing owner { name } }
      secondItem: item(pk: 2) { id failingNullable } }
    """
    response = await run(query)
    assert response["data"]["firstItem"] is None
    assert response["data"]["secondItem"] == {
        "id": relay.to_base64("Item", 2),
        "failingNullable": None,
    }


async def test_a_property_that_raises() -> None:
    response = await run("{ item(pk: 1) { id } raising { id count title } }")
    assert response["data"] is None  # raising is non-null
    assert response["errors"][0]["message"] == "the title cannot be read"
    assert response["errors"][0]["path"] == ["raising", "title"]


async def test_interfaces_unions_and_nodes() -> None:
    query = """
    { pets { __typename ... on Cat { name lives } ... on Dog { name good } }
      named { name __typename ... on Dog { good } }
      nodesList { id __typename ... on Person { name } ... on Item { title count } } }
    """
    response = await run(query)
    assert response["data"]["pets"][0] == {"__typename": "Cat", "name": "Tom", "lives": 9}


async def test_a_node_with_its_own_resolve_id() -> None:
    response = await run("{ customs { id } }")
    assert response["data"]["customs"][0]["id"] == relay.to_base64("Custom", "custom-a")


async def test_mutations_run_once_and_their_payloads_agree() -> None:
    mutation = (
        "mutation { a: touch(pk: 1) { item { id title tags { label } } errors } "
        "b: touchSync(pk: 2) { item { id owner { name } } errors } }"
    )
    SIDE_EFFECTS.clear()
    result = await SCHEMA.execute(mutation)  # checked: graphql-core replays the mutations
    assert SIDE_EFFECTS == ["touched 1", "touched 2 synchronously"]
    assert result.errors is None
    assert result.data is not None and result.data["b"]["item"]["owner"]["name"] == "Owner 2"
    assert result.data == (await GENERIC.execute(mutation)).data


async def test_a_plan_is_compiled_once_per_document_and_reused() -> None:
    schema = make_schema(check=False)
    query = "query One($pk: Int!) { item(pk: $pk) { id title tags { label } } }"
    plans = executor_of(schema).plans
    assert plans is not None
    first = await schema.execute(query, variable_values={"pk": 1})
    second = await schema.execute(query, variable_values={"pk": 2})
    assert len(plans) == 1
    assert first.data == {
        "item": {
            "id": relay.to_base64("Item", 1),
            "title": "Item 1",
            "tags": [{"label": "t1-0"}, {"label": "t1-1"}, {"label": "t1-2"}],
        }
    }
    assert second.data is not None and second.data["item"]["title"] == "Item 2"
    other = await schema.execute("{ items { id } }")
    assert other.errors is None and len(plans) == 2


async def test_operations_whose_fields_depend_on_variables_run_on_graphql_core() -> None:
    query = "query Maybe($show: Boolean!) { item(pk: 1) { id title @include(if: $show) } }"
    before = dict(execution.CHECKS)
    shown = await SCHEMA.execute(query, variable_values={"show": True})
    hidden = await SCHEMA.execute(query, variable_values={"show": False})
    assert shown.data == {"item": {"id": relay.to_base64("Item", 1), "title": "Item 1"}}
    assert hidden.data == {"item": {"id": relay.to_base64("Item", 1)}}
    reason = "graphql-core only: a directive whose arguments use variables"
    assert execution.CHECKS[reason] == before.get(reason, 0) + 2
    assert execution.CHECKS[COMPARED] == before.get(COMPARED, 0)


async def test_documents_longer_than_the_parse_cache_keeps_run_on_graphql_core() -> None:
    query = "{ items { id } }" + " " * CACHED_QUERY_CHARS
    result = await SCHEMA.execute(query)
    assert result.errors is None and result.data is not None and len(result.data["items"]) == 3
    assert execution.CHECKS["graphql-core only: a document the parse cache does not keep"] >= 1


@pytest.mark.parametrize(
    "query",
    [
        "{ race { slow fails plain } }",
        "{ race { fails slow } }",
        "{ races { slow fails } item(pk: 1) { id } }",
        "{ race { slow plain failsNow } }",
    ],
)
async def test_a_failing_non_null_field_and_its_pending_siblings(query: str) -> None:
    """A non-null field fails while async siblings are pending: both executors null
    the parent and cancel (or settle in the background) the siblings, and the check,
    replaying what the compiled run saw, settles and finds them equal."""
    FINISHED.clear()
    mismatches = len(execution.MISMATCHES)
    response = await run(query)
    assert len(execution.MISMATCHES) == mismatches
    parent = "races" if "races" in query else "race"
    assert response["data"][parent] is None
    assert len(response["errors"]) == 1
    assert response["errors"][0]["message"].startswith("this field fails")
    if "failsNow" not in query:
        assert FINISHED == []  # cancelled in both runs, not waited for


async def test_the_check_reports_graphql_core_waiting_for_a_cancelled_resolver(
    monkeypatch,
) -> None:
    """The check can still fail there: a resolver the compiled run cancelled, which
    the generic run awaits instead of cancelling, is reported."""
    from graphql.pyutils import Path

    monkeypatch.setattr(execution._Recorder, "CANCEL_TURNS", 5)
    recorder = execution._Recorder(lambda value: asyncio.iscoroutine(value))
    info = type("Info", (), {"path": Path(None, "slow", "Race")})()

    async def never() -> str:
        await asyncio.Event().wait()
        return "never"

    running = asyncio.ensure_future(recorder.resolve(lambda root, info: never(), None, info))
    await asyncio.sleep(0)
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    recorder.replaying = True
    with pytest.raises(ExecutionMismatch, match="which the compiled run cancelled"):
        await recorder.resolve(lambda root, info: never(), None, info)
    assert recorder.problems == [
        "graphql-core waited for ['slow'], which the compiled run cancelled"
    ]


async def test_the_check_reports_a_plan_that_answers_differently(monkeypatch) -> None:
    """The differential check can fail: a plan that gets one ID wrong is caught."""
    schema = make_schema()

    def wrong_id(self, field, source, path, parent_type):
        return "not the id graphql-core gives"

    monkeypatch.setattr(execution.CompiledExecutor, "_node_id", wrong_id)
    mismatches = len(execution.MISMATCHES)
    result = await schema.execute("{ items { id title } }")
    assert result.data is None
    assert result.errors and isinstance(result.errors[0].original_error, ExecutionMismatch)
    assert "data: compiled" in execution.MISMATCHES[-1]
    del execution.MISMATCHES[mismatches:]  # expected here; the suite must stay clean


async def test_the_check_reports_resolvers_only_one_executor_called(monkeypatch) -> None:
    schema = make_schema()
    original = execution.CompiledExecutor.execute_field

    def skipping(self, parent_type, source, details, path, position_context):
        # A plan that answers null for a resolver field instead of calling it.
        if details[0].node.name.value == "ownerLater":
            return None
        return original(self, parent_type, source, details, path, position_context)

    monkeypatch.setattr(execution.CompiledExecutor, "execute_field", skipping)
    mismatches = len(execution.MISMATCHES)
    result = await schema.execute("{ item(pk: 1) { title ownerLater { name } } }")
    assert result.errors and isinstance(result.errors[0].original_error, ExecutionMismatch)
    assert len(execution.MISMATCHES) == mismatches + 1
    del execution.MISMATCHES[mismatches:]


def test_the_settings_choose_the_executor(monkeypatch) -> None:
    from dataclasses import replace

    from vector_gql.config import ConfigError, Settings
    from vector_gql.graphql.schema import build_schema

    for key in list(__import__("os").environ):
        if key.startswith("VECTOR_"):
            monkeypatch.delenv(key)
    defaults = Settings.from_env()
    assert defaults.compiled_execution and not defaults.execution_check
    executor = executor_of(build_schema(defaults))
    assert executor.plans is not None and not executor.check

    monkeypatch.setenv("VECTOR_COMPILED_EXECUTION", "0")
    monkeypatch.setenv("VECTOR_EXECUTION_CHECK", "yes")
    settings = Settings.from_env()
    assert not settings.compiled_execution and settings.execution_check
    assert executor_of(build_schema(settings)).plans is None

    checked = executor_of(build_schema(replace(defaults, execution_check=True)))
    assert checked.plans is not None and checked.check

    monkeypatch.setenv("VECTOR_COMPILED_EXECUTION", "sometimes")
    with pytest.raises(ConfigError, match="VECTOR_COMPILED_EXECUTION"):
        Settings.from_env()


def test_the_check_compares_the_nulls_errors_explain():
    """Two non-null siblings failing under one object null it once, and graphql-core
    reports whichever failed first in time: the check accepts either error for the
    same null, and still tells nulls in different places apart."""

    def result(*paths: list[str | int]) -> ExecutionResult:
        data = {"a": {"items": [None, {"x": 1}]}, "b": None}
        return ExecutionResult(data, [GraphQLError("no", path=p) for p in paths])

    same_null = result(["a", "items", 0, "first"]), result(["a", "items", 0, "second", "y"])
    assert execution._null_roots(same_null[0]) == execution._null_roots(same_null[1])
    elsewhere = result(["a", "items", 0, "first"]), result(["b", "c"])
    assert execution._null_roots(elsewhere[0]) != execution._null_roots(elsewhere[1])
    data = {"a": {"items": [None, {"x": 1}]}}
    assert execution._under_null(data, ("a", "items", 0, "name"))
    assert not execution._under_null(data, ("a", "items", 1, "x"))
