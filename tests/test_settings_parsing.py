"""Configuration helpers: SMTP URLs, typed environment variables and page cursors."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.lib.cursors import BadCursor, decode_cursor, encode_cursor
from dateline.lib.environment import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_path,
)
from dateline.lib.smtp_url import parse_smtp_url

# --- DATELINE_SMTP_URL ------------------------------------------------------------------------


def test_a_plain_smtp_url_gives_host_port_and_no_tls():
    smtp = parse_smtp_url("smtp://127.0.0.1:1025")
    assert (smtp.host, smtp.port) == ("127.0.0.1", 1025)
    assert (smtp.user, smtp.password) == ("", "")
    assert not smtp.use_tls
    assert not smtp.use_ssl


def test_smtp_without_a_port_uses_port_25():
    assert parse_smtp_url("smtp://mail.example.org").port == 25


def test_smtps_means_implicit_tls_on_port_465():
    smtp = parse_smtp_url("smtps://user:pass@mail.example.org")
    assert smtp.use_ssl
    assert not smtp.use_tls
    assert smtp.port == 465
    assert (smtp.user, smtp.password) == ("user", "pass")


def test_starttls_in_the_query_turns_on_starttls_on_port_587():
    smtp = parse_smtp_url("smtp://user:pass@mail.example.org?starttls=1")
    assert smtp.use_tls
    assert not smtp.use_ssl
    assert smtp.port == 587


def test_an_explicit_port_wins_over_the_tls_default():
    assert parse_smtp_url("smtp://mail.example.org:2525?starttls=1").port == 2525


def test_a_percent_encoded_user_and_password_are_decoded():
    smtp = parse_smtp_url("smtp://news%40example.org:p%40ss%3Aw%2Frd%25@mail.example.org:587")
    assert smtp.user == "news@example.org"
    assert smtp.password == "p@ss:w/rd%"


def test_the_timeout_can_be_set_in_the_query():
    assert parse_smtp_url("smtp://mail.example.org?timeout=5").timeout == 5
    assert parse_smtp_url("smtp://mail.example.org").timeout == 20


@pytest.mark.parametrize(
    "url", ["http://mail.example.org", "mailto:news@example.org", "mail.example.org:25"]
)
def test_a_url_with_another_scheme_is_refused_naming_the_variable(url):
    with pytest.raises(ConfigurationError, match="DATELINE_SMTP_URL"):
        parse_smtp_url(url)


def test_smtps_and_starttls_together_are_refused_naming_the_variable():
    with pytest.raises(ConfigurationError, match=r"DATELINE_SMTP_URL.*smtps://.*starttls"):
        parse_smtp_url("smtps://mail.example.org?starttls=1")


def test_a_url_without_a_host_is_refused_naming_the_variable():
    with pytest.raises(ConfigurationError, match="DATELINE_SMTP_URL"):
        parse_smtp_url("smtp://")


def test_a_port_that_is_not_a_number_is_refused_naming_the_variable():
    with pytest.raises(ConfigurationError, match="DATELINE_SMTP_URL"):
        parse_smtp_url("smtp://mail.example.org:smtp")


# --- Typed environment variables --------------------------------------------------------------


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " On "])
def test_env_bool_reads_the_usual_spellings_of_yes(monkeypatch, raw):
    monkeypatch.setenv("DATELINE_TEST_FLAG", raw)
    assert env_bool("DATELINE_TEST_FLAG") is True


@pytest.mark.parametrize("raw", ["0", "false", "no", "off", "OFF"])
def test_env_bool_reads_the_usual_spellings_of_no(monkeypatch, raw):
    monkeypatch.setenv("DATELINE_TEST_FLAG", raw)
    assert env_bool("DATELINE_TEST_FLAG", True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_or_empty_gives_the_default(monkeypatch, default):
    monkeypatch.delenv("DATELINE_TEST_FLAG", raising=False)
    assert env_bool("DATELINE_TEST_FLAG", default) is default
    monkeypatch.setenv("DATELINE_TEST_FLAG", "")
    assert env_bool("DATELINE_TEST_FLAG", default) is default


def test_env_bool_with_a_bad_value_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("DATELINE_TEST_FLAG", "maybe")
    with pytest.raises(ConfigurationError) as error:
        env_bool("DATELINE_TEST_FLAG")
    assert "DATELINE_TEST_FLAG" in str(error.value)
    assert "maybe" in str(error.value)


def test_env_int_with_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("DATELINE_TEST_NUMBER", "twenty")
    with pytest.raises(ConfigurationError, match="DATELINE_TEST_NUMBER"):
        env_int("DATELINE_TEST_NUMBER", 20)


def test_env_int_reads_a_number_and_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("DATELINE_TEST_NUMBER", "42")
    assert env_int("DATELINE_TEST_NUMBER", 20) == 42
    monkeypatch.delenv("DATELINE_TEST_NUMBER")
    assert env_int("DATELINE_TEST_NUMBER", 20) == 20


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("DATELINE_TEST_LIST", " news.example.org, ,www.example.org,, ")
    assert env_list("DATELINE_TEST_LIST") == ["news.example.org", "www.example.org"]


def test_env_path_resolves_the_given_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_TEST_DIR", str(tmp_path / "a" / ".." / "data"))
    assert env_path("DATELINE_TEST_DIR", tmp_path / "other") == (tmp_path / "data").resolve()


# --- Page cursors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "pk"),
    [
        (datetime(2014, 3, 5, 5, 30, tzinfo=UTC), 42),
        (datetime(2014, 3, 5, 5, 30, 0, 123456, tzinfo=UTC), 1),
        (datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC), 9_223_372_036_854_775_807),
        (datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC), 7),
    ],
)
def test_a_cursor_decodes_to_the_moment_and_id_it_was_made_from(moment, pk):
    token = encode_cursor(moment, pk)
    assert decode_cursor(token) == (moment, pk)


@given(
    moment=st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(2999, 12, 31), timezones=st.just(UTC)
    ),
    pk=st.integers(min_value=1, max_value=2**63 - 1),
)
def test_a_cursor_keeps_every_microsecond_of_any_moment(moment, pk):
    # A cursor one microsecond off skips (or repeats) stories published in the same
    # microsecond as the last story of the page.
    assert decode_cursor(encode_cursor(moment, pk)) == (moment, pk)


def test_a_cursor_made_in_another_time_zone_names_the_same_instant():
    baku = datetime(2014, 3, 5, 9, 30, 0, 999_999, tzinfo=ZoneInfo("Asia/Baku"))
    assert decode_cursor(encode_cursor(baku, 3)) == (baku, 3)


def test_a_cursor_is_a_short_url_safe_token():
    token = encode_cursor(datetime(2014, 3, 5, 5, 30, tzinfo=UTC), 42)
    assert len(token) <= 64
    assert all(c.isalnum() or c in "-_" for c in token)


@pytest.mark.parametrize(
    "token",
    ["", "not-a-cursor", "!!!!", "x" * 65, "MTIz", "LTEuNQ", "MTIzLjA", "MTIzLjQ1LjY"],
)
def test_a_damaged_cursor_is_refused_as_a_bad_cursor(token):
    with pytest.raises(BadCursor):
        decode_cursor(token)
