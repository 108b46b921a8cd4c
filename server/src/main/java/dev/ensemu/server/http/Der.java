package dev.ensemu.server.http;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DER encodings (ITU-T X.690) that a self-signed certificate and the PEM keys users give
 * need: the JDK parses certificates and PKCS#8 keys but builds neither, and a general ASN.1
 * library would be most of the server's jar for a few hundred bytes of structure.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final byte[] NULL = {0x05, 0x00};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {}

    static byte[] sequence(byte[]... items) {
        return tagged(SEQUENCE, concat(items));
    }

    static byte[] set(byte[]... items) {
        return tagged(0x31, concat(items));
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
    }

    static byte[] utf8(String text) {
        return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] octets(byte[] content) {
        return tagged(OCTET_STRING, content);
    }

    /** A BIT STRING of whole bytes less {@code unused} trailing bits of the last. */
    static byte[] bits(byte[] content, int unused) {
        return tagged(0x03, concat(new byte[] {(byte) unused}, content));
    }

    /** A certificate's time: UTCTime through 2049, GeneralizedTime after (RFC 5280, 4.1.2.5). */
    static byte[] time(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        return year < 2050 ? tagged(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
                : tagged(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** An OBJECT IDENTIFIER from its dotted form. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tagged(OBJECT_IDENTIFIER, out.toByteArray());
    }

    /** [number] EXPLICIT around an encoded element. */
    static byte[] explicit(int number, byte[] element) {
        return tagged(0xa0 | number, element);
    }

    /** [number] IMPLICIT of a primitive type, e.g. a GeneralName's dNSName or iPAddress. */
    static byte[] implicit(int number, byte[] content) {
        return tagged(0x80 | number, content);
    }

    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            out.write((int) ((value >>> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
        }
    }

    /**
     * One element read from DER: its tag and where its content lies in {@code source}.
     *
     * @throws IllegalArgumentException when the bytes are not DER
     */
    record Element(int tag, byte[] source, int start, int contentStart, int end) {
        static Element read(byte[] source) {
            Element element = at(source, 0);
            if (element.end != source.length) {
                throw new IllegalArgumentException("bytes after the DER element");
            }
            return element;
        }

        private static Element at(byte[] source, int offset) {
            if (offset + 2 > source.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int tag = source[offset] & 0xff;
            int length = source[offset + 1] & 0xff;
            int contentStart = offset + 2;
            if (length >= 0x80) {
                int octets = length & 0x7f;
                if (octets == 0 || octets > 3 || contentStart + octets > source.length) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (source[contentStart++] & 0xff);
                }
            }
            if (contentStart + length > source.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return new Element(tag, source, offset, contentStart, contentStart + length);
        }

        /** The elements inside a constructed one (a SEQUENCE, SET or explicit tag). */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            for (int offset = contentStart; offset < end; offset = children.get(children.size() - 1).end) {
                children.add(at(source, offset));
            }
            return children;
        }

        /** The whole encoding, tag and length included. */
        byte[] encoded() {
            return java.util.Arrays.copyOfRange(source, start, end);
        }
    }
}
