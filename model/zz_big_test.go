package model
import ("testing";"time";"bytes";"fmt";"math/rand/v2")
func zzLongLine(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	places := []string{"Lyon", "Porto", "Durban", "Osaka", "Denver", "Cork", "Basra", "Perth"}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "The council of %s said on %s that %d people had met for %d hours and agreed on %d points. ",
			places[r.IntN(len(places))], days[r.IntN(len(days))], 10+r.IntN(5000), 1+r.IntN(12), 2+r.IntN(30))
	}
	b.Truncate(n)
	return b.Bytes()
}
func TestZZBig(t *testing.T){
	for _, n := range []int{128<<10} {
		doc := Document{Name:"big.txt", File:"big.txt", Data: zzLongLine(n)}
		t0 := time.Now()
		exs, _ := extract(doc)
		t1 := time.Now()
		text, offs := Sanitize(exs[0].Body, nil); _ = offs
		t2 := time.Now()
		lines := splitLines(text); classifyLines(lines); readMetadata(lines)
		t3 := time.Now()
		arts, err := ParseDocument(doc); if err != nil { t.Fatal(err) }
		t4 := time.Now()
		ix := &Index{Articles: arts}
		var st []string
		for _, s := range indexStages { s0 := time.Now(); s.run(ix); st = append(st, fmt.Sprintf("%s=%v", s.name, time.Since(s0).Round(time.Millisecond))) }
		t.Logf("%d KB: extract %v sanitize %v clean %v parse %v | %v", n>>10, t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3), st)
	}
}
