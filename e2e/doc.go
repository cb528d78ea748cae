// Package e2e holds the browser tests: each test starts the real platform on a free
// loopback port with a fresh database and drives Debian's chromium through it with
// chromedp, as a person would.
//
// They run with the rest of the suite (go test ./...) when /usr/bin/chromium (or chromium
// on PATH) exists, and skip with a message when it does not or under -short. KOPRU_E2E=1
// makes a missing browser a failure (CI sets it). With KOPRU_TEST_POSTGRES_URL set, every
// journey runs once on SQLite and once on PostgreSQL. Screenshots go to a temporary
// directory, or to $KOPRU_E2E_SHOTS when that is set.
package e2e
