package feed

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestETagIsAStrongValidatorOfTheContent(t *testing.T) {
	show, eps := testShow(), testEpisodes()
	tag := ETag(show, eps)
	if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 20 {
		t.Fatalf("ETag %s is not a quoted strong validator", tag)
	}
	if again := ETag(testShow(), testEpisodes()); again != tag {
		t.Errorf("same input, different tags: %s %s", tag, again)
	}
	reversed := []Episode{eps[2], eps[1], eps[0]}
	if got := ETag(show, reversed); got != tag {
		t.Errorf("the order episodes are given in changed the tag")
	}

	changed := map[string]func(s *Show, e *[]Episode){
		"episode updated":     func(_ *Show, e *[]Episode) { (*e)[1].UpdatedAt = (*e)[1].UpdatedAt.Add(time.Second) },
		"episode rescheduled": func(_ *Show, e *[]Episode) { (*e)[0].PublishedAt = (*e)[0].PublishedAt.Add(time.Hour) },
		"episode removed":     func(_ *Show, e *[]Episode) { *e = (*e)[:2] },
		"episode added":       func(_ *Show, e *[]Episode) { *e = append(*e, manyEpisodes(1)...) },
		"episode replaced":    func(_ *Show, e *[]Episode) { (*e)[2].GUID = "kopru-podcast-other" },
		"category sub":        func(s *Show, _ *[]Episode) { s.Categories[0].Sub = "Documentary" },
		"funding text":        func(s *Show, _ *[]Episode) { s.Funding[0].Text = "Bağış" },
		"person img":          func(s *Show, _ *[]Episode) { s.Persons[0].Img = "https://kopru.example/p.png" },
		"related title":       func(s *Show, _ *[]Episode) { s.Related[0].Title = "Körpü" },
		// Moving text from one field to the next must not give the same bytes.
		"text moved between fields": func(s *Show, _ *[]Episode) { s.Title, s.Link = s.Title+s.Link, "" },
	}
	for name, change := range changed {
		s, e := testShow(), testEpisodes()
		change(&s, &e)
		if ETag(s, e) == tag {
			t.Errorf("%s: tag unchanged", name)
		}
	}
}

// Every field of Show counts: a field added to Show later and forgotten in ETag fails here.
func TestETagCoversEveryShowField(t *testing.T) {
	base := testShow()
	tag := ETag(base, nil)
	typ := reflect.TypeOf(base)
	for i := 0; i < typ.NumField(); i++ {
		s := testShow()
		f := reflect.ValueOf(&s).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			f.Set(f.Slice(0, 0))
		case reflect.Struct: // time.Time
			f.Set(reflect.ValueOf(s.UpdatedAt.Add(time.Minute)))
		default:
			t.Fatalf("field %s of kind %s: extend this test", typ.Field(i).Name, f.Kind())
		}
		if ETag(s, nil) == tag {
			t.Errorf("changing Show.%s leaves the tag unchanged", typ.Field(i).Name)
		}
	}
}
