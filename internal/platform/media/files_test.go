package media_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// tinyWebP is a lossless 1×1 WebP written by hand from the format spec (x/image cannot
// encode WebP): RIFF header, "WEBP", a "VP8L" chunk of 12 bytes. The bitstream: signature
// 0x2f; width-1 and height-1 as 14 bits each (0); no alpha hint; version 0; no transform,
// colour cache or meta prefix codes; then five simple prefix codes of one 8-bit symbol each
// (green 0x80, red 0xff, blue 0x40, alpha 0xff, distance 0), so the one pixel takes no bits.
var tinyWebP = []byte{
	'R', 'I', 'F', 'F', 0x18, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'L', 0x0c, 0, 0, 0,
	0x2f, 0x00, 0x00, 0x00, 0x00, 0x28, 0x60, 0xff, 0x0b, 0xd4, 0xff, 0x00,
}

// tinyPDF is the smallest document the checks accept: the header and the end marker.
var tinyPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// picture is w×h with its top-left quadrant red and the rest blue, so tests can tell
// which way up a variant is.
func picture(w, h int, alpha uint8) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{0, 0, 255, alpha}
			if x < w/2 && y < h/2 {
				c = color.NRGBA{255, 0, 0, alpha}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(w, h, 255), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, w, h int, alpha uint8) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, picture(w, h, alpha)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withOrientation inserts an EXIF APP1 segment carrying only the orientation tag right
// after the JPEG's start marker, as a phone camera would.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(o >> 8), byte(o), 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1}, binary.BigEndian.AppendUint16(nil, uint16(len(seg)+2))...)
	app1 = append(app1, seg...)
	return append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
}

// pngBomb is a valid-looking PNG header claiming w×h pixels, made by patching a 1×1 PNG's
// IHDR (and its CRC) without ever allocating the pixels.
func pngBomb(t testing.TB, w, h uint32) []byte {
	t.Helper()
	b := encodePNG(t, 1, 1, 255)
	// 8-byte signature, then IHDR: length(4) "IHDR"(4) width(4) height(4) … crc.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
