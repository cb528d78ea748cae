package feed

import "unicode/utf8"

const replacement = "\uFFFD"

// appendText appends s as XML character data, or as an attribute value in double quotes
// when attr is set. It escapes & < > and ", writes carriage returns (and, in attribute
// values, tabs and newlines) as character references, since a parser would otherwise
// turn them into newlines and spaces, and
// replaces what XML 1.0 cannot carry at all (other control characters, U+FFFE, U+FFFF,
// invalid UTF-8) with U+FFFD, so the feed stays well-formed whatever was typed.
// Unchanged runs are copied whole.
func appendText(dst []byte, s string, attr bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			var esc string
			switch b {
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '"':
				esc = "&quot;"
			case '\r':
				esc = "&#13;"
			case '\t', '\n':
				if !attr {
					i++
					continue
				}
				esc = "&#9;"
				if b == '\n' {
					esc = "&#10;"
				}
			default:
				if b < 0x20 || b == 0x7f {
					esc = replacement
				} else {
					i++
					continue
				}
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, esc...)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r, size) {
			dst = append(dst, s[last:i]...)
			dst = append(dst, replacement...)
			last = i + size
		}
		i += size
	}
	return append(dst, s[last:]...)
}

// appendCDATA appends s as one or more CDATA sections. A "]]>" inside s would end the
// section early, so the section is closed between "]]" and ">" and a new one opened;
// characters XML cannot carry are replaced as in appendText.
func appendCDATA(dst []byte, s string) []byte {
	dst = append(dst, "<![CDATA["...)
	last := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == ']' && i+2 < len(s) && s[i+1] == ']' && s[i+2] == '>':
				dst = append(dst, s[last:i+2]...)
				dst = append(dst, "]]><![CDATA["...)
				last = i + 2 // the ">" starts the next section
				i += 2
			case b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f:
				dst = append(dst, s[last:i]...)
				dst = append(dst, replacement...)
				i++
				last = i
			default:
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r, size) {
			dst = append(dst, s[last:i]...)
			dst = append(dst, replacement...)
			last = i + size
		}
		i += size
	}
	dst = append(dst, s[last:]...)
	return append(dst, "]]>"...)
}

// xmlChar reports whether a decoded non-ASCII rune may appear in an XML 1.0 document.
// Invalid UTF-8 decodes to RuneError with size 1; surrogates never decode.
func xmlChar(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return r != 0xFFFE && r != 0xFFFF
}
