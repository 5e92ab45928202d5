package io.quiver.protocol.signing;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Messages as their serialized bytes, for the signing interceptors, which hash exactly the bytes
 * that travel. Stateless.
 */
public enum RawMessages implements MethodDescriptor.Marshaller<byte[]> {
  INSTANCE;

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("Cannot read a message")
          .withCause(e)
          .asRuntimeException();
    }
  }

  /** The serialized bytes of {@code message}. */
  public static <T> byte[] serialize(MethodDescriptor.Marshaller<T> marshaller, T message) {
    try (InputStream in = marshaller.stream(message)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("Cannot serialize a message")
          .withCause(e)
          .asRuntimeException();
    }
  }
}
