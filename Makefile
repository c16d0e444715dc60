# The two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

# Test code, test helpers and demo content are not user interface: they are not translated.
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore='*/tests/*' \
	--ignore=conftest.py --ignore='tandem/testing/*' --ignore='tandem/demo/*'

.PHONY: demo test test-postgres test-browser lint format bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(PIP) -r requirements/base.txt 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/python -c "import django, jdatetime, phonenumbers"
	touch $@

$(VENV)/.test-installed: requirements/test.txt requirements/base.txt | $(BIN)/python
	$(PIP) -r requirements/test.txt 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/python -c "import django, pytest, playwright, hypothesis"
	touch $@ $(VENV)/.base-installed

# Every step runs as the demo environment, so collectstatic builds the same manifest that the
# server then reads.
demo: export TANDEM_ENV ?= demo
demo: $(VENV)/.base-installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py load_demo
	$(BIN)/gunicorn tandem.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# The whole suite except the browser tests, on the embedded SQLite database.
test: $(VENV)/.test-installed
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2

# The same suite against PostgreSQL: DATABASE_URL must point at a server.
test-postgres: $(VENV)/.test-installed
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL is not set" && exit 1)
	$(BIN)/pytest -n 2

# Browser journeys in Debian's Chromium (/usr/bin/chromium), with axe checks.
test-browser: $(VENV)/.test-installed
	$(BIN)/pytest -m browser -o addopts="-p no:cacheprovider --strict-markers"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the message catalogues after changing user-facing text (needs GNU gettext).
messages: $(VENV)/.test-installed
	$(BIN)/python manage.py makemessages -l da -l ar -l fa --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles

# Speed and memory figures (printed, never asserted), on a throw-away SQLite database.
bench: $(VENV)/.test-installed
	rm -f var/bench.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(BIN)/python manage.py bench_matching
	rm -f var/bench.sqlite3
