package io.quiver.wrangler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.wrangler.importer.ImportConfig;
import io.quiver.wrangler.importer.ImportFixture;
import io.quiver.wrangler.importer.ImportSummary;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Every format imported from an S3-compatible server (s3proxy on loopback, files on disk). */
class S3SourceTest {
  @TempDir static Path blobs;
  static BlobStoreContext context;
  static S3Proxy proxy;
  static URI endpoint;
  static S3Client s3;

  @TempDir Path tmp;
  ImportFixture fx;

  @BeforeAll
  static void startS3() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", blobs.toString());
    context =
        ContextBuilder.newBuilder("filesystem")
            .credentials("ak", "sk")
            .overrides(properties)
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "ak", "sk")
            .build();
    proxy.start();
    for (int i = 0; i < 500 && !AbstractLifeCycle.STARTED.equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    // The importer's client takes credentials from the default chain; system properties come first.
    System.setProperty("aws.accessKeyId", "ak");
    System.setProperty("aws.secretAccessKey", "sk");
    s3 =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "sk")))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    s3.createBucket(b -> b.bucket("lake"));
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
    proxy.stop();
    context.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void open() {
    fx = new ImportFixture(tmp);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private static void upload(String key, Path file) {
    s3.putObject(b -> b.bucket("lake").key(key), RequestBody.fromFile(file));
  }

  private ImportSummary importFromS3(String group, String location) {
    try (ImportSource source =
        ImportSource.open(location, SourceOptions.defaults().withS3Endpoint(endpoint))) {
      return fx.createAndImport(group, source, "id", "ts", ImportConfig.defaults());
    }
  }

  @Test
  void gzipCsvObjectImports() {
    upload(
        "csv/a.csv.gz",
        fx.file("a.csv.gz", "id,ts,n", "a,2024-05-01T00:00:00Z,1", "b,2024-05-01T00:00:01Z,2"));

    ImportSummary summary = importFromS3("c", "s3://lake/csv/a.csv.gz");

    assertThat(summary.rowsWritten()).isEqualTo(2);
    assertThat(fx.online("c", "b"))
        .isEqualTo(Map.of("id", "b", "ts", "2024-05-01T00:00:01Z", "n", "2"));
  }

  @Test
  void jsonObjectsUnderAGlobImport() {
    upload(
        "json/day=1/part.jsonl",
        fx.file("p1.jsonl", "{\"id\": \"a\", \"ts\": \"2024-05-01T00:00:00Z\", \"n\": 1}"));
    upload(
        "json/day=2/part.jsonl",
        fx.file("p2.jsonl", "{\"id\": \"b\", \"ts\": \"2024-05-02T00:00:00Z\", \"n\": 2}"));
    upload("json/day=2/notes.txt", fx.file("notes.txt", "ignored"));

    ImportSummary summary = importFromS3("j", "s3://lake/json/*/part.jsonl");

    assertThat(summary.rowsWritten()).isEqualTo(2);
    assertThat(fx.online("j", "b")).containsEntry("n", "2");
  }

  @Test
  void parquetObjectsUnderAPrefixImport() {
    ColumnarFiles.parquet(tmp.resolve("rows.parquet"), CompressionCodecName.SNAPPY);
    upload("parquet/rows.parquet", tmp.resolve("rows.parquet"));

    ImportSummary summary = importFromS3("p", "s3://lake/parquet/");

    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(fx.online("p", "r1")).isEqualTo(ColumnarSourceTest.ROW_1);
  }

  @Test
  void orcObjectImportsAndItsDownloadIsDeleted() throws Exception {
    ColumnarFiles.orc(tmp.resolve("rows.orc"));
    upload("orc/rows.orc", tmp.resolve("rows.orc"));
    Set<Path> before = tempDownloads();

    ImportSummary summary = importFromS3("o", "s3://lake/orc/rows.orc");

    assertThat(summary.rowsWritten()).isEqualTo(3);
    assertThat(fx.online("o", "r1")).isEqualTo(ColumnarSourceTest.ROW_1);
    // Other test JVMs on the machine download into the same folder: only new files count.
    Set<Path> left = tempDownloads();
    left.removeAll(before);
    assertThat(left).isEmpty();
  }

  @Test
  void missingObjectsAreReported() {
    assertThatThrownBy(
            () ->
                ImportSource.open(
                    "s3://lake/nothing/*.csv", SourceOptions.defaults().withS3Endpoint(endpoint)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot find s3://lake/nothing/*.csv: the pattern matches no object");
  }

  private static Set<Path> tempDownloads() throws Exception {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("quiver-import-"))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }
}
