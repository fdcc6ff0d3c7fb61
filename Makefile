# The one place that knows how to set up a machine for endorse.
# `make demo` and `make test` work on a fresh Debian/Ubuntu machine with Swift installed.

SYSTEM_PACKAGES := libcurl4-openssl-dev libsqlite3-dev sqlite3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release test demo bench clean

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build

release: deps
	swift build -c release

test: deps
	swift build --build-tests
	swift test --skip-build

demo: release
	.build/release/endorse demo

clean:
	rm -rf .build
