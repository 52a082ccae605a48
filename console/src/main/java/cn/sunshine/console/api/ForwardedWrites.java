package cn.sunshine.console.api;

/**
 * Told of every state-changing request (POST, PUT, PATCH, DELETE) the console forwards to the gateway, once answered:
 * the operation log (cn.sunshine.console.auditlog). Never the body.
 *
 * @see Gateway
 */
public interface ForwardedWrites {

    /**
     * @param method         the HTTP method
     * @param apiPath        the path asked of the gateway (with its query, which the log leaves out)
     * @param status         the answer's status (503 when the gateway could not be reached)
     * @param problemType    the problem's kind when refused (`stale-version`), else null
     * @param idempotencyKey the request's Idempotency-Key, if it had one
     */
    void forwarded(String method, String apiPath, int status, String problemType, String idempotencyKey);

    ForwardedWrites NONE = (method, apiPath, status, problemType, idempotencyKey) -> { };
}
