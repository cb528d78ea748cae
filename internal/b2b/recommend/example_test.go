package recommend_test

import (
	"fmt"

	"github.com/kopru-platform/kopru/internal/b2b/recommend"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/ui"
)

// How the b2b module uses the package: map the programme, build once, ask
// for a participant's list and render each reason in the reader's language.
func Example() {
	idx, err := recommend.Build(recommend.Input{
		Participants: []recommend.Participant{
			{ID: "figs-izmir", City: "İzmir", Country: "TR", Languages: []string{"tr", "en"}, Sectors: []string{"10.39"}},
			{ID: "trade-baku", City: "Bakı", Country: "AZ", Languages: []string{"az", "en"}, Sectors: []string{"46.31"}},
		},
		Opportunities: []recommend.Opportunity{
			{ID: "1", Owner: "figs-izmir", Kind: recommend.Offer, Category: "supplier",
				Title: i18n.Text{TR: "Kuru incir ihracatı", EN: "Dried fig exports"}},
			{ID: "2", Owner: "trade-baku", Kind: recommend.Request, Category: "supplier",
				Title: i18n.Text{AZ: "Quru əncir tədarükçüsü", EN: "Supplier of dried figs"}},
		},
	})
	if err != nil {
		panic(err)
	}
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		panic(err)
	}
	list, _ := idx.For("trade-baku", 20)
	for _, s := range list {
		fmt.Println(s.Participant)
		for _, lang := range i18n.Supported {
			fmt.Println(" ", s.Line(cat, lang))
		}
	}
	// Output:
	// figs-izmir
	//   “Kuru incir ihracatı” teklifleri talebinizi karşılıyor (Dried) · Sektörleri (NACE 10) sizinkiyle (NACE 46) ticaret yapıyor
	//   Onların “Kuru incir ihracatı” təklifi sorğunuza cavab verir (Dried) · Onların sektoru (NACE 10) sizinki (NACE 46) ilə ticarət edir
	//   Their offer “Dried fig exports” answers your request (Dried) · Their sector (NACE 10) trades with yours (NACE 46)
}
