package io.quiver.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.quiver.storage.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body as one JSON document of a given shape, with {@link SageMakerJson}'s strict
 * rules, and refuses anything else with a {@link ValidationException} whose message names the
 * member (as the client spelled it, e.g. {@code FeatureDefinitions[2].FeatureType}) and the shape
 * expected there, never a Java type. The body must be UTF-8: overlong forms, encoded surrogates and
 * NUL bytes are refused before parsing (Jackson would otherwise decode {@code C0 80} as NUL, or
 * read a body with NUL bytes as UTF-16). Thread-safe.
 */
public final class JsonBodyReader {
  private static final String PREFIX = "Cannot read request: ";

  private final ObjectMapper mapper;

  /** Reads with {@code mapper}, which should come from {@link SageMakerJson#newMapper()}. */
  public JsonBodyReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The body as a {@code type}.
   *
   * @throws ValidationException if the body is empty, not UTF-8, not JSON, or not of that shape
   */
  public <T> T read(ByteBuf content, Class<T> type) {
    if (!content.isReadable()) {
      throw new ValidationException(PREFIX + "the body is empty (expected: a JSON object)");
    }
    checkUtf8(content);
    try (InputStream in = new ByteBufInputStream(content.duplicate())) {
      T value = mapper.readValue(in, type);
      if (value == null) {
        throw new ValidationException(PREFIX + "the body is null (expected: a JSON object)");
      }
      return value;
    } catch (MismatchedInputException e) {
      throw new ValidationException(mismatch(e, type, content));
    } catch (JsonMappingException e) {
      throw new ValidationException(invalidMember(e, type));
    } catch (JsonProcessingException e) {
      throw new ValidationException(notJson(e));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read request body", e);
    }
  }

  /**
   * A streaming parser over the body, with the mapper's parser settings (duplicate members refused,
   * nesting bounded), after the checks {@link #read} makes before parsing: for a caller that reads
   * a common shape by hand and leaves everything else to {@link #read}.
   *
   * @throws ValidationException if the body is empty or not UTF-8, as {@link #read} would
   */
  public JsonParser parser(ByteBuf content) {
    if (!content.isReadable()) {
      throw new ValidationException(PREFIX + "the body is empty (expected: a JSON object)");
    }
    checkUtf8(content);
    try {
      if (content.hasArray()) {
        return mapper
            .getFactory()
            .createParser(
                content.array(),
                content.arrayOffset() + content.readerIndex(),
                content.readableBytes());
      }
      // A direct buffer (what the socket reads into) is streamed through the parser's recycled
      // input buffer: copying it into a new array first would allocate the body again per request.
      return mapper
          .getFactory()
          .createParser((InputStream) new ByteBufInputStream(content.duplicate()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read request body", e); // not from bytes in memory
    }
  }

  /** Refuses bytes that are not UTF-8, and NUL bytes (never valid in JSON). */
  static void checkUtf8(ByteBuf content) {
    int first = content.forEachByte(b -> b > 0);
    if (first < 0) {
      return; // all ASCII, the common case
    }
    int nul = content.forEachByte(first, content.writerIndex() - first, b -> b != 0);
    if (nul >= 0) {
      throw new ValidationException(
          PREFIX
              + "the body holds a NUL byte at offset "
              + (nul - content.readerIndex())
              + " (expected: UTF-8 JSON)");
    }
    ByteBuffer in = content.nioBuffer(first, content.writerIndex() - first);
    CharsetDecoder decoder = UTF_8.newDecoder();
    CharBuffer out = CharBuffer.allocate(1024);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        int offset = first - content.readerIndex() + in.position();
        throw new ValidationException(
            String.format(
                Locale.ROOT,
                PREFIX + "the body is not valid UTF-8: byte 0x%02X at offset %d",
                in.get(in.position()) & 0xFF,
                offset));
      }
      if (result.isUnderflow()) {
        return;
      }
      out.clear();
    }
  }

  private static String notJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return PREFIX + "the body exceeds a JSON limit: " + e.getOriginalMessage();
    }
    return PREFIX + "the body is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation());
  }

  private String mismatch(MismatchedInputException e, Class<?> root, ByteBuf content) {
    String where = path(e.getPath());
    if (e instanceof UnpairedSurrogateException surrogate) {
      return PREFIX
          + quote(where)
          + " holds an unpaired surrogate "
          + surrogate.escapedSurrogate()
          + " (expected: well-formed Unicode text)";
    }
    String got = e instanceof InvalidNullException ? "null" : valueAt(content, e.getLocation());
    if (where.isEmpty()) {
      return PREFIX + "the body must be a JSON object, not " + got;
    }
    return PREFIX
        + quote(where)
        + " must be "
        + describe(typeAt(root, e.getPath()))
        + ", not "
        + got;
  }

  private String invalidMember(JsonMappingException e, Class<?> root) {
    String where = path(e.getPath());
    JavaType expected = typeAt(root, e.getPath());
    if (e.getCause() instanceof InputCoercionException && !where.isEmpty()) {
      return PREFIX + quote(where) + " is out of range (expected: " + describe(expected) + ")";
    }
    if (e.getCause() instanceof JsonProcessingException cause
        && !(cause instanceof JsonMappingException)) {
      return notJson(cause); // a syntax error (a repeated member, say) met inside a member
    }
    if (where.isEmpty()) {
      return PREFIX + "the body is not valid for this operation (expected: a JSON object)";
    }
    return PREFIX + quote(where) + " is not valid (expected: " + describe(expected) + ")";
  }

  /** The member's JSON path as the client spelled it: {@code A.B[2].C}. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        out.append('[').append(reference.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** The declared type at {@code references} below {@code root}, or {@code null} if unknown. */
  private @Nullable JavaType typeAt(
      Class<?> root, List<JsonMappingException.Reference> references) {
    JavaType type = mapper.constructType(root);
    for (JsonMappingException.Reference reference : references) {
      if (type == null) {
        return null;
      }
      if (reference.getFieldName() == null) {
        type = type.getContentType();
      } else {
        type = propertyType(type, reference.getFieldName());
      }
    }
    return type;
  }

  private @Nullable JavaType propertyType(JavaType owner, String name) {
    if (owner.isContainerType()) {
      return null;
    }
    for (BeanPropertyDefinition property :
        mapper.getDeserializationConfig().introspect(owner).findProperties()) {
      if (property.getName().equals(name)) {
        return property.getPrimaryType();
      }
    }
    return null;
  }

  /** The JSON shape of {@code type} in words: "a string", "a list of objects". */
  static String describe(@Nullable JavaType type) {
    if (type == null) {
      return "a value of another shape";
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "a list of " + plural(type.getContentType());
    }
    return switch (kind(type)) {
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> "an object";
    };
  }

  private static String plural(@Nullable JavaType type) {
    if (type == null) {
      return "values";
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "lists";
    }
    return switch (kind(type)) {
      case "string" -> "strings";
      case "integer" -> "integers";
      case "number" -> "numbers";
      case "boolean" -> "booleans";
      default -> "objects";
    };
  }

  private static String kind(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw.isEnum()) {
      return "string";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    }
    if (raw == Integer.class
        || raw == Long.class
        || raw == Short.class
        || raw == BigInteger.class
        || raw == int.class
        || raw == long.class
        || raw == short.class) {
      return "integer";
    }
    if (raw == BigDecimal.class
        || raw == Double.class
        || raw == Float.class
        || raw == double.class
        || raw == float.class) {
      return "number";
    }
    return "object";
  }

  /**
   * The JSON value starting at {@code location} in words, read from the body itself: the parser has
   * moved on by the time an error reaches here.
   */
  private static String valueAt(ByteBuf content, @Nullable JsonLocation location) {
    if (location == null || location.getByteOffset() < 0) {
      return "another value";
    }
    int index = content.readerIndex() + (int) location.getByteOffset();
    while (index < content.writerIndex()) {
      byte b = content.getByte(index++);
      switch (b) {
        case ' ', '\t', '\r', '\n', ',', ':':
          continue;
        case '"':
          return "a string";
        case '{':
          return "an object";
        case '[':
          return "a list";
        case 't', 'f':
          return "a boolean";
        case 'n':
          return "null";
        default:
          return (b >= '0' && b <= '9') || b == '-' ? numberAt(content, index) : "another value";
      }
    }
    return "nothing";
  }

  private static String numberAt(ByteBuf content, int index) {
    for (int i = index; i < content.writerIndex(); i++) {
      byte b = content.getByte(i);
      if (b == '.' || b == 'e' || b == 'E') {
        return "a fractional number";
      }
      if (!(b >= '0' && b <= '9')) {
        break;
      }
    }
    return "an integer";
  }

  private static String quote(String where) {
    return "'" + where + "'";
  }

  private static String at(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
