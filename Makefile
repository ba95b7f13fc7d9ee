# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint format demo bench bench-quick bench-counters clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## Run the portal with demo content on SQLite at http://127.0.0.1:8000
run: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py import_counts counters/fixtures/demo_counts.csv --skip-missing
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## Run the whole test suite (SQLite unless DATABASE_URL is set; browser tests when Chromium is installed)
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Print the demo article with Chromium and keep page 1 as docs/print-sample.png
.PHONY: print-sample
print-sample: $(STAMP)
	$(PY) -m pytest -q tests/e2e/test_print.py -k one_or_two_a4_pages
	pdftoppm -png -r 100 -f 1 -l 1 -singlefile test-results/print-article.pdf docs/print-sample

## Benchmark: 100,000 articles on PostgreSQL, gunicorn + Redis, wrk; table in bench/results/latest.md
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

## The same in a few seconds per page with 2,000 articles (CI runs it so it cannot rot)
bench-quick: $(STAMP)
	$(PY) bench/run.py --quick $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media test-results

## Measure the counting endpoint beside a bare Django view (PostgreSQL, gunicorn, wrk; BENCH_ARGS=--quick)
bench-counters: $(STAMP)
	$(PY) -m bench.counters $(BENCH_ARGS)
