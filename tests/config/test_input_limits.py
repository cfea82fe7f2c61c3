"""What a process file may hold (issue 11, parts 2 and 3), at the level of the loader: ids matched
whole and bounded, no control character and one document per file (with the line), the span of
dates of a process, and long error lists summarised. The command line is tested on the same
kinds of input in tests/reliability/test_bad_inputs.py."""

from __future__ import annotations

import pytest
import yaml
from pendulum import Date

from mandates.config.fields import MAX_ID_LENGTH, identifier
from mandates.config.yamlnodes import compose
from mandates.core.bounds import ANY_SPAN, span_around
from mandates.core.plan import Plan
from mandates.errors import ConfigError, ConfigIssue


@pytest.mark.parametrize("text", ["cop-15\n", "cop-15 ", "Cop-15", "cop_15", "cop--15", "-cop",
                                  "", "x" * (MAX_ID_LENGTH + 1)])
def test_an_id_is_matched_whole_and_bounded(text: str) -> None:
    with pytest.raises(ValueError):
        identifier(text)


def test_the_longest_id_is_accepted() -> None:
    assert identifier("a" * MAX_ID_LENGTH) == "a" * MAX_ID_LENGTH


@pytest.mark.parametrize(("text", "line", "code"), [
    ("a: 1\nb: x\x00y\n", 2, "U+0000"), ("# \x1b[2J\na: 1\n", 1, "U+001B"),
    ("a: 1\n\nb: \x7f\n", 3, "U+007F"), ("a: \x85ok\nb: \x9b\n", 2, "U+009B")])
def test_a_control_character_is_refused_at_its_line(text: str, line: int, code: str) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as refused:
        compose(text)
    assert refused.value.problem_mark is not None
    assert refused.value.problem_mark.line + 1 == line
    assert code in str(refused.value.problem)


def test_a_second_document_is_refused_at_its_line() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as refused:
        compose("a: 1\n---\nb: 2\n")
    assert refused.value.problem_mark is not None and refused.value.problem_mark.line + 1 == 2
    assert compose("---\na: 1\n...\n") is not None  # one document, marked, is fine


def test_the_span_of_the_bundled_process(bundled_plan: Plan) -> None:
    """Its founding file's first date is WG2020-1's opening, 27 August 2019."""
    span = bundled_plan.span
    assert (span.first, span.last, span.anchor) == (Date(2009, 1, 1), Date(2049, 12, 31),
                                                    Date(2019, 8, 27))
    assert "2050-01-01 is outside the dates of this process, 2009-01-01..2049-12-31" in span.why(
        Date(2050, 1, 1))
    assert span.why(Date(9999, 1, 1)) == "9999-01-01 is outside the years 1990..2200"


def test_a_span_stays_within_1990_2200() -> None:
    assert span_around(Date(1995, 6, 1)).first == Date(1990, 1, 1)
    assert span_around(Date(2190, 6, 1)).last == Date(2200, 12, 31)
    assert span_around(None) == ANY_SPAN


def test_a_long_list_of_problems_shows_twenty_and_counts_the_rest() -> None:
    error = ConfigError([ConfigIssue("p.yaml", n, "f", "bad") for n in range(1, 2001)])
    details = error.details()
    assert len(details) == 21 and details[-1] == "... and 1980 more problems, not shown"
    assert len(error.issues) == 2000 and error.headline().startswith("2000 problems")
    assert len(ConfigError([ConfigIssue("p.yaml", 1, "f", "bad")] * 20).details()) == 20
