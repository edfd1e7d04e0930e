package model

// Index is everything briefing knows about a corpus. It is built once by
// Build and then only read (the SSH server shares one among sessions).
type Index struct {
	Articles   []*Article
	Sentences  []Sentence
	Actors     []*Actor
	Topics     []*Topic
	Claims     []Claim
	Conflicts  []Conflict
	Agreements []Agreement
	Warnings   []Warning

	// claimDetails parallels Claims with what conflicts and agreements
	// align on; claimLex holds their lemma vocabulary (claims.go).
	claimDetails []claimDetail
	claimLex     *claimLexicon
	// claimFrames holds the claims' predications, read once for the
	// conflict and agreement stages (agree_frames.go).
	claimFrames *frameIndex

	// Per-sentence lookups built by indexActors and indexTopics (see
	// SentenceActors, SentenceTopics, ActorByName): the refs of sentence s
	// are actorRefs[actorRefStart[s]:actorRefStart[s+1]].
	actorRefs     []ActorRef
	actorRefStart []int32
	actorByName   map[string]int
	topicRefs     []int32
	topicRefStart []int32

	// stems are the Snowball stems the topics stage found, for the claims
	// stage (lexicon.go); nil outside Build.
	stems *stemCache
	// actWords are the sentences' words as the actor scan read them, for
	// the topic scan to reuse, by chunk of actScanChunk sentences; nil
	// outside Build.
	actWords []*actKeptWords
}

// Actor kinds.
const (
	ActorPerson       = "person"
	ActorOrganization = "organization"
	ActorCountry      = "country"
	ActorPlace        = "place"
)

// Actor is a person, organisation, country or place with every name the
// sources use for it merged.
type Actor struct {
	ID      string // slug of Name
	Name    string // canonical display name
	Kind    string
	Aliases []string // every surface form seen, sorted
	// Mentions counts mentions per article File.
	Mentions map[string]int
	// Roles lists per article File the titles or roles given to the actor
	// ("former U.S. President").
	Roles map[string][]string
	// Spans are the mentions, in sentence order.
	Spans []Mention
}

// Mention is one occurrence of an actor or topic keyword: a byte range of
// Sentence.Text.
type Mention struct {
	Sentence int // index into Index.Sentences
	Start    int
	End      int
	Role     string // title/role attached at this mention, if any
}

// Topic is a theme of the story with a readable name.
type Topic struct {
	ID       string
	Name     string
	Keywords []string
	// Mentions counts sentences per article File.
	Mentions map[string]int
	// Sentences are the indexes into Index.Sentences that discuss it.
	Sentences []int
	Spans     []Mention
}

// Claim is what one sentence says that can be compared across sources.
type Claim struct {
	Sentence    int   // index into Index.Sentences
	Actors      []int // indexes into Index.Actors
	Topics      []int // indexes into Index.Topics
	Quantities  []Quantity
	Times       []TimeRef
	Places      []Value
	Roles       []Value // titles attached to actors
	Negated     bool
	Modality    string // "" (asserted), "expected", "possible", "planned"
	Attribution string // who says so, if stated
}

// Value is a slot value with its byte range in Sentence.Text.
type Value struct {
	Text  string
	Norm  string
	Start int
	End   int
	Actor int // the actor it attaches to, -1 if none
}

// Quantity is a number with a unit, as an interval: "nearly three hours" is
// [2.5, 3) hours.
type Quantity struct {
	Value
	Lo, Hi      float64
	LoOpen      bool
	HiOpen      bool
	Unit        string
	Approximate bool
}

// TimeRef is a point or range of time mentioned in a sentence.
type TimeRef struct {
	Value
	Year    int
	Month   int // 0 when unknown
	Day     int // 0 when unknown
	Weekday int // -1 when not a weekday mention
	Since   bool
}

// Conflict severities.
const (
	SeverityHard = "hard"
	SeveritySoft = "soft"
)

// Conflict is two or more claims that cannot all be true (hard) or that
// diverge in a way worth showing (soft).
type Conflict struct {
	ID       string // c1, c2, ... in report order
	Key      string // stable: hash of the claims' normalised sentences
	Kind     string // numeric|place|time|role|stance|negation|attribution|other
	Severity string
	Score    float64
	Summary  string
	Why      string
	Topic    string
	Actors   []string
	Claims   []ClaimRef
}

// ClaimRef points at a claim inside a conflict or agreement, with the value
// compared (its byte range in the sentence).
type ClaimRef struct {
	Claim      int // index into Index.Claims
	Sentence   int // index into Index.Sentences
	Value      string
	ValueStart int
	ValueEnd   int
}

// Agreement is a claim made by two or more sources.
type Agreement struct {
	ID          string
	Key         string // stable: hash of the claims' normalised sentences
	Summary     string
	Independent int
	Claims      []ClaimRef
}
