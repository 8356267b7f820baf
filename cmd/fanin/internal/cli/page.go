package cli

import (
	"errors"
	"io/fs"
	"log/slog"

	"fanin/cmd/fanin/internal/site"
	"fanin/web"
)

// embeddedPage is the page built into this binary: web/'s files, and
// whether app.wasm was among them when it was built. Tests replace it.
var embeddedPage = func() (fs.FS, bool) {
	_, ok := web.Page()
	return web.Files(), ok
}

// errNoPage is what serve and export say when neither the binary nor
// -root has the page.
var errNoPage = errors.New("this fanin was built without the page; run make, or pass -root DIR (a folder holding web/ with web/app.wasm built)")

// rootHelp is the -root flag's help, shared by serve and export.
const rootHelp = "serve the page from `DIR`/web instead of the copy built into this binary"

// openSite opens the page: from root/web when root is set, else the copy
// embedded in the binary.
func openSite(root, base string, log *slog.Logger) (*site.Site, error) {
	cfg := site.Config{Root: root, Base: base, Logger: log}
	if root == "" {
		files, ok := embeddedPage()
		if !ok {
			return nil, errNoPage
		}
		cfg.Files = files
	}
	return site.New(cfg)
}
