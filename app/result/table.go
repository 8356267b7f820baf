package result

import (
	"bytes"

	"fanin/app/table"
)

// tabling is the result's table, made on first use like the jq runner.
type tabling struct {
	builder *table.Builder
}

// sources are the responses as the table reads them: a failed URL gives no
// records.
func (r *Result) sources() []table.Source {
	out := make([]table.Source, len(r.Results))
	for i, res := range r.Results {
		out[i].URL = res.URL
		if res.OK() {
			out[i].Data = res.Data
		}
	}
	return out
}

// StepTable reads about budget more tokens of the responses into the
// result's table (see app/table) and reports whether it is done: the page
// calls it through its pacer, so 100,000 records never hold the page.
func (r *Result) StepTable(budget int) bool {
	r.tmu.Lock()
	defer r.tmu.Unlock()
	if r.tab.builder == nil {
		r.tab.builder = table.NewBuilder(r.sources())
	}
	return r.tab.builder.Step(budget)
}

// TableProgress is how far the table is, from 0 to 1.
func (r *Result) TableProgress() float64 {
	r.tmu.Lock()
	defer r.tmu.Unlock()
	if r.tab.builder == nil {
		return 0
	}
	return r.tab.builder.Progress()
}

// Table is the result's table, finished in one go if it is not yet.
func (r *Result) Table() *table.Table {
	for !r.StepTable(1 << 20) {
	}
	r.tmu.Lock()
	defer r.tmu.Unlock()
	return r.tab.builder.Table()
}

// CSV is the table as CSV (table.WriteCSV): the page's Download CSV and
// fanin get -o csv.
func (r *Result) CSV() ([]byte, error) {
	var b bytes.Buffer
	if err := table.WriteCSV(&b, r.Table()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
