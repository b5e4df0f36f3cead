# Two commands for a fresh machine: `make run` and `make test`. Each creates .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The CPU build of torch lies in /opt/wheels on our machines; any other torch pulls CUDA packages.
TORCH_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
HOST ?= 127.0.0.1
PORT ?= 8501

export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run index test lint format eval eval-external bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(TORCH_LINKS) torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

index: $(STAMP)
	$(PY) -m assistant ingest

run: index
	@if [ -f app.py ]; then \
		$(VENV)/bin/streamlit run app.py --server.address $(HOST) --server.port $(PORT); \
	else \
		echo "index ready; the chat app is not part of this build yet"; \
	fi

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

eval: $(STAMP)
	$(PY) eval/retrieval.py
	$(PY) eval/safety.py --split both

eval-external: $(STAMP)
	$(PY) eval/safety.py --split test --external ../shared/datasets

bench: $(STAMP)
	$(PY) eval/bench.py

clean:
	rm -rf .data .pytest_cache .ruff_cache
