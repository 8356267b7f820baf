package ui

import (
	"testing"

	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestThemeToggle(t *testing.T) {
	t.Parallel()
	newToggle := func(env webenv.Env) (*themeToggle, *[]Theme) {
		var applied []Theme
		c := newThemeToggle(env)
		c.apply = func(th Theme) error { applied = append(applied, th); return nil }
		return c, &applied
	}
	t.Run("a new toggle follows the system", func(t *testing.T) {
		t.Parallel()
		c, _ := newToggle(webenv.NewMemory("localhost", ""))
		mount(t, c)
		if err := app.Match(app.Input().Type("radio").ID("theme-system").Name("theme").Value("system").Checked(true).
			OnChange(func(app.Context, app.Event) {}), c, 0, 1, 0); err != nil {
			t.Error(err)
		}
	})
	t.Run("a choice is applied and stored, and system forgets it", func(t *testing.T) {
		t.Parallel()
		env := webenv.NewMemory("localhost", "")
		c, applied := newToggle(env)
		c.choose(ThemeDark)(app.Context{}, app.Event{})
		if v, _ := env.Load(themeKey); v != "dark" || c.Value != ThemeDark {
			t.Errorf("got stored %q and Value %q, want dark", v, c.Value)
		}
		c.set(ThemeSystem)
		if v, ok := env.Load(themeKey); ok {
			t.Errorf("got %q stored, want nothing", v)
		}
		if want := []Theme{ThemeDark, ThemeSystem}; len(*applied) != 2 || (*applied)[0] != want[0] || (*applied)[1] != want[1] {
			t.Errorf("applied %v, want %v", *applied, want)
		}
	})
	t.Run("mounting in the browser restores the stored choice", func(t *testing.T) {
		t.Parallel()
		env := webenv.NewMemory("localhost", "")
		_ = env.Store(themeKey, "light")
		c, applied := newToggle(env)
		c.OnMount(app.Context{})
		if c.Value != ThemeLight || len(*applied) != 1 || (*applied)[0] != ThemeLight {
			t.Errorf("got Value %q, applied %v; want light", c.Value, *applied)
		}
	})
	t.Run("a stored value that is no theme means system", func(t *testing.T) {
		t.Parallel()
		env := webenv.NewMemory("localhost", "")
		_ = env.Store(themeKey, "<blink>")
		if got := loadTheme(env); got != ThemeSystem {
			t.Errorf("got %q", got)
		}
		if got := loadTheme(nil); got != ThemeSystem {
			t.Errorf("without storage got %q", got)
		}
	})
}
