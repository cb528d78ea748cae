package feed

import "testing"

// The expected values are the examples in the Podcasting 2.0 namespace's description of
// podcast:guid.
func TestPodcastGUIDMatchesTheNamespaceExamples(t *testing.T) {
	cases := map[string]string{
		"mp3s.nashownotes.com/pc20rss.xml":         "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"https://mp3s.nashownotes.com/pc20rss.xml": "917393e3-1b1e-5cef-ace4-edaa54e1f810",
		"podnews.net/rss":                          "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"https://podnews.net/rss":                  "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"http://podnews.net/rss/":                  "9b024349-ccf0-5f69-a609-6b82873eab3c",
		"https://podnews.net/rss//":                "9b024349-ccf0-5f69-a609-6b82873eab3c",
	}
	for url, want := range cases {
		if got := PodcastGUID(url); got != want {
			t.Errorf("PodcastGUID(%q) = %s, want %s", url, got, want)
		}
	}
	if a, b := PodcastGUID("https://kopru.example/podcast/a.xml"), PodcastGUID("https://kopru.example/podcast/b.xml"); a == b || !isUUID(a) {
		t.Errorf("two feeds got %s and %s", a, b)
	}
}

func TestIsUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"ead4c236-bf58-58c6-a2c6-a6b28d128cb6": true,
		"EAD4C236-BF58-58C6-A2C6-A6B28D128CB6": true,
		"ead4c236bf5858c6a2c6a6b28d128cb6":     false,
		"ead4c236-bf58-58c6-a2c6-a6b28d128cbg": false,
		"ead4c236-bf58-58c6-a2c6_a6b28d128cb6": false,
		"":                                     false,
	} {
		if got := isUUID(s); got != want {
			t.Errorf("isUUID(%q) = %v, want %v", s, got, want)
		}
	}
}
