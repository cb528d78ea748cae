package feed

// appleCategories is Apple Podcasts' category list (the one in force since 2019): each
// category with its subcategories, in Apple's order. A feed naming anything else is
// rejected by Apple, so Validate rejects it first.
var appleCategories = []struct {
	name string
	subs []string
}{
	{"Arts", []string{"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"}},
	{"Business", []string{"Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"}},
	{"Comedy", []string{"Comedy Interviews", "Improv", "Stand-Up"}},
	{"Education", []string{"Courses", "How To", "Language Learning", "Self-Improvement"}},
	{"Fiction", []string{"Comedy Fiction", "Drama", "Science Fiction"}},
	{"Government", nil},
	{"History", nil},
	{"Health & Fitness", []string{"Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"}},
	{"Kids & Family", []string{"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"}},
	{"Leisure", []string{"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"}},
	{"Music", []string{"Music Commentary", "Music History", "Music Interviews"}},
	{"News", []string{"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"}},
	{"Religion & Spirituality", []string{"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"}},
	{"Science", []string{"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"}},
	{"Society & Culture", []string{"Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"}},
	{"Sports", []string{"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"}},
	{"Technology", nil},
	{"True Crime", nil},
	{"TV & Film", []string{"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"}},
}

// AppleCategories returns every valid choice in Apple's order: each category alone,
// followed by each of its subcategories. A show form offers these.
func AppleCategories() []Category {
	var all []Category
	for _, c := range appleCategories {
		all = append(all, Category{Name: c.name})
		for _, s := range c.subs {
			all = append(all, Category{Name: c.name, Sub: s})
		}
	}
	return all
}

// ValidCategory reports whether c is on Apple's list: a known category, with no
// subcategory or one that belongs to it.
func ValidCategory(c Category) bool {
	for _, known := range appleCategories {
		if known.name != c.Name {
			continue
		}
		if c.Sub == "" {
			return true
		}
		for _, s := range known.subs {
			if s == c.Sub {
				return true
			}
		}
		return false
	}
	return false
}
