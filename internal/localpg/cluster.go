// Package localpg starts a throwaway local PostgreSQL cluster: initdb and
// pg_ctl on a free loopback port, data in a temporary directory, removed
// when the cluster is stopped or, through a watchdog process, when the
// process that started it exits however it exits (panic, os.Exit,
// SIGKILL). The tests (package pgtest) and pgfleet demo use it.
package localpg

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Cluster is a throwaway PostgreSQL cluster owned by this process.
type Cluster struct {
	Dir  string // temporary directory holding data, socket and log
	Port int
	Pid  int // postmaster process id

	bin   string
	cred  *syscall.Credential
	watch *exec.Cmd
}

// URL returns a connection URL for database db on the cluster, as the
// superuser "postgres" (trust authentication on loopback).
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, db)
}

// Start creates and starts a new cluster. When the process runs as root
// the server runs as the "postgres" OS user, as PostgreSQL requires. A
// watchdog process stops the cluster and removes its directory as soon as
// this process exits, however it exits.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := findServerBin()
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin}
	if c.cred, err = serverCredential(); err != nil {
		return nil, err
	}
	if c.Dir, err = os.MkdirTemp("", "pgfleet-localpg-"); err != nil {
		return nil, fmt.Errorf("creating cluster directory: %w", err)
	}
	// Starting is not interrupted halfway (pg_ctl bounds it): a server
	// that started must be stopped, which the watchdog or Stop then do.
	if err := c.start(context.WithoutCancel(ctx)); err != nil {
		c.removeDir()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		_ = c.Stop()
		return nil, fmt.Errorf("starting postgres: %w", err)
	}
	return c, nil
}

func (c *Cluster) start(ctx context.Context) error {
	if err := c.chownDir(); err != nil {
		return err
	}
	data := filepath.Join(c.Dir, "data")
	if out, err := c.run(ctx, "initdb", "-D", data, "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return fmt.Errorf("running initdb: %w\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	c.Port = port
	opts := strings.Join([]string{
		"-c listen_addresses=127.0.0.1", "-p " + strconv.Itoa(port),
		"-c unix_socket_directories=" + c.Dir, "-c fsync=off",
		"-c synchronous_commit=off", "-c full_page_writes=off",
		"-c max_connections=300", "-c shared_buffers=128MB",
		"-c max_locks_per_transaction=1024",
	}, " ")
	logFile := filepath.Join(c.Dir, "server.log")
	if out, err := c.run(ctx, "pg_ctl", "-D", data, "-o", opts, "-l", logFile, "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(logFile)
		return fmt.Errorf("starting postgres: %w\n%s\n%s", err, out, log)
	}
	pid, err := readPostmasterPid(data)
	if err != nil {
		return err
	}
	c.Pid = pid
	return c.startWatchdog(data)
}

// Stop stops the server and removes the cluster directory.
func (c *Cluster) Stop() error {
	data := filepath.Join(c.Dir, "data")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := c.run(ctx, "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
	if c.watch != nil && c.watch.Process != nil {
		_ = c.watch.Process.Kill()
		_ = c.watch.Wait()
	}
	rmErr := c.removeDir()
	if err != nil {
		return fmt.Errorf("stopping postgres: %w\n%s", err, out)
	}
	return rmErr
}

func (c *Cluster) removeDir() error {
	if err := os.RemoveAll(c.Dir); err != nil {
		return fmt.Errorf("removing cluster directory: %w", err)
	}
	return nil
}

// startWatchdog starts a detached shell that waits for this process to end,
// then stops the server and deletes the directory. It covers panics,
// os.Exit paths that skip cleanup, test timeouts and SIGKILL.
func (c *Cluster) startWatchdog(data string) error {
	script := fmt.Sprintf(`while kill -0 %d 2>/dev/null; do sleep 0.5; done
%s -D %q -m immediate -w stop >/dev/null 2>&1 || kill -9 %d 2>/dev/null
rm -rf %q`, os.Getpid(), c.pgCtlCommand(), data, c.Pid, c.Dir)
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting cluster watchdog: %w", err)
	}
	c.watch = cmd
	return nil
}

// pgCtlCommand is the pg_ctl invocation the watchdog uses, switching to the
// server's OS user when needed.
func (c *Cluster) pgCtlCommand() string {
	pgctl := filepath.Join(c.bin, "pg_ctl")
	if c.cred == nil {
		return pgctl
	}
	return fmt.Sprintf("setpriv --reuid=%d --regid=%d --clear-groups %s", c.cred.Uid, c.cred.Gid, pgctl)
}

func (c *Cluster) run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, tool), args...)
	cmd.Dir = c.Dir
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd.CombinedOutput()
}

func (c *Cluster) chownDir() error {
	if c.cred == nil {
		return nil
	}
	if err := os.Chown(c.Dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
		return fmt.Errorf("handing cluster directory to the postgres user: %w", err)
	}
	return nil
}

// serverCredential returns the OS user to run the server as: nil when not
// root, the "postgres" user when root (initdb refuses to run as root).
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("localpg: running as root and there is no 'postgres' OS user to run the server as; " +
			"create one (useradd -r postgres)")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// findServerBin finds the directory holding initdb, pg_ctl and postgres: on
// PATH, else the newest /usr/lib/postgresql/*/bin.
func findServerBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", errors.New("localpg: no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or under /usr/lib/postgresql/*/bin; " +
		"install them (Debian: apt-get install postgresql-15 postgresql-contrib)")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func readPostmasterPid(data string) (int, error) {
	b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("reading postmaster.pid: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		return 0, fmt.Errorf("parsing postmaster.pid: %w", err)
	}
	return pid, nil
}
