package netscope

// RedirectedInward tells whether a response asked of requested but
// served from final (after redirects) left public space for this machine
// or a private network: a public name must not lead a run where the user
// was never asked to let it go. A final URL that cannot be read counts as
// inward.
func RedirectedInward(hostname HostnameFunc, requested, final string) (Scope, bool) {
	if final == "" || final == requested || OfURLBy(hostname, requested) != Public {
		return Public, false
	}
	scope := OfURLBy(hostname, final)
	return scope, scope != Public
}
