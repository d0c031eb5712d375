"""The one rule for update inputs: UpdateRule, @update_input, and every such input in the schema.

The mutations' own tests (tests/interviews/test_update_inputs.py) try the rule on
each field through the API.
"""

from __future__ import annotations

import pytest
import strawberry
from graphql import GraphQLInputObjectType, GraphQLNonNull, Undefined
from strawberry.utils.str_converters import to_camel_case

from vector_gql.graphql.schema import build_schema
from vector_gql.graphql.updates import (
    NO_CLEARS,
    UPDATE_INPUTS,
    UpdateInput,
    describe,
    update_input,
)
from vector_gql.services.errors import ErrorCode, Invalid
from vector_gql.services.validation import Collector, UpdateRule

RULE = UpdateRule(clears={"note": "", "due": None}, required={"name": "a name"})


def test_left_out_is_unchanged_and_null_clears_to_the_empty_value():
    errors = Collector()
    assert RULE.apply({"note": None, "due": None}, errors) == {"note": "", "due": None}
    assert RULE.apply({"name": "Ann"}, errors) == {"name": "Ann"}
    assert RULE.apply({}, errors) == {}
    assert not errors


def test_null_on_a_required_field_is_required_and_the_update_raises():
    errors = Collector()
    changes = RULE.apply({"name": None, "note": "kept?"}, errors, "input")
    assert changes == {"note": "kept?"}
    with pytest.raises(Invalid) as raised:
        errors.raise_if_any()
    [problem] = raised.value.problems
    assert (problem.code, problem.field, problem.message) == (
        ErrorCode.REQUIRED,
        ("input", "name"),
        "Enter a name.",
    )


def test_a_field_outside_the_rule_is_a_mistake():
    with pytest.raises(ValueError, match="'other'"):
        RULE.apply({"other": 1}, Collector())
    with pytest.raises(ValueError, match="'other'"):
        RULE.apply({"other": None}, Collector())
    with pytest.raises(ValueError, match="both"):
        UpdateRule(clears={"name": ""}, required={"name": "a name"})


def test_update_input_says_what_null_does_and_hands_over_what_was_sent():
    @update_input(RULE)
    class UpdateThingInput(UpdateInput):
        thing_id: strawberry.ID
        name: str | None = strawberry.field(default=strawberry.UNSET, description="A name;")
        note: str | None = strawberry.UNSET
        due: int | None = strawberry.UNSET

    try:
        sent = UpdateThingInput(thing_id=strawberry.ID("1"), name=None, due=3)
        assert sent.changes() == {"name": None, "due": 3}
        definition = UpdateThingInput.__strawberry_definition__  # type: ignore[attr-defined]
        assert definition.description == describe(RULE)
        assert describe(RULE).startswith("Fields left out stay as they are. null clears note")
        assert describe(UpdateRule(required={"name": "a name"})) == NO_CLEARS
        said = {field.python_name: field.description for field in definition.fields}
        assert said == {
            "thing_id": None,
            "name": "A name; null is REQUIRED.",
            "note": "null empties it.",
            "due": "null removes it.",
        }
    finally:
        UPDATE_INPUTS.pop("UpdateThingInput", None)


def test_update_input_refuses_fields_that_do_not_match_the_rule():
    with pytest.raises(TypeError, match="lacks the rule's fields"):

        @update_input(RULE)
        class Missing(UpdateInput):
            name: str | None = strawberry.UNSET

    with pytest.raises(TypeError, match="not in the rule"):

        @update_input(RULE)
        class Extra(UpdateInput):
            name: str | None = strawberry.UNSET
            note: str | None = strawberry.UNSET
            due: int | None = strawberry.UNSET
            other: str | None = strawberry.UNSET

    with pytest.raises(TypeError, match="default to strawberry.UNSET"):

        @update_input(RULE)
        class NoneDefault(UpdateInput):
            name: str | None = None
            note: str | None = strawberry.UNSET
            due: int | None = strawberry.UNSET

    with pytest.raises(TypeError, match="must accept null"):

        @update_input(RULE)
        class NotNull(UpdateInput):
            name: str = strawberry.UNSET
            note: str | None = strawberry.UNSET
            due: int | None = strawberry.UNSET

    assert not {"Missing", "Extra", "NoneDefault", "NotNull"} & set(UPDATE_INPUTS)


def test_every_input_that_can_leave_fields_out_is_an_update_input():
    """A nullable input field without a default tells "left out" from null: only
    update inputs have such fields, and each is declared with @update_input."""
    types = build_schema()._schema.type_map.values()
    inputs = {t.name: t for t in types if isinstance(t, GraphQLInputObjectType)}
    omittable: dict[str, set[str]] = {}
    for input_type in inputs.values():
        for name, field in input_type.fields.items():
            if not isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined:
                omittable.setdefault(input_type.name, set()).add(name)
    assert set(omittable) == set(UPDATE_INPUTS)
    assert set(UPDATE_INPUTS) >= {"UpdateInterviewInput", "UpdateQuestionInput"}
    for name, declared in UPDATE_INPUTS.items():
        rule: UpdateRule = declared.update_rule  # type: ignore[attr-defined]
        description = inputs[name].description or ""
        assert description == describe(rule)
        assert description.startswith("Fields left out stay as they are.")
        assert "REQUIRED" in description
        assert omittable[name] == {to_camel_case(field) for field in rule.fields}
