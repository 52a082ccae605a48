package cn.sunshine.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints development tokens signed with the development key that ships in this jar.
 *
 * <p>The key is public knowledge (it is in the repository): services trust it only under the
 * {@code local} and {@code test} profiles, and refuse to start with it otherwise. In a cluster the
 * province's identity provider signs the tokens.
 */
public final class DevTokens {

    public static final String ISSUER = "sunshine-dev-issuer";
    public static final String KEY_ID = "sunshine-dev-1";

    private static final RSAKey KEY = loadKey();

    private DevTokens() {
    }

    /** The audience of people's tokens: the suite's APIs (services and gateway accept it by default). */
    public static final String AUDIENCE = "sunshine";

    /** Mints a token for the user with the given roles, jurisdiction and (for base staff) base. */
    public static String mint(DevUser user, Duration ttl) {
        return mint(user, ttl, List.of(AUDIENCE));
    }

    /**
     * The same token meant for other audiences (e.g. another application of the same issuer): the
     * suite refuses it with 401 unless one of them is {@link #AUDIENCE}.
     */
    public static String mint(DevUser user, Duration ttl, List<String> audiences) {
        Objects.requireNonNull(user, "user");
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.username())
                .audience(List.copyOf(audiences))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("name", user.displayName())
                .claim("roles", List.copyOf(user.roles()))
                .claim("division", user.division());
        if (user.baseId() != null) {
            claims.claim("baseId", user.baseId());
        }
        return sign(claims.build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign development token", e);
        }
    }

    public static String mint(DevUser user) {
        return mint(user, Duration.ofHours(8));
    }

    /** How long a client-credentials token lives: minutes, not hours (the client fetches a new one). */
    public static final Duration CLIENT_TOKEN_TTL = Duration.ofMinutes(5);

    /**
     * Mints a client-credentials token for a service of the suite: {@code sub}, {@code azp} and
     * {@code client_id} name the client, {@code aud} the services it may call, {@code scope}
     * (space-separated) what it may do there, {@code division} the jurisdiction it acts for; no
     * {@code roles}.
     */
    public static String mintClient(DevClient client, Duration ttl) {
        Objects.requireNonNull(client, "client");
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(client.clientId())
                .audience(client.audiences())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("azp", client.clientId())
                .claim("client_id", client.clientId())
                .claim("scope", String.join(" ", client.scopes()))
                .claim("division", client.division())
                .build();
        return sign(claims);
    }

    public static String mintClient(DevClient client) {
        return mintClient(client, CLIENT_TOKEN_TTL);
    }

    /** The public JWK set (JSON) that verifies the development tokens. */
    public static String publicJwkSetJson() {
        return "{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]}";
    }

    /** The public key as X.509 PEM. */
    public static String publicKeyPem() {
        return read("dev-auth/dev-signing-key.pub.pem");
    }

    private static RSAKey loadKey() {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(pemBody(read("dev-auth/dev-signing-key.pem"))));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(pemBody(read("dev-auth/dev-signing-key.pub.pem"))));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(KEY_ID)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("development key is unreadable", e);
        }
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String read(String resource) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
