package cn.sunshine.platform.test;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county officer reads every field message in Chinese (ProblemMessages): a module's sources refuse a field with a
 * coded phrase ({@code Phrase.coded}, {@code FieldError.coded}), never a plain English string, and every code they
 * use has its Chinese in the module's {@code problem-messages_zh_CN.properties} or the platform's. Plain JUnit over
 * the source text (surefire runs in the module's directory): no Spring context. A service's test extends it as it
 * is; a module with its sources or bundle elsewhere names them.
 */
public abstract class ChineseProblemMessagesContract {

    private final Path sources;
    private final Path bundle;

    /** A service: its sources under {@code src/main/java}, its bundle at the root of its resources. */
    protected ChineseProblemMessagesContract() {
        this(Path.of("src/main/java"), Path.of("src/main/resources/problem-messages_zh_CN.properties"));
    }

    protected ChineseProblemMessagesContract(Path sources, Path bundle) {
        this.sources = sources;
        this.bundle = bundle;
    }


    private static final String PLATFORM_BUNDLE = "cn/sunshine/platform/problem-messages_zh_CN.properties";

    /** Calls whose second argument, the message, must not be a plain string. A code built at run time is not checked. */
    private static final Pattern PLAIN_MESSAGE = Pattern.compile("\\binvalidField\\(|\\bnew\\s+(?:DomainException\\.)?FieldError\\(");
    private static final Pattern PHRASE_CODE = Pattern.compile("\\bPhrase\\.coded\\(\\s*\"([^\"]+)\"\\s*[,)]");
    /**
     * A placeholder with a format type ({@code {0,number,#}}): a Phrase keeps its arguments as text, and MessageFormat
     * cannot format text as a number — the refusal itself would end in a 500.
     */
    private static final Pattern TYPED_PLACEHOLDER = Pattern.compile("\\{\\d+\\s*,");
    private static final Pattern FIELD_ERROR_CODED = Pattern.compile("\\bFieldError\\.coded\\(");

    @Test
    public void noFieldIsRefusedWithAPlainEnglishString() throws IOException {
        List<String> plain = new ArrayList<>();
        for (Path file : javaFiles()) {
            String src = Files.readString(file);
            Matcher m = PLAIN_MESSAGE.matcher(src);
            while (m.find()) {
                int second = afterFirstArgument(src, m.end());
                if (second >= 0 && src.charAt(skipSpace(src, second)) == '"') {
                    plain.add(sources.relativize(file) + ":" + line(src, m.start()) + ": " + firstLine(src, m.start()));
                }
            }
        }
        assertThat(plain).as("field messages in plain English: give each a Phrase.coded / FieldError.coded code and "
                + "its Chinese in problem-messages_zh_CN.properties").isEmpty();
    }

    @Test
    public void everyCodeHasItsChinese() throws IOException {
        Properties zh = bundles();
        TreeSet<String> missing = new TreeSet<>();
        for (Path file : javaFiles()) {
            String src = Files.readString(file);
            Matcher m = PHRASE_CODE.matcher(src);
            while (m.find()) {
                if (!zh.containsKey(m.group(1))) {
                    missing.add(m.group(1) + " (" + sources.relativize(file) + ":" + line(src, m.start()) + ")");
                }
            }
            Matcher f = FIELD_ERROR_CODED.matcher(src);
            while (f.find()) {
                int second = skipSpace(src, afterFirstArgument(src, f.end()));
                Matcher code = Pattern.compile("\"([^\"]+)\"\\s*[,)]").matcher(src).region(second, src.length());
                if (code.lookingAt() && !zh.containsKey(code.group(1))) {
                    missing.add(code.group(1) + " (" + sources.relativize(file) + ":" + line(src, f.start()) + ")");
                }
            }
        }
        assertThat(missing).as("codes without Chinese in this service's or the platform's bundle").isEmpty();
    }

    @Test
    public void theBundleIsMessageFormatWithoutApostrophes() throws IOException {
        Properties own = load(Files.newInputStream(bundle));
        List<String> bad = new ArrayList<>();
        for (String key : own.stringPropertyNames()) {
            String value = own.getProperty(key);
            try {
                new MessageFormat(value);
            } catch (IllegalArgumentException e) {
                bad.add(key + ": " + e.getMessage());
            }
            if (value.contains("'") || value.isBlank()) {
                bad.add(key + ": blank or has an apostrophe");
            }
            if (TYPED_PLACEHOLDER.matcher(value).find()) {
                bad.add(key + ": a placeholder with a format type; a phrase's arguments are text ({n} only)");
            }
        }
        assertThat(bad).isEmpty();
    }

    private Properties bundles() throws IOException {
        Properties zh = new Properties();
        try (InputStream platform = ChineseProblemMessagesContract.class.getClassLoader().getResourceAsStream(PLATFORM_BUNDLE)) {
            assertThat(platform).as(PLATFORM_BUNDLE + " on the test classpath").isNotNull();
            zh.putAll(load(platform));
        }
        zh.putAll(load(Files.newInputStream(bundle)));
        return zh;
    }

    private static Properties load(InputStream in) throws IOException {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return p;
        }
    }

    private List<Path> javaFiles() throws IOException {
        assertThat(sources).as("run from the module directory").isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The index just after the comma that ends the call's first argument (from just after its parenthesis), or -1. */
    private static int afterFirstArgument(String src, int from) {
        int depth = 0;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"') {
                i = endOfString(src, i);
            } else if (c == '\'') {
                i = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return -1;
                }
            } else if (c == ',' && depth == 0) {
                return i + 1;
            } else if (c == ';') {
                return -1;
            }
        }
        return -1;
    }

    private static int endOfString(String src, int quote) {
        for (int i = quote + 1; i < src.length(); i++) {
            if (src.charAt(i) == '\\') {
                i++;
            } else if (src.charAt(i) == '"') {
                return i;
            }
        }
        return src.length();
    }

    private static int skipSpace(String src, int i) {
        while (i >= 0 && i < src.length() - 1 && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        return Math.max(i, 0);
    }

    private static int line(String src, int index) {
        return (int) src.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String firstLine(String src, int index) {
        int end = src.indexOf('\n', index);
        return src.substring(index, end < 0 ? src.length() : end).strip();
    }
}
