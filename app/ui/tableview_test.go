package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"fanin/app/combine"
	"fanin/app/fanout"
	"fanin/app/pace"
	"fanin/app/table"
	"fanin/app/webenv"
	"fanin/internal/testserver"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// itemResults are n responses of per records each (testserver.Items).
func itemResults(n, per int) []fanout.Result {
	out := make([]fanout.Result, n)
	for i := range out {
		out[i] = okResult(i, fmt.Sprintf("https://api.test/items/%d", i), testserver.Items(i*per, per))
	}
	return out
}

// readTable mounts a table view of results, shown, and lets it read them.
func readTable(t *testing.T, env webenv.Env, results ...fanout.Result) (*tableView, app.Context, app.TestEngine) {
	t.Helper()
	ctx, e := liveContext(t)
	c := &tableView{Result: resultOf(t, combine.Array, results...), Pacer: pace.New(nil, nil), Env: env, Visible: true}
	c.sync()
	c.read(ctx)
	e.ConsumeAll() // the table, then (started from its dispatch) the first view
	e.ConsumeAll()
	if c.table == nil || c.rows == nil {
		t.Fatalf("not read: %d %%", c.built)
	}
	return c, ctx, e
}

var headerText = regexp.MustCompile(`<th[^>]*aria-sort="([a-z]+)"[^>]*>\s*<button[^>]*>([^<]*)</button>`)

// headers are the grid's column names and their aria-sort.
func headers(t *testing.T, c *tableGrid) (names, sorts []string) {
	t.Helper()
	for _, m := range headerText.FindAllStringSubmatch(app.HTMLString(c), -1) {
		sorts, names = append(sorts, m[1]), append(names, m[2])
	}
	return names, sorts
}

func grid(c *tableView) *tableGrid {
	return &tableGrid{Table: c.table, Rows: c.rows, View: c.views, Order: c.order, OnSort: c.sortBy}
}

func TestTableView(t *testing.T) {
	t.Run("it reads nothing until its tab is shown", func(t *testing.T) {
		ctx, e := liveContext(t)
		c := &tableView{Result: resultOf(t, combine.Array, itemResults(2, 3)...), Pacer: pace.New(nil, nil)}
		c.sync()
		c.read(ctx)
		e.ConsumeAll()
		if c.table != nil || c.Result.TableProgress() != 0 {
			t.Fatal("the table was read with its tab hidden")
		}
	})
	t.Run("100,000 records: the columns, and only a window of rows in the DOM", func(t *testing.T) {
		c, _, _ := readTable(t, nil, itemResults(4, 25_000)...)
		g := grid(c)
		names, sorts := headers(t, g)
		if want := "url id name price meta.color meta.size tags sale"; strings.Join(names, " ") != want {
			t.Fatalf("headers %q, want %s", names, want)
		}
		if strings.Join(sorts, " ") != "none none none none none none none none" {
			t.Fatalf("aria-sort %q", sorts)
		}
		html := app.HTMLString(g)
		if n := strings.Count(html, `class="rec"`); n == 0 || n > 100 {
			t.Fatalf("%d record rows in the DOM for 100,000", n)
		}
		if !strings.Contains(html, `data-rows="100000"`) || !strings.Contains(app.HTMLString(c), "100,000 records from 4 responses, 8 columns") {
			t.Fatalf("counts: %.400s", app.HTMLString(c))
		}
		// scrolled to the middle: the window follows, the spacers make up the rest
		g.scrolled(50_000)
		rows, above, below := g.window()
		sum := func(s []int) (n int) {
			for _, b := range s {
				n += 1 << b
			}
			return n
		}
		if sum(above)+len(rows)+sum(below) != 100_000 || sum(above) > 50_000 || sum(above)+len(rows) < 50_000 {
			t.Fatalf("window at %d: %d above, %d rows, %d below", g.first, sum(above), len(rows), sum(below))
		}
	})
	t.Run("a header sorts exactly, ascending then descending; the filter keeps matching rows", func(t *testing.T) {
		results := []fanout.Result{
			okResult(0, "https://a.test/", `[{"n": 10, "s": "b"}, {"n": 9007199254740993}, {"n": 9007199254740992, "s": "B"}]`),
			failedResult(1, "https://a.test/down"),
			okResult(2, "https://c.test/", `{"n": 1E400, "s": "a, \"quoted\""}`),
		}
		c, ctx, e := readTable(t, nil, results...)
		col := func(col int) []string {
			var out []string
			for _, r := range c.rows {
				out = append(out, c.table.Text(int(r), col))
			}
			return strings.Split(strings.Join(out, "|"), "|")
		}
		c.sortBy(ctx, 1)
		e.ConsumeAll()
		if got := strings.Join(col(1), " "); got != "10 9007199254740992 9007199254740993 1E400" {
			t.Fatalf("n ascending: %s", got)
		}
		if _, sorts := headers(t, grid(c)); sorts[1] != "ascending" || sorts[0] != "none" {
			t.Fatalf("aria-sort %q", sorts)
		}
		c.sortBy(ctx, 1)
		e.ConsumeAll()
		if got := strings.Join(col(1), " "); got != "1E400 9007199254740993 9007199254740992 10" {
			t.Fatalf("n descending: %s", got)
		}
		if _, sorts := headers(t, grid(c)); sorts[1] != "descending" {
			t.Fatalf("aria-sort %q", sorts)
		}
		c.filter = "QUOTED"
		c.view(ctx)
		e.ConsumeAll()
		if got := col(2); len(got) != 1 || got[0] != `a, "quoted"` || !strings.Contains(c.summary(), "1 of 4 records") {
			t.Fatalf("filtered: %q, %s", got, c.summary())
		}
	})
	t.Run("Download CSV saves the result's CSV; Schema shows each column's types", func(t *testing.T) {
		env := webenv.NewMemory("fanin.test", "")
		c, _, _ := readTable(t, env, itemResults(3, 7)...)
		c.onDownloadCSV(app.Context{}, app.Event{})
		want, err := c.result.CSV()
		if err != nil {
			t.Fatal(err)
		}
		got, ok := env.Downloaded("fanin-" + time.Now().Format("2006-01-02") + ".csv")
		if !ok || string(got) != string(want) || !strings.HasPrefix(string(got), "url,id,name,price,meta.color,meta.size,tags,sale\n") {
			t.Fatalf("saved %v: %.200s", ok, got)
		}
		c.onToggleSchema(app.Context{}, app.Event{})
		html := app.HTMLString(&schemaView{Schema: c.schema})
		for _, want := range []string{`id="table-schema"`, `data-column="price"`, "string 3 · number 18", "21 of 21", `class="mixed"`, "sale", "6 of 21", "3 of 3"} {
			if !strings.Contains(html, want) {
				t.Fatalf("schema lacks %q:\n%s", want, html)
			}
		}
		if c.schema[3].Name != "price" || len(c.schema[3].Types) != 2 || c.schema[3].Types[0].Kind != table.String {
			t.Fatalf("price: %+v", c.schema[3])
		}
	})
}

func TestTableGridKeepsItsPlaceUntilANewView(t *testing.T) {
	ctx, _ := liveContext(t)
	g := &tableGrid{Rows: make([]int32, 1000), View: 1}
	g.OnInit()
	g.scrolled(500)
	g.OnUpdate(ctx) // the parent re-rendered, the view is the same
	if g.first != 480 || g.top != 500 {
		t.Fatalf("an update with the same view moved the window to %d (top %d)", g.first, g.top)
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}
