package model

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Benchmarks of every stage and of the whole pipeline. Every benchmark
// sets the bytes of its corpus's documents, so that MB/s reads the same
// way for a stage as for the pipeline: a stage at 40 MB/s spends a quarter
// of a 10 MB/s budget. Compare runs with benchstat:
//
//	go test -run='^$' -bench=. -count=6 ./model/ > new.txt
//	benchstat old.txt new.txt
//
// The ECB+ corpus is read from ../../shared/corpora/ecbplus (relative to
// this package), or from $BRIEFING_ECB; those benchmarks skip without it.

// benchCorpus is a named set of documents for the stage benchmarks.
type benchCorpus struct {
	name string
	docs func(b *testing.B) []Document
}

var benchCorpora = []benchCorpus{
	{"seeds", func(b *testing.B) []Document { return seedDocs(b) }},
	{"ecb", ecbDocs},
	{"gen1k", func(*testing.B) []Document { return genCorpusCached(1000) }},
}

var (
	loadOnce sync.Map // dir -> *loadedDir
)

type loadedDir struct {
	once sync.Once
	docs []Document
	err  error
}

// loadBenchDir loads a folder once per test binary run.
func loadBenchDir(b testing.TB, dir string) []Document {
	v, _ := loadOnce.LoadOrStore(dir, &loadedDir{})
	ld := v.(*loadedDir)
	ld.once.Do(func() {
		ld.docs, _, ld.err = Load([]string{dir}, LoadOptions{})
	})
	if ld.err != nil {
		b.Fatalf("load %s: %v", dir, ld.err)
	}
	return ld.docs
}

func ecbDir() string {
	if d := os.Getenv("BRIEFING_ECB"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpora", "ecbplus")
}

func ecbDocs(b *testing.B) []Document {
	dir := ecbDir()
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no ECB+ corpus at %s", dir)
	}
	docs := loadBenchDir(b, dir)
	// The licence and read-me are not news.
	out := docs[:0:0]
	for _, d := range docs {
		if d.File != "README.md" && d.File != "LICENSE.txt" {
			out = append(out, d)
		}
	}
	return out
}

// benchPipeline times Open, bytes to index with conflicts, over the whole
// corpus, and reports articles a second and the peak of the memory the Go
// runtime holds (heap and stacks, not released to the OS) while it runs.
func benchPipeline(b *testing.B, docs []Document) {
	b.SetBytes(corpusBytes(docs))
	b.ReportAllocs()
	peak := startPeakSampler()
	var arts int
	for b.Loop() {
		ix, err := Open(docs, nil)
		if err != nil {
			b.Fatal(err)
		}
		arts = len(ix.Articles)
	}
	b.ReportMetric(float64(arts)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(peak())/(1<<20), "peak-MiB")
}

func BenchmarkPipelineSeeds(b *testing.B)  { benchPipeline(b, seedDocs(b)) }
func BenchmarkPipelineECB(b *testing.B)    { benchPipeline(b, ecbDocs(b)) }
func BenchmarkPipelineGen1k(b *testing.B)  { benchPipeline(b, genCorpusCached(1000)) }
func BenchmarkPipelineGen10k(b *testing.B) { benchPipeline(b, genCorpusCached(10000)) }

// startPeakSampler samples the memory the runtime holds every few
// milliseconds until the returned function is called, which gives the peak
// in bytes.
func startPeakSampler() func() uint64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	var peak atomic.Uint64
	read := func() {
		metrics.Read(samples)
		held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
		if held > peak.Load() {
			peak.Store(held)
		}
	}
	runtime.GC()
	read()
	peak.Store(0)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return peak.Load()
	}
}

// forCorpora runs a stage benchmark on every stage corpus.
func forCorpora(b *testing.B, fn func(b *testing.B, docs []Document)) {
	for _, c := range benchCorpora {
		b.Run(c.name, func(b *testing.B) {
			docs := c.docs(b)
			b.SetBytes(corpusBytes(docs))
			b.ReportAllocs()
			fn(b, docs)
		})
	}
}

// BenchmarkExtract is format detection and the per-format parsers (HTML
// readability, feeds, Markdown) up to the plain body.
func BenchmarkExtract(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		for b.Loop() {
			for _, d := range docs {
				if _, err := extract(d); err != nil {
					b.Fatalf("%s: %v", d.Name, err)
				}
			}
		}
	})
}

// extractedBodies runs the format stage once, outside the timing.
func extractedBodies(b *testing.B, docs []Document) ([]Document, []Extracted) {
	var ds []Document
	var exs []Extracted
	for _, d := range docs {
		got, err := extract(d)
		if err != nil {
			b.Fatalf("%s: %v", d.Name, err)
		}
		for _, ex := range got {
			ds = append(ds, d)
			exs = append(exs, ex)
		}
	}
	return ds, exs
}

func BenchmarkSanitize(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		_, exs := extractedBodies(b, docs)
		for b.Loop() {
			for _, ex := range exs {
				Sanitize(ex.Body, ex.BodyOffsets)
			}
		}
	})
}

// BenchmarkClean is the cleaner proper: lines, boilerplate and metadata
// on sanitized bodies.
func BenchmarkClean(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		_, exs := extractedBodies(b, docs)
		texts := make([]string, len(exs))
		for i, ex := range exs {
			texts[i], _ = Sanitize(ex.Body, ex.BodyOffsets)
		}
		for b.Loop() {
			for _, t := range texts {
				lines := splitLines(t)
				classifyLines(lines)
				readMetadata(lines)
			}
		}
	})
}

// BenchmarkNewArticle is the whole text pipeline of one article after
// extraction: sanitize, clean, metadata, dateline and kind.
func BenchmarkNewArticle(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		ds, exs := extractedBodies(b, docs)
		for b.Loop() {
			for i, ex := range exs {
				if _, err := newArticle(ds[i], ex); err != nil {
					b.Fatalf("%s: %v", ds[i].Name, err)
				}
			}
		}
	})
}

// BenchmarkParseDocument is extraction and the text pipeline together:
// everything before Build.
func BenchmarkParseDocument(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		for b.Loop() {
			for _, d := range docs {
				if _, err := ParseDocument(d); err != nil {
					b.Fatalf("%s: %v", d.Name, err)
				}
			}
		}
	})
}

// parsedArticles parses a corpus once, outside the timing. Build only
// writes the articles' IDs and sentence ranges, the same each time, so the
// stage benchmarks can share them.
func parsedArticles(b *testing.B, docs []Document) []*Article {
	var arts []*Article
	for _, d := range docs {
		as, err := ParseDocument(d)
		if err != nil {
			b.Fatalf("%s: %v", d.Name, err)
		}
		arts = append(arts, as...)
	}
	return arts
}

// BenchmarkBuild times each stage of Build on its own (each sub-benchmark
// rebuilds the stages before it with the timer stopped) and Build whole.
func BenchmarkBuild(b *testing.B) {
	for k, st := range indexStages {
		b.Run(st.name, func(b *testing.B) {
			forCorpora(b, func(b *testing.B, docs []Document) {
				arts := parsedArticles(b, docs)
				for b.Loop() {
					b.StopTimer()
					ix := &Index{Articles: arts}
					for _, prev := range indexStages[:k] {
						prev.run(ix)
					}
					b.StartTimer()
					st.run(ix)
				}
			})
		})
	}
	b.Run("All", func(b *testing.B) {
		forCorpora(b, func(b *testing.B, docs []Document) {
			arts := parsedArticles(b, docs)
			for b.Loop() {
				Build(arts)
			}
		})
	})
}

// BenchmarkReport is what the CLI does after Build: the report structure
// and its JSON and Markdown renderings.
func BenchmarkReport(b *testing.B) {
	forCorpora(b, func(b *testing.B, docs []Document) {
		ix, err := Open(docs, nil)
		if err != nil {
			b.Fatal(err)
		}
		none := func(string) (Triage, bool) { return Triage{}, false }
		for b.Loop() {
			rep := NewReport(ix, none)
			if err := json.NewEncoder(io.Discard).Encode(rep); err != nil {
				b.Fatal(err)
			}
			Markdown(rep)
		}
	})
}
