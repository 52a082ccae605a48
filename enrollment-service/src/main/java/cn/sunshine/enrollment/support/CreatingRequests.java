package cn.sunshine.enrollment.support;

import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.IdempotentRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Enrollment's creating requests under an {@code Idempotency-Key} ({@link IdempotentRequests}, docs/api.md): a key
 * is the caller's own, for one operation on one target ({@code enrollment.lessons} of class 42); the same request
 * sent again with it gets the first answer, never a second effect.
 */
@Component
public class CreatingRequests {

    private final IdempotentRequests idempotent;

    public CreatingRequests(IdempotentRequests idempotent) {
        this.idempotent = idempotent;
    }

    /** A request with a JSON body: the same key and body answer the first answer again. */
    public ResponseEntity<?> json(String operation, Object target, String key, Object request,
                                  Supplier<? extends ResponseEntity<?>> create) {
        return idempotent.runJson(scope(operation, target), key, request, create);
    }

    /** An uploaded file: the same key and file (its content type and bytes) answer the first answer again. */
    public ResponseEntity<?> file(String operation, Object target, String key, String contentType, byte[] body,
                                  Supplier<? extends ResponseEntity<?>> create) {
        return idempotent.run(scope(operation, target), key, contentType, body, create);
    }

    /** {@code enrollment.roster:<classId>:<subject>}: the operation, its target and the caller. */
    private static String scope(String operation, Object target) {
        return operation + ":" + target + ":" + Jurisdiction.currentUser().subject();
    }
}
