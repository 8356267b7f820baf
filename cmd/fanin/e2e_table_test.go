//go:build !(js && wasm)

package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"fanin/app/table"
	"fanin/internal/testbrowser"
	"fanin/internal/testserver"
)

const (
	tableHeaders = `Array.from(document.querySelectorAll("#result-table thead th")).map(th => th.textContent)`
	tableRows    = `document.querySelectorAll("#result-table tbody tr.rec").length`
	// the cells of the records in the DOM, row by row, as text
	tableCells = `Array.from(document.querySelectorAll("#result-table tbody tr.rec")).map(tr => Array.from(tr.cells).map(td => td.textContent))`
)

// TestTableEndToEnd runs records from several responses (arrays of them,
// an object, a failing URL, exact literals) in the page: the Table tab's
// columns and rows, sorting by a header and filtering, the Schema, and
// Download CSV, byte for byte what `fanin get -o csv` prints.
func TestTableEndToEnd(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")
	urls := []string{api.URL("/items/0/40"), api.URL("/status/500"), api.URL("/json/solo"), api.URL("/items/40/40"), api.URL("/exact")}
	setURLs(t, ctx, urls...)
	fetchAndWait(t, ctx)
	// the same table, made natively from the bodies the server sends
	want := table.Build([]table.Source{
		{URL: urls[0], Data: []byte(testserver.Items(0, 40))}, {URL: urls[1]},
		{URL: urls[2], Data: []byte(`{"name":"solo","big":12345678901234567890123}`)},
		{URL: urls[3], Data: []byte(testserver.Items(40, 40))}, {URL: urls[4], Data: []byte(testserver.Exact)},
	})
	cli := cliGet(t, append([]string{"-o", "csv"}, urls...)...)
	records, err := csv.NewReader(strings.NewReader(cli)).ReadAll()
	if err != nil {
		t.Fatalf("fanin get -o csv: %v\n%s", err, cli)
	}

	t.Run("the Table tab shows every record under the union of the keys", func(t *testing.T) {
		click(t, ctx, "#tab-table")
		waitFor(t, ctx, 30*time.Second, `document.querySelector("table#result-table") !== null`)
		if got := eval[[]string](t, ctx, tableHeaders); strings.Join(got, "|") != strings.Join(want.Columns(), "|") || strings.Join(got, "|") != strings.Join(records[0], "|") {
			t.Fatalf("headers %q\nwant %q\nthe CSV's %q", got, want.Columns(), records[0])
		}
		if n := eval[int](t, ctx, `Number(document.querySelector("#result-table").dataset.rows)`); n != want.Len() || n != 82 {
			t.Fatalf("%d records, want %d", n, want.Len())
		}
		cells := eval[[][]string](t, ctx, tableCells)
		if len(cells) == 0 || len(cells) > 100 {
			t.Fatalf("%d rows in the DOM", len(cells))
		}
		for i, row := range cells {
			if strings.Join(row, "|") != strings.Join(records[i+1], "|") {
				t.Fatalf("row %d: %q\nthe CSV's %q", i, row, records[i+1])
			}
		}
		if got := eval[string](t, ctx, `document.querySelector("#table-status").textContent`); got != fmt.Sprintf("82 records from 4 responses, %d columns", len(want.Columns())) {
			t.Errorf("status %q", got)
		}
	})
	price := -1
	for i, c := range want.Columns() {
		if c == "price" {
			price = i
		}
	}
	t.Run("a header sorts numbers exactly, ascending then descending", func(t *testing.T) {
		for _, desc := range []bool{false, true} {
			click(t, ctx, fmt.Sprintf(`#result-table th:nth-child(%d) button`, price+1))
			aria := map[bool]string{false: "ascending", true: "descending"}[desc]
			waitFor(t, ctx, 20*time.Second, fmt.Sprintf(`document.querySelector("#result-table th:nth-child(%d)").getAttribute("aria-sort") === %q`, price+1, aria))
			order := table.View(want, table.Order{Col: price, Desc: desc}, "")
			waitFor(t, ctx, 20*time.Second, fmt.Sprintf(`document.querySelector("#result-table tbody tr.rec td:nth-child(2)").textContent === %q`, want.Text(int(order[0]), 1)))
			cells := eval[[][]string](t, ctx, tableCells)
			for i, row := range cells {
				if got, w := row[1]+" "+row[price], want.Text(int(order[i]), 1)+" "+want.Text(int(order[i]), price); got != w {
					t.Fatalf("%s, row %d: id and price %q, want %q", aria, i, got, w)
				}
			}
		}
	})
	t.Run("the filter keeps the rows with the text in a cell", func(t *testing.T) {
		enter(t, ctx, "#table-filter", `"NO. 42"`)
		waitFor(t, ctx, 20*time.Second, `document.querySelector("#result-table").dataset.rows === "1"`)
		if cells := eval[[][]string](t, ctx, tableCells); len(cells) != 1 || cells[0][1] != "42" || cells[0][2] != `item 42, "no. 42"` {
			t.Fatalf("filtered rows %q", cells)
		}
		enter(t, ctx, "#table-filter", "")
		waitFor(t, ctx, 20*time.Second, `document.querySelector("#result-table").dataset.rows === "82"`)
	})
	t.Run("the Schema says each column's types and where it appears", func(t *testing.T) {
		click(t, ctx, "#show-schema")
		waitFor(t, ctx, 20*time.Second, `document.querySelector("table#table-schema") !== null`)
		rows := eval[[][]string](t, ctx, `Array.from(document.querySelectorAll("#table-schema tbody tr")).map(tr => Array.from(tr.cells).map(c => c.textContent))`)
		if len(rows) != len(want.Columns()) {
			t.Fatalf("%d schema rows for %d columns", len(rows), len(want.Columns()))
		}
		for i, s := range want.Schema() {
			if rows[i][0] != s.Name || rows[i][2] != fmt.Sprintf("%d of 82", s.Records) || rows[i][3] != fmt.Sprintf("%d of 4", s.Responses) {
				t.Errorf("schema row %q, want %s in %d records and %d responses", rows[i], s.Name, s.Records, s.Responses)
			}
		}
		var types []string
		for _, tc := range want.Schema()[price].Types {
			types = append(types, fmt.Sprintf("%s %d", tc.Kind, tc.Count))
		}
		if got := strings.Join(types, " · "); rows[price][1] != got || len(types) != 2 {
			t.Errorf("price's types %q, want %q", rows[price][1], got)
		}
		if !eval[bool](t, ctx, `document.querySelector('#table-schema tr[data-column="price"]').classList.contains("mixed")`) {
			t.Error("a column of two types is not marked")
		}
	})
	t.Run("Download CSV saves what fanin get -o csv prints", func(t *testing.T) {
		dir := allowDownloads(t, ctx)
		name, body := download(t, ctx, dir, "#download-csv")
		wantDated(t, name, ".csv")
		if string(body) != cli {
			t.Fatalf("the page saved %d bytes, fanin get -o csv printed %d:\n%.400s\nvs\n%.400s", len(body), len(cli), body, cli)
		}
		for _, lit := range []string{"12345678901234567890123", `"[-0,1E400,12345678901234567890123,0.1000000000000000055511151231257827]"`, `"item 40, ""no. 40"""`} {
			if !strings.Contains(cli, lit) {
				t.Errorf("the CSV lost %s", lit)
			}
		}
	})
	t.Run("axe finds no serious or critical problem in the Table and Schema", func(t *testing.T) {
		violations, err := testbrowser.Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Errorf("axe: %+v", v)
		}
	})
	t.Run("the picture: the Table sorted by price, with the Schema", func(t *testing.T) {
		click(t, ctx, fmt.Sprintf(`#result-table th:nth-child(%d) button`, price+1))
		waitFor(t, ctx, 20*time.Second, fmt.Sprintf(`document.querySelector("#result-table th:nth-child(%d)").getAttribute("aria-sort") === "ascending"`, price+1))
		eval[bool](t, ctx, `(() => { document.querySelector("#panel-table").scrollIntoView(); return true })()`)
		screenshot(t, ctx, "page-table.png")
	})
}

// TestTable100kRecords opens 100,000 records in the Table tab: only a
// window of rows is in the DOM, and scrolling to the middle shows the
// records there.
func TestTable100kRecords(t *testing.T) {
	api := testserver.Start()
	t.Cleanup(api.Close)
	base := startFanin(t)
	ctx := testbrowser.New(t)
	openPage(t, ctx, base+"/")
	setURLs(t, ctx, api.URL("/items/0/50000"), api.URL("/items/50000/50000"))
	next := currentRun(t, ctx) + 1
	click(t, ctx, "button#fetch")
	waitFor(t, ctx, 120*time.Second, fmt.Sprintf(`document.querySelector('main[data-state="done"][data-run="%d"]') !== null`, next))
	click(t, ctx, "#tab-table")
	waitFor(t, ctx, 120*time.Second, `(document.querySelector("#result-table") || {dataset: {}}).dataset.rows === "100000"`)
	if n := eval[int](t, ctx, tableRows); n == 0 || n > 150 {
		t.Fatalf("%d rows in the DOM for 100,000 records", n)
	}
	// the middle: the spacers above stand for the rows scrolled past
	eval[bool](t, ctx, `(() => { const s = document.querySelector("#table-scroll"); s.scrollTop = s.scrollHeight / 2; s.dispatchEvent(new Event("scroll")); return true })()`)
	waitFor(t, ctx, 20*time.Second, `(() => { const ids = Array.from(document.querySelectorAll("#result-table tbody tr.rec td:nth-child(2)")).map(td => Number(td.textContent)); return ids.length > 0 && ids[0] > 45000 && ids[0] < 50000 && ids.includes(50000) })()`)
	// the row under the middle of the box is the one its position says
	got := eval[string](t, ctx, `(() => { const s = document.querySelector("#table-scroll"); const r = s.getBoundingClientRect();
		const el = document.elementFromPoint(r.left + 300, r.top + r.height / 2); return el.closest("tr").cells[1].textContent })()`)
	var id int
	if _, err := fmt.Sscan(got, &id); err != nil || id < 49_900 || id > 50_100 {
		t.Fatalf("the row in the middle of the box is record %q, want about 50,000", got)
	}
}
