package events

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"

	"github.com/skip2/go-qrcode"
)

// Tickets carry their code as a QR code with medium error correction (15% of the symbol may be
// damaged or dirty): a crumpled print-out or a cracked phone screen still scans, and a ticket
// code (about 70 characters) stays a small symbol that cheap phone cameras read at arm's length.
const qrLevel = qrcode.Medium

// qrModules returns the symbol's modules, modules[y][x] true for dark, including the four-module
// light quiet zone around it that scanners need.
func qrModules(text string) ([][]bool, error) {
	if text == "" {
		return nil, errors.New("events: empty QR code text")
	}
	q, err := qrcode.New(text, qrLevel)
	if err != nil {
		return nil, fmt.Errorf("events: QR code: %w", err)
	}
	return q.Bitmap(), nil
}

// QRPNG renders text as a QR code PNG (medium error correction), size px square. Every module
// is the same whole number of pixels, the symbol centred with the leftover as extra margin, so
// the code stays sharp at any size. A size too small to give each module a pixel is refused.
func QRPNG(text string, size int) ([]byte, error) {
	m, err := qrModules(text)
	if err != nil {
		return nil, err
	}
	n := len(m)
	if size < n {
		return nil, fmt.Errorf("events: QR code needs at least %d px, asked for %d", n, size)
	}
	scale, offset := size/n, (size%n)/2
	// Palette index 0 (white) is the zero value, so only dark modules are painted.
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y, row := range m {
		for x, dark := range row {
			if !dark {
				continue
			}
			for py := offset + y*scale; py < offset+(y+1)*scale; py++ {
				line := img.Pix[py*img.Stride:]
				for px := offset + x*scale; px < offset+(x+1)*scale; px++ {
					line[px] = 1
				}
			}
		}
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// QRSVG renders text as a QR code SVG (crisp on screens, small): a white square and one <path>
// of the dark modules, in module units with the quiet zone included. It has a viewBox but no
// width or height, so CSS sizes it. It returns nil when text is empty or too long for a QR code
// (a ticket code never is).
func QRSVG(text string) []byte {
	m, err := qrModules(text)
	if err != nil {
		return nil
	}
	n := strconv.Itoa(len(m))
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + n + " " + n + `" shape-rendering="crispEdges">`)
	// The white square keeps the code readable on a dark page.
	b.WriteString(`<rect width="` + n + `" height="` + n + `" fill="#fff"/><path fill="#000" d="`)
	// One rectangle per horizontal run of dark modules.
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	b.WriteString(`"/></svg>`)
	return b.Bytes()
}
