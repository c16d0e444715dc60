"""Settings come from the environment and fail loudly on bad values.

Most checks start a fresh Python process, because the settings module is read once at start-up
and a bad value must stop the process there. Each subprocess takes about a second; none of them
touches the test database.
"""

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.settings import env_bool, env_int, env_list

REPO = Path(__file__).resolve().parents[3]
LOAD_DEMO = REPO / "tandem" / "demo" / "management" / "commands" / "load_demo.py"
# Variables that shape the configuration: each test starts from none of them, then sets its own.
SETTINGS_VARIABLES = (
    "TANDEM_ENV",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_AGE",
    "API_TOKEN_DAYS",
    "DATABASE_CONN_MAX_AGE",
    # Set inside the test process by the browser tests; a real deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def secret_key() -> str:
    return secrets.token_urlsafe(64)[:60]


def production(tmp_path: Path, **overrides: str) -> dict[str, str]:
    return {
        "TANDEM_ENV": "production",
        "SECRET_KEY": secret_key(),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    } | overrides


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environment["DJANGO_SETTINGS_MODULE"] = "tandem.settings"
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def import_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run("-c", "import tandem.settings", env=env)


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run("manage.py", *args, env=env)


def refused(result: subprocess.CompletedProcess, *words: str) -> bool:
    return (
        result.returncode != 0
        and "ImproperlyConfigured" in result.stderr
        and all(word in result.stderr for word in words)
    )


# --- start-up refuses bad configuration ---------------------------------------------------------


def test_production_without_a_secret_key_fails(tmp_path):
    env = production(tmp_path)
    del env["SECRET_KEY"]

    result = import_settings(env)

    assert refused(result, "SECRET_KEY")


@pytest.mark.parametrize(
    "key",
    ["insecure-development-key-never-use-in-production", "short-key", "x" * 49],
)
def test_production_with_a_weak_secret_key_fails(tmp_path, key):
    result = import_settings(production(tmp_path, SECRET_KEY=key))

    assert refused(result, "SECRET_KEY")


def test_debug_maybe_fails_loudly():
    result = import_settings({"TANDEM_ENV": "development", "DEBUG": "maybe"})

    assert refused(result, "DEBUG", "maybe")


def test_debug_cannot_be_on_in_production(tmp_path):
    result = import_settings(production(tmp_path, DEBUG="true"))

    assert refused(result, "DEBUG")


def test_production_needs_allowed_hosts(tmp_path):
    result = import_settings(production(tmp_path, ALLOWED_HOSTS=" , "))

    assert refused(result, "ALLOWED_HOSTS")


def test_unknown_environment_name_fails():
    result = import_settings({"TANDEM_ENV": "prod"})

    assert refused(result, "TANDEM_ENV")


def test_a_proper_production_configuration_starts(tmp_path):
    result = import_settings(production(tmp_path))

    assert result.returncode == 0, result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.skipif(not LOAD_DEMO.exists(), reason="load_demo has not been written yet")
def test_load_demo_refuses_to_run_in_production(tmp_path):
    database = tmp_path / "x.sqlite3"

    result = manage("load_demo", env=production(tmp_path))

    # A clean refusal (CommandError), not a crash on the empty database it was pointed at:
    # a command that tried to load anything would fail on the missing tables instead.
    assert result.returncode != 0
    assert "production" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    if database.exists():
        with sqlite3.connect(database) as connection:
            tables = connection.execute("select name from sqlite_master").fetchall()
        assert tables == []


# --- the parsers, in this process ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("Off", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("TANDEM_TEST_FLAG", raw)

    assert env_bool("TANDEM_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", "y e s"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("TANDEM_TEST_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match="TANDEM_TEST_FLAG"):
        env_bool("TANDEM_TEST_FLAG", False)


def test_empty_or_missing_values_take_the_default(monkeypatch):
    monkeypatch.setenv("TANDEM_TEST_EMPTY", "")
    monkeypatch.delenv("TANDEM_TEST_MISSING", raising=False)

    assert env_bool("TANDEM_TEST_EMPTY", True) is True
    assert env_int("TANDEM_TEST_MISSING", 7) == 7
    assert env_list("TANDEM_TEST_EMPTY", ["a"]) == ["a"]


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("TANDEM_TEST_NUMBER", "thirty")

    with pytest.raises(ImproperlyConfigured, match="TANDEM_TEST_NUMBER"):
        env_int("TANDEM_TEST_NUMBER", 30)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("TANDEM_TEST_HOSTS", " example.org, ,www.example.org ")

    assert env_list("TANDEM_TEST_HOSTS", []) == ["example.org", "www.example.org"]
