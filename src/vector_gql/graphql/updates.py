"""Update inputs: the one way every ``update*`` mutation reads a field left out or null.

A field left out stays as it is. null clears a field that may be empty (text
becomes empty, an optional reference or time is removed). null on any other
field is a REQUIRED error pointing at it, and then nothing changes, not even
the input's valid fields.

The service's ``UpdateRule`` (``services/validation.py``) applies the rule;
``@update_input(rule)`` declares the GraphQL input from the same rule: its
description and each field's say what null does, its optional fields are
exactly the rule's, and ``changes()`` hands the service what the client sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

import strawberry
from strawberry.types.base import StrawberryOptional, get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from ..services.validation import UpdateRule

T = TypeVar("T", bound=type)

RULE = (
    "Fields left out stay as they are. null clears {clears}; on any other field null is a "
    "REQUIRED error, and then nothing is changed."
)
NO_CLEARS = (
    "Fields left out stay as they are. null on any field is a REQUIRED error, and then "
    "nothing is changed."
)


class UpdateInput:
    """What every input declared with ``@update_input`` has."""

    update_rule: ClassVar[UpdateRule]

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, null included, by their (domain) attribute names."""
        return {
            name: getattr(self, name)
            for name in self.update_rule.fields
            if getattr(self, name) is not strawberry.UNSET
        }


def describe(rule: UpdateRule) -> str:
    """The input type's description: the rule, naming the fields null clears."""
    names = [to_camel_case(name) for name in rule.clears]
    if not names:
        return NO_CLEARS
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return RULE.format(clears=listed)


def null_means(rule: UpdateRule, name: str) -> str:
    """What null does to one field, for its description."""
    if name in rule.required:
        return "null is REQUIRED."
    return "null empties it." if rule.clears[name] == "" else "null removes it."


@dataclass_transform(
    order_default=False,
    kw_only_default=True,
    field_specifiers=(strawberry.field, StrawberryField),
)
def update_input(rule: UpdateRule) -> Callable[[T], T]:
    """Declare an update input whose optional fields are the rule's.

    The class subclasses ``UpdateInput``; every field the rule names is
    ``X | None = strawberry.UNSET`` (left out and null told apart), and
    every other field (the ID of what changes) is required.
    """

    def declare(cls: T) -> T:
        if not issubclass(cls, UpdateInput):
            raise TypeError(f"{cls.__name__} must subclass UpdateInput")
        cls.update_rule = rule
        declared = strawberry.input(cls, description=describe(rule))
        definition = get_object_definition(declared, strict=True)
        optional = set()
        for field in definition.fields:
            name = field.python_name
            if field.default is strawberry.UNSET:
                if not isinstance(field.type, StrawberryOptional):
                    raise TypeError(f"{cls.__name__}.{name} must accept null")
                if name not in rule.fields:
                    raise TypeError(f"{cls.__name__}.{name} is optional but not in the rule")
                optional.add(name)
                said = null_means(rule, name)
                field.description = f"{field.description} {said}" if field.description else said
            elif field.default is not dataclasses.MISSING or name in rule.fields:
                raise TypeError(
                    f"{cls.__name__}.{name}: the rule's fields default to strawberry.UNSET, "
                    "and the others are required"
                )
        missing = set(rule.fields) - optional
        if missing:
            raise TypeError(f"{cls.__name__} lacks the rule's fields {sorted(missing)}")
        UPDATE_INPUTS[definition.name] = declared
        return declared

    return declare


# Every update input, by its GraphQL name (the schema test walks them).
UPDATE_INPUTS: dict[str, type] = {}
