package dev.ensemu.server.http;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
            X509Certificate made = selfSignedCertificate(pair);
            writeAtomically(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null))); // "BEGIN PRIVATE KEY", what most tools read
            writeAtomically(certificate, pem(made));
            if (dataDir.isEmpty()) {
                key.toFile().deleteOnExit();
                certificate.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
            return new TlsMaterial(context(pair.getPrivate(), List.of(made)), certificate);
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

    private static X509Certificate selfSignedCertificate(KeyPair pair) {
        try {
            X500Name name = new X500Name("CN=localhost, O=ensemu");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())}));
            // A CA certificate that is also the server's: trust stores (Java's, Node's) accept it as an anchor.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the self-signed certificate: " + e.getMessage(), e);
        }
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

    private static PrivateKey readKey(Path file) {
        Object parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            parsed = pem.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-key " + file + ": cannot be read as PEM (" + e.getMessage() + ")");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) { // PKCS#1 RSA or SEC1 EC keys
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-key " + file + ": unusable key (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("--tls-key " + file + ": no unencrypted private key in it");
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
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
