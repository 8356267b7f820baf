package ui

import (
	"strings"
	"testing"

	"fanin/app/jsontree"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// rowFor indexes doc and returns the row of its first top-level child.
func rowFor(t *testing.T, doc string) *treeRow {
	t.Helper()
	tree, err := jsontree.Index([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	id := tree.Child(tree.Root(), 0)
	return newTreeRow(tree, jsontree.Row{ID: id, Depth: 1}, jsontree.DefaultPage)
}

func TestTreeRow(t *testing.T) {
	t.Parallel()
	t.Run("markup in string values is text, never HTML", func(t *testing.T) {
		for _, s := range []string{`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`} {
			row := rowFor(t, `{"x": "`+strings.ReplaceAll(s, `"`, `\"`)+`"}`)
			mount(t, row)
			if err := app.Match(app.Text(s), row, 0, 2, 0); err != nil {
				t.Errorf("%s: %v", s, err)
			}
			html := app.HTMLString(row)
			if strings.Contains(html, "<script") || strings.Contains(html, "<img") {
				t.Errorf("%s reached the page as markup: %s", s, html)
			}
		}
	})
	t.Run("only http and https strings become links, opened safely", func(t *testing.T) {
		cases := map[string]bool{
			"https://a.test/x?y=1":    true,
			"http://a.test/":          true,
			"javascript:alert(1)":     false,
			"data:text/html,<b>x</b>": false,
			"ftp://a.test/f":          false,
			"//a.test/relative":       false,
		}
		for s, link := range cases {
			row := rowFor(t, `["`+s+`"]`)
			html := app.HTMLString(row)
			got := strings.Contains(html, "<a ")
			if got != link {
				t.Errorf("%s: got link %v, want %v: %s", s, got, link, html)
			}
			if link && !strings.Contains(html, `rel="noopener noreferrer"`) {
				t.Errorf("%s: link without rel=noopener noreferrer: %s", s, html)
			}
		}
	})
	t.Run("numbers show exactly as sent", func(t *testing.T) {
		for _, n := range []string{"1E400", "12345678901234567890123", "-0", "0.1000000000000000055511151231257827"} {
			if got := rowFor(t, "["+n+"]").Value; got != n {
				t.Errorf("got %s, want %s", got, n)
			}
		}
	})
	t.Run("keys, indexes and container summaries", func(t *testing.T) {
		row := rowFor(t, `{"a b": [1, 2, 3]}`)
		if row.Key != "a b" || row.IsIndex || row.Value != "3 items" || !row.Container {
			t.Fatalf("got %+v", row)
		}
		row = rowFor(t, `[{"k": 1}]`)
		if row.Key != "[0]" || !row.IsIndex || row.Value != "1 key" {
			t.Fatalf("got %+v", row)
		}
	})
	t.Run("a long string shows a prefix", func(t *testing.T) {
		row := rowFor(t, `["`+strings.Repeat("é", 10000)+`"]`)
		if n := len([]rune(row.Value)); n > maxShown+1 || !strings.HasSuffix(row.Value, "…") {
			t.Fatalf("got %d runes", n)
		}
	})
	t.Run("rows are indented by depth with a clamped class", func(t *testing.T) {
		row := &treeRow{Depth: 45, Kind: "null", Value: "null"}
		if !strings.Contains(row.class(), "depth-20") {
			t.Fatalf("got %s", row.class())
		}
	})
}
