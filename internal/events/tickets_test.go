package events

import (
	"bytes"
	"strings"
	"testing"
)

func TestTicketCodes(t *testing.T) {
	signer := NewTicketSigner(secret)
	nonce := bytes.Repeat([]byte{7}, nonceSize)
	code := signer.Code(42, 7, nonce)
	if reg, ev, ok := signer.Verify(code); !ok || reg != 42 || ev != 7 {
		t.Fatalf("own code: %d %d %v", reg, ev, ok)
	}
	if other := signer.Code(42, 7, bytes.Repeat([]byte{8}, nonceSize)); other == code {
		t.Fatal("the nonce does not change the code")
	}
	// Flip one character of the payload: the registration ID changes, the MAC no longer fits.
	tampered := []byte(code)
	tampered[5] ^= 1
	stranger := NewTicketSigner(bytes.Repeat([]byte("x"), 32)).Code(42, 7, nonce)
	for name, bad := range map[string]string{
		"empty":          "",
		"no MAC":         strings.Split(code, ".")[0],
		"truncated":      code[:len(code)-1],
		"extended":       code + "A",
		"tampered":       string(tampered),
		"other secret":   stranger,
		"MAC moved":      strings.Split(code, ".")[1] + "." + strings.Split(code, ".")[0],
		"not base64":     strings.Repeat("!", len(code)),
		"padding added":  strings.Replace(code, ".", "=.", 1),
		"two dots":       code + ".x",
		"upper-cased":    strings.ToUpper(code),
		"swapped halves": strings.Split(code, ".")[0] + "." + strings.Split(stranger, ".")[1],
	} {
		if _, _, ok := signer.Verify(bad); ok && bad != code {
			t.Errorf("%s: %q verified", name, bad)
		}
	}
}
