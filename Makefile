# swift-grmgr: `make demo` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config libgsl-dev libsqlite3-dev libpq-dev postgresql chromium
# The WithStats edition builds in its own scratch path, so switching editions never rebuilds the other one.
STATS_SCRATCH ?= .build/stats
DEMO_SCENARIO ?= scenarios/quickstart.json5

.PHONY: deps demo test lint build unit build-stats unit-stats tsan example bench clean

## deps: install any missing Debian package (apt-get update only when something is missing).
deps:
	@missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then \
	    echo "Installing with sudo:$$missing"; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing packages:$$missing. Install them with: apt-get install$$missing (Debian/Ubuntu) or brew install gsl pkg-config sqlite libpq postgresql (macOS)." >&2; \
	    exit 1; \
	  fi; \
	fi

## demo: run the CLI on the quickstart scenario.
demo: deps
	$(SWIFT) build -c release --product grmgr-sim
	.build/release/grmgr-sim run $(DEMO_SCENARIO)

## lint: swift format in strict mode over Sources and Tests.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Examples

build: deps
	$(SWIFT) build

unit: deps
	@mkdir -p .build/logs
	set -o pipefail; $(SWIFT) test 2>&1 | tee .build/logs/unit.log

## build-stats / unit-stats: the WithStats edition (dop monitor, SQLite and PostgreSQL sinks); its tests run
## next to a throwaway PostgreSQL server on loopback that scripts/with-postgres.sh always stops.
build-stats: deps
	$(SWIFT) build --traits WithStats --scratch-path $(STATS_SCRATCH)

unit-stats: deps
	@mkdir -p .build/logs
	set -o pipefail; scripts/with-postgres.sh $(SWIFT) test --traits WithStats --scratch-path $(STATS_SCRATCH) \
	  2>&1 | tee .build/logs/unit-stats.log

## tsan: the concurrency stress test under the thread sanitizer (its own build directory).
tsan: deps
	@mkdir -p .build/logs
	set -o pipefail; $(SWIFT) test --sanitize=thread --scratch-path .build/tsan --filter ThrottleStressTests \
	  --disable-swift-testing 2>&1 | tee .build/logs/tsan.log

## example: the example package, a user's crawler tested with GrmgrTesting (XCTest and Swift Testing).
example: deps
	@mkdir -p .build/logs
	set -o pipefail; $(SWIFT) test --package-path Examples/CrawlerExample 2>&1 | tee .build/logs/example.log

## test: lint, build and the whole suite in both editions (default, then WithStats), the example package,
## then the stress test under TSan; ends with one line of totals.
test: deps lint build unit build-stats unit-stats example tsan
	@scripts/test-summary .build/logs/unit.log .build/logs/unit-stats.log .build/logs/example.log \
	  .build/logs/tsan.log

bench: deps
	$(SWIFT) build -c release --product grmgr-sim
	.build/release/grmgr-sim bench throttle
	.build/release/grmgr-sim bench sim
	.build/release/grmgr-sim bench sweep

clean:
	rm -rf .build

## reports: regenerate reports/scenarios (a report of each shipped scenario's run) and reports/sweeps.
REPORT_SCENARIOS := quickstart overload-recovery bursty batch replay multi-component
REPORT_SWEEP := --vary hold=0s,10s,30s,1m --vary up=1,2 --vary down=1,2,4 --replications 10
.PHONY: reports
reports: deps
	$(SWIFT) build -c release --product grmgr-sim
	@for name in $(REPORT_SCENARIOS); do \
	  .build/release/grmgr-sim run scenarios/$$name.json5 --out .build/report-runs/$$name --quiet && \
	  .build/release/grmgr-sim report .build/report-runs/$$name --out reports/scenarios/$$name || exit 1; \
	done
	.build/release/grmgr-sim sweep scenarios/overload-recovery.json5 $(REPORT_SWEEP) --out reports/sweeps/overload-recovery
