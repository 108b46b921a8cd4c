package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// AcsSigner signs the requests of the generated Go client with ACS3-HMAC-SHA256, as ENS and the
// official SDKs do: configuration.HTTPClient = &http.Client{Transport: &AcsSigner{...}}.
type AcsSigner struct {
	AccessKeyID, AccessKeySecret string
	Next                         http.RoundTripper // nil: http.DefaultTransport
}

var signedHeaders = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

// encode is RFC 3986: everything but letters, digits and -_.~ percent-encoded, space as %20.
func encode(text string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(text))
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (s *AcsSigner) RoundTrip(request *http.Request) (*http.Response, error) {
	var body []byte
	if request.Body != nil {
		var err error
		if body, err = io.ReadAll(request.Body); err != nil {
			return nil, err
		}
		request.Body.Close()
	}
	signed := request.Clone(request.Context())
	signed.Body = io.NopCloser(bytes.NewReader(body))
	signed.ContentLength = int64(len(body))

	query := signed.URL.Query()
	var pairs []string
	for name, values := range query {
		for _, value := range values {
			pairs = append(pairs, encode(name)+"="+encode(value))
		}
	}
	sort.Strings(pairs)
	nonce := make([]byte, 16)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	headers := map[string]string{
		"host":                  signed.URL.Host,
		"x-acs-action":          query.Get("Action"),
		"x-acs-content-sha256":  sha256Hex(body),
		"x-acs-date":            time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": hex.EncodeToString(nonce),
		"x-acs-version":         query.Get("Version"),
	}
	var canonical strings.Builder
	fmt.Fprintf(&canonical, "%s\n/\n%s\n", signed.Method, strings.Join(pairs, "&"))
	for _, name := range signedHeaders {
		fmt.Fprintf(&canonical, "%s:%s\n", name, headers[name])
		if name != "host" { // net/http sends Host itself, from the URL
			signed.Header.Set(name, headers[name])
		}
	}
	fmt.Fprintf(&canonical, "\n%s\n%s", strings.Join(signedHeaders, ";"), headers["x-acs-content-sha256"])
	mac := hmac.New(sha256.New, []byte(s.AccessKeySecret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + sha256Hex([]byte(canonical.String()))))
	signed.Header.Set("Authorization", fmt.Sprintf("ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s",
		s.AccessKeyID, strings.Join(signedHeaders, ";"), hex.EncodeToString(mac.Sum(nil))))

	next := s.Next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(signed)
}
