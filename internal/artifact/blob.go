package artifact

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// defaultBlockSize is the toolkit's chunk size.
const defaultBlockSize = 8 << 20

// putBlocks uploads data to the signed blob URL as Azure Put Block calls
// in order, then commits them with Put Block List (content type zip, so
// that download-artifact unzips it).
func (c *Client) putBlocks(ctx context.Context, signedURL string, data []byte) error {
	size := c.BlockSize
	if size <= 0 {
		size = defaultBlockSize
	}
	var ids []string
	for off, i := 0, 0; off < len(data) || i == 0; off, i = off+size, i+1 {
		chunk := data[off:min(off+size, len(data))]
		id := base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "block-%08d", i))
		u, err := withQuery(signedURL, "comp", "block", "blockid", id)
		if err != nil {
			return err
		}
		if err := c.put(ctx, u, chunk, nil); err != nil {
			return fmt.Errorf("put block %d: %w", i, err)
		}
		ids = append(ids, id)
	}
	var list strings.Builder
	list.WriteString(`<?xml version="1.0" encoding="utf-8"?><BlockList>`)
	for _, id := range ids {
		list.WriteString("<Latest>" + id + "</Latest>")
	}
	list.WriteString("</BlockList>")
	u, err := withQuery(signedURL, "comp", "blocklist")
	if err != nil {
		return err
	}
	hdr := map[string]string{"x-ms-blob-content-type": "application/zip", "Content-Type": "application/xml"}
	if err := c.put(ctx, u, []byte(list.String()), hdr); err != nil {
		return fmt.Errorf("put block list: %w", err)
	}
	return nil
}

// withQuery adds key/value pairs to a URL's query.
func withQuery(raw string, kv ...string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("parsing the signed upload URL: %w", err)
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func (c *Client) put(ctx context.Context, u string, body []byte, hdr map[string]string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return redactURLError(err)
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		return fmt.Errorf("HTTP %d: %s", res.StatusCode, strings.TrimSpace(string(msg)))
	}
	return nil
}

// redactURLError drops the signed URL (a bearer credential) from a
// transport error.
func redactURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return fmt.Errorf("%s to the blob store: %w", ue.Op, ue.Err)
	}
	return err
}
