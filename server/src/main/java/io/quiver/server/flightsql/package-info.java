/**
 * The Arrow Flight SQL port: Quiver's SQL over the live store for JDBC tools, ADBC and Arrow
 * clients.
 *
 * <p>Priorities: answers identical to a local query's (same planner, same error text with its line
 * and column), then bounded resources (each query holds at most its memory limit in Arrow buffers,
 * waits for a slow client instead of buffering, and stops when cancelled), then speed. Queries run
 * on their own threads, because gRPC delivers a stream's readiness and cancellation on the call's
 * thread. Statements are read-only; credentials are the server's access keys, traded for a bearer
 * token.
 */
@NullMarked
package io.quiver.server.flightsql;

import org.jspecify.annotations.NullMarked;
