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
# glibc gives each thread that allocates its own heap arena; Streamlit runs every session on its
# own thread, and 20 sessions at once grew resident memory by 10% (2 arenas: under 5%).
export MALLOC_ARENA_MAX ?= 2
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run index test chromium lint format eval eval-external eval-reader train-reader bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(TORCH_LINKS) torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,llm]'
	touch $(STAMP)

index: $(STAMP)
	$(PY) -m assistant ingest

run: index
	$(VENV)/bin/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

test: $(STAMP) chromium
	$(PY) -m pytest

# The browser tests drive Debian's Chromium. Install it when missing and we can (root with
# apt-get); otherwise say so and carry on: those tests then skip with the reason.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium for the browser tests"; \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
				|| echo "could not install chromium: the browser tests will be skipped"; \
		else \
			echo "no chromium and no way to install it here: the browser tests will be skipped"; \
		fi; \
	}

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

eval: $(STAMP)
	$(PY) eval/retrieval.py
	$(PY) eval/answers.py
	$(PY) eval/dialogue.py
	$(PY) eval/safety.py --split dev
	$(PY) eval/safety.py --split valid
	$(PY) eval/safety.py --split test

eval-external: $(STAMP)
	$(PY) eval/safety.py --split test --external ../shared/datasets

# The risk check's fine-tuned reader on writers it never saw: per fold, train without them
# (about 25 minutes each on two cores), then judge their messages.
eval-reader: $(STAMP)
	$(PY) eval/train_risk_model.py --folds g,h e,i

# Retrain the reader after editing its examples (tests notice weights trained on other data).
train-reader: $(STAMP)
	$(PY) eval/train_risk_model.py

bench: $(STAMP)
	$(PY) eval/bench.py

clean:
	rm -rf .data .pytest_cache .ruff_cache
