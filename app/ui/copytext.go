package ui

import (
	"fanin/app/webenv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// copyText copies text from inside a click handler (browsers want the
// gesture) and reports the outcome in *status once the browser answers.
func copyText(ctx app.Context, env webenv.Env, text, what string, status *string) {
	if env == nil {
		return
	}
	wait := env.CopyText(text)
	*status = "Copying…"
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				*status = what + " not copied: " + err.Error()
				return
			}
			*status = what + " copied."
		})
	})
}
