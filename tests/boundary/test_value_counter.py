"""The JSON value counter that refuses huge bodies while they arrive: it counts the
commas between values exactly, however a text is cut into pieces."""

from __future__ import annotations

import json
import random

import pytest

from vector_gql.boundary.values import JsonLimits, Refused, ValueCounter, loads


def separators(value: object) -> int:
    """The commas between values, from the decoded value itself."""
    if isinstance(value, list):
        return max(len(value) - 1, 0) + sum(separators(item) for item in value)
    if isinstance(value, dict):
        return max(len(value) - 1, 0) + sum(separators(item) for item in value.values())
    return 0


TEXTS = ["", ",", "a,b", '"', '",', '\\",', "\\", "\\\\", ',"\\', "é,", "x"]


def random_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth > 4 or roll < 0.4:
        return rng.choice([*TEXTS, 1, -2.5, None, True])
    if roll < 0.7:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 6))]
    return {
        rng.choice(TEXTS) + str(i): random_value(rng, depth + 1) for i in range(rng.randint(0, 5))
    }


def count_in_pieces(text: bytes, cuts: list[int]) -> int:
    counter = ValueCounter()
    found = 0
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        found = counter.feed(text[start:end])
    return found


@pytest.mark.parametrize("seed", range(40))
def test_the_count_is_exact_however_the_text_is_cut(seed):
    rng = random.Random(seed)
    for _ in range(50):
        value = random_value(rng)
        expected = separators(value)
        for ascii_only in (True, False):
            for style in ((",", ":"), (", ", ": ")):
                text = json.dumps(value, ensure_ascii=ascii_only, separators=style).encode()
                cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 4)))
                assert count_in_pieces(text, cuts) == expected, (text, cuts)
                # Cut at every byte: escapes and strings split anywhere.
                assert count_in_pieces(text, list(range(1, len(text)))) == expected, text


def test_commas_inside_strings_do_not_count():
    assert ValueCounter().feed(json.dumps({"a": "x," * 1000}).encode()) == 0
    assert ValueCounter().feed(json.dumps([",", ",", '\\",']).encode()) == 2


def test_a_text_it_counts_too_many_values_in_is_one_loads_refuses():
    limits = JsonLimits(max_values=1000)
    text = json.dumps({"variables": {"ids": ["1"] * (limits.max_values + 1)}}).encode()
    assert ValueCounter().feed(text) >= limits.max_values
    with pytest.raises(Refused):
        loads(text, limits)
