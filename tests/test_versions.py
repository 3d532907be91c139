"""ASC-1 / ASC-3 need a version order that SPARQL and SHACL can compare as strings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from segur_kg.versions import VersionError, compare, version_key


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("2.10", "2.9", 1),
        ("5.2", "5.2.0", 0),
        ("5.2.0.0", "5.2", 0),
        ("1.0", "1.0.1", -1),
        ("10", "9.99", 1),
        ("0.9", "0.10", -1),
    ],
)
def test_ASC_1_version_order_is_numeric_not_lexical(a, b, expected):
    assert compare(a, b) == expected


def test_version_key_is_fixed_width():
    assert version_key("2.10") == "000002.000010.000000.000000"
    assert version_key("5.2") == version_key("5.2.0")


# A version is written as it is compared: no space or line break around it, ASCII digits only
# (int() would read the Arabic-Indic "٢" as 2).
@pytest.mark.parametrize(
    "bad", ["", "v2.1", "2..1", "2.1.", "1.2.3.4.5", "2.1-beta", "1234567", "2,1", " 5.2 ", "2.10\n", "\u0662.1"]
)
def test_bad_versions_are_refused_with_the_expected_form(bad):
    with pytest.raises(VersionError, match="expected dotted numbers"):
        version_key(bad)


parts = st.lists(st.integers(min_value=0, max_value=999_999), min_size=1, max_size=4)


@given(parts, parts)
def test_key_order_matches_tuple_order(a, b):
    def pad(p):
        return tuple(p) + (0,) * (4 - len(p))

    ka = version_key(".".join(map(str, a)))
    kb = version_key(".".join(map(str, b)))
    assert (ka < kb) == (pad(a) < pad(b))
    assert (ka == kb) == (pad(a) == pad(b))
