package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.ResidentIdNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem handler answers in the request's language: Chinese for {@code Accept-Language: zh-CN} (details,
 * field messages and titles from the bundles), exactly the English as before without it or with {@code en};
 * types, statuses and fields the same in both.
 */
class ProblemMessagesTest {

    private final ProblemDetailsHandler handler = new ProblemDetailsHandler();

    @AfterEach
    void unbind() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static void request(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/probe");
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static DomainException badIdNumber() {
        return DomainException.invalidField("idNumber", ResidentIdNumber.problemPhrase("42098119900101123X").orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(ProblemDetail pd) {
        return (List<Map<String, String>>) pd.getProperties().get("errors");
    }

    @Test
    void aChineseCallerGetsTheFieldMessageTheDetailAndTheTitleInChinese() {
        request("zh-CN,zh;q=0.9,en;q=0.8");
        ProblemDetail pd = handler.domain(badIdNumber()).getBody();
        assertThat(pd.getStatus()).isEqualTo(400);
        assertThat(pd.getType().toString()).isEqualTo("urn:sunshine:problem:validation");
        assertThat(errors(pd)).containsExactly(Map.of("field", "idNumber", "message", "身份证号校验位不正确"));
        assertThat(pd.getDetail()).isEqualTo("idNumber：身份证号校验位不正确");
        assertThat(pd.getTitle()).isEqualTo("填写的内容有误");
    }

    @Test
    void withoutTheHeaderOrInEnglishTheAnswerIsTheEnglishAsBefore() {
        for (String language : new String[] {null, "en", "en-US,en;q=0.9", "fr-FR", "*"}) {
            request(language);
            ProblemDetail pd = handler.domain(badIdNumber()).getBody();
            assertThat(errors(pd)).as(language).containsExactly(Map.of("field", "idNumber",
                    "message", "the check character of the resident ID number is wrong"));
            assertThat(pd.getDetail()).as(language).isEqualTo("idNumber: the check character of the resident ID number is wrong");
            assertThat(pd.getTitle()).as(language).isEqualTo("The request has invalid fields");
        }
    }

    @Test
    void theGenericProblemsAreTranslated() {
        request("zh-CN");
        assertThat(handler.domain(DomainException.notFound("class k-1")).getBody().getDetail())
                .isEqualTo("所查记录（class k-1）不存在，或不在您的管辖范围内");
        assertThat(handler.domain(DomainException.staleVersion("class k-1")).getBody().getDetail())
                .isEqualTo("记录（class k-1）在您读取之后已被他人修改，请刷新后重新办理");
        ProblemDetail stale = handler.stale(new OptimisticLockingFailureException("moved")).getBody();
        assertThat(stale.getStatus()).isEqualTo(412);
        assertThat(stale.getTitle()).isEqualTo("记录已被他人修改");
        request("en");
        assertThat(handler.domain(DomainException.notFound("class k-1")).getBody().getDetail()).isEqualTo("class k-1 was not found");
    }

    @Test
    void whatHasNoChineseEntryStaysEnglish() {
        request("zh-CN");
        DomainException e = DomainException.rule("some-rule", "Some rule", "an English sentence").coded("no.such.code");
        ProblemDetail pd = handler.domain(e).getBody();
        assertThat(pd.getDetail()).isEqualTo("an English sentence");
        assertThat(pd.getTitle()).isEqualTo("Some rule");
        assertThat(ProblemMessages.text(Phrase.of("plain"), ProblemMessages.CHINESE)).isEqualTo("plain");
    }

    @Test
    void aSentenceWithoutChineseOfItsOwnGetsItsKindsGeneralExplanation() {
        request("zh-CN");
        DomainException e = DomainException.rule("separation-of-duties", "One person records, another confirms",
                "settlement recorded by finance-1 cannot be confirmed by finance-1");
        ProblemDetail pd = handler.domain(e).getBody();
        assertThat(pd.getTitle()).isEqualTo("须由另一人办理");
        assertThat(pd.getDetail()).startsWith("按照审核分离的要求");
        request("en");
        assertThat(handler.domain(e).getBody().getDetail()).isEqualTo("settlement recorded by finance-1 cannot be confirmed by finance-1");
    }

    @Test
    void nestedPhrasesAndArgumentsAreTranslatedToo() {
        Phrase field = Phrase.coded("problem.required-header", "the header 'If-Match' is required", "If-Match");
        assertThat(ProblemMessages.text(field, ProblemMessages.CHINESE)).isEqualTo("缺少必需的请求头“If-Match”");
        assertThat(ProblemMessages.text(field, Locale.ENGLISH)).isEqualTo("the header 'If-Match' is required");
        Phrase atMost = JsonBodyLimitFilter.atMost(1048576);
        assertThat(ProblemMessages.text(atMost, ProblemMessages.CHINESE)).isEqualTo("JSON 请求内容不能超过 1048576 字节");
    }

    @Test
    void theLanguageIsTheRequestsPreferredOneOfEnglishAndChinese() {
        assertThat(ProblemMessages.localeOf("zh-CN")).isEqualTo(ProblemMessages.CHINESE);
        assertThat(ProblemMessages.localeOf("zh-TW,zh;q=0.8")).isEqualTo(ProblemMessages.CHINESE);
        assertThat(ProblemMessages.localeOf("en;q=0.9,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemMessages.localeOf("fr,zh;q=0.5")).isEqualTo(ProblemMessages.CHINESE);
        assertThat(ProblemMessages.localeOf((String) null)).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemMessages.localeOf("not a ;;; header")).isEqualTo(Locale.ENGLISH);
        assertThat(ProblemMessages.locale()).as("outside a request").isEqualTo(Locale.ENGLISH);
    }
}
