package proxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"

	"code.dny.dev/ssrf"
)

// maxAddrs bounds how many resolved addresses one dial tries.
const maxAddrs = 8

// dialContext is the Transport's only way out. It resolves the name itself
// (so tests can give a fake resolver) and dials each address with a Control
// hook that checks the socket's real destination, after resolution and
// right before connect: DNS rebinding between the URL check and the dial
// cannot reach an internal address.
func (h *Handler) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	hostText, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	port, ok := parsePort(portText)
	if !ok {
		return nil, refuseDial(ReasonPort, "dial %s: bad port", addr)
	}
	name := strings.ToLower(hostText)
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(hostText); err == nil {
		name = ip.String()
		ips = []netip.Addr{ip}
	} else {
		rctx, cancel := context.WithTimeout(ctx, h.stepTimeout)
		ips, err = h.resolver.LookupNetIP(rctx, "ip", hostText)
		cancel()
		if err != nil {
			return nil, &upstreamError{msgResolve, fmt.Errorf("resolve %s: %w", hostText, err)}
		}
		if len(ips) == 0 {
			return nil, &upstreamError{msgResolve, fmt.Errorf("resolve %s: no addresses", hostText)}
		}
	}
	control := h.publicOnly
	if h.allow[targetKey(name, port)] {
		control = allowedPort(port)
	}
	if h.testDialNet != nil {
		policy := control
		control = func(network, address string, c syscall.RawConn) error {
			if err := policy(network, address, c); err != nil {
				return err
			}
			return h.testDialNet(address)
		}
	}
	d := net.Dialer{Timeout: h.stepTimeout, Control: control}
	var errs []error
	for _, ip := range ips[:min(len(ips), maxAddrs)] {
		conn, err := d.DialContext(ctx, network, netip.AddrPortFrom(ip, port).String())
		if err == nil {
			return conn, nil
		}
		var ref *refusal
		if errors.As(err, &ref) {
			err = refuseDial(ref.reason, "%s resolves to %s: %s", hostText, ip, ref.detail)
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// publicOnly is the Control hook for every target not in Allow.
func (h *Handler) publicOnly(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return refuseDial(ReasonAddress, "dial %s: %v", address, err)
	}
	if ap.Addr().Is4In6() {
		return refuseDial(ReasonAddress, "%s is an IPv4-mapped address", ap.Addr())
	}
	if err := h.guard.Safe(network, address, nil); err != nil {
		reason := ReasonAddress
		if errors.Is(err, ssrf.ErrProhibitedPort) {
			reason = ReasonPort
		}
		return refuseDial(reason, "%v", err)
	}
	return nil
}

// allowedPort is the Control hook for an Allow entry: the operator vouched
// for the name, so any address it resolves to will do, on that port only.
func allowedPort(port uint16) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || ap.Port() != port || (network != "tcp4" && network != "tcp6") {
			return refuseDial(ReasonAddress, "dial %s %s: not the allowed port %d", network, address, port)
		}
		return nil
	}
}
