// Command artifactpeer serves nektos/act's implementation of the GitHub
// Actions artifact v4 protocol on a free local port, so that pgfleet's
// artifact client is tested against a real peer. It prints
// "url=http://127.0.0.1:PORT" and "token=JWT" (a runtime token whose scp
// claim names numeric run and job ids, as act requires) and serves until
// its standard input closes.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/julienschmidt/httprouter"
	"github.com/nektos/act/pkg/artifacts"
	"github.com/nektos/act/pkg/common"
)

// diskFS is act's file system contract over the real disk: the read side
// must accept absolute paths, which os.DirFS refuses.
type diskFS struct{}

func (diskFS) Open(name string) (fs.File, error) { return os.Open(name) }

func (diskFS) OpenWritable(name string) (artifacts.WritableFile, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(name, os.O_CREATE|os.O_RDWR|os.O_TRUNC, 0o644)
}

func (diskFS) OpenAppendable(name string) (artifacts.WritableFile, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
}

func main() {
	dir := flag.String("dir", "", "folder where artifacts are stored")
	flag.Parse()
	if *dir == "" {
		log.Fatal("artifactpeer: -dir is required")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatalf("artifactpeer: listening: %v", err)
	}
	token, err := common.CreateAuthorizationToken(1, 41, 42)
	if err != nil {
		log.Fatalf("artifactpeer: minting a token: %v", err)
	}
	router := httprouter.New()
	artifacts.RoutesV4(router, *dir, diskFS{}, diskFS{})
	fmt.Printf("url=http://%s\ntoken=%s\n", ln.Addr(), token)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	log.Fatal(http.Serve(ln, router))
}
