# The same targets run locally and in CI (.ci/run calls `make test`).
GO ?= go

.PHONY: build test lint golden bench ptybench memwalk loadtest fuzz sandbox run

# A static binary (no cgo: the Go resolver and user lookup instead of libc's):
# it runs on any Linux without a matching libc, starts 3–4 ms sooner and keeps
# 1.5 MB less resident than the default build, which maps libc (make ptybench).
# Host names go through /etc/hosts and DNS only: an mDNS printer name
# (printer.local) needs the default build, go build -o octo-cashier .
build:
	CGO_ENABLED=0 $(GO) build -o octo-cashier .

run:
	$(GO) run .

# The test command from README.md: the whole suite, race detector on, offline.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 8m ./...

# gofmt, vet and staticcheck (honnef.co/go/tools v0.8.2, run by version: it is a
# tool, not a dependency of the module, so go.mod does not carry it).
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint:
	gofmt -l . | (! grep .)
	$(GO) vet ./...
	$(STATICCHECK) ./...

# Rewrite golden files and transcripts after an intended change; review the diff like code.
golden:
	$(GO) test ./... -run 'Golden|Transcript' -update

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Start-up, key-to-echo and memory in a pseudo-terminal (../shared/tools/ptyprobe).
ptybench:
	bench/pty.sh

# 400 payments through the real screens in a pseudo-terminal: live heap, RSS and peak as it goes,
# and the slopes from payment 100 and over the second half (e2e_memory_test.go). OCTO_CASHIER_MEMWALK=200
# is the issue's shortest walk.
memwalk:
	OCTO_CASHIER_MEMWALK=400 $(GO) test -count=1 -timeout 15m -run TestE2EMemoryWalk -v .

# Full two-stage flows against the sandbox (its own process) over loopback HTTP at 1, 8 and 32
# clients, codes read from the filtered SMS outbox; then 100 000 flows at 8 clients, RSS every 10 000.
loadtest:
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && $(GO) build -o "$$d/octo-cashier" . && \
	$(GO) run ./bench/loadtest -sandbox "$$d/octo-cashier" -clients 1,8,32 -flows 20000 && \
	$(GO) run ./bench/loadtest -sandbox "$$d/octo-cashier" -clients 8 -flows 100000 -limit 5m -rss-every 10000

# A short fuzz pass over every fuzz target (CI runs the seed corpus as plain tests).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 10s $$pkg || exit 1; \
	  done; \
	done

sandbox:
	$(GO) run . sandbox --addr 127.0.0.1:8080
