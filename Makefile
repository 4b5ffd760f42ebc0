# swift-delta — developer entry points. `make demo` and `make test` work on a fresh Debian 12
# machine with the Swift toolchain installed (as root, or with sudo).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

SWIFT        ?= swift
SWIFTFLAGS   := -Xswiftc -warnings-as-errors
VENV         := .venv
PY           := $(VENV)/bin/python
REQS         := tests/interop/requirements.txt
APT_PACKAGES := libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev pkg-config python3 python3-venv
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 60
FUZZ_TARGET  ?= FuzzParquet
BENCH_ROWS   ?= 10000000

# Swift Testing only prints "Executed 0 tests" from XCTest when no XCTest tests exist: skip
# XCTest in that case (TOOLCHAIN.md).
XCTEST_FLAG  := $(shell grep -rqs --include='*.swift' '^import XCTest' Tests || echo --disable-xctest)

.PHONY: deps apt venv build release test swift-test interop demo fuzz bench clean distclean

deps: apt venv

# System libraries: dpkg -s first, so this costs nothing when they are installed.
apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# Python venv for the interop tests, fuzz seeds and pyarrow benchmark. The stamp file names a
# hash of the requirements, so pip only runs when they change.
REQS_HASH = $(shell sha256sum $(REQS) | cut -c1-16)
venv: apt
	@stamp="$(VENV)/.stamp-$(REQS_HASH)"; \
	if [ ! -f "$$stamp" ]; then \
	  [ -x $(PY) ] || python3 -m venv $(VENV); \
	  $(PY) -m pip install -q --upgrade pip; \
	  $(PY) -m pip install -q -r $(REQS); \
	  rm -f $(VENV)/.stamp-*; touch "$$stamp"; \
	fi

build: apt
	$(SWIFT) build $(SWIFTFLAGS)

release: apt
	$(SWIFT) build -c release $(SWIFTFLAGS) --product deltactl

# Runs both suites even if the first fails, then reports both and fails if either failed.
test: deps build
	@swift_rc=0; interop_rc=0; \
	$(MAKE) --no-print-directory swift-test || swift_rc=$$?; \
	$(MAKE) --no-print-directory interop || interop_rc=$$?; \
	s() { [ "$$1" = 0 ] && echo passed || echo FAILED; }; \
	echo "== make test: swift test $$(s $$swift_rc), interop (pytest) $$(s $$interop_rc)"; \
	[ $$swift_rc = 0 ] && [ $$interop_rc = 0 ]

# The documentation examples are compiled and run by DocExamplesTests; first check that the
# generated file matches the examples in the README and the doc comments.
swift-test:
	python3 scripts/doc_examples.py --check
	$(SWIFT) test $(SWIFTFLAGS) $(XCTEST_FLAG)

interop:
	DELTACTL="$$($(SWIFT) build --show-bin-path)/deltactl" $(VENV)/bin/pytest -q tests/interop

demo: deps release
	scripts/demo.sh "$$($(SWIFT) build -c release --show-bin-path)/deltactl"

# libFuzzer on the Parquet reader for FUZZ_SECONDS (see Fuzz/README.md).
fuzz: deps
	FUZZ_TARGET=$(FUZZ_TARGET) scripts/fuzz.sh $(FUZZ_SECONDS)

# Our Parquet writer/reader vs pyarrow, BENCH_ROWS rows (see Benchmarks/RESULTS.md).
bench: deps
	scripts/bench.sh $(BENCH_ROWS)

clean:
	rm -rf .build .build-* out Fuzz/.build Fuzz/.build-* Fuzz/corpus-* \
	       Benchmarks/.build Benchmarks/.build-* Benchmarks/data

distclean: clean
	rm -rf $(VENV)
