package cn.sunshine.placement.spotcheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reproducible draw: the population is ordered by id (so storage order does not matter), then
 * a partial Fisher–Yates shuffle driven by {@link SplittableRandom} with the recorded seed picks
 * the first {@code size}. The same seed over the same population draws the same sample on any JVM
 * (SplittableRandom's algorithm is fixed by its specification).
 */
public final class Sampler {

    private Sampler() {
    }

    /**
     * The seed of one base's stratum in a county-wide round: the first 8 bytes of
     * SHA-256({@code roundSeed:baseId}), so each base's draw depends only on the round's seed and
     * the base, not on which other bases reported in the period.
     */
    public static long stratumSeed(long roundSeed, String baseId) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((roundSeed + ":" + baseId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A round's seed: the first 8 bytes of HMAC-SHA256 of {@code "sunshine:spot-check-round:" + roundId}
     * under the server's secret. The round id is the server's, the secret is the province's: the
     * officer who draws can neither choose nor foresee it.
     */
    public static long roundSeed(byte[] secret, String roundId) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(("sunshine:spot-check-round:" + roundId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The recorded commitment to a seed: SHA-256 of its decimal form, hex. */
    public static String commitment(long seed) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Long.toString(seed).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static List<String> draw(List<String> populationIds, int size, long seed) {
        List<String> ids = new ArrayList<>(populationIds);
        ids.sort(Comparator.naturalOrder());
        SplittableRandom random = new SplittableRandom(seed);
        int n = Math.min(size, ids.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(ids.size() - i);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        return List.copyOf(ids.subList(0, n));
    }
}
