package app

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// loadOpenAPI parses the embedded document with kin-openapi.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDoc)
	if err != nil {
		t.Fatalf("loading openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIDescribesEveryAPIRoute keeps the document and the route table in step: every
// API route is documented, and nothing is documented that the platform does not serve.
func TestOpenAPIDescribesEveryAPIRoute(t *testing.T) {
	a := newTestApp(t)
	doc := loadOpenAPI(t)

	served := map[string]bool{} // "METHOD /path"
	for _, r := range a.Routes() {
		if r.Kind != API {
			continue
		}
		method, path, ok := strings.Cut(r.Pattern, " ")
		if !ok || !strings.HasPrefix(path, "/api/") {
			t.Errorf("API route %q: want \"METHOD /api/...\"", r.Pattern)
			continue
		}
		served[method+" "+path] = true
		item := doc.Paths.Value(path)
		if item == nil {
			t.Errorf("route %q is not documented: openapi.json has no path %s", r.Pattern, path)
			continue
		}
		if item.GetOperation(method) == nil {
			t.Errorf("route %q is not documented: openapi.json has path %s but no %s operation", r.Pattern, path, strings.ToLower(method))
		}
	}
	if len(served) == 0 {
		t.Fatal("the route table has no API routes")
	}

	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if key := method + " " + path; !served[key] {
				t.Errorf("openapi.json documents %q, but no API route serves it", key)
			}
		}
	}
}

// TestOpenAPIDocumentIsValid checks the document against the OpenAPI 3.1 rules, its
// schemas against JSON Schema 2020-12 and its examples against their schemas.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := loadOpenAPI(t)
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(),
		openapi3.EnableExamplesValidation(),
		openapi3.EnableMultiError(),
	); err != nil {
		t.Fatalf("openapi.json is invalid: %v", err)
	}
	if doc.Info.Title != "Köprü API" || doc.Info.Version != "1.0.0" {
		t.Errorf("info = %q %q, want \"Köprü API\" \"1.0.0\"", doc.Info.Title, doc.Info.Version)
	}
	for _, name := range []string{"cookieSession", "bearerToken"} {
		if doc.Components.SecuritySchemes[name] == nil {
			t.Errorf("security scheme %s is missing", name)
		}
	}
	// Every operation that can fail says how: as a problem document.
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				if !strings.HasPrefix(code, "4") && !strings.HasPrefix(code, "5") || ref.Value == nil {
					continue
				}
				if ref.Value.Content.Get("application/problem+json") == nil {
					t.Errorf("%s %s: response %s is not application/problem+json", method, path, code)
				}
			}
		}
	}
}

// TestOpenAPIServed fetches the document the way clients do.
func TestOpenAPIServed(t *testing.T) {
	a := newTestApp(t)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil)
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, req)

	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json: status %d, body %q", rec.Code, rec.Body.String())
	}
	mt, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if err != nil || mt != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", rec.Header().Get("Content-Type"))
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	if v, _ := body["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		t.Errorf("served openapi = %v, want 3.1.x", body["openapi"])
	}
	if _, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes()); err != nil {
		t.Errorf("served document does not load: %v", err)
	}
}
