package cn.sunshine.platform.security.client;

/** No token could be obtained from the token endpoint (unreachable, refused, or an answer without a token). */
public class ClientCredentialsException extends RuntimeException {

    private final int status;

    public ClientCredentialsException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The token endpoint's HTTP status, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}
