package proxy

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Error kinds in the JSON body of every non-proxied answer. The page tells a
// policy refusal from an upstream failure by them.
const (
	KindRefused  = "proxy-refused"  // 403 or 405: the request breaks the policy
	KindUpstream = "proxy-upstream" // 502 or 504: the upstream failed or misbehaved
	KindLimited  = "proxy-limited"  // 429 or 503: rate limit or upstream cap; retry later
)

// Reasons are stable, machine-readable words for why a request was refused
// or failed; the message says the same for people.
const (
	ReasonMethod       = "method"
	ReasonHostHeader   = "host-header"
	ReasonCrossOrigin  = "cross-origin"
	ReasonLoop         = "loop"
	ReasonURLMissing   = "url-missing"
	ReasonURLTooLong   = "url-too-long"
	ReasonURLChars     = "url-characters"
	ReasonURLScheme    = "url-scheme"
	ReasonURLUserinfo  = "url-userinfo"
	ReasonURLFragment  = "url-fragment"
	ReasonURLMalformed = "url-malformed"
	ReasonURLHost      = "url-host"
	ReasonHostNumeric  = "host-numeric"
	ReasonLocalhost    = "host-localhost"
	ReasonSingleLabel  = "host-single-label"
	ReasonPort         = "port"
	ReasonAddress      = "address"
	ReasonRedirects    = "redirect-limit"

	ReasonRate     = "rate"
	ReasonClients  = "clients"
	ReasonBusy     = "busy"
	ReasonTimeout  = "timeout"
	ReasonTooLarge = "too-large"
	ReasonEncoding = "encoding"
	ReasonNetwork  = "network"
)

// refusal is a request the policy does not permit. It travels through
// net/http's error wrapping from the dialer and CheckRedirect, so the
// handler can tell it from an upstream failure with errors.As.
//
// A refusal made at dial time describes the server's network (what a name
// resolves to): its client message is generic and the detail goes to the
// server's log only.
type refusal struct {
	reason string
	msg    string
	detail string // for the log; "" when msg says it all
}

func (e *refusal) Error() string {
	if e.detail != "" {
		return e.msg + " (" + e.detail + ")"
	}
	return e.msg
}

func refuse(reason, format string, args ...any) *refusal {
	return &refusal{reason: reason, msg: fmt.Sprintf(format, args...)}
}

// Client messages of dial-time refusals.
const (
	msgPrivate = "refused: private address"
	msgPort    = "refused: port not allowed"
)

// refuseDial is a refusal with a generic message and its detail for the log.
func refuseDial(reason, format string, args ...any) *refusal {
	msg := msgPrivate
	if reason == ReasonPort {
		msg = msgPort
	}
	return &refusal{reason: reason, msg: msg, detail: fmt.Sprintf(format, args...)}
}

// upstreamError is an upstream failure whose cause names the server's
// network (its resolver, addresses it reached): the client gets msg.
type upstreamError struct {
	msg string
	err error
}

func (e *upstreamError) Error() string { return e.msg + ": " + e.err.Error() }

func (e *upstreamError) Unwrap() error { return e.err }

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// writeError answers with a JSON error. retryAfter > 0 adds Retry-After in
// whole seconds, rounded up so a client never retries too early.
func writeError(w http.ResponseWriter, status int, kind, reason, msg string, retryAfter time.Duration) {
	body, err := json.Marshal(errorBody{errorDetail{Kind: kind, Reason: reason, Message: msg}})
	if err != nil {
		body = []byte(`{"error":{"kind":"` + kind + `","reason":"` + reason + `","message":""}}`)
	}
	h := w.Header()
	if retryAfter > 0 {
		secs := int64((retryAfter + time.Second - 1) / time.Second)
		h.Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeRefusal(w http.ResponseWriter, r *refusal) {
	status := http.StatusForbidden
	if r.reason == ReasonMethod {
		w.Header().Set("Allow", "GET")
		status = http.StatusMethodNotAllowed
	}
	writeError(w, status, KindRefused, r.reason, r.msg, 0)
}
