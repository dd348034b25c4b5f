package migrate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pgfleet/pgfleet/internal/pgtest"
)

func BenchmarkChecksum(b *testing.B) {
	text := []byte(strings.Repeat("INSERT INTO t VALUES (1, 'Grüße');\r\n", 30000)) // ~1 MB
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Checksum(text)
	}
}

// BenchmarkMigrate100 applies 100 small migrations (one with a Deploy Rule
// every tenth) to a fresh database per iteration.
func BenchmarkMigrate100(b *testing.B) {
	files := map[string]string{}
	for i := 1; i <= 100; i++ {
		files[fmt.Sprintf("V%d__m.sql", i)] = fmt.Sprintf("CREATE TABLE t%d (id int PRIMARY KEY, note text);\nINSERT INTO t%d VALUES (1, '${flyway:environment}');", i, i)
		if i%10 == 0 {
			files[fmt.Sprintf("V%d__m.sql.conf", i)] = "shouldExecute=${flyway:environment}==dev||${flyway:environment}==test"
		}
	}
	dir := b.TempDir()
	for name, content := range files {
		if err := writeFile(dir, name, content); err != nil {
			b.Fatal(err)
		}
	}
	opts := options(dir)
	opts.Environment = "dev"
	for b.Loop() {
		b.StopTimer()
		url := pgtest.NewDB(b)
		conn := connectB(b, url)
		b.StartTimer()
		res, err := Migrate(context.Background(), conn, opts)
		if err != nil || res.MigrationsExecuted != 100 {
			b.Fatalf("%+v, %v", res, err)
		}
	}
}
