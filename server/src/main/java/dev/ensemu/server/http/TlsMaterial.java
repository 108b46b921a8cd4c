package dev.ensemu.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate and key HTTPS serves: from PEM files the user gives, or a self-signed
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} made at start-up (kept in
 * the data directory and reused, when there is one). The certificate is always in a PEM file
 * whose path is printed, so clients can trust it.
 *
 * @param sslContext      TLS 1.2/1.3 server context with the key
 * @param certificateFile the certificate (chain) in PEM
 */
public record TlsMaterial(SSLContext sslContext, Path certificateFile) {
    /** The protocols offered; nothing older. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String CERTIFICATE = "cert.pem";
    private static final String KEY = "key.pem";
    private static final char[] NO_PASSWORD = new char[0];

    /** PEM files given by the user: a certificate (chain) and its private key (PKCS#8, PKCS#1 or SEC1). */
    public static TlsMaterial fromFiles(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readKey(keyFile);
        requireFits(key, chain.get(0));
        return new TlsMaterial(context(key, chain), certificateFile);
    }

    /**
     * A self-signed certificate: the one kept in {@code dataDir}/tls if there is one, else a new
     * one, written there (or to a new temporary directory without a data directory).
     */
    public static TlsMaterial selfSigned(Optional<Path> dataDir) {
        try {
            Path dir = dataDir.isPresent() ? Files.createDirectories(dataDir.get().resolve("tls")) : Files.createTempDirectory("ensemu-tls");
            Path certificate = dir.resolve(CERTIFICATE);
            Path key = dir.resolve(KEY);
            if (dataDir.isPresent() && Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
                return fromFiles(certificate, key);
            }
            KeyPair pair = newKeyPair();
            byte[] made = selfSignedCertificate(pair);
            writeAtomically(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded())); // PKCS#8, what most tools read
            writeAtomically(certificate, pem("CERTIFICATE", made));
            if (dataDir.isEmpty()) {
                key.toFile().deleteOnExit();
                certificate.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
            return new TlsMaterial(context(pair.getPrivate(), List.of(x509(made))), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK can make P-256 keys", e);
        }
    }

    /**
     * A version 3 certificate (RFC 5280, DER) for {@code CN=localhost, O=ensemu}, valid from yesterday for
     * ten years, naming localhost and both loopback addresses; a CA certificate that is also the
     * server's, so trust stores (Java's, Node's) accept it as an anchor.
     */
    private static byte[] selfSignedCertificate(KeyPair pair) {
        try {
            byte[] name = Der.sequence(
                    Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("localhost"))),
                    Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8("ensemu"))));
            byte[] ecdsaWithSha256 = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
            Instant now = Instant.now();
            byte[] alternativeNames = Der.sequence(
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    Der.implicit(7, InetAddress.getByName("127.0.0.1").getAddress()),
                    Der.implicit(7, InetAddress.getByName("::1").getAddress()));
            byte[] extensions = Der.sequence(
                    extension("2.5.29.17", false, alternativeNames),
                    extension("2.5.29.19", true, Der.sequence(Der.bool(true))), // basicConstraints: cA
                    extension("2.5.29.15", true, Der.bits(new byte[] {(byte) 0x84}, 2)), // keyUsage: digitalSignature, keyCertSign
                    extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1")))); // extKeyUsage: serverAuth
            byte[] toBeSigned = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                    Der.integer(new BigInteger(64, new SecureRandom())),
                    ecdsaWithSha256,
                    name,
                    Der.sequence(Der.time(now.minus(Duration.ofDays(1))), Der.time(now.plus(Duration.ofDays(3650)))),
                    name,
                    pair.getPublic().getEncoded(), // already a SubjectPublicKeyInfo
                    Der.explicit(3, extensions));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(toBeSigned);
            return Der.sequence(toBeSigned, ecdsaWithSha256, Der.bits(signer.sign(), 0));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate x509(byte[] encoded) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the self-signed certificate made does not parse: " + e.getMessage(), e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value)) : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    /**
     * The key signs what the certificate's public key verifies: a key of another pair would start
     * and then fail every handshake, far from its cause.
     */
    private static void requireFits(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // RSASSA-PSS needs parameters of its own: the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "ensemu".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's: refused below
        }
        throw new IllegalArgumentException("the TLS key does not fit its certificate: --tls-key is not the private key of the first certificate in --tls-cert");
    }

    private static SSLContext context(PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ensemu", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the TLS key does not fit its certificate: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) {
        try (var in = Files.newInputStream(file)) {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + file + ": no certificate in it");
            }
            return chain;
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-cert " + file + ": cannot be read (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert " + file + ": not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    /** The PEM blocks: label, then the text between BEGIN and END (headers included). */
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "RSASSA-PSS", "EdDSA");

    /**
     * The first private key in the file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE
     * KEY}) or SEC1 ({@code EC PRIVATE KEY}, its curve inside it or in an {@code EC PARAMETERS} block
     * as {@code openssl ecparam -genkey} writes). The last two are wrapped into PKCS#8, which the JDK reads.
     */
    private static PrivateKey readKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-key " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Optional<byte[]> curve = Optional.empty();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            String body = block.group(2);
            if (label.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type:")) { // PKCS#8 or OpenSSL's own encryption
                throw new IllegalArgumentException("--tls-key " + file + ": the key is encrypted; give it unencrypted (openssl pkey -in KEY -out PLAIN)");
            }
            try {
                switch (label) {
                    case "EC PARAMETERS" -> curve = Optional.of(base64(body));
                    case "PRIVATE KEY" -> { return pkcs8(base64(body)); }
                    case "RSA PRIVATE KEY" -> { return pkcs8(Der.sequence(Der.integer(BigInteger.ZERO),
                            Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.NULL), Der.octets(base64(body)))); }
                    case "EC PRIVATE KEY" -> { return pkcs8(sec1AsPkcs8(base64(body), curve)); }
                    default -> { }
                }
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new IllegalArgumentException("--tls-key " + file + ": unusable " + label + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("--tls-key " + file + ": no unencrypted private key in it");
    }

    /** SEC1's ECPrivateKey {version, privateKey, [0] curve, [1] publicKey} inside PKCS#8, which names the curve outside. */
    private static byte[] sec1AsPkcs8(byte[] sec1, Optional<byte[]> curveBlock) {
        byte[] curve = Der.Element.read(sec1).children().stream().filter(child -> child.tag() == 0xa0).findFirst()
                .flatMap(parameters -> parameters.children().stream().findFirst().map(Der.Element::encoded))
                .or(() -> curveBlock)
                .orElseThrow(() -> new IllegalArgumentException("the key does not name its curve"));
        return Der.sequence(Der.integer(BigInteger.ZERO), Der.sequence(Der.oid("1.2.840.10045.2.1"), curve), Der.octets(sec1));
    }

    private static PrivateKey pkcs8(byte[] encoded) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(encoded);
        List<GeneralSecurityException> refusals = new ArrayList<>();
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException refused) {
                refusals.add(refused);
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or EdDSA key: " + refusals.get(0).getMessage());
    }

    private static byte[] base64(String body) {
        return Base64.getMimeDecoder().decode(body.strip());
    }

    private static String pem(String label, byte[] encoded) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded)
                + "\n-----END " + label + "-----\n";
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        if (file.getFileName().toString().equals(KEY) && temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
