# fanin: build, run, test, bench. `make run` and `make test` are all a fresh
# machine needs (with Go and Debian's chromium installed; see .ci/run).

GO         ?= go
BIN        := bin/fanin
WASM       := web/app.wasm
GO_SOURCES := $(shell find app cmd -name '*.go' -not -name '*_test.go') go.mod go.sum
ADDR       ?= 127.0.0.1:8000
AXE        := node_modules/axe-core/axe.min.js

.PHONY: all run test bench vet screenshots clean

all: $(WASM) $(WASM).br $(WASM).gz $(BIN)

# The page: the same main package, compiled to WebAssembly.
$(WASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags "-s -w" -o $@ ./cmd/fanin

# Its precompressed copies, which `fanin serve` sends by Accept-Encoding:
# brotli at quality 11 takes about 30 s, so it is done here, once a build.
$(WASM).br: $(WASM)
	$(GO) run ./cmd/fanin/internal/precompress -format br $(WASM)

$(WASM).gz: $(WASM)
	$(GO) run ./cmd/fanin/internal/precompress -format gz $(WASM)

$(BIN): $(GO_SOURCES)
	$(GO) build -trimpath -o $@ ./cmd/fanin

run: $(WASM) $(WASM).br $(WASM).gz $(BIN)
	./$(BIN) serve -addr $(ADDR)

# The page's packages are vetted for js/wasm too (with the JS-only files).
vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet $$(GOOS=js GOARCH=wasm $(GO) list -deps ./cmd/fanin | grep '^fanin')

# Everything: vet, the native suite with the race detector (core, components,
# CLI, the JS glue in a real browser, and the page end to end in headless
# Chromium).
test: $(WASM) $(WASM).br $(WASM).gz $(AXE) vet
	$(GO) test -race -count=1 -timeout 12m ./...

# axe-core, which the browser tests load into the page for the
# accessibility check, pinned in package-lock.json.
$(AXE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Pictures of the page for the README, taken by the end-to-end test.
screenshots: $(AXE)
	mkdir -p web/screenshots
	FANIN_SCREENSHOTS=$(CURDIR)/web/screenshots $(GO) test -count=1 -run 'TestPageEndToEnd|TestBoardEndToEnd|TestViewBigResult' ./cmd/fanin

# The speed, side by side with the peers and the physical bound: the page,
# a plain-JS peer page, fanin get, aiohttp and requests against loopback
# servers with latency, plus sizes, load times, memory, the result view at
# 100 KB to 100 MB against a plain-JS viewer, and the Go micro-benchmarks.
# Prints the table, writes bench/results/{table.md,chart.svg} (about 10
# minutes; `make test` runs its smoke mode). The wasm's .br is
# reused by the bench rather than recompressed.
bench: $(WASM) $(WASM).br
	$(GO) run ./bench

clean:
	rm -f $(WASM) $(WASM).br $(WASM).gz
	rm -rf bin
