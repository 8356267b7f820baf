package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// fetchButton is button#fetch. Until the wasm has mounted the page (as
// the server pre-renders it, and while a cold visit loads the wasm) it is
// disabled and says so: a click then would do nothing.
func fetchButton(ready, running bool, onClick app.EventHandler) app.UI {
	label := "Fetch"
	if !ready {
		label = "Loading…"
	}
	return disabledIf(app.Button().ID("fetch").Class("primary").OnClick(onClick), running || !ready).Text(label)
}
