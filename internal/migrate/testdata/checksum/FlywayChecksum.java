// FlywayChecksum replicates the loop of Flyway's ChecksumCalculator
// (flyway-core org.flywaydb.core.internal.resolver.ChecksumCalculator):
// BufferedReader.readLine over the UTF-8 decoded file, BOM stripped from the
// first line, CRC32.update(line.getBytes(UTF_8)) per line, cast to int.
// It prints "<file name> <checksum>" for every argument.
//
// Build and run: javac -d /tmp FlywayChecksum.java && java -cp /tmp FlywayChecksum files...
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.CRC32;

public class FlywayChecksum {
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path path = Paths.get(arg);
            System.out.println(path.getFileName() + " " + checksum(path));
        }
    }

    static int checksum(Path path) throws IOException {
        CRC32 crc32 = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Files.newInputStream(path), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line != null) {
                if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                do {
                    crc32.update(line.getBytes(StandardCharsets.UTF_8));
                } while ((line = reader.readLine()) != null);
            }
        }
        return (int) crc32.getValue();
    }
}
