# fanin: build, run, test, bench. `make run` and `make test` are all a fresh
# machine needs (with Go and Debian's chromium installed; see .ci/run).

GO         ?= go
BIN        := bin/fanin
WASM       := web/app.wasm
# The page's jq worker: a wasm of its own, so that the page's links no gojq.
JQWASM     := web/jq.wasm
GO_SOURCES := $(shell find app cmd web -name '*.go' -not -name '*_test.go') go.mod go.sum
# The files of web/ that the binary embeds besides the wasm (web/embed.go).
WEB_FILES  := $(filter-out $(WASM)% $(JQWASM)%,$(wildcard web/*.*))
WASMS      := $(WASM) $(WASM).br $(WASM).gz $(JQWASM) $(JQWASM).br $(JQWASM).gz
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
# `fanin version` shows the git revision when the go command stamps it: in a
# git clone (not a git worktree, where it finds no .git folder), even if
# GOFLAGS says -buildvcs=false. BUILDVCS=false turns it off.
BUILDVCS   ?= auto
ADDR       ?= 127.0.0.1:8000
AXE        := node_modules/axe-core/axe.min.js

.PHONY: all run install test bench vet screenshots clean

all: $(WASMS) $(BIN)

# The page: the same main package, compiled to WebAssembly.
$(WASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags "-s -w" -o $@ ./cmd/fanin

# The jq worker (app/jqwork), which the page starts on a first filter.
$(JQWASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags "-s -w" -o $@ ./cmd/fanin/jqworker

# Their precompressed copies, which `fanin serve` sends by Accept-Encoding:
# brotli at quality 11 takes about 30 s, so it is done here, once a build.
web/%.wasm.br: web/%.wasm
	$(GO) run ./cmd/fanin/internal/precompress -format br $<

web/%.wasm.gz: web/%.wasm
	$(GO) run ./cmd/fanin/internal/precompress -format gz $<

# The fanin command, with the page (web/, the wasm and its copies) embedded,
# so it serves from any folder: it depends on them to embed current ones.
$(BIN): $(GO_SOURCES) $(WASMS) $(WEB_FILES)
	$(GO) build -trimpath -buildvcs=$(BUILDVCS) -o $@ ./cmd/fanin

# Copies bin/fanin onto PATH: $(BINDIR), /usr/local/bin unless PREFIX or
# BINDIR say otherwise (e.g. make install BINDIR=$$HOME/go/bin).
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/fanin

run: $(WASMS) $(BIN)
	./$(BIN) serve -addr $(ADDR)

# The page's packages are vetted for js/wasm too (with the JS-only files).
vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $$(GOOS=js GOARCH=wasm $(GO) list -deps ./cmd/fanin ./cmd/fanin/jqworker | grep '^fanin')

# Everything: vet, the native suite with the race detector (core, components,
# CLI, the JS glue in a real browser, and the page end to end in headless
# Chromium, also from bin/fanin copied alone into an empty folder).
test: $(WASMS) $(BIN) $(AXE) vet
	$(GO) test -race -count=1 -timeout 12m ./...

# axe-core, which the browser tests load into the page for the
# accessibility check, pinned in package-lock.json.
$(AXE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Pictures of the page for the README, taken by the end-to-end test.
screenshots: $(AXE)
	mkdir -p web/screenshots
	FANIN_SCREENSHOTS=$(CURDIR)/web/screenshots $(GO) test -count=1 -run 'TestPageEndToEnd|TestBoardEndToEnd|TestViewBigResult|TestTableEndToEnd' ./cmd/fanin

# The speed, side by side with the peers and the physical bound: the page,
# a plain-JS peer page, fanin get, aiohttp and requests against loopback
# servers with latency, plus sizes, load times, memory, the result view at
# 100 KB to 100 MB against a plain-JS viewer, and the Go micro-benchmarks.
# Prints the table, writes bench/results/{table.md,chart.svg} (about 10
# minutes; `make test` runs its smoke mode). The wasm's .br is
# reused by the bench rather than recompressed.
bench: $(WASMS)
	$(GO) run ./bench

clean:
	rm -f $(WASMS)
	rm -rf bin
