package feed

import "testing"

func TestAppleCategoryList(t *testing.T) {
	all := AppleCategories()
	top := 0
	for _, c := range all {
		if c.Sub == "" {
			top++
		}
		if !ValidCategory(c) {
			t.Errorf("%+v is listed but not valid", c)
		}
	}
	// Apple's list: 19 categories with 91 subcategories between them.
	if top != 19 || len(all) != 19+91 {
		t.Errorf("%d categories, %d choices; want 19 and 110", top, len(all))
	}
	for _, c := range []Category{
		{"Technology", "Podcasting"},     // a subcategory Apple dropped in 2019
		{"Games & Hobbies", ""},          // a category Apple dropped in 2019
		{"Society & Culture", "History"}, // History is a category of its own now
		{"society & culture", ""},        // Apple's names are exact
		{"", "Places & Travel"},
		{"Arts", "Places & Travel"},
	} {
		if ValidCategory(c) {
			t.Errorf("%+v accepted", c)
		}
	}
}

// Every category Apple lists is written so that a parser reads it back as given.
func TestEveryAppleCategoryRoundTrips(t *testing.T) {
	show := testShow()
	show.Categories = AppleCategories()
	f := parse(t, render(t, show, nil))
	got := f.ITunesExt.Categories
	if len(got) != len(show.Categories) {
		t.Fatalf("%d categories parsed, want %d", len(got), len(show.Categories))
	}
	for i, c := range show.Categories {
		sub := ""
		if got[i].Subcategory != nil {
			sub = got[i].Subcategory.Text
		}
		if got[i].Text != c.Name || sub != c.Sub {
			t.Errorf("category %d parsed as %q/%q, want %q/%q", i, got[i].Text, sub, c.Name, c.Sub)
		}
	}
}
