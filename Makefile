# Happy Coding, Happy Life: the two commands a person runs are `make run` and
# `make test`. Everything else here supports them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATA := .data
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
# Test-only checkers from npm (package.json): the Nu HTML Checker (vnu.jar, run
# with Java) and axe-core, which the browser tests inject into pages.
NODE_TOOLS := node_modules/.installed

# `make run` is a local, single-machine server: a generated secret key kept
# in .data/, plain HTTP on 127.0.0.1, one process (threads) so that the
# local-memory cache holding rate limits is shared by every request.
RUN_ENV = DJANGO_SECRET_KEY="$$(cat $(DATA)/secret_key)" \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0

.PHONY: run test lint format check bench bench-search lock clean messages

$(RUNTIME): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(DEV): $(RUNTIME) requirements-dev.lock $(NODE_TOOLS)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

$(NODE_TOOLS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(DATA)/secret_key:
	mkdir -p $(DATA)
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: $(RUNTIME) $(DATA)/secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo --if-empty
	$(RUN_ENV) $(BIN)/python manage.py ensure_admin
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(RUN_ENV) $(BIN)/gunicorn blog.wsgi --bind 127.0.0.1:$(PORT) --workers 1 --threads 8 \
		--access-logfile - --forwarded-allow-ips=""

test: $(DEV)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(DEV)
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

messages: $(DEV)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'node_modules/*'
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

# The blog under load beside a minimal-Django floor, in PostgreSQL
# blog_bench_$(SIZE) (kept between runs; FRESH=1 refills it). wrk gives
# steadier figures than the Python load generator the bench falls back to.
SIZE ?= 400
bench: $(DEV)
	@command -v wrk >/dev/null || echo "wrk not found (apt-get install wrk): using the Python load generator."
	$(BIN)/python -m bench.run --size $(SIZE) $(if $(FRESH),--fresh) $(BENCH_ARGS)

# Search latency with 1,000 posts in a PostgreSQL database of its own
# (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/blog_search_bench).
bench-search: $(DEV)
	$(BIN)/python bench/search_latency.py

# Re-pin dependencies after editing pyproject.toml.
lock:
	PYTHON=$(PYTHON) scripts/lock.sh

clean:
	rm -rf $(VENV) staticfiles
