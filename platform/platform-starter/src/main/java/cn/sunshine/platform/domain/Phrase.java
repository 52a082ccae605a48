package cn.sunshine.platform.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Words for the person using the API: the English sentence every caller gets by default, and optionally a
 * message code with its arguments, looked up in the {@code problem-messages_zh_CN.properties} bundles (the
 * platform's and the service's own) for a caller who asked for Chinese ({@code Accept-Language: zh-CN}).
 * An argument is text, or a phrase of its own (translated too); the translation may use other arguments than
 * the English does (a column's Chinese name, say). Nothing here knows HTTP: the problem handler translates.
 */
public record Phrase(String english, String code, List<Object> args) {

    public Phrase {
        List<Object> texts = new ArrayList<>();
        if (args != null) {
            args.forEach(a -> texts.add(a instanceof Phrase ? a : String.valueOf(a)));
        }
        args = List.copyOf(texts);
    }

    /** English only: every caller gets the same words. */
    public static Phrase of(String english) {
        return new Phrase(english, null, List.of());
    }

    /** English by default; the message {@code code} with {@code args} ({0}, {1}, ...) for a Chinese caller. */
    public static Phrase coded(String code, String english, Object... args) {
        return new Phrase(english, code, args == null ? List.of() : java.util.Arrays.asList(args));
    }

    @Override
    public String toString() {
        return english;
    }
}
