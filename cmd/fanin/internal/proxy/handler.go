package proxy

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
)

const (
	maxRedirects = 5
	// peekSize is how much of a body is read before answering, so a small
	// body goes back complete with a Content-Length, and one over a small
	// MaxBytes is a clean 502 rather than a cut transfer.
	peekSize  = 256 << 10
	hopHeader = "X-Fanin-Proxy-Hop"
	userAgent = "fanin-proxy/1"
	maxAccept = 256
	// writeGrace is how long past the upstream timeout the answer may take
	// to be written to the client.
	writeGrace = 5 * time.Second
	stepLimit  = 5 * time.Second
	headerWait = 10 * time.Second
)

// upstreamHeaders are the only upstream response headers passed on. Link
// is how paginated APIs name the next page (fanin -next link); the page
// reads the proxy's answers same-origin, so every one of them is visible.
var upstreamHeaders = []string{"Retry-After", "ETag", "Last-Modified", "Link"}

// Handler serves Path and InfoPath. It is safe for concurrent use.
//
// A body that grows past MaxBytes, or breaks, after its status was sent is
// aborted with http.ErrAbortHandler: the client sees a broken transfer,
// never a truncated body that looks complete.
type Handler struct {
	cfg         Config
	allow       map[string]bool
	hosts       map[string]bool // Host names besides loopback ones
	log         *slog.Logger
	guard       *ssrf.Guardian
	resolver    Resolver
	client      *http.Client
	transport   *http.Transport
	clients     *clients
	slots       *slots
	stepTimeout time.Duration
	writeGrace  time.Duration
	now         func() time.Time
	// testDialNet, set only by tests, vets a dial the policy let through:
	// tests must never reach past loopback, even if the policy were wrong.
	testDialNet func(address string) error
}

// New builds the proxy from its policy. It fails on a malformed Allow entry
// or a negative limit.
func New(cfg Config) (*Handler, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	allow, err := parseAllow(cfg.Allow)
	if err != nil {
		return nil, err
	}
	hosts, err := parseHosts(cfg.Hosts)
	if err != nil {
		return nil, err
	}
	logger := cfg.Log
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{
		cfg:         cfg,
		allow:       allow,
		hosts:       hosts,
		log:         logger,
		guard:       ssrf.New(ssrf.WithPorts(80, 443)),
		resolver:    cfg.Resolver,
		clients:     newClients(cfg.RatePerMin, cfg.Burst, cfg.MaxClients),
		slots:       newSlots(cfg.MaxUpstream, cfg.MaxQueue),
		stepTimeout: min(stepLimit, cfg.Timeout),
		writeGrace:  writeGrace,
		now:         time.Now,
	}
	if h.resolver == nil {
		h.resolver = net.DefaultResolver
	}
	h.transport = &http.Transport{
		Proxy:                  nil, // a proxy would make the dial hook see the proxy's address, not the target's
		DialContext:            h.dialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: cfg.RootCAs},
		TLSHandshakeTimeout:    h.stepTimeout,
		ResponseHeaderTimeout:  min(headerWait, cfg.Timeout),
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           cfg.MaxUpstream,
		MaxIdleConnsPerHost:    8,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	h.client = &http.Client{Transport: h.transport, CheckRedirect: h.checkRedirect}
	return h, nil
}

// CloseIdleConnections closes the upstream connections kept for reuse.
func (h *Handler) CloseIdleConnections() { h.transport.CloseIdleConnections() }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hdr.Set("Content-Disposition", "attachment")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("Cross-Origin-Resource-Policy", "same-origin")
	hdr.Set("X-Fanin-Proxy", "1")
	if r.URL.Path != Path && r.URL.Path != InfoPath {
		writeError(w, http.StatusNotFound, KindRefused, "not-found", "no such proxy route: "+clip(r.URL.Path), 0)
		return
	}
	if ref := h.checkRequest(r); ref != nil {
		writeRefusal(w, ref)
		return
	}
	if ok, wait, reason := h.clients.take(clientKey(r.RemoteAddr), h.now()); !ok {
		msg := "rate limit: too many requests from this client"
		if reason == ReasonClients {
			msg = "rate limit: too many clients at once"
		}
		writeError(w, http.StatusTooManyRequests, KindLimited, reason, msg, wait)
		return
	}
	if r.URL.Path == InfoPath {
		body := fmt.Sprintf(`{"proxy":true,"maxBytes":%d,"timeoutMs":%d}`, h.cfg.MaxBytes, h.cfg.Timeout.Milliseconds())
		hdr.Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = io.WriteString(w, body)
		return
	}
	h.serveProxy(w, r)
}

// checkRequest enforces who may use the proxy: GET only, same-origin
// browsers only, no proxy loops, and a Host that names this server.
func (h *Handler) checkRequest(r *http.Request) *refusal {
	if r.Method != http.MethodGet {
		return refuse(ReasonMethod, "method %s is refused: GET only", clip(r.Method))
	}
	if r.Header.Get(hopHeader) != "" {
		return refuse(ReasonLoop, "request came through a fanin proxy already")
	}
	if !h.hostAllowed(r.Host) {
		return refuse(ReasonHostHeader, "Host %q is not a name of this server (DNS rebinding?); start it with -host NAME to add one", clip(r.Host))
	}
	switch site := r.Header.Values("Sec-Fetch-Site"); {
	case len(site) > 1:
		return refuse(ReasonCrossOrigin, "several Sec-Fetch-Site headers")
	case len(site) == 1 && site[0] != "same-origin" && site[0] != "none":
		return refuse(ReasonCrossOrigin, "Sec-Fetch-Site %q: only same-origin pages may use the proxy", clip(site[0]))
	}
	switch origin := r.Header.Values("Origin"); {
	case len(origin) > 1:
		return refuse(ReasonCrossOrigin, "several Origin headers")
	case len(origin) == 1 && normalOrigin(origin[0]) != ownOrigin(r):
		return refuse(ReasonCrossOrigin, "Origin %q is not this server's origin", clip(origin[0]))
	}
	return nil
}

// hostAllowed tells a Host header that names this server — a loopback
// name or address, or one of Config.Hosts — from any other name, which is
// what DNS rebinding sends: a hostile page whose name now resolves to this
// server would otherwise be same-origin with the proxy. It holds wherever
// the server listens.
func (h *Handler) hostAllowed(hostHeader string) bool {
	name := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		name = h
	} else if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
		name = name[1 : len(name)-1]
	}
	name = strings.ToLower(name)
	if name == "localhost" {
		return true
	}
	if ip, err := netip.ParseAddr(name); err == nil {
		if ip.Zone() != "" {
			return false
		}
		if ip.Unmap().IsLoopback() {
			return true
		}
		name = ip.Unmap().String()
	}
	return h.hosts[name]
}

func ownOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return normalOrigin(scheme + "://" + r.Host)
}

// normalOrigin lowercases an origin and drops its scheme's default port,
// as browsers serialize it.
func normalOrigin(o string) string {
	o = strings.ToLower(o)
	if rest, ok := strings.CutPrefix(o, "http://"); ok {
		return "http://" + strings.TrimSuffix(rest, ":80")
	}
	if rest, ok := strings.CutPrefix(o, "https://"); ok {
		return "https://" + strings.TrimSuffix(rest, ":443")
	}
	return o
}

func (h *Handler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return refuse(ReasonRedirects, "more than %d redirects", maxRedirects)
	}
	u := *req.URL
	u.Fragment, u.RawFragment = "", "" // never sent; the check refuses fragments
	if _, err := h.checkURL(u.String()); err != nil {
		var ref *refusal
		if errors.As(err, &ref) {
			return refuse(ref.reason, "redirect %d to %s: %s", len(via), clip(u.String()), ref.msg)
		}
		return err
	}
	return nil
}

func (h *Handler) serveProxy(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeRefusal(w, refuse(ReasonURLMalformed, "query string does not parse: %v", err))
		return
	}
	if len(q["url"]) > 1 {
		writeRefusal(w, refuse(ReasonURLMalformed, "several url parameters"))
		return
	}
	t, err := h.checkURL(q.Get("url"))
	if err != nil {
		h.writeFailure(w, r, err)
		return
	}
	if !h.slots.acquire(r.Context()) {
		writeError(w, http.StatusServiceUnavailable, KindLimited, ReasonBusy, "too many upstream requests at once", time.Second)
		return
	}
	defer h.slots.release()
	// The slot is held until the answer is written: a client that stops
	// reading must not keep it past the request's own time.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(h.cfg.Timeout + h.writeGrace))
	ctx, cancel := context.WithTimeout(r.Context(), h.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.url.String(), nil)
	if err != nil {
		writeRefusal(w, refuse(ReasonURLMalformed, "build request: %v", err))
		return
	}
	// No client header goes upstream but a plain Accept: never Cookie or
	// Authorization, which belong to fanin's origin, not the target's.
	req.Header = http.Header{
		"Accept":     {accept(r.Header.Get("Accept"))},
		"User-Agent": {userAgent},
		hopHeader:    {"1"},
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.writeFailure(w, r, err)
		return
	}
	defer resp.Body.Close()
	h.relay(w, r, resp)
}

func (h *Handler) relay(w http.ResponseWriter, r *http.Request, resp *http.Response) {
	if ce := resp.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		writeError(w, http.StatusBadGateway, KindUpstream, ReasonEncoding, fmt.Sprintf("upstream sent Content-Encoding %q unasked", clip(ce)), 0)
		return
	}
	if resp.StatusCode < 200 || resp.StatusCode > 599 {
		writeError(w, http.StatusBadGateway, KindUpstream, ReasonNetwork, fmt.Sprintf("upstream answered status %d", resp.StatusCode), 0)
		return
	}
	if resp.ContentLength > h.cfg.MaxBytes {
		h.writeTooLarge(w)
		return
	}
	limit := min(int64(peekSize), h.cfg.MaxBytes+1)
	var head bytes.Buffer
	if resp.ContentLength >= 0 {
		head.Grow(int(min(resp.ContentLength+1, limit)))
	}
	lr := &io.LimitedReader{R: resp.Body, N: limit}
	if _, err := head.ReadFrom(lr); err != nil {
		h.writeFailure(w, r, &upstreamError{"upstream failed while sending the body", fmt.Errorf("read upstream body: %w", err)})
		return
	}
	if int64(head.Len()) > h.cfg.MaxBytes {
		h.writeTooLarge(w)
		return
	}
	hdr := w.Header()
	for _, k := range upstreamHeaders {
		if v := resp.Header.Get(k); v != "" && printable(v) {
			hdr.Set(k, v)
		}
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && printable(ct) {
		hdr.Set("X-Fanin-Upstream-Content-Type", ct)
	}
	if lr.N > 0 { // the body ended inside the peek: answer it whole
		if head.Len() > 0 || (resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotModified) {
			hdr.Set("Content-Length", strconv.Itoa(head.Len()))
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(head.Bytes())
		return
	}
	w.WriteHeader(resp.StatusCode)
	if _, err := w.Write(head.Bytes()); err != nil {
		return
	}
	if err := stream(w, resp.Body, h.cfg.MaxBytes-int64(head.Len())); err != nil {
		h.log.Warn("proxy: upstream body cut", "host", resp.Request.URL.Host, "err", err)
		panic(http.ErrAbortHandler)
	}
}

var errTooLarge = errors.New("body over the size limit")

// stream copies the rest of a body, refusing to write a byte past the
// limit. A write error means the client left: nothing to report.
func stream(w io.Writer, body io.Reader, remaining int64) error {
	buf := make([]byte, 32<<10)
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			if int64(n) > remaining {
				return errTooLarge
			}
			remaining -= int64(n)
			if _, werr := w.Write(buf[:n]); werr != nil {
				return nil
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("read upstream body: %w", rerr)
		}
	}
}

func (h *Handler) writeTooLarge(w http.ResponseWriter) {
	writeError(w, http.StatusBadGateway, KindUpstream, ReasonTooLarge, fmt.Sprintf("upstream body is over the %d-byte limit", h.cfg.MaxBytes), 0)
}

// writeFailure tells a policy refusal (403) from an upstream that failed
// (504 on a timeout, 502 otherwise). What a client reads says what kind of
// failure it was and no more: resolver names, addresses and what a name
// resolves to describe the server's network, so they go to the log.
func (h *Handler) writeFailure(w http.ResponseWriter, r *http.Request, err error) {
	var ref *refusal
	if errors.As(err, &ref) {
		if ref.detail != "" {
			h.log.Info("proxy: refused", "reason", ref.reason, "detail", ref.detail, "path", r.URL.Path)
		}
		writeRefusal(w, ref)
		return
	}
	h.log.Warn("proxy: upstream failed", "host", failedHost(err), "err", withoutURL(err))
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		writeError(w, http.StatusGatewayTimeout, KindUpstream, ReasonTimeout, "upstream timed out", 0)
		return
	}
	writeError(w, http.StatusBadGateway, KindUpstream, ReasonNetwork, upstreamMessage(err), 0)
}

// failedHost and withoutURL keep a failure's URL out of the log but for
// its host: a URL's query may carry a token, and the access log leaves
// queries out for the same reason.
func failedHost(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			return u.Host
		}
	}
	return ""
}

func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// Client messages of upstream failures.
const (
	msgResolve = "could not resolve the host"
	msgConnect = "could not connect to the host"
	msgTLS     = "TLS with the host failed"
	msgFailed  = "upstream failed"
)

func upstreamMessage(err error) string {
	var ue *upstreamError
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	switch {
	case errors.As(err, &ue):
		return ue.msg
	case errors.As(err, &dnsErr):
		return msgResolve
	case errors.As(err, &certErr), errors.As(err, &recErr):
		return msgTLS
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return msgConnect
	}
	return msgFailed
}

func accept(v string) string {
	if v == "" || len(v) > maxAccept || !printable(v) {
		return "application/json, */*;q=0.5"
	}
	return v
}

func printable(s string) bool {
	if len(s) > 512 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}
