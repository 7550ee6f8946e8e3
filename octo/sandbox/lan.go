package sandbox

import (
	"net"
	"strconv"
)

// PublicBase is the base URL a customer's phone on the shop's network
// reaches a sandbox listening on addr at: the address itself, or, for an
// address on every interface (0.0.0.0, ::), this machine's first address
// on its network. A phone that scans the console's QR code opens
// octo_pay_url there; a loopback address (the default) is this computer only.
func PublicBase(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		ip = shopNetworkIP()
	}
	return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// shopNetworkIP is the first IPv4 address of an interface that is up and
// not loopback; loopback when there is none (no network at all).
func shopNetworkIP() net.IP {
	ifs, err := net.Interfaces()
	if err == nil {
		for _, i := range ifs {
			if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
				continue
			}
			addrs, err := i.Addrs()
			if err != nil {
				continue
			}
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
					return n.IP.To4()
				}
			}
		}
	}
	return net.IPv4(127, 0, 0, 1)
}
