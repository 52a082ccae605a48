package cn.sunshine.console.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every label exists in every language, and every key a template names exists. */
class MessageBundlesTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The bundles of the console, as application.yml names them ({@code spring.messages.basename}). */
    static final String[] BUNDLES = basenames();

    static String[] basenames() {
        try {
            for (String line : Files.readAllLines(Path.of("src/main/resources/application.yml"))) {
                if (line.strip().startsWith("basename:")) {
                    return java.util.Arrays.stream(line.strip().substring("basename:".length()).split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("application.yml names no spring.messages.basename");
    }

    /** The bundles of the console in one language, merged. */
    static Properties all(String suffix) throws IOException {
        Properties merged = new Properties();
        for (String b : BUNDLES) {
            Properties p = load(b + suffix + ".properties");
            for (String k : p.stringPropertyNames()) {
                assertThat(merged.containsKey(k)).as("%s is in two bundles", k).isFalse();
                merged.setProperty(k, p.getProperty(k));
            }
        }
        return merged;
    }

    @Test
    void everyChineseKeyExistsInEnglishAndInTheDefaultAndNoneIsBlank() throws IOException {
        Properties zh = all("_zh_CN");
        Properties en = all("_en");
        Properties base = all("");
        assertThat(zh).isNotEmpty();
        assertThat(en.stringPropertyNames()).containsAll(zh.stringPropertyNames());
        assertThat(base.stringPropertyNames()).containsAll(zh.stringPropertyNames());
        assertThat(zh.stringPropertyNames()).containsAll(en.stringPropertyNames());
        for (Properties p : new Properties[] {zh, en, base}) {
            p.forEach((k, v) -> assertThat(v.toString()).as("%s", k).isNotBlank());
        }
    }

    @Test
    void theDefaultIsChinese() throws IOException {
        assertThat(all("").getProperty("nav.tasks.approval")).isEqualTo("待审批");
        assertThat(all("_en").getProperty("nav.tasks.approval")).isEqualTo("To approve");
    }

    @Test
    void everyLiteralKeyATemplateUsesIsInTheBundle() throws IOException {
        Properties zh = all("_zh_CN");
        Pattern literal = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");
        Set<String> missing = new TreeSet<>();
        Set<String> used = new HashSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path t : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(t));
                while (m.find()) {
                    used.add(m.group(1));
                    if (!zh.containsKey(m.group(1))) {
                        missing.add(t.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(missing).isEmpty();
    }

    @Test
    void everyStatusRoleStageAndPartHasALabel() throws IOException {
        Properties zh = all("_zh_CN");
        for (String s : cn.sunshine.console.claims.ClaimsControllerAccess.STATUSES) {
            assertThat(zh).containsKey("status." + s);
        }
        for (String r : new String[] {"PROVINCE_OFFICER", "CITY_OFFICER", "COUNTY_OFFICER", "COUNTY_LEADER", "FINANCE_OFFICER",
                "BASE_STAFF", "EXPERT_REVIEWER", "AUDITOR", "OPERATOR"}) {
            assertThat(zh).containsKey("role." + r);
        }
        for (cn.sunshine.console.claims.Task t : cn.sunshine.console.claims.Task.values()) {
            assertThat(zh).containsKeys("stage." + t.name(), "nav.tasks." + t.slug(), "task." + t.slug() + ".title",
                    "decide.approve." + t.slug());
        }
    }
}
