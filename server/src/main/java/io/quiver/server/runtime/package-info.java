/**
 * The Feature Store runtime REST API ({@code rest-json}): PutRecord, GetRecord, BatchGetRecord and
 * DeleteRecord, as {@code docs/protocol} and {@code sagemaker-api.md} section 1 specify, with the
 * error shape both AWS SDKs parse ({@code x-amzn-ErrorType} header plus {@code __type}/{@code
 * message} body). Handlers are stateless and thread-safe; they parse, call the store, and encode.
 * All validation of records is the store's; only wire-level checks live here.
 */
@NullMarked
package io.quiver.server.runtime;

import org.jspecify.annotations.NullMarked;
