package model

import (
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// The corpus generator below writes news articles for the benchmarks: many
// stories, each covered by several outlets that agree on some facts and
// disagree on others (a count, a day, a place, a title), in the four input
// formats. Names, places and numbers vary from story to story and sources
// word the same fact differently, so that no stage sees one article copied
// ten thousand times. The output depends only on the seed.

// genPerStory is how many sources cover one generated story.
const genPerStory = 8

var (
	genFirst = strings.Fields(`Amelia Bruno Chiara Dmitri Elena Farid Grace Hiroshi Ines Jonas
		Kwame Leila Mateo Nadia Oskar Priya Quentin Rosa Samir Tomas Ursula Viktor Wen Ximena
		Yusuf Zofia Adel Beatriz Carlos Dana Emeka Fatima Goran Hana Ivan Julia Kenji Lucia
		Marek Nora Omar Paula Rafael Sofia Tariq Vera Walter Yara Aisha Bernard Camille Diego
		Esther Felix Gloria Hugo Irene Jamal Katrin Luis Mira Nikolai`)
	// Surnames are built from syllables so that a big corpus has thousands
	// of distinct people, not a cast of sixty.
	genSyl1 = strings.Fields(`Ab Bar Cor Dal Ek Fen Gor Hal Ish Jar Kel Lom Mar Nov Or Pel Ros Sal Tam Ul Var Wes Yor Zan Bel Cas Dor Gal Hen Kar`)
	genSyl2 = strings.Fields(`a e i o u ar en or el an is ov ak`)
	genSyl3 = strings.Fields(`ski vic son berg ford man ley ton dez ra ni ko ev ova ich ard ett ini`)

	// Real places, so that the gazetteer recognises some of them.
	genCities = []struct{ city, country string }{
		{"Lyon", "France"}, {"Marseille", "France"}, {"Hamburg", "Germany"}, {"Munich", "Germany"},
		{"Porto", "Portugal"}, {"Seville", "Spain"}, {"Valencia", "Spain"}, {"Naples", "Italy"},
		{"Turin", "Italy"}, {"Krakow", "Poland"}, {"Gdansk", "Poland"}, {"Rotterdam", "Netherlands"},
		{"Antwerp", "Belgium"}, {"Gothenburg", "Sweden"}, {"Bergen", "Norway"}, {"Tampere", "Finland"},
		{"Cork", "Ireland"}, {"Leeds", "United Kingdom"}, {"Glasgow", "United Kingdom"},
		{"Osaka", "Japan"}, {"Busan", "South Korea"}, {"Chennai", "India"}, {"Pune", "India"},
		{"Lahore", "Pakistan"}, {"Surabaya", "Indonesia"}, {"Cebu", "Philippines"},
		{"Durban", "South Africa"}, {"Mombasa", "Kenya"}, {"Kano", "Nigeria"}, {"Alexandria", "Egypt"},
		{"Izmir", "Turkey"}, {"Tabriz", "Iran"}, {"Basra", "Iraq"}, {"Aleppo", "Syria"},
		{"Cordoba", "Argentina"}, {"Medellin", "Colombia"}, {"Recife", "Brazil"}, {"Monterrey", "Mexico"},
		{"Houston", "United States"}, {"Denver", "United States"}, {"Seattle", "United States"},
		{"Calgary", "Canada"}, {"Perth", "Australia"}, {"Christchurch", "New Zealand"},
	}
	// Invented towns, for places no gazetteer knows.
	genTownA = strings.Fields(`North South East West Upper Lower New Old Port Fort Lake Glen`)
	genTownB = strings.Fields(`Harwick Dunmore Ellsby Corvale Marston Trevin Oakridge Belham Ashcombe Kilvern Rosslyn Tarbury`)

	genOutletA = strings.Fields(`Daily Evening Morning Weekly National Coastal Capital Northern Metro Independent`)
	genOutletB = strings.Fields(`Herald Times Post Courier Tribune Observer Gazette Chronicle Ledger Dispatch Monitor Record`)
	genWeekday = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	genHedge   = []string{"", "", "", "nearly ", "about ", "more than ", "at least ", "almost ", "around "}
	genSpelled = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	genSaid    = []string{"said", "told reporters", "said in a statement", "told a news conference", "wrote on social media", "confirmed"}
	// Background sentences any story may carry, filled like the templates.
	genBackground = []string{
		"{C} has a population of about {pop} and lies {km} kilometres from the border.",
		"The last comparable event in {K} was in {year}, when {S2} was still in office.",
		"Critics of {S0} said the response had been slow and poorly coordinated.",
		"{O} said it had sent a team of {team} experts to {C} on {D}.",
		"Local media in {K} reported that the figures were likely to change.",
		"It was not immediately clear how the announcement would affect the talks planned for {DATE}.",
		"{S1} has faced growing pressure at home over the past {months} months.",
		"Residents of {C} told reporters they had been given little warning.",
		"The government of {K} has promised an inquiry, which {S2} said would report by {DATE}.",
		"Opposition politicians said {S0} had not answered the questions that mattered most.",
		"Analysts said the outcome would shape the debate in {K} for years to come.",
		"Officials declined to comment on reports that {team} more people were involved.",
		"A spokesperson for {O} said the organisation was monitoring the situation in {C} closely.",
		"The news came as {K} prepared for elections due in {months} months.",
	}
	genRepeat = []string{"Earlier, ", "On {D}, ", "Separately, ", "Meanwhile, ", "As of {D} evening, ", "Later, "}
	genFurn   = []string{"Share this article", "Advertisement", "Skip to content", "Sign up for our newsletter", "Read more:", "Related Articles"}
)

// genKind is one kind of news event: the roles of its actors, its facts
// and the sentences that report them. In templates {P0}..{P2} are people
// with their title, {S0}..{S2} their surnames, {O} an organisation, {C} the
// city, {K} the country, {D} the day, {DATE} the date, and {name} a fact.
type genKind struct {
	roles    []string
	org      []string
	facts    []genFact
	headline []string
	lead     []string
	body     []string
}

// genFact is a number a story turns on; sources may report it differently.
type genFact struct {
	name     string
	lo, hi   int
	unit     string // after the number; "" for a bare count
	currency bool
}

var genKinds = []genKind{
	{
		roles: []string{"President", "Prime Minister", "Foreign Minister"},
		org:   []string{"the United Nations", "the European Union", "NATO", "the African Union"},
		facts: []genFact{{"hours", 2, 9, "hours", false}, {"delegates", 20, 400, "delegates", false}, {"points", 3, 20, "points", false}},
		headline: []string{
			"{S0} and {S1} meet in {C} but leave without a deal",
			"Talks between {S0} and {S1} in {C} end after {hours}",
			"{K} hosts summit as {S0} presses {S1} on {points} disputed points",
		},
		lead: []string{
			"{P0} and {P1} met in {C} on {D}, their first face-to-face talks in {years} years.",
			"Leaders gathered in {C} on {D} for talks that lasted {hours}, officials said.",
		},
		body: []string{
			"The meeting lasted {hours} and was attended by {delegates}, according to organisers.",
			"{S0} said the two sides had agreed on {points} but not on a ceasefire.",
			"{P2} did not attend the talks, a spokesperson for {O} said.",
			"{S1} said {K} would not accept any deal that ignored its demands.",
			"Observers from {O} said the talks in {C} were constructive but inconclusive.",
			"The delegations did not reach an agreement on {D}, {S0} {said}.",
			"A joint statement is expected on {DATE}, {S1} {said}.",
			"{S0} described the talks as productive and said another meeting could follow within weeks.",
		},
	},
	{
		roles: []string{"Governor", "Mayor", "Emergency Services Director"},
		org:   []string{"the Red Cross", "the National Weather Service", "the Civil Protection Agency", "the World Health Organization"},
		facts: []genFact{{"dead", 3, 180, "people", false}, {"injured", 20, 900, "people", false}, {"magnitude", 5, 8, "", false}, {"evacuated", 500, 40000, "residents", false}},
		headline: []string{
			"Earthquake near {C} kills {dead}",
			"Death toll in {C} quake rises to {dead}",
			"{K} counts the cost after strong quake hits {C}",
		},
		lead: []string{
			"A magnitude {magnitude} earthquake struck near {C} on {D}, killing {dead} and injuring {injured}.",
			"At least {dead} were killed when a strong earthquake hit {C} early on {D}.",
		},
		body: []string{
			"Rescue teams from {O} said {injured} had been taken to hospital.",
			"{P0} said {evacuated} had been moved to shelters by {D} evening.",
			"The quake had a magnitude of {magnitude}, {O} said.",
			"{S1} said the death toll was not expected to rise.",
			"{P1} {said} that more than {buildings} buildings had collapsed in {C}.",
			"Aftershocks continued through {D}, and {S2} urged residents not to return home.",
			"{K} declared a state of emergency in the region on {DATE}.",
			"Officials said the quake was the strongest to hit {C} in {years} years.",
		},
	},
	{
		roles: []string{"Chief Executive", "Finance Director", "Chairman"},
		org:   []string{"the Competition Authority", "the Securities Commission", "the Central Bank", "the World Bank"},
		facts: []genFact{{"price", 2, 90, "billion", true}, {"jobs", 200, 12000, "jobs", false}, {"stake", 10, 95, "percent", false}},
		headline: []string{
			"{S0} agrees to buy rival in ${price} deal",
			"{C} group to cut {jobs} after ${price} takeover",
			"Regulators in {K} to review {stake} stake sale",
		},
		lead: []string{
			"{P0} announced on {D} that the company would buy a {stake} stake in its rival for ${price}.",
			"The ${price} takeover announced in {C} on {D} will cost {jobs}, {S1} {said}.",
		},
		body: []string{
			"The deal values the combined group at ${price}, {P1} said.",
			"{S0} said {jobs} would go over the next {years} years.",
			"{O} said it would examine whether the purchase of a {stake} stake harmed competition.",
			"Shares rose {pct} percent in {C} after the announcement on {D}.",
			"{P2} said the merger was not a takeover but a partnership of equals.",
			"Unions in {K} said the company had not consulted them, and called a meeting for {DATE}.",
			"{S1} {said} that no decision on the headquarters had been taken.",
		},
	},
	{
		roles: []string{"Interior Minister", "Police Chief", "Opposition Leader"},
		org:   []string{"the Human Rights Council", "Amnesty International", "the National Police", "the Electoral Commission"},
		facts: []genFact{{"crowd", 2000, 150000, "protesters", false}, {"arrests", 5, 400, "people", false}, {"injured", 3, 120, "officers", false}},
		headline: []string{
			"{crowd} march in {C} against new law",
			"Police arrest {arrests} as protest fills {C}",
			"Protest in {C} draws {crowd}, {S1} says",
		},
		lead: []string{
			"Around {crowd} marched through {C} on {D} to protest against the government, police said.",
			"Police in {C} arrested {arrests} on {D} after a protest turned violent.",
		},
		body: []string{
			"{P0} said {arrests} had been detained and {injured} injured.",
			"Organisers put the crowd at {crowd}, while police said it was far smaller.",
			"{P1} {said} the protest had been peaceful until the evening.",
			"{O} called on the authorities in {K} to release those detained on {D}.",
			"{S2} said the law would be debated again on {DATE}.",
			"The march ended at the central square of {C} shortly after {clock}.",
			"{S0} denied that police had used tear gas, but {S1} said they had.",
		},
	},
	{
		roles: []string{"Fire Chief", "Regional Governor", "Environment Minister"},
		org:   []string{"the Forest Service", "the Fire Brigade", "the Meteorological Office", "the Civil Defence Agency"},
		facts: []genFact{{"area", 300, 60000, "hectares", false}, {"homes", 10, 2500, "homes", false}, {"firefighters", 80, 3000, "firefighters", false}},
		headline: []string{
			"Wildfire near {C} destroys {homes}",
			"{firefighters} battle blaze outside {C}",
			"Fire burns {area} as {K} sends help to {C}",
		},
		lead: []string{
			"A wildfire near {C} has burned {area} and destroyed {homes} since {D}, {O} said.",
			"More than {firefighters} were fighting a fire outside {C} on {D}.",
		},
		body: []string{
			"{P0} said {firefighters} and {planes} aircraft were deployed.",
			"The fire has destroyed {homes}, according to {P1}.",
			"{S2} said the blaze was not yet under control on {D}.",
			"{O} said {area} had burned, more than in any year since {year}.",
			"Residents of {C} were told to leave by {clock} on {DATE}.",
			"{S0} {said} the cause of the fire was still under investigation.",
		},
	},
}

// genStory is the truth of one story, before each source words it.
type genStory struct {
	kind    *genKind
	people  [3]genPerson
	org     string
	city    string
	country string
	date    time.Time
	facts   map[string]int
	extra   map[string]int // small numbers used by several kinds
}

type genPerson struct{ first, last, title string }

// genExtraKeys are the keys of genStory.extra in a fixed order: a source
// draws its wording from the random stream in this order.
var genExtraKeys = []string{"years", "buildings", "pct", "planes", "year", "clock", "pop", "km", "team", "months"}

func genSurname(r *rand.Rand) string {
	return genSyl1[r.IntN(len(genSyl1))] + genSyl2[r.IntN(len(genSyl2))] + genSyl3[r.IntN(len(genSyl3))]
}

func genPick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func newGenStory(r *rand.Rand, id int) *genStory {
	k := &genKinds[id%len(genKinds)]
	st := &genStory{kind: k, facts: map[string]int{}, extra: map[string]int{}}
	for i := range st.people {
		st.people[i] = genPerson{genPick(r, genFirst), genSurname(r), k.roles[i]}
	}
	st.org = genPick(r, k.org)
	if r.IntN(3) == 0 {
		st.city = genPick(r, genTownA) + " " + genPick(r, genTownB)
		st.country = genPick(r, genCities).country
	} else {
		c := genPick(r, genCities)
		st.city, st.country = c.city, c.country
	}
	st.date = time.Date(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	for _, f := range k.facts {
		st.facts[f.name] = f.lo + r.IntN(f.hi-f.lo+1)
	}
	st.extra["years"] = 2 + r.IntN(30)
	st.extra["buildings"] = 10 + r.IntN(300)
	st.extra["pct"] = 2 + r.IntN(12)
	st.extra["planes"] = 2 + r.IntN(20)
	st.extra["year"] = 1990 + r.IntN(25)
	st.extra["clock"] = 1 + r.IntN(11)
	st.extra["pop"] = 20000 + r.IntN(3000000)
	st.extra["km"] = 5 + r.IntN(400)
	st.extra["team"] = 3 + r.IntN(60)
	st.extra["months"] = 2 + r.IntN(18)
	return st
}

// genNumber words a number the way different outlets do: digits with
// separators, words for small counts, "1.2 million" for large ones.
func genNumber(r *rand.Rand, n int) string {
	switch {
	case n <= 12 && r.IntN(2) == 0:
		return genSpelled[n]
	case n >= 1000000 && r.IntN(2) == 0:
		return fmt.Sprintf("%.1f million", float64(n)/1e6)
	case n >= 1000 && r.IntN(3) > 0:
		s := fmt.Sprint(n)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	}
	return fmt.Sprint(n)
}

// genSource is one outlet's version of a story: the facts it reports
// (some of them off) and its wording choices.
type genSource struct {
	vals map[string]string
}

func newGenSource(r *rand.Rand, st *genStory) *genSource {
	src := &genSource{vals: map[string]string{}}
	for i, p := range st.people {
		full := p.title + " " + p.first + " " + p.last
		if r.IntN(4) == 0 {
			full = p.first + " " + p.last + ", the " + strings.ToLower(p.title) + ","
		}
		src.vals[fmt.Sprintf("P%d", i)] = full
		src.vals[fmt.Sprintf("S%d", i)] = p.last
	}
	src.vals["O"] = st.org
	src.vals["C"] = st.city
	src.vals["K"] = st.country
	day := st.date
	if r.IntN(6) == 0 {
		day = day.AddDate(0, 0, 1-2*r.IntN(2)) // a source a day off
	}
	src.vals["D"] = genWeekday[day.Weekday()]
	src.vals["DATE"] = day.AddDate(0, 0, 3+r.IntN(20)).Format("January 2")
	src.vals["said"] = genPick(r, genSaid)
	for _, f := range st.kind.facts {
		v := st.facts[f.name]
		if r.IntN(4) == 0 { // this source has another figure
			v = max(1, v+v*(r.IntN(61)-30)/100+1)
		}
		num := genPick(r, genHedge) + genNumber(r, v)
		switch {
		case f.currency:
			num = genNumber(r, v)
			if f.unit != "" {
				num += " " + f.unit
			}
		case f.name == "magnitude":
			num = fmt.Sprintf("%d.%d", v, r.IntN(10))
		case f.unit != "":
			num += " " + f.unit
		}
		src.vals[f.name] = num
	}
	for _, k := range genExtraKeys {
		v := st.extra[k]
		switch k {
		case "year":
			src.vals[k] = fmt.Sprint(v)
		case "clock":
			src.vals[k] = fmt.Sprintf("%d p.m.", v)
		default:
			src.vals[k] = genNumber(r, v)
		}
	}
	return src
}

func (src *genSource) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.WriteString(tmpl[:i])
		key := tmpl[i+1 : i+j]
		b.WriteString(src.vals[key])
		tmpl = tmpl[i+j+1:]
	}
	s := b.String()
	// An appositive title ("Ana Ruiz, the mayor,") or "p.m." before a
	// full stop keeps one mark.
	s = strings.ReplaceAll(s, ",.", ".")
	s = strings.ReplaceAll(s, "..", ".")
	return strings.ToUpper(s[:1]) + s[1:]
}

// genArticle is one generated article before it is put in a format.
type genArticle struct {
	title, outlet, byline, dateline string
	date                            time.Time
	paras                           []string
	furniture                       []string
}

func newGenArticle(r *rand.Rand, st *genStory) genArticle {
	src := newGenSource(r, st)
	k := st.kind
	a := genArticle{
		title:  src.fill(genPick(r, k.headline)),
		outlet: "The " + genPick(r, genOutletA) + " " + genPick(r, genOutletB),
		byline: genPick(r, genFirst) + " " + genSurname(r),
		date:   st.date.AddDate(0, 0, r.IntN(3)),
	}
	if r.IntN(5) > 0 {
		a.dateline = strings.ToUpper(st.city)
	}
	lead := src.fill(genPick(r, k.lead))
	if a.dateline != "" {
		lead = a.dateline + " — " + lead
	}
	a.paras = append(a.paras, lead)
	// The story's own sentences in a source's order, some said twice in
	// other words, and background, make articles of 2 to 5 KB like the
	// news the tool is for.
	sents := make([]string, 0, 2*len(k.body)+len(genBackground))
	for _, i := range r.Perm(len(k.body)) {
		sents = append(sents, k.body[i])
	}
	for _, i := range r.Perm(len(k.body))[:r.IntN(len(k.body))] {
		s := k.body[i]
		sents = append(sents, genPick(r, genRepeat)+strings.ToLower(s[:1])+s[1:])
	}
	for _, i := range r.Perm(len(genBackground))[:4+r.IntN(len(genBackground)-4)] {
		sents = append(sents, genBackground[i])
	}
	r.Shuffle(len(sents)-len(k.body), func(i, j int) {
		sents[len(k.body)+i], sents[len(k.body)+j] = sents[len(k.body)+j], sents[len(k.body)+i]
	})
	var para []string
	for i, tmpl := range sents {
		para = append(para, src.fill(tmpl))
		if len(para) == 1+r.IntN(3) || i == len(sents)-1 {
			a.paras = append(a.paras, strings.Join(para, " "))
			para = para[:0]
		}
	}
	if r.IntN(2) == 0 {
		quote := fmt.Sprintf("“We will not give up on %s,” %s %s.", st.city, st.people[r.IntN(3)].last, src.vals["said"])
		a.paras = append(a.paras, quote)
	}
	for range r.IntN(3) {
		a.furniture = append(a.furniture, genPick(r, genFurn))
	}
	return a
}

// Formats of generated documents, in the proportions of a mixed folder:
// mostly plain text, then Markdown, HTML pages and one-item feeds.
func genRender(r *rand.Rand, a genArticle, i int) Document {
	name := fmt.Sprintf("gen/%05d", i)
	var b bytes.Buffer
	switch p := r.IntN(20); {
	case p < 13:
		name += ".txt"
		b.WriteString(a.title + "\n")
		if r.IntN(2) == 0 {
			b.WriteString("By " + a.byline + ", " + a.outlet + "\n")
		}
		for _, f := range a.furniture[:len(a.furniture)/2] {
			b.WriteString(f + "\n")
		}
		for _, p := range a.paras {
			b.WriteString(p + "\n\n")
		}
		for _, f := range a.furniture[len(a.furniture)/2:] {
			b.WriteString(f + "\n")
		}
	case p < 16:
		name += ".md"
		fmt.Fprintf(&b, "---\ntitle: %q\nauthor: %s\nsource: %s\ndate: %s\n---\n\n# %s\n\n",
			a.title, a.byline, a.outlet, a.date.Format("2006-01-02"), a.title)
		for j, p := range a.paras {
			if j == 2 {
				// A link and some emphasis, as Markdown articles have.
				if k := strings.IndexByte(p, ' '); k > 0 {
					p = "**" + p[:k] + "**" + p[k:] + " [More](https://example.org/" + fmt.Sprint(i) + ")"
				}
			}
			b.WriteString(p + "\n\n")
		}
	case p < 19:
		name += ".html"
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><title>%s</title>\n", html.EscapeString(a.title))
		fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"%s\">\n<meta name=\"author\" content=\"%s\">\n",
			html.EscapeString(a.outlet), html.EscapeString(a.byline))
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", a.date.Format(time.RFC3339))
		b.WriteString("<style>body{font-family:serif}</style><script>var x = 1;</script></head>\n<body>\n")
		b.WriteString("<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li></ul></nav>\n")
		fmt.Fprintf(&b, "<article><h1>%s</h1>\n<p class=\"byline\">By %s</p>\n", html.EscapeString(a.title), html.EscapeString(a.byline))
		for _, p := range a.paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		}
		b.WriteString("</article>\n<aside><h2>Most read</h2><ul><li><a href=\"/a\">Another story</a></li></ul></aside>\n")
		b.WriteString("<footer><p>&copy; All rights reserved.</p></footer>\n</body></html>\n")
	default:
		name += ".rss"
		b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
		fmt.Fprintf(&b, "<title>%s</title><link>https://example.org/</link><description>News</description>\n", html.EscapeString(a.outlet))
		fmt.Fprintf(&b, "<item><title>%s</title><author>%s</author><pubDate>%s</pubDate>\n<description>",
			html.EscapeString(a.title), html.EscapeString(a.byline), a.date.Format(time.RFC1123Z))
		var body strings.Builder
		for _, p := range a.paras {
			body.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
		b.WriteString(html.EscapeString(body.String()))
		b.WriteString("</description></item>\n</channel></rss>\n")
	}
	return Document{Name: name, File: name[len("gen/"):], Data: b.Bytes()}
}

// genCorpus returns n generated documents, each one article, about
// ceil(n/genPerStory) stories. Document i depends only on seed and i.
func genCorpus(n int, seed uint64) []Document {
	docs := make([]Document, n)
	var st *genStory
	for i := range n {
		if i%genPerStory == 0 {
			story := uint64(i / genPerStory)
			st = newGenStory(rand.New(rand.NewPCG(seed, story)), int(story))
		}
		r := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(i)))
		docs[i] = genRender(r, newGenArticle(r, st), i)
	}
	return docs
}

var (
	genCacheMu sync.Mutex
	genCache   = map[int][]Document{}
)

// genCorpusCached shares one generated corpus of each size among the
// benchmarks of a run (the 10,000-article one takes a while to write).
func genCorpusCached(n int) []Document {
	genCacheMu.Lock()
	defer genCacheMu.Unlock()
	if docs, ok := genCache[n]; ok {
		return docs
	}
	docs := genCorpus(n, 2024)
	genCache[n] = docs
	return docs
}

func corpusBytes(docs []Document) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Data))
	}
	return n
}

func TestGenCorpusIsDeterministicAndVaried(t *testing.T) {
	a, b := genCorpus(200, 7), genCorpus(200, 7)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("document %d differs between two runs with one seed", i)
		}
	}
	if c := genCorpus(200, 8); bytes.Equal(a[0].Data, c[0].Data) {
		t.Errorf("another seed gave the same first document")
	}
	distinct := map[string]bool{}
	formats := map[Format]int{}
	var words int
	for _, d := range a {
		distinct[string(d.Data)] = true
		arts, err := ParseDocument(d)
		if err != nil {
			t.Fatalf("%s does not parse: %v\n%s", d.Name, err, d.Data)
		}
		if len(arts) != 1 {
			t.Fatalf("%s: %d articles, want 1", d.Name, len(arts))
		}
		formats[arts[0].Format]++
		words += arts[0].Words
		if arts[0].Title == "" || arts[0].Format != FormatText && arts[0].Outlet == "" {
			t.Errorf("%s: outlet %q title %q", d.Name, arts[0].Outlet, arts[0].Title)
		}
	}
	if len(distinct) != len(a) {
		t.Errorf("%d distinct documents of %d", len(distinct), len(a))
	}
	for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML, FormatFeed} {
		if formats[f] == 0 {
			t.Errorf("no %s documents: %v", f, formats)
		}
	}
	if avg := words / len(a); avg < 150 || avg > 800 {
		t.Errorf("%d words an article on average, want news-sized articles", avg)
	}
	// The sources of a story agree on most facts and disagree on some, or
	// there would be nothing to find.
	for id := range len(genKinds) {
		st := newGenStory(rand.New(rand.NewPCG(1, uint64(id))), id)
		agree, differ := 0, 0
		for _, f := range st.kind.facts {
			seen := map[string]int{}
			for s := range 3 * genPerStory {
				src := newGenSource(rand.New(rand.NewPCG(2, uint64(s))), st)
				seen[src.vals[f.name]]++
			}
			if len(seen) > 1 {
				differ++
			}
			for _, n := range seen {
				if n > 1 {
					agree++
					break
				}
			}
		}
		if agree == 0 || differ == 0 {
			t.Errorf("story kind %d: %d facts with agreeing sources, %d with differing ones", id, agree, differ)
		}
	}
}
