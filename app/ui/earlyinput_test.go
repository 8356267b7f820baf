package ui

import (
	"strings"
	"testing"

	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestEarlyInput(t *testing.T) {
	t.Run("text typed into the pre-rendered box before mount is kept", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "")
		const typed = "https://typed.test/a\nhttps://typed.test/b"
		env.SetBox("urls", typed)
		p := NewPage(Browser{Env: env})
		ctx, e := liveContext(t)
		p.OnMount(ctx)
		e.ConsumeAll()
		if p.plan.Text != typed || p.plan.Total != 2 {
			t.Fatalf("after mount the box holds %q (%d URLs), want %q", p.plan.Text, p.plan.Total, typed)
		}
	})
	t.Run("an untouched box leaves a shared link's list alone", func(t *testing.T) {
		env := webenv.NewMemory("localhost", "u=https%3A%2F%2Flink.test%2F")
		p := NewPage(Browser{Env: env})
		ctx, e := liveContext(t)
		p.OnMount(ctx)
		e.ConsumeAll()
		if p.plan.Text != "https://link.test/" {
			t.Fatalf("got box %q, want the link's list", p.plan.Text)
		}
	})
	t.Run("Fetch is disabled and says Loading… until the page is ready", func(t *testing.T) {
		p := NewPage(Browser{})
		mount(t, p)
		html := app.HTMLString(p)
		if tag := tagWith(html, "button", `id="fetch"`); !strings.Contains(tag, "disabled") || !strings.Contains(html, tag+"Loading…</button>") {
			t.Fatalf("before mount: got %s", tag)
		}
		p.ready = true
		html = app.HTMLString(p.Render())
		if tag := tagWith(html, "button", `id="fetch"`); strings.Contains(tag, "disabled") || !strings.Contains(html, tag+"Fetch</button>") {
			t.Fatalf("once ready: got %s", tag)
		}
	})
}
