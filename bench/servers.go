package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fanin/internal/testserver"
)

var (
	//go:embed peer.html
	peerHTML []byte
)

// sizes are the response bodies' sizes, in bytes, cycled over the URLs: a
// spread from a tiny record to a page of them. They stay small enough that
// 1,000 of them, indented, open on the page's Raw tab (up to 2 MiB before indenting).
var sizes = []int{64, 256, 1024, 4096}

// apis are the loopback servers the clients fetch from: plain HTTP/1.1 on
// several ports, and HTTPS with HTTP/2 on one, with a throwaway certificate.
type apis struct {
	h1   []string // base URLs, http://127.0.0.1:PORT
	h2   string   // https://127.0.0.1:PORT
	peer string   // the JS peer page's URL (the result view's peer too)
	spki string   // base64 SHA-256 of the certificate's public key, for Chromium
	stop []func()
	docs *recordDocs // the /records documents, made once a size
}

func startAPIs(ports int) (*apis, error) {
	a := &apis{docs: &recordDocs{}}
	handler := apiHandler(a.docs)
	for range ports {
		base, stop, err := serve(handler, nil)
		if err != nil {
			a.close()
			return nil, err
		}
		a.h1 = append(a.h1, base)
		a.stop = append(a.stop, stop)
	}
	cert, spki, err := selfSigned()
	if err != nil {
		a.close()
		return nil, err
	}
	a.spki = spki
	base, stop, err := serve(handler, &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}})
	if err != nil {
		a.close()
		return nil, err
	}
	a.h2, a.stop = base, append(a.stop, stop)
	// The peer page has an origin of its own, so that every fetch it makes is
	// cross-origin, as the page's are.
	base, stop, err = serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(peerHTML) //nolint:errcheck
	}), nil)
	if err != nil {
		a.close()
		return nil, err
	}
	a.peer, a.stop = base+"/peer.html", append(a.stop, stop)
	return a, nil
}

func (a *apis) close() {
	for _, stop := range a.stop {
		stop()
	}
}

// urls lists the scenario's URLs: spread round-robin over its ports, the
// size cycling through sizes.
func (a *apis) urls(sc scenario) []string {
	out := make([]string, sc.N)
	for i := range out {
		base := a.h1[i%sc.Ports]
		if sc.H2 {
			base = a.h2
		}
		size := sizes[i%len(sizes)]
		if sc.Bytes > 0 {
			size = sc.Bytes
		}
		out[i] = fmt.Sprintf("%s/d/%d/%d/%d", base, sc.Latency.Milliseconds(), size, i)
	}
	return out
}

// serve starts handler on a free loopback port (with TLS when conf is set)
// and returns its base URL and a function that stops it.
func serve(handler http.Handler, conf *tls.Config) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen on loopback: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		TLSConfig:         conf,
		HTTP2:             &http.HTTP2Config{MaxConcurrentStreams: h2Streams},
		// Chromium drops spare TLS connections mid-handshake; not worth a line.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	scheme := "http"
	if conf != nil {
		scheme = "https"
		go srv.ServeTLS(ln, "", "") //nolint:errcheck
	} else {
		go srv.Serve(ln) //nolint:errcheck
	}
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
	}
	return scheme + "://" + ln.Addr().String(), stop, nil
}

// apiHandler answers /d/{ms}/{bytes}/{i} with a JSON document of about that
// many bytes after that many milliseconds, with CORS open to every origin,
// and /records/{bytes}/{part} with one of docs.
func apiHandler(docs *recordDocs) http.Handler {
	tails := make(map[int][]byte)
	for _, n := range append(slices.Clone(sizes), bigBody) {
		tails[n] = tail(n)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /d/{ms}/{bytes}/{i}", func(w http.ResponseWriter, r *http.Request) {
		ms, err1 := strconv.Atoi(r.PathValue("ms"))
		n, err2 := strconv.Atoi(r.PathValue("bytes"))
		i, err3 := strconv.Atoi(r.PathValue("i"))
		t, ok := tails[n]
		if err1 != nil || err2 != nil || err3 != nil || !ok || ms < 0 || ms > 10_000 {
			http.Error(w, "bad benchmark URL", http.StatusNotFound)
			return
		}
		if ms > 0 {
			timer := time.NewTimer(time.Duration(ms) * time.Millisecond)
			select {
			case <-timer.C:
			case <-r.Context().Done():
				timer.Stop()
				return
			}
		}
		head := `{"id":` + strconv.Itoa(i) + `,`
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Length", strconv.Itoa(len(head)+len(t)))
		w.Write([]byte(head)) //nolint:errcheck
		w.Write(t)            //nolint:errcheck
	})
	// /records/{bytes}/{part}: an array of records of about that many bytes
	// (the part only makes the URLs of one result differ), for the result
	// view's measures.
	mux.HandleFunc("GET /records/{bytes}/{part}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("bytes"))
		if err != nil || n < 2 || n > maxRecords {
			http.Error(w, "bad records URL", http.StatusNotFound)
			return
		}
		doc := docs.get(n)
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Timing-Allow-Origin", "*")
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Length", strconv.Itoa(len(doc)))
		w.Write(doc) //nolint:errcheck
	})
	return mux
}

// maxRecords is the largest /records document the servers make.
const maxRecords = 64 << 20

// recordDocs makes each size of /records document once.
type recordDocs struct {
	mu   sync.Mutex
	docs map[int][]byte
}

func (d *recordDocs) get(n int) []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.docs == nil {
		d.docs = map[int][]byte{}
	}
	if doc, ok := d.docs[n]; ok {
		return doc
	}
	doc := testserver.Records(n)
	d.docs[n] = doc
	return doc
}

// tail is the rest of a document of about n bytes after `{"id":I,`: a
// size, a name and as many short text items as fit, so that indenting it
// adds little.
func tail(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `"bytes":%d,"name":"record of about %d bytes","items":[`, n, n)
	for k := 0; b.Len() < n-60; k++ {
		if k > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"item %04d: the quick brown fox jumps over the lazy dog"`, k)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// selfSigned makes a throwaway certificate for 127.0.0.1 and the base64
// SHA-256 of its public key, which --ignore-certificate-errors-spki-list
// takes: only the bench's browser trusts it, only for this run.
func selfSigned() (tls.Certificate, string, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "fanin bench"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, base64.StdEncoding.EncodeToString(sum[:]), nil
}
