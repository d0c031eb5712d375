"""Rows from records, and API objects from rows, by the functions made once per shape.

``Row.from_records`` reads records by position when their columns come in the
row's order, and ``FromRow.from_row`` converts a service row with a function
made for its class; each must give exactly what the generic conversion by name
gives, and fall back to it where it could differ.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest

from vector_gql.graphql.accounts.types import User
from vector_gql.graphql.interviews.types import Interview, Question
from vector_gql.graphql.organizations.types import Organization
from vector_gql.graphql.rows import FromRow
from vector_gql.models import interviews as models
from vector_gql.models.interviews import InterviewStatus
from vector_gql.services.accounts.rows import UserRow
from vector_gql.services.interviews.rows import InterviewRow, QuestionRow
from vector_gql.services.organizations.rows import OrganizationRow
from vector_gql.services.rows import Converters, Row


class Record:
    """What the database driver returns: values by position and by column name."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._names = list(values)
        self._values = list(values.values())

    def keys(self) -> list[str]:
        return list(self._names)

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, int):
            return self._values[key]
        return self._values[self._names.index(key)]


CREATED = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def interview_values(pk: int) -> dict[str, Any]:
    return {
        "id": pk,
        "organization_id": 7,
        "creator_id": 3,
        "title": f"Interview {pk}",
        "description": "",
        "status": "OPEN",
        "answer_deadline": None,
        "first_answer_at": CREATED if pk % 2 else None,
        "created_at": CREATED,
        "updated_at": CREATED,
    }


CONVERTERS: Converters = [("status", InterviewStatus)]


def by_name(row: type[Row], records: list[Record], converters: Any) -> list[Any]:
    made = []
    for record in records:
        values = {name: record[name] for name in record.keys()}  # noqa: SIM118 (not a dict)
        for name, convert in converters:
            values[name] = convert(values[name])
        made.append(row(**values))
    return made


def test_records_in_the_rows_column_order_give_the_same_rows_as_by_name() -> None:
    records = [Record(interview_values(pk)) for pk in (1, 2, 3)]
    rows = InterviewRow.from_records(records, CONVERTERS)
    assert rows == by_name(InterviewRow, records, CONVERTERS)
    assert [type(row) for row in rows] == [InterviewRow] * 3
    assert rows[0].status is InterviewStatus.OPEN and rows[0].questions_locked
    assert hash(rows[1]) == hash(by_name(InterviewRow, records[1:2], CONVERTERS)[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].title = "changed"  # type: ignore[misc]


def test_records_in_another_column_order_are_read_by_name() -> None:
    values = interview_values(4)
    reordered = Record(dict(reversed(list(values.items()))))
    assert InterviewRow.from_records([reordered], CONVERTERS) == by_name(
        InterviewRow, [Record(values)], CONVERTERS
    )


@pytest.mark.usefixtures("database")  # the models' fields as tortoise set them up
def test_aware_utc_datetimes_from_the_driver_are_kept_as_they_are() -> None:
    # What asyncpg returns for timestamptz; tortoise's own conversion would make a new
    # datetime with an equal tzinfo for each value.
    converters = InterviewRow.converters(models.Interview)
    values = interview_values(1)
    created = values["created_at"] = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    by_position = InterviewRow.from_records([Record(values)], converters)[0]
    reordered = Record(dict(reversed(list(values.items()))))
    by_column_name = InterviewRow.from_records([reordered], converters)[0]
    for row in (by_position, by_column_name):
        assert row.created_at is created
        assert row.answer_deadline is None
        assert row.status is InterviewStatus.OPEN


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 5, 1, 12, 0),  # naive
        datetime(2026, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))),
        "2026-05-01T12:00:00+00:00",
    ],
)
@pytest.mark.usefixtures("database")
def test_other_datetime_values_convert_as_tortoise_converts_them(value: Any) -> None:
    field = models.Interview._meta.fields_map["created_at"]
    expected = field.to_python_value(value)
    converters = InterviewRow.converters(models.Interview)
    values = {**interview_values(1), "created_at": value}
    for record in (Record(values), Record(dict(reversed(list(values.items()))))):
        row = InterviewRow.from_records([record], converters)[0]
        assert row.created_at == expected
        assert row.created_at.isoformat() == expected.isoformat()
        assert row.created_at.utcoffset() == timedelta(0)


def test_a_row_whose_init_does_more_is_made_by_calling_it() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked(Row):
        id: int
        name: str

        def __post_init__(self) -> None:
            if self.id < 0:
                raise ValueError("negative id")

    assert Checked.from_records([Record({"id": 1, "name": "a"})], []) == [Checked(1, "a")]
    with pytest.raises(ValueError, match="negative id"):
        Checked.from_records([Record({"id": -1, "name": "a"})], [])


NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def question_row(pk: int) -> QuestionRow:
    return QuestionRow(
        id=pk,
        interview_id=2,
        position=pk,
        text=f"Question {pk}",
        think_time_seconds=30,
        answer_time_seconds=120,
        retakes=1,
        video_prompt_id=None,
    )


def fields_of(value: Any) -> dict[str, Any]:
    return dict(vars(value))


@pytest.mark.parametrize(
    ("kind", "row", "given"),
    [
        (Question, question_row(1), {}),
        (Question, question_row(2), {"_interview": None}),
        (Interview, by_name(InterviewRow, [Record(interview_values(5))], CONVERTERS)[0], {}),
        (User, UserRow(id=3, username="u", email="u@example.com", date_joined=NOW), {}),
        (Organization, OrganizationRow(id=4, name="o", created_at=NOW), {}),
    ],
)
def test_objects_from_service_rows_equal_the_generic_conversion(
    kind: type[FromRow], row: Any, given: dict[str, Any]
) -> None:
    made = kind.from_row(row, **given)
    # The same attributes in the same order as the dataclass's __init__ stores them.
    generic = kind._from_row(row, dict(given))
    assert list(fields_of(made).items()) == list(fields_of(generic).items())
    assert list(fields_of(kind.from_rows([row, row], **given)[1]).items()) == list(
        fields_of(made).items()
    )
    assert type(made) is kind


@dataclasses.dataclass
class Listed(FromRow):
    id: int
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Counted(FromRow):
    id: int
    made: int = 0

    def __post_init__(self) -> None:
        self.made += 1


def test_types_whose_init_does_more_than_store_are_made_by_calling_it() -> None:
    row = question_row(4)
    first, second = Listed.from_rows([row, row])
    assert first.tags == [] and first.tags is not second.tags
    assert Counted.from_row(row).made == 1
    with pytest.raises(TypeError, match="unexpected keyword"):
        Question.from_row(row, nonsense=1)


def test_other_sources_and_missing_attributes_go_the_generic_way() -> None:
    row = question_row(3)
    loose = SimpleNamespace(**{name: getattr(row, name) for name in QuestionRow.columns()})
    assert fields_of(Question.from_row(loose)) == fields_of(Question.from_row(row))
    loose.extra = "not a field"
    del loose.text
    with pytest.raises(TypeError, match="has no 'text' for Question"):
        Question.from_row(loose)


async def test_rows_selected_with_another_rows_statement_are_those_by_column(
    organization: Any, owner: Any
) -> None:
    """``Row.nested_sql``: a parent's relations as values of its own record (an array of
    records, or one record) give the rows ``Row.by_column`` reads, converted alike."""
    from tests.fixtures.random_objects import create_interview
    from vector_gql.models.accounts import User as UserModel
    from vector_gql.services.rows import client_of

    with_questions = await create_interview(organization, owner.user_id, questions=4)
    without = await create_interview(organization, owner.user_id, questions=0)
    await models.Question.filter(interview_id=with_questions.id, position=2).update(position=9)
    table = f'"{models.Interview._meta.db_table}"'
    questions = QuestionRow.nested_sql(
        models.Question, "interview_id", f"{table}.id", ("position", "id")
    )
    creator = UserRow.nested_sql(UserModel, "id", f"{table}.creator_id")
    columns = ", ".join(f'"{name}"' for name in InterviewRow.columns())
    _, records = await client_of(models.Interview).execute_query(
        f"SELECT {columns}, {questions}, {creator}, 5 FROM {table} ORDER BY id", []
    )
    converters = InterviewRow.converters(models.Interview)
    # Read by position, the columns after the row's own left out.
    assert InterviewRow.from_records(records, converters) == [
        InterviewRow.of(with_questions),
        InterviewRow.of(without),
    ]
    expected = await QuestionRow.by_column(
        models.Question, "interview_id", [with_questions.id], ("position", "id")
    )
    found = QuestionRow.from_values(records[0][10], models.Question)
    assert found == expected and [q.position for q in found] == [1, 3, 4, 9]
    assert records[1][10] is None  # no questions
    user = await UserRow.by_column(UserModel, "id", [owner.user_id])
    for record in records:
        made = UserRow.from_values([record[11]], UserModel)
        assert made == user and made[0].date_joined.tzinfo is UTC
