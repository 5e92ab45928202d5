package io.quiver.query.jdbc;

import io.quiver.query.QuiverSql;
import io.quiver.query.source.DataDirectory;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.error.QuiverException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC driver of {@code jdbc:quiver:<data directory>} URLs: a read-only SQL connection over a
 * data directory's offline store, as {@link QuiverSql#connect} gives, for tools that take a JDBC
 * URL. Found through {@code java.sql.Driver}'s service file, so {@code
 * DriverManager.getConnection("jdbc:quiver:quiver-data")} works with the jar on the class path.
 * Properties {@code account} and {@code region} name the offline paths' placeholders (defaults as
 * the server's). Thread-safe and stateless.
 */
public final class QuiverDriver implements Driver {
  /** The URL prefix this driver accepts; the rest of the URL is the data directory. */
  public static final String PREFIX = "jdbc:quiver:";

  // JDBC's contract: DriverManager loads the class through the service file, and the class
  // registers an instance as it initializes.
  static {
    try {
      DriverManager.registerDriver(new QuiverDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A driver; {@link DriverManager} makes one through the service file. */
  public QuiverDriver() {}

  @Override
  public @Nullable Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String dir = url.substring(PREFIX.length());
    if (dir.isBlank()) {
      throw new SQLException(
          "Cannot connect to "
              + url
              + ": it names no data directory (expected: jdbc:quiver:<dir>)");
    }
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      throw new SQLException("Cannot connect to " + url + ": " + e.getMessage(), e);
    }
    try {
      return QuiverSql.connect(
          DataDirectory.open(
              path,
              info.getProperty("account", StoreConfig.ACCOUNT_DEFAULT),
              info.getProperty("region", StoreConfig.REGION_DEFAULT)));
    } catch (QuiverException e) {
      throw new SQLException(e.getMessage(), e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo account =
        new DriverPropertyInfo("account", info.getProperty("account", StoreConfig.ACCOUNT_DEFAULT));
    account.description = "The account in the offline store's paths";
    DriverPropertyInfo region =
        new DriverPropertyInfo("region", info.getProperty("region", StoreConfig.REGION_DEFAULT));
    region.description = "The region in the offline store's paths";
    return new DriverPropertyInfo[] {account, region};
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** Not compliant: Quiver's SQL is read-only and has no transactions. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Quiver logs through SLF4J, not java.util.logging");
  }
}
