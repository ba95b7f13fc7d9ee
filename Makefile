# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run dev test test-fast lint format demo bench bench-quick bench-sites bench-counters clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The port of `make run` and `make dev`: make run PORT=8080
PORT ?= 8000
# A throw-away key for local runs, made once per checkout; never a production key.
LOCAL_SECRET := $(VENV)/local-secret-key
# Debug off as citizens see it (the Vietnamese 404 and 500 pages); static files and
# uploads served by the app itself, which DJANGO_SERVE_MEDIA allows on this machine only.
# DJANGO_DEMO=1 installs the demo app (demo/: `manage.py load_demo`), which production lacks.
RUN_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(cat $(LOCAL_SECRET))" DJANGO_DEMO=1 \
	DJANGO_STATIC_FROM_FINDERS=1 DJANGO_SERVE_MEDIA=1 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,.localhost
DEV_ENV = DJANGO_DEBUG=1 DJANGO_DEMO=1 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,.localhost

$(LOCAL_SECRET): | $(STAMP)
	umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# The demo site, then the server, with the environment given: $(call serve,ENV)
define serve
	$(1) $(PY) manage.py migrate --noinput
	$(1) $(PY) manage.py load_demo --with-accounts --base-url http://127.0.0.1:$(PORT)
	$(1) $(PY) manage.py import_counts counters/fixtures/demo_counts.csv --skip-missing
	@echo "Cổng thông tin: http://127.0.0.1:$(PORT)/ (phường: http://phuong-1.localhost:$(PORT)/, http://phuong-2.localhost:$(PORT)/)"
	$(1) $(PY) manage.py runserver 127.0.0.1:$(PORT)
endef

## Run the portal with demo content on SQLite at http://127.0.0.1:8000 (PORT=...), debug off
run: $(STAMP) $(LOCAL_SECRET)
	$(call serve,$(RUN_ENV))

## The same with Django's debug pages and autoreload of templates, for development
dev: $(STAMP)
	$(call serve,$(DEV_ENV))

## Run the whole test suite (SQLite unless DATABASE_URL is set; browser tests when Chromium is installed)
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Lint: ruff, then the import contracts of pyproject.toml (lint-imports)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Print the demo article with Chromium and keep page 1 as docs/print-sample.png
.PHONY: print-sample
print-sample: $(STAMP)
	$(PY) -m pytest -q tests/e2e/test_print.py -k "source_article_on_one_a4_page"
	pdftoppm -png -r 100 -f 1 -l 1 -singlefile test-results/print-article.pdf docs/print-sample

## Benchmark: 100,000 articles on PostgreSQL, gunicorn + Redis, wrk; table in bench/results/latest.md
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

## The same in a few seconds per page with 2,000 articles (CI runs it so it cannot rot)
bench-quick: $(STAMP)
	$(PY) bench/run.py --quick $(BENCH_ARGS)

## Many portals: 200 portals, 500,000 articles, the city holding 100,000; its pages and a small
## portal's (Host header) beside the floor; tables in bench/results/sites.md (long: not in CI)
bench-sites: $(STAMP)
	$(PY) bench/run.py --sites 200 $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media test-results

## Measure the counting endpoint beside a bare Django view (PostgreSQL, gunicorn, wrk; BENCH_ARGS=--quick)
bench-counters: $(STAMP)
	$(PY) -m bench.counters $(BENCH_ARGS)
