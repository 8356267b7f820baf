package ui

import (
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Theme is the page's colour scheme.
type Theme string

const (
	ThemeSystem Theme = "system" // follow prefers-color-scheme
	ThemeLight  Theme = "light"
	ThemeDark   Theme = "dark"
)

// themeKey is where the choice is kept in localStorage.
const themeKey = "fanin.theme"

// themeToggle lets the user override the system's light or dark scheme.
// The choice is set on <html data-theme> and kept in localStorage.
type themeToggle struct {
	app.Compo

	Value Theme

	env   webenv.Env
	apply func(Theme) error
}

func newThemeToggle(env webenv.Env) *themeToggle {
	return &themeToggle{Value: ThemeSystem, env: env, apply: func(t Theme) error { return env.SetTheme(string(t)) }}
}

// loadTheme reads the stored choice; anything unknown is ThemeSystem.
func loadTheme(env webenv.Env) Theme {
	if env == nil {
		return ThemeSystem
	}
	v, _ := env.Load(themeKey)
	switch t := Theme(v); t {
	case ThemeLight, ThemeDark:
		return t
	}
	return ThemeSystem
}

// OnMount runs in the browser only: the server pre-renders the system theme.
func (c *themeToggle) OnMount(ctx app.Context) {
	c.Value = loadTheme(c.env)
	_ = c.apply(c.Value) // without a document there is nothing to theme
}

func (c *themeToggle) Render() app.UI {
	return app.FieldSet().ID("theme").Class("segmented", "theme").Body(
		app.Legend().Text("Theme"),
		c.option(ThemeSystem, "System"),
		c.option(ThemeLight, "Light"),
		c.option(ThemeDark, "Dark"),
	)
}

func (c *themeToggle) option(t Theme, label string) app.UI {
	id := "theme-" + string(t)
	return app.Span().Body(
		checkedIf(app.Input().Type("radio").ID(id).Name("theme").Value(string(t)).
			OnChange(c.choose(t)), c.Value == t),
		app.Label().For(id).Text(label),
	)
}

func (c *themeToggle) choose(t Theme) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.set(t) }
}

func (c *themeToggle) set(t Theme) {
	c.Value = t
	_ = c.apply(t)
	if c.env == nil {
		return
	}
	if t == ThemeSystem {
		c.env.Remove(themeKey)
	} else {
		_ = c.env.Store(themeKey, string(t)) // a full storage only forgets the choice
	}
}
