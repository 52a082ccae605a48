package cn.sunshine.platform.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The default {@link AttachmentScanner}: finds the EICAR anti-virus test string anywhere in the content, streaming. */
public class EicarScanner implements AttachmentScanner {

    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final byte[] SIGNATURE = EICAR.getBytes(StandardCharsets.US_ASCII);

    @Override
    public String scan(InputStream content) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int carried = 0;
        int n;
        while ((n = content.read(buffer, carried, buffer.length - carried)) > 0) {
            int filled = carried + n;
            if (indexOf(buffer, filled) >= 0) {
                return "EICAR-Test-File";
            }
            // keep the tail that could begin the signature across the next read
            carried = Math.min(SIGNATURE.length - 1, filled);
            System.arraycopy(buffer, filled - carried, buffer, 0, carried);
        }
        return null;
    }

    private static int indexOf(byte[] data, int length) {
        outer:
        for (int i = 0; i + SIGNATURE.length <= length; i++) {
            for (int j = 0; j < SIGNATURE.length; j++) {
                if (data[i + j] != SIGNATURE[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
