package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestLinks(t *testing.T) {
	t.Run("a link fills the box and the options", func(t *testing.T) {
		env := webenv.NewMemory("fanin.example.org", "u=https://a.test/1&u=https://a.test/items%3Fp%3D%5B1-3%5D&merge=object&c=8&timeout=20s&jq=.%5B0%5D")
		p := NewPage(Browser{Env: env})
		p.readLink(app.Context{}, false)
		if p.plan.Text != "https://a.test/1\nhttps://a.test/items?p=[1-3]" || p.run.Mode != combine.Object || p.options.Concurrency != 8 ||
			p.options.Timeout != 20*time.Second || p.jqExpr != ".[0]" || p.plan.Total != 4 {
			t.Fatalf("got text %q mode %s options %+v jq %q total %d", p.plan.Text, p.run.Mode, p.options, p.jqExpr, p.plan.Total)
		}
		if !strings.HasPrefix(p.link.url, "http://fanin.example.org/#u=") {
			t.Fatalf("got link %q", p.link.url)
		}
	})
	t.Run("what a link cannot carry is named, the rest is kept", func(t *testing.T) {
		p := NewPage(Browser{Env: webenv.NewMemory("localhost", "u=javascript:alert(1)&u=https://a.test/ok")})
		p.readLink(app.Context{}, false)
		if p.plan.Text != "https://a.test/ok" || len(p.notes) != 1 || !strings.Contains(p.notes[0], "From the link") {
			t.Fatalf("got text %q notes %q", p.plan.Text, p.notes)
		}
	})
	t.Run("an unreadable link leaves the list alone and says so", func(t *testing.T) {
		p := NewPage(Browser{Env: webenv.NewMemory("localhost", "z=9garbage")})
		p.SetText("https://a.test/mine")
		p.readLink(app.Context{}, false)
		if p.plan.Text != "https://a.test/mine" || !strings.Contains(p.problem, "could not be read") {
			t.Fatalf("got text %q problem %q", p.plan.Text, p.problem)
		}
	})
	t.Run("an ordinary anchor is not a link to read", func(t *testing.T) {
		p := NewPage(Browser{Env: webenv.NewMemory("localhost", "usage")})
		p.SetText("https://a.test/mine")
		p.readLink(app.Context{}, false)
		if p.plan.Text != "https://a.test/mine" || p.problem != "" || len(p.notes) != 0 {
			t.Fatalf("got text %q problem %q notes %q", p.plan.Text, p.problem, p.notes)
		}
	})
	t.Run("run=1 from a public page asks before reaching into the local network", func(t *testing.T) {
		p := NewPage(Browser{Fetcher: tableFetcher{}, Env: webenv.NewMemory("fanin.example.org", "u=http://192.168.1.1/&u=https://a.test/&run=1")})
		p.readLink(app.Context{}, true)
		if p.run.ID != 0 || len(p.confirm) != 1 || p.confirm[0] != "http://192.168.1.1/" {
			t.Fatalf("got %d runs, confirm %q", p.run.ID, p.confirm)
		}
		mount(t, p)
		if html := app.HTMLString(p); !strings.Contains(html, "http://192.168.1.1/</li>") || !strings.Contains(html, `id="confirm-run"`) {
			t.Fatalf("the confirmation is missing:\n%s", html)
		}
	})
	t.Run("run=1 from a loopback page asks too, for loopback and private-by-name URLs", func(t *testing.T) {
		p := NewPage(Browser{Fetcher: tableFetcher{}, Env: webenv.NewMemory("127.0.0.1", "u=http://127.0.0.1:9/&u=http://router/&u=https://a.test/&run=1")})
		p.readLink(app.Context{}, true)
		if p.run.ID != 0 || len(p.confirm) != 2 || p.confirm[0] != "http://127.0.0.1:9/" || p.confirm[1] != "http://router/" {
			t.Fatalf("got %d runs, confirm %q", p.run.ID, p.confirm)
		}
	})
	t.Run("a link over the cap of one list says why and starts nothing", func(t *testing.T) {
		var b strings.Builder
		for i := range 20_000 {
			fmt.Fprintf(&b, "u=https://a.test/%d&", i)
		}
		p := NewPage(Browser{Fetcher: tableFetcher{}, Env: webenv.NewMemory("fanin.example.org", b.String()+"run=1")})
		p.SetText("https://a.test/mine")
		p.readLink(app.Context{}, true)
		if p.run.ID != 0 || p.plan.Text != "https://a.test/mine" || !strings.Contains(p.problem, "asks for 20000 URLs; at most 10000") {
			t.Fatalf("got %d runs, text %q, problem %q", p.run.ID, p.plan.Text, p.problem)
		}
	})
	t.Run("editing writes the state back into the fragment", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		p := NewPage(Browser{Env: env})
		p.SetText("https://a.test/[1-50]")
		p.run.SetMode(combine.Envelope)
		p.writeLink()
		if got := env.Fragment(); got != "u=https://a.test/%5B1-50%5D&merge=envelope" {
			t.Fatalf("got fragment %q", got)
		}
		p.readLink(app.Context{}, true) // its own fragment: nothing to do
		if p.run.ID != 0 || p.problem != "" {
			t.Fatalf("reading its own fragment changed the page")
		}
	})
	t.Run("recent lists keep the last 20, newest first, without repeats", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		var lists []string
		for i := range 25 {
			lists = rememberRecent(env, lists, fmt.Sprintf("https://a.test/%d", i))
		}
		lists = rememberRecent(env, lists, "https://a.test/10")
		got := loadRecent(env)
		if len(got) != 20 || got[0] != "https://a.test/10" || got[1] != "https://a.test/24" || strings.Count(strings.Join(got, " "), "https://a.test/10 ") > 1 {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("recent lists are stored so that go-app's JSON scan of localStorage stops at once", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		lists := rememberRecent(env, nil, "https://a.test/1\nhttps://a.test/2")
		lists = rememberRecent(env, lists, `https://b.test/"quoted"\\`)
		raw, _ := env.Load(recentKey)
		var state struct{ Value json.RawMessage }
		var syntax *json.SyntaxError
		if err := json.Unmarshal([]byte(raw), &state); !errors.As(err, &syntax) || syntax.Offset > 1 {
			t.Fatalf("the stored lists %q: json.Unmarshal gave %v, want a syntax error at the first byte", raw, err)
		}
		if got := loadRecent(env); !slices.Equal(got, lists) || len(got) != 2 {
			t.Fatalf("read back %q, want %q", got, lists)
		}
	})
	t.Run("recent lists stored as JSON before are read, and a list with a record separator is not kept", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		if err := env.Store(recentKey, `["https://old.test/1\nhttps://old.test/2","https://old.test/\u001e"]`); err != nil {
			t.Fatal(err)
		}
		if got := loadRecent(env); len(got) != 2 || got[0] != "https://old.test/1\nhttps://old.test/2" {
			t.Fatalf("old format read as %q", got)
		}
		lists := rememberRecent(env, loadRecent(env), "https://new.test/a")
		lists = rememberRecent(env, lists, "https://new.test/\x1e")
		want := []string{"https://new.test/a", "https://old.test/1\nhttps://old.test/2"}
		if got := loadRecent(env); !slices.Equal(got, want) || !slices.Equal(lists, want) {
			t.Fatalf("got %q (in memory %q), want %q", got, lists, want)
		}
	})
	t.Run("a list is labelled by its first line and how many more it has", func(t *testing.T) {
		for text, want := range map[string]string{
			"https://a.test/1": "https://a.test/1",
			"  https://a.test/1  \nhttps://a.test/2\nhttps://a.test/3": "https://a.test/1 (+2 more lines)",
		} {
			if got := recentLabel(text); got != want {
				t.Errorf("recentLabel(%q) = %q, want %q", text, got, want)
			}
		}
	})
}

// rememberRecent is what a run does with its list: first in the recent
// lists, which are stored.
func rememberRecent(env webenv.Env, lists []string, text string) []string {
	lists = withRecent(lists, text)
	storeRecent(env, lists)
	return lists
}
