package cn.sunshine.accreditation.support;

import cn.sunshine.platform.sms.OneTimeCodes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How the public endpoints that take a filing without a token (a web complaint, an objection to a notice) know the
 * caller and answer: never stored by a cache, since an answer may carry a one-time code or a masked phone.
 */
public final class PublicFilings {

    /** The client's address as the gateway resolved it (it replaces any the client sent). */
    public static final String CLIENT_ADDRESS = "X-Sunshine-Client-Address";

    private PublicFilings() {
    }

    /** Who files, for the limits per caller: the client's address the gateway resolved, else the connection's. */
    public static String callerKey(HttpServletRequest http) {
        return OneTimeCodes.callerKey(http.getHeader(CLIENT_ADDRESS), http.getRemoteAddr());
    }

    /** 202: the filing awaits its code at {@code path} below the context path, its variables {@code ids}. */
    public static <T> ResponseEntity<T> awaiting(T body, String path, Object... ids) {
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(ids).toUri())
                .cacheControl(CacheControl.noStore()).body(body);
    }

    /** 201: the filing counts. */
    public static <T> ResponseEntity<T> filed(T body) {
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(body);
    }
}
