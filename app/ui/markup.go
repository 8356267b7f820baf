package ui

import (
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// markup writes HTML for app.Raw, for the parts of the page that have many
// elements and no handlers: the board's rows and the waterfall's bars.
//
// Why not go-app elements there: go-app mounts each element, attribute and
// text with its own call into JavaScript, through reflection and a
// finalizer per value. Profiled on 100 URLs (bench -profile), mounting and
// updating the board's rows took 250 ms of the page's 660 ms on the main
// thread, about 1.4 ms a row, and that time delayed the next requests and
// the result. One app.Raw is one innerHTML: the browser's own parser builds
// the rows, and an unchanged list is skipped by comparing one string.
//
// Element and attribute names are constants in this package's code; every
// text and attribute value goes through html.EscapeString, and attribute
// values are always double-quoted, so no value can open a tag or an
// attribute.
type markup struct{ b strings.Builder }

// open writes a start tag; attrs are name, value pairs.
func (m *markup) open(tag string, attrs ...string) {
	m.b.WriteByte('<')
	m.b.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		m.b.WriteByte(' ')
		m.b.WriteString(attrs[i])
		m.b.WriteString(`="`)
		m.b.WriteString(html.EscapeString(attrs[i+1]))
		m.b.WriteByte('"')
	}
	m.b.WriteByte('>')
}

// text writes s as text.
func (m *markup) text(s string) { m.b.WriteString(html.EscapeString(s)) }

// close writes an end tag.
func (m *markup) close(tag string) {
	m.b.WriteString("</")
	m.b.WriteString(tag)
	m.b.WriteByte('>')
}

// elem writes a whole element holding text.
func (m *markup) elem(tag, text string, attrs ...string) {
	m.open(tag, attrs...)
	m.text(text)
	m.close(tag)
}

// ui is the markup written so far, as one go-app element. It must hold
// exactly one root element.
func (m *markup) ui() app.UI { return app.Raw(m.b.String()) }

func itoa(n int) string { return strconv.Itoa(n) }
