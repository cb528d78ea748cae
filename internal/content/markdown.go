package content

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Bodies are Markdown. They are rendered once, when saved, and the HTML goes through an
// allow-list sanitizer on top of goldmark's own safe defaults (raw HTML is dropped, dangerous
// URLs emptied), so no script or event handler ever reaches a reader, whatever the editor
// typed or the API sent.

// mediaScheme marks a library file in Markdown: ![alt](media:12) or [programme](media:13).
const mediaScheme = "media:"

var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100))),
)

var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowElements("figure", "figcaption")
	// The renderer writes these attributes itself, from the library's own keys and texts.
	p.AllowAttrs("alt").Matching(regexp.MustCompile(`^[^<>]*$`)).OnElements("img")
	p.AllowAttrs("srcset").Matching(regexp.MustCompile(`^/media/[\w./-]+ \d+w(, /media/[\w./-]+ \d+w)*$`)).OnElements("img")
	p.AllowAttrs("sizes").Matching(regexp.MustCompile(`^[\w\s(),:.-]+$`)).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^async$`)).OnElements("img")
	// Links leaving the site get rel="nofollow noopener" and open in a new tab; links within
	// the site stay plain.
	p.RequireNoFollowOnLinks(false) // UGCPolicy puts it on every link
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// parse reads one body.
func parse(src []byte) ast.Node { return md.Parser().Parse(gmtext.NewReader(src)) }

// mediaRefs lists the library IDs a body points at, in order, without duplicates.
func mediaRefs(body string) []int64 {
	if !strings.Contains(body, mediaScheme) {
		return nil
	}
	src := []byte(body)
	var ids []int64
	_ = ast.Walk(parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := mediaID(destination(n)); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		return ast.WalkContinue, nil
	})
	return ids
}

func destination(n ast.Node) []byte {
	switch n := n.(type) {
	case *ast.Image:
		return n.Destination
	case *ast.Link:
		return n.Destination
	}
	return nil
}

func mediaID(dest []byte) (int64, bool) {
	rest, ok := bytes.CutPrefix(dest, []byte(mediaScheme))
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(string(rest), 10, 64)
	return id, err == nil && id > 0
}

// render turns a body in lang into sanitized HTML and plain text. library holds the media
// the body refers to (see mediaRefs); a reference missing from it renders as nothing.
func render(body, lang string, library map[int64]*Media) (htmlOut, plain string, err error) {
	if strings.TrimSpace(body) == "" {
		return "", "", nil
	}
	src := []byte(body)
	doc := parse(src)
	rewrite(doc, src, lang, library)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return "", "", err
	}
	return policy.Sanitize(buf.String()), plainText(doc, src), nil
}

// rewrite prepares the tree for the reader: the body's headings start at h2 (the title is
// the page's h1), library images become figures with their variants and caption, links to
// library files point at the files, and images from elsewhere are reduced to their alt text:
// pictures from other sites would tell those sites who reads us.
func rewrite(doc ast.Node, src []byte, lang string, library map[int64]*Media) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = max(n.Level, 2)
		case *ast.Image:
			images = append(images, n)
		case *ast.Link:
			if id, ok := mediaID(n.Destination); ok {
				if m := library[id]; m != nil {
					n.Destination = []byte(m.URL())
				} else {
					n.Destination = nil
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		alt := inlineText(img, src)
		id, isMedia := mediaID(img.Destination)
		m := library[id]
		parent := img.Parent()
		switch {
		case !isMedia || m == nil:
			parent.ReplaceChild(parent, img, ast.NewString([]byte(alt)))
		case !m.IsImage():
			link := ast.NewLink()
			link.Destination = []byte(m.URL())
			label := alt
			if label == "" {
				label = m.Name
			}
			link.AppendChild(link, ast.NewString([]byte(label)))
			parent.ReplaceChild(parent, img, link)
		case parent.Kind() == ast.KindParagraph && parent.ChildCount() == 1:
			// An image alone in its paragraph is a figure with its caption.
			fig := &figureNode{media: m, alt: alt, lang: lang}
			parent.Parent().ReplaceChild(parent.Parent(), parent, fig)
		default:
			parent.ReplaceChild(parent, img, &inlineImageNode{media: m, alt: alt, lang: lang})
		}
	}
}

// inlineText is the text inside an inline node (an image's alt, a heading's words).
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// plainText is the body as words, one block per line, for search and descriptions.
func plainText(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(n.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(src))
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
			}
		case *figureNode:
			if entering {
				b.WriteString("\n" + n.media.Caption.In(n.lang) + "\n")
			}
		default:
			if !entering && n.Type() == ast.TypeBlock && b.Len() > 0 {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// figureNode is a library image standing alone: <figure> with <figcaption>.
type figureNode struct {
	ast.BaseBlock
	media *Media
	alt   string
	lang  string
}

// inlineImageNode is a library image inside running text.
type inlineImageNode struct {
	ast.BaseInline
	media *Media
	alt   string
	lang  string
}

var (
	kindFigure      = ast.NewNodeKind("ContentFigure")
	kindInlineImage = ast.NewNodeKind("ContentInlineImage")
)

func (n *figureNode) Kind() ast.NodeKind              { return kindFigure }
func (n *figureNode) Dump(src []byte, level int)      { ast.DumpHelper(n, src, level, nil, nil) }
func (n *inlineImageNode) Kind() ast.NodeKind         { return kindInlineImage }
func (n *inlineImageNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figureRenderer draws the two nodes above; goldmark's own renderer does the rest.
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, renderFigure)
	reg.Register(kindInlineImage, renderInlineImage)
}

func renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*figureNode)
	_, _ = w.WriteString("<figure>")
	_, _ = w.WriteString(imgTag(n.media, n.alt, n.lang))
	if c := n.media.Caption; c.In(n.lang) != "" {
		_, _ = w.WriteString("<figcaption")
		if l := c.Lang(n.lang); l != n.lang {
			_, _ = w.WriteString(` lang="` + l + `"`)
		}
		_, _ = w.WriteString(">" + html.EscapeString(c.In(n.lang)) + "</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

func renderInlineImage(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*inlineImageNode)
		_, _ = w.WriteString(imgTag(n.media, n.alt, n.lang))
	}
	return ast.WalkSkipChildren, nil
}

// bodySizes tells the browser how wide a body image is drawn: the text column on wide
// screens, the whole viewport on phones.
const bodySizes = "(min-width: 48em) 46rem, 100vw"

// imgTag writes a responsive <img> for a library image: the large variant as src, every
// size in srcset, the intrinsic size to keep the layout from jumping, lazy loading.
func imgTag(m *Media, alt, lang string) string {
	if alt == "" {
		alt = m.Alt.In(lang)
	}
	src, w, h := m.URL(), m.Width, m.Height
	for _, v := range m.Variants {
		if v.Name == "large" {
			src, w, h = "/media/"+v.Key, v.Width, v.Height
		}
	}
	var b strings.Builder
	b.WriteString(`<img src="` + html.EscapeString(src) + `"`)
	if set := srcset(m); set != "" {
		b.WriteString(` srcset="` + html.EscapeString(set) + `" sizes="` + bodySizes + `"`)
	}
	if w > 0 && h > 0 {
		b.WriteString(` width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) + `"`)
	}
	b.WriteString(` alt="` + html.EscapeString(alt) + `" loading="lazy" decoding="async">`)
	return b.String()
}

// srcset lists the original and its variants by width, narrowest first.
func srcset(m *Media) string {
	type cand struct {
		url   string
		width int
	}
	cands := []cand{{m.URL(), m.Width}}
	for _, v := range m.Variants {
		cands = append(cands, cand{"/media/" + v.Key, v.Width})
	}
	slices.SortFunc(cands, func(a, b cand) int { return a.width - b.width })
	var parts []string
	last := 0
	for _, c := range cands {
		if c.width <= last {
			continue
		}
		last = c.width
		parts = append(parts, c.url+" "+strconv.Itoa(c.width)+"w")
	}
	if len(parts) < 2 {
		return ""
	}
	return strings.Join(parts, ", ")
}
