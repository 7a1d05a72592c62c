# newsbrief: `make demo` summarizes the bundled example, `make test` runs the suite.
# Both create the virtual environment .venv and install what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install -q --disable-pip-version-check

.PHONY: demo test lint bench bench-group bench-dask bench-fetch clean

$(VENV)/.core: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

$(VENV)/.test: $(VENV)/.core
	$(PIP) -e '.[test,eval,web,browser,dask]'
	# browser tests drive Debian's chromium; they skip (with the reason) when it is missing
	command -v chromium >/dev/null || (command -v apt-get >/dev/null && apt-get update && apt-get install -y chromium) || echo 'chromium not installed: browser tests will skip'
	touch $@

demo: $(VENV)/.core
	$(VENV)/bin/newsbrief summarize examples/aleppo/

test: $(VENV)/.test
	$(PY) -m ruff check src tests bench
	$(PY) -m pytest

# every system, baseline, sumy peer and the oracle on ../shared/data/dev.jsonl and on
# train.jsonl, the extraction benchmark's halves, then the core speed beside sumy:
# rewrites docs/benchmarks.md, docs/benchmarks.png and docs/benchmarks_train.png
# (the headline scorer's k-fold run is `python bench/fit_scorer.py`, about 4 minutes, and
# whether a fill should follow the headline `python bench/fit_fill.py`, seconds after it;
# the reader's line model: `python bench/fit_reader.py`, about 1 minute)
$(VENV)/.bench: $(VENV)/.core bench/requirements.txt
	$(PIP) -e '.[eval]' -r bench/requirements.txt
	touch $@

bench: $(VENV)/.bench
	$(PY) bench/run_rouge.py
	$(PY) bench/run_rouge.py --data ../shared/data/train.jsonl --section rouge-train --png docs/benchmarks_train.png
	$(PY) bench/extraction_split.py
	$(PY) bench/speed_core.py
	$(PY) bench/ablation.py

# event grouping: quality on dev.jsonl, time and memory from 1k to 50k synthetic articles
# beside a dense scikit-learn peer: rewrites docs/grouping.md and docs/grouping_scale.png
bench-group: $(VENV)/.bench
	$(PY) bench/group_scale.py

# the Dask engine: articles/second with 1 and 2 workers beside the single-machine pipeline
# on a synthetic corpus (dev replicated): rewrites docs/distributed.md's figures and
# docs/dask_scaling.png. Full size (200,000 articles) takes about an hour on 2 cores;
# ARTICLES=30000 (what docs/distributed.md shows) about 7 minutes
bench-dask: $(VENV)/.bench
	$(PIP) -e '.[dask]'
	$(PY) bench/dask_scale.py $(if $(ARTICLES),--articles $(ARTICLES))

# fetching: articles/s from 20 local hosts and an unchanged poll of 40 feeds (about a
# minute): rewrites the benchmark section of docs/watch.md
bench-fetch: $(VENV)/.test
	$(PY) bench/fetch_speed.py

lint: $(VENV)/.test
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
