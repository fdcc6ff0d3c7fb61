# The one place that knows how to set up a machine for endorse.
# `make demo` and `make test` work on a fresh Debian/Ubuntu machine with Swift installed.

SYSTEM_PACKAGES := libcurl4-openssl-dev libsqlite3-dev sqlite3 zlib1g-dev
# Only the tests need these: a browser for the HTML page test, PostgreSQL for the shared crawl state (each test starts its own server).
TEST_PACKAGES := chromium postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps install build release test demo clean bench-deps

deps:
	@$(MAKE) --no-print-directory install PACKAGES="$(SYSTEM_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install PACKAGES="$(SYSTEM_PACKAGES) $(TEST_PACKAGES)"

install:
	@missing=""; for p in $(PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build

release: deps
	swift build -c release

test: test-deps
	python3 Seeds/tools/check_sample_web.py > /dev/null
	swift build --build-tests
	timeout 1200 swift test --skip-build

demo: release
	.build/release/endorse demo

clean:
	rm -rf .build

# The Python the benchmarks' references need (pyld + cryptography for `endorse-bench proofs`), in .venv-bench.
bench-deps:
	python3 -m venv .venv-bench
	.venv-bench/bin/pip install -q pyld cryptography
