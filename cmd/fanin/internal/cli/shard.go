package cli

import (
	"fmt"
	"strconv"
	"strings"
)

// shard is -shard K/N: the K-th (1-based, as people and Slurm's
// SLURM_ARRAY_TASK_ID count) of N contiguous slices of the expanded list.
// Slice K is urls[(K-1)·len/N : K·len/N], so the slices cover the list once,
// in order, and differ in length by at most one; the N outputs concatenated
// in K order are the output of the whole list. Zero means the whole list.
type shard struct{ k, n int }

func (s *shard) String() string {
	if s.n == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.k, s.n)
}

func (s *shard) Set(v string) error {
	ks, ns, ok := strings.Cut(v, "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	switch {
	case !ok || kerr != nil || nerr != nil:
		return fmt.Errorf("want K/N, such as 1/4, not %q", v)
	case n < 1:
		return fmt.Errorf("N must be at least 1, not %d", n)
	case k < 1 || k > n:
		return fmt.Errorf("K counts from 1 to N (%d), not %d (Kubernetes' JOB_COMPLETION_INDEX counts from 0: add 1)", n, k)
	}
	s.k, s.n = k, n
	return nil
}

// of is this shard's slice of urls.
func (s shard) of(urls []string) []string {
	if s.n == 0 {
		return urls
	}
	from, to := (s.k-1)*len(urls)/s.n, s.k*len(urls)/s.n
	return urls[from:to:to]
}
