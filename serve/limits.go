package serve

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// ipLimiter is a token bucket per client address: each address may open
// burst connections at once and then rate per second. IPv6 clients are
// bucketed by /64, the smallest block a site is usually given, so one host
// cannot dodge the limit by hopping addresses.
type ipLimiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastPrune time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets is the size above which full (idle) buckets are dropped; a
// dropped bucket is indistinguishable from a new one.
const maxBuckets = 4096

func newIPLimiter(rate float64, burst int) *ipLimiter {
	return &ipLimiter{rate: rate, burst: float64(burst), now: time.Now, buckets: make(map[string]*bucket)}
}

func limiterKey(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	if ip4 := tcp.IP.To4(); ip4 != nil {
		return ip4.String()
	}
	return tcp.IP.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// allow takes a token from addr's bucket, reporting false when it is empty.
func (l *ipLimiter) allow(addr net.Addr) bool {
	key := limiterKey(addr)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.pruneLocked(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *ipLimiter) pruneLocked(now time.Time) {
	// Pruning is O(buckets); under a flood from many addresses do it at most
	// once a second and let the map grow meanwhile.
	if now.Sub(l.lastPrune) < time.Second {
		return
	}
	l.lastPrune = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// countedConn releases its slot in the connection count when closed.
type countedConn struct {
	net.Conn
	once  sync.Once
	count *atomic.Int64
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.count.Add(-1) })
	return c.Conn.Close()
}
