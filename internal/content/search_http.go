package content

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Searcher is what the search page needs from the site-wide index.
type Searcher interface {
	Search(ctx context.Context, q search.Query) ([]search.Hit, error)
}

// SearchHandlers serve the site-wide search: one box, every module's public documents,
// results grouped by kind, the reader's language first.
type SearchHandlers struct {
	ix Searcher
	rd *web.Renderer
}

// NewSearchHandlers wires the search page and API to the index.
func NewSearchHandlers(ix Searcher, rd *web.Renderer) *SearchHandlers {
	return &SearchHandlers{ix: ix, rd: rd}
}

// searchKinds orders the groups on the results page; kinds not listed follow in the order found.
var searchKinds = []string{"news", "page", "milestone", "event", "project", "proposal", "programme", "episode"}

// SearchGroup is one kind's hits.
type SearchGroup struct {
	Kind string
	Hits []SearchHit
}

// SearchHit is a hit as pages and the API show it.
type SearchHit struct {
	Kind      string        `json:"kind"`
	Lang      string        `json:"lang"`
	Title     string        `json:"title"`
	TitleHTML template.HTML `json:"title_html"`
	Snippet   template.HTML `json:"snippet_html"`
	URL       string        `json:"url"`
	Date      *time.Time    `json:"date,omitempty"`
}

type searchResults struct {
	Query  string
	Kind   string
	Total  int
	Groups []SearchGroup
	Kinds  []string
}

func (h *SearchHandlers) run(r *http.Request, lang string) (searchResults, error) {
	q := r.URL.Query()
	res := searchResults{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind"), Kinds: searchKinds}
	var kinds []string
	if slices.Contains(searchKinds, res.Kind) {
		kinds = []string{res.Kind}
	} else {
		res.Kind = ""
	}
	hits, err := h.ix.Search(r.Context(), search.Query{Text: res.Query, Lang: lang, Kinds: kinds, Limit: 50})
	if err != nil {
		return res, err
	}
	res.Groups = groupHits(hits)
	for _, g := range res.Groups {
		res.Total += len(g.Hits)
	}
	return res, nil
}

// groupHits keeps the engine's ranking inside each group and orders groups by the best
// hit they hold, so the most relevant kind comes first. A thing found in several languages
// is shown once, in the first language the engine ranked (the reader's own when it matched).
func groupHits(hits []search.Hit) []SearchGroup {
	var groups []SearchGroup
	index := map[string]int{}
	seen := map[string]bool{}
	for _, hit := range hits {
		if key := hit.Kind + "/" + hit.Ref; seen[key] {
			continue
		} else {
			seen[key] = true
		}
		i, ok := index[hit.Kind]
		if !ok {
			i = len(groups)
			index[hit.Kind] = i
			groups = append(groups, SearchGroup{Kind: hit.Kind})
		}
		sh := SearchHit{Kind: hit.Kind, Lang: hit.Lang, Title: hit.Title, URL: hit.URL,
			// The index escapes both texts and adds only <mark> tags.
			TitleHTML: template.HTML(hit.TitleHTML), Snippet: template.HTML(hit.Snippet)}
		if !hit.Date.IsZero() {
			d := hit.Date
			sh.Date = &d
		}
		groups[i].Hits = append(groups[i].Hits, sh)
	}
	return groups
}

// Page is GET /{lang}/search?q=…: the form alone without a query, results with one.
func (h *SearchHandlers) Page(w http.ResponseWriter, r *http.Request) {
	lang := web.LocaleOf(r.Context())
	page := &web.Page{Title: h.rd.T(r, "search.title"), Form: web.NewForm(r.URL.Query())}
	if strings.TrimSpace(r.URL.Query().Get("q")) == "" {
		page.Data = searchResults{Kinds: searchKinds}
		h.rd.Render(w, r, http.StatusOK, "search/results", page)
		return
	}
	res, err := h.run(r, lang)
	page.Data = res
	if err != nil && web.StatusOf(err) == http.StatusUnprocessableEntity {
		page.Form.Fail("q", queryErrorKey(err))
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "search/results", page)
		return
	}
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	page.Title = h.rd.T(r, "search.title_for", res.Query)
	h.rd.Render(w, r, http.StatusOK, "search/results", page)
}

func queryErrorKey(err error) string {
	if errors.Is(err, search.ErrQueryTooLong) {
		return "search.query_too_long"
	}
	return "search.query_empty"
}

type searchJSON struct {
	Query  string      `json:"query"`
	Lang   string      `json:"lang"`
	Total  int         `json:"total"`
	Groups []groupJSON `json:"groups"`
	Hits   []SearchHit `json:"hits"`
	Kinds  []string    `json:"kinds"`
}

type groupJSON struct {
	Kind string      `json:"kind"`
	Hits []SearchHit `json:"hits"`
}

// API is GET /api/v1/search?q=…&lang=…&kind=…: the same results as JSON.
func (h *SearchHandlers) API(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if lang != "tr" && lang != "az" && lang != "en" {
		lang = web.LocaleOf(r.Context())
	}
	res, err := h.run(r, lang)
	if err != nil {
		h.rd.APIError(w, r, err)
		return
	}
	out := searchJSON{Query: res.Query, Lang: lang, Total: res.Total, Groups: []groupJSON{}, Kinds: searchKinds}
	for _, g := range res.Groups {
		out.Groups = append(out.Groups, groupJSON{Kind: g.Kind, Hits: g.Hits})
	}
	web.WriteJSON(w, http.StatusOK, out)
}
