package ui

import (
	"fmt"
	"strings"
	"testing"

	"fanin/app/urllist"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestURLNotes(t *testing.T) {
	t.Parallel()
	t.Run("a list far past the cap names the first lines and counts the rest", func(t *testing.T) {
		var lines []string
		for i := range urllist.MaxURLs + 500 {
			lines = append(lines, fmt.Sprintf("https://a.test/%d", i))
		}
		list := urllist.Parse(strings.Join(lines, "\n"))
		html := app.HTMLString(&urlNotes{Count: list.Total(), Lines: len(list.Entries), Invalid: list.Invalid()})
		if n := strings.Count(html, "past the limit of 10000 URLs"); n != maxNotesShown {
			t.Fatalf("%d lines named, want %d", n, maxNotesShown)
		}
		if !strings.Contains(html, "… and 400 more lines that will not be fetched.") {
			t.Fatalf("the rest are not counted:\n%.2000s", html)
		}
	})
}
