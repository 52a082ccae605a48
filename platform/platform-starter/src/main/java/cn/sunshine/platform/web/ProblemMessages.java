package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Problem messages in the caller's language. English — what every caller without {@code Accept-Language: zh}
 * has always been answered — is the text the code carries; Chinese comes from the bundles
 * {@code problem-messages_zh_CN.properties} at the root of a service's classpath (its own messages) and
 * {@code cn/sunshine/platform/problem-messages_zh_CN.properties} (the platform's), the service's first. What
 * has no Chinese entry stays English.
 *
 * <p>Keys: the code of a {@link Phrase} ({@code problem.not-found}, {@code enrollment.gender-mismatch}),
 * {@code title.<kind>} for a problem's title, {@code detail.<kind>} for the detail of a problem whose sentence
 * has no Chinese of its own (the kind's general explanation, without the English's particulars), and {@code <Constraint>.<field>} (Spring's message codes, e.g.
 * {@code Pattern.householdDivision}) for a Bean Validation message the annotation spells out in English. The
 * entries are {@link java.text.MessageFormat} patterns: arguments as {@code {0}}, no apostrophes.
 */
public final class ProblemMessages {

    /** The language of the bundles; any {@code zh} range asks for it. */
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final String SERVICE_BUNDLE = "problem-messages";
    private static final String PLATFORM_BUNDLE = "cn/sunshine/platform/problem-messages";
    private static final List<String> LANGUAGES = List.of("en", "zh");

    private static final ResourceBundleMessageSource ZH = bundles();

    private ProblemMessages() {
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        List<String> basenames = new ArrayList<>();
        for (String basename : List.of(SERVICE_BUNDLE, PLATFORM_BUNDLE)) {
            if (ProblemMessages.class.getClassLoader().getResource(basename + "_zh_CN.properties") != null) {
                basenames.add(basename); // a missing bundle would be looked for (and warned about) on every message
            }
        }
        source.setBasenames(basenames.toArray(String[]::new));
        source.setBeanClassLoader(ProblemMessages.class.getClassLoader());
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }

    /**
     * The language a request asked for: Chinese when its {@code Accept-Language} prefers a {@code zh} range to
     * English, English otherwise (no header, {@code en}, or a language we do not answer in).
     */
    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return "zh".equals(tag) ? CHINESE : Locale.ENGLISH;
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }

    public static Locale localeOf(HttpServletRequest request) {
        return localeOf(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * The current request's language (its {@code Accept-Language}); outside a request, the locale set for the
     * thread if one was, else English. Never the machine's default locale.
     */
    public static Locale locale() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return localeOf(attributes.getRequest());
        }
        LocaleContext context = LocaleContextHolder.getLocaleContext();
        Locale set = context == null ? null : context.getLocale();
        return set != null && "zh".equals(set.getLanguage()) ? CHINESE : Locale.ENGLISH;
    }

    public static boolean isChinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    /** The phrase in the current request's language. */
    public static String text(Phrase phrase) {
        return text(phrase, locale());
    }

    /** The phrase in {@code locale}: its English unless Chinese is asked for and its code has an entry. */
    public static String text(Phrase phrase, Locale locale) {
        if (phrase == null) {
            return null;
        }
        if (phrase.code() == null || !isChinese(locale)) {
            return phrase.english();
        }
        Object[] args = phrase.args().stream().map(a -> a instanceof Phrase p ? text(p, locale) : a).toArray();
        String chinese = ZH.getMessage(phrase.code(), args, null, CHINESE);
        return chinese == null ? phrase.english() : chinese;
    }

    /** A problem's title: {@code title.<kind>} for a Chinese caller, else the English. */
    public static String title(String kind, String english, Locale locale) {
        if (!isChinese(locale) || kind == null) {
            return english;
        }
        String chinese = ZH.getMessage("title." + kind, null, null, CHINESE);
        return chinese == null ? english : chinese;
    }

    /** A field error of a {@link DomainException} in {@code locale}. */
    public static String text(DomainException.FieldError error, Locale locale) {
        return text(error.phrase(), locale);
    }

    /**
     * The detail of a {@link DomainException} in {@code locale}. A detail without a code that only lists its
     * field errors ({@code field: message; ...}, as {@link DomainException#invalidField} writes it) is listed
     * again from the translated field errors.
     */
    public static String detail(DomainException e, Locale locale) {
        Phrase detail = e.detail();
        if (isChinese(locale) && detail.code() == null && !e.errors().isEmpty()) {
            List<String[]> english = new ArrayList<>();
            List<String[]> translated = new ArrayList<>();
            for (DomainException.FieldError fe : e.errors()) {
                english.add(new String[] {fe.field(), fe.message()});
                translated.add(new String[] {fe.field(), text(fe, locale)});
            }
            if (summary(english, Locale.ENGLISH).equals(detail.english())) {
                return summary(translated, locale);
            }
        }
        String text = text(detail, locale);
        if (isChinese(locale) && text.equals(detail.english()) && e.kind() != null) {
            // No Chinese for this very sentence: the kind's own Chinese explanation (detail.<kind>), if it has one.
            String general = ZH.getMessage("detail." + e.kind(), null, null, CHINESE);
            if (general != null) {
                return general;
            }
        }
        return text;
    }

    /**
     * A Spring validation error (a field error of a bound body, or a method parameter's): the first of its
     * message codes with a Chinese entry for a Chinese caller, else its default message (Bean Validation's own
     * messages are already in the request's language: Spring interpolates them in the locale of the request).
     */
    public static String text(MessageSourceResolvable error, Locale locale) {
        if (isChinese(locale) && error.getCodes() != null) {
            for (String code : error.getCodes()) {
                String chinese = ZH.getMessage(code, null, null, CHINESE);
                if (chinese != null) {
                    return chinese;
                }
            }
        }
        return String.valueOf(error.getDefaultMessage());
    }

    /** A Bean Validation violation of {@code field}: {@code <Constraint>.<field>} for a Chinese caller, else its message. */
    public static String text(ConstraintViolation<?> violation, String field, Locale locale) {
        if (isChinese(locale)) {
            String code = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName() + "." + field;
            String chinese = ZH.getMessage(code, null, null, CHINESE);
            if (chinese != null) {
                return chinese;
            }
        }
        return violation.getMessage();
    }

    /** {@code field: message; field: message} in English, {@code field：message；field：message} in Chinese. */
    public static String summary(List<String[]> fieldsAndMessages, Locale locale) {
        boolean chinese = isChinese(locale);
        StringBuilder sb = new StringBuilder();
        for (String[] e : fieldsAndMessages) {
            sb.append(sb.isEmpty() ? "" : chinese ? "；" : "; ").append(e[0]).append(chinese ? "：" : ": ").append(e[1]);
        }
        return sb.toString();
    }
}
