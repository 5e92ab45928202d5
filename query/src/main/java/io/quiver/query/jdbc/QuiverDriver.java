package io.quiver.query.jdbc;

import io.quiver.query.QuiverSql;
import io.quiver.storage.ReadOnlyStore;
import io.quiver.storage.StoreConfig;
import io.quiver.storage.error.QuiverException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
    ReadOnlyStore history;
    try {
      history =
          ReadOnlyStore.open(
              StoreConfig.builder(path)
                  .account(info.getProperty("account", StoreConfig.ACCOUNT_DEFAULT))
                  .region(info.getProperty("region", StoreConfig.REGION_DEFAULT))
                  .build());
    } catch (QuiverException e) {
      throw new SQLException(e.getMessage(), e);
    }
    try {
      return closingAlso(QuiverSql.connect(history), history);
    } catch (SQLException | RuntimeException e) {
      history.close();
      throw e;
    }
  }

  /** {@code connection}, whose {@code close} also closes {@code history} (the data directory). */
  private static Connection closingAlso(Connection connection, ReadOnlyStore history) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                  history.close();
                }
              }
            });
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
