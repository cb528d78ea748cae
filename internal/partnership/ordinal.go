package partnership

import "strconv"

// ordinal writes n as an ordinal numeral the way each language prints it next to a noun:
// "40." (tr), "40-cı" (az), "40th" (en). A message template cannot do this alone because the
// Azerbaijani suffix follows the vowel harmony of the number's last spoken word.
func ordinal(lang string, n int) string {
	s := strconv.Itoa(n)
	switch lang {
	case "az":
		return s + "-" + azOrdinalSuffix(n)
	case "en":
		switch {
		case n%100 >= 11 && n%100 <= 13:
			return s + "th"
		case n%10 == 1:
			return s + "st"
		case n%10 == 2:
			return s + "nd"
		case n%10 == 3:
			return s + "rd"
		}
		return s + "th"
	}
	return s + "."
}

// The suffix of each number word: bir-ci, iki-ci, üç-cü, dörd-cü, beş-ci, altı-cı, yeddi-ci,
// səkkiz-ci, doqquz-cu; on-cu, iyirmi-ci, otuz-cu, qırx-cı, əlli-ci, altmış-cı, yetmiş-ci,
// səksən-ci, doxsan-cı.
var (
	azUnits = [10]string{"cı", "ci", "ci", "cü", "cü", "ci", "cı", "ci", "ci", "cu"}
	azTens  = [10]string{"", "cu", "ci", "cu", "cı", "ci", "cı", "ci", "ci", "cı"}
)

func azOrdinalSuffix(n int) string {
	if n < 0 {
		n = -n
	}
	switch {
	case n%10 != 0 || n == 0:
		return azUnits[n%10]
	case n%100 != 0:
		return azTens[n/10%10]
	case n%1000 != 0:
		return "cü" // yüz
	}
	return "ci" // min
}
