import pytest

from documents.numbers import (
    is_valid_number,
    normalise_number,
    number_key,
    parse_number_query,
)

KINDS = ["Kế hoạch", "Quyết định"]


@pytest.mark.parametrize(
    "raw",
    [
        "50/KH-UBND",
        " 50 / KH - UBND ",
        "50/KH–UBND",  # en dash
        "50/KH—UBND",  # em dash
        "50／KH‐UBND",  # full-width slash, hyphen
        "５０/KH−UBND",  # full-width digits, minus sign
    ],
)
def test_every_spelling_of_a_number_is_stored_one_way(raw):
    assert normalise_number(raw) == "50/KH-UBND"
    assert number_key(raw) == "50/kh-ubnd"


def test_the_key_folds_case_and_diacritics_and_keeps_the_issuers_case_in_the_number():
    assert normalise_number("15/2018/QĐ-UBND") == "15/2018/QĐ-UBND"
    assert number_key("15/2018/QĐ-UBND") == "15/2018/qd-ubnd"
    assert normalise_number("01/CT-TTg") == "01/CT-TTg"


@pytest.mark.parametrize("number", ["50/KH-UBND", "15/2018/QĐ-UBND", "12a/TB-VP", "01/CT-TTg"])
def test_numbers_of_the_usual_shapes_are_valid(number):
    assert is_valid_number(number)


@pytest.mark.parametrize("number", ["KH-UBND", "50", "50/", "/KH", "50/KH-", "abc/50"])
def test_malformed_numbers_are_not(number):
    assert not is_valid_number(normalise_number(number))


def test_a_full_number_query_asks_for_that_key():
    parsed = parse_number_query("50/KH-UBND", KINDS)
    assert parsed.key == "50/kh-ubnd"


def test_the_start_of_a_number_asks_for_numbers_starting_so():
    assert parse_number_query("50/kh", KINDS).key == "50/kh"


def test_a_symbol_and_an_issue_number_in_any_order_ask_for_both():
    parsed = parse_number_query("kh-ubnd 50", KINDS)
    assert (parsed.head, parsed.symbol) == ("50", "kh-ubnd")
    assert parse_number_query("50 KH–UBND", KINDS).symbol == "kh-ubnd"


def test_an_issue_number_with_a_kinds_name_asks_for_both():
    parsed = parse_number_query("Kế hoạch số 50", KINDS)
    assert (parsed.head, parsed.rest) == ("50", "ke hoach")


def test_words_other_than_a_kind_make_a_text_query():
    assert parse_number_query("cải cách hành chính 2018", KINDS) is None
    assert parse_number_query("cải cách hành chính", KINDS) is None
