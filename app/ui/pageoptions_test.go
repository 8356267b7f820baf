package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fanin/app/fanout"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestPagesOptions(t *testing.T) {
	t.Run("a link's page keys fill the options, the command and the fieldset", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "u=https://a.test/items&next=link&max-pages=20&rate=2.5&per-host=2")
		p := NewPage(Browser{Env: env})
		p.readLink(app.Context{}, false)
		if p.pages.spec() != "link" || p.options.MaxPages != 20 || p.options.Rate != 2.5 || p.options.PerHost != 2 {
			t.Fatalf("got rule %q, options %+v", p.pages.spec(), p.options)
		}
		if got := p.command(); got != "fanin get -rate 2.5 -per-host 2 -next link -max-pages 20 https://a.test/items" {
			t.Fatalf("command %q", got)
		}
		mount(t, p)
		html := app.HTMLString(p)
		if !regexp.MustCompile(`<option (value="link" selected|selected(="true")? value="link")`).MatchString(html) {
			t.Error("Link header is not the selected next page option")
		}
		for _, want := range []string{`id="pages-options"`, `id="max-pages"`, `value="20"`, `id="rate"`, `value="2.5"`, `id="per-host"`} {
			if !strings.Contains(html, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if strings.Contains(html, `id="next-jq"`) {
			t.Error("the jq box shows while Link header is chosen")
		}
	})
	t.Run("a jq rule travels in the link and the command; the page cap only with a rule", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		p := NewPage(Browser{Env: env})
		p.SetText("https://a.test/items")
		p.options.MaxPages = 7
		p.writeLink()
		if got := env.Fragment(); got != "u=https://a.test/items" {
			t.Fatalf("without a rule: fragment %q", got)
		}
		p.pages = pagesOptions{kind: nextJQ, jq: ".next"}
		p.writeLink()
		if got := env.Fragment(); got != "u=https://a.test/items&next=.next&max-pages=7" {
			t.Fatalf("fragment %q", got)
		}
		if got := p.command(); got != "fanin get -next .next -max-pages 7 https://a.test/items" {
			t.Fatalf("command %q", got)
		}
		p.pages.kind = nextNone
		if p.pages.spec() != "" || p.pages.jq != ".next" {
			t.Fatalf("choosing none lost the expression or kept the rule: %+v", p.pages)
		}
	})
	t.Run("a bad jq rule stops the run with a problem", func(t *testing.T) {
		p := NewPage(Browser{Fetcher: tableFetcher{}, Env: webenv.NewMemory("localhost", "")})
		p.SetText("https://a.test/items")
		p.pages = pagesOptions{kind: nextJQ, jq: ".next |"}
		p.Start(app.Context{})
		if p.run.ID != 0 || !strings.Contains(p.problem, "next page") {
			t.Fatalf("run %d, problem %q", p.run.ID, p.problem)
		}
	})
}

func TestBoardGroupsChains(t *testing.T) {
	p := NewPage(Browser{})
	a, b := "https://a.test/items", "https://b.test/items"
	l := p.run.StartChains([]string{a, b}, time.Now(), nil)
	done := func(chain, page int, url string) fanout.Result {
		return fanout.Result{URL: url, State: fanout.Done, Status: 200, Chain: chain, Page: page, ChainURL: []string{a, b}[chain], Data: []byte("[]")}
	}
	running := done(0, 3, a+"?page=3")
	running.State = fanout.Running
	last := done(1, 1, b)
	last.Note = "stopped at the page cap (1 pages); more follow from " + b + "?page=2"
	p.run.Apply(l.ID, []fanout.Result{done(0, 1, a), done(0, 2, a+"?page=2"), running, last}, time.Now())
	p.showBoard()
	mount(t, p)
	html := app.HTMLString(p)
	for _, want := range []string{
		`data-pages="3"`, a + " · 3 pages so far", `data-pages="1"`, b + " · 1 page<", `data-page="3"`, "page 2 · HTTP 200", "stopped at the page cap",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the board lacks %q", want)
		}
	}
	if n := strings.Count(html, `class="chain"`); n != 2 {
		t.Errorf("%d chain headings, want 2", n)
	}
}
