package web

import (
	"net/http"
	"strconv"
)

// Pager is one page of a list: which rows to fetch and what links to show.
type Pager struct {
	Page, PerPage, Total int
}

// NewPager reads ?page= from the request; bad or missing values mean page 1.
func NewPager(r *http.Request, perPage int) Pager {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 || page > 1_000_000 {
		page = 1
	}
	return Pager{Page: page, PerPage: perPage}
}

// Offset is the number of rows to skip.
func (p Pager) Offset() int { return (p.Page - 1) * p.PerPage }

// Pages is the number of pages given Total.
func (p Pager) Pages() int {
	if p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// HasPrev and HasNext tell the template which links to show.
func (p Pager) HasPrev() bool { return p.Page > 1 }
func (p Pager) HasNext() bool { return p.Page < p.Pages() }
func (p Pager) Prev() int     { return p.Page - 1 }
func (p Pager) Next() int     { return p.Page + 1 }
