package events

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"
)

const qrTestCode = "AAAAAAAAACoAAAAAAAAABwcHBwcHBwcHBwcHBwcHBw.9S3a4wZbX2c_kP1m3Wq0Xg"

func TestQRPNG(t *testing.T) {
	for _, size := range []int{45, 256, 300} {
		b, err := QRPNG(qrTestCode, size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds(); got != image.Rect(0, 0, size, size) {
			t.Fatalf("size %d: image is %v", size, got)
		}
		var dark, light int
		for y := range size {
			for x := range size {
				if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y; g == 0 {
					dark++
				} else if g == 255 {
					light++
				} else {
					t.Fatalf("size %d: grey pixel %d at %d,%d", size, g, x, y)
				}
			}
		}
		if dark == 0 || light == 0 || dark+light != size*size {
			t.Fatalf("size %d: %d dark, %d light pixels", size, dark, light)
		}
		// The quiet zone: the corners are light, the finder pattern just inside is dark.
		if c := color.GrayModel.Convert(img.At(0, 0)).(color.Gray).Y; c != 255 {
			t.Errorf("size %d: corner is not light", size)
		}
		n := len(qrMust(qrModules(qrTestCode)))
		scale, off := size/n, (size%n)/2
		if c := color.GrayModel.Convert(img.At(off+4*scale, off+4*scale)).(color.Gray).Y; c != 0 {
			t.Errorf("size %d: finder pattern not dark", size)
		}
	}
	if _, err := QRPNG(qrTestCode, 20); err == nil {
		t.Error("a 20 px code was not refused")
	}
	if _, err := QRPNG("", 100); err == nil {
		t.Error("empty text was not refused")
	}
	if _, err := QRPNG(strings.Repeat("x", 3000), 500); err == nil {
		t.Error("text too long for a QR code was not refused")
	}
}

func TestQRSVG(t *testing.T) {
	b := QRSVG(qrTestCode)
	var svg struct {
		XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
		ViewBox string   `xml:"viewBox,attr"`
		Paths   []struct {
			D    string `xml:"d,attr"`
			Fill string `xml:"fill,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(b, &svg); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	n := len(qrMust(qrModules(qrTestCode)))
	if want := "0 0 " + strconv.Itoa(n) + " " + strconv.Itoa(n); svg.ViewBox != want {
		t.Errorf("viewBox %q, want %q", svg.ViewBox, want)
	}
	if len(svg.Paths) != 1 || !strings.HasPrefix(svg.Paths[0].D, "M") || svg.Paths[0].Fill != "#000" {
		t.Fatalf("want one dark path, got %+v", svg.Paths)
	}
	// The path covers exactly the dark modules: count the module area its runs add up to.
	dark := 0
	for _, row := range qrMust(qrModules(qrTestCode)) {
		for _, d := range row {
			if d {
				dark++
			}
		}
	}
	area := 0
	for _, seg := range strings.Split(svg.Paths[0].D, "z")[:strings.Count(svg.Paths[0].D, "z")] {
		var x, y, w, w2 int
		if _, err := fmt.Sscanf(seg, "M%d %dh%dv1h-%d", &x, &y, &w, &w2); err != nil || w != w2 {
			t.Fatalf("segment %q: %v", seg, err)
		}
		area += w
	}
	if area != dark {
		t.Errorf("path covers %d modules, the code has %d dark", area, dark)
	}
	if QRSVG("") != nil || QRSVG(strings.Repeat("x", 3000)) != nil {
		t.Error("QRSVG drew an impossible code")
	}
}

func qrMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
