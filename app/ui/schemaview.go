package ui

import (
	"fmt"
	"strings"

	"fanin/app/table"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// schemaView shows what each column of the records holds: the JSON types
// seen with their counts, and in how many records and responses the column
// appears. A column with more than one type, or missing from some records,
// is marked: an API's inconsistencies at a glance.
type schemaView struct {
	app.Compo

	Schema []table.ColumnSchema // url first: its counts are every record and response
}

// types is a column's kinds as a person reads them: "number 120 · string 3".
func types(s table.ColumnSchema) string {
	parts := make([]string, len(s.Types))
	for i, t := range s.Types {
		parts[i] = fmt.Sprintf("%s %s", t.Kind, groupDigits(t.Count))
	}
	return strings.Join(parts, " · ")
}

func (c *schemaView) Render() app.UI {
	if len(c.Schema) == 0 {
		return app.Div()
	}
	records, responses := c.Schema[table.URLColumn].Records, c.Schema[table.URLColumn].Responses
	// a box that scrolls when there are many columns: focusable, so the
	// keyboard can scroll it too
	return app.Div().Class("schema").Role("region").Aria("labelledby", "table-schema-title").TabIndex(0).Body(
		app.P().ID("table-schema-title").Class("schema-title").Text("Schema: what each column holds"),
		app.Table().ID("table-schema").Aria("labelledby", "table-schema-title").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Column"),
				app.Th().Scope("col").Text("Types seen"),
				app.Th().Scope("col").Text("Records"),
				app.Th().Scope("col").Text("Responses"),
			)),
			app.TBody().Body(app.Range(c.Schema).Slice(func(i int) app.UI {
				s := c.Schema[i]
				mixed := len(s.Types) > 1
				partial := s.Records < records
				class := ""
				switch {
				case mixed && partial:
					class = "mixed partial"
				case mixed:
					class = "mixed"
				case partial:
					class = "partial"
				}
				return app.Tr().Class(class).DataSet("column", s.Name).Body(
					app.Th().Scope("row").Text(s.Name),
					app.Td().Class("types").Text(types(s)),
					app.Td().Class("count").Text(fmt.Sprintf("%s of %s", groupDigits(s.Records), groupDigits(records))),
					app.Td().Class("count").Text(fmt.Sprintf("%s of %s", groupDigits(s.Responses), groupDigits(responses))),
				)
			})),
		),
	)
}
