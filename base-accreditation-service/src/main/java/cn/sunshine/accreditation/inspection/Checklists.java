package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.DomainException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions of the province's acceptance rules: the built-in one, drawn from what the counties' summaries say
 * they check (五公开, the 三有 of teaching, attendance, fees, subsidy reaching the trainee, placement and its
 * follow-up, the 台帐 and files), and those configured ({@link InspectionProperties#checklists()}).
 */
@Service
@EnableConfigurationProperties(InspectionProperties.class)
public class Checklists {

    /** 《农村劳动力转移培训阳光工程项目检查验收办法》 as the province applies it: 100 points, 70 to pass. */
    public static final Checklist BUILT_IN = new Checklist("2026-1", "阳光工程培训基地检查验收评分表（2026年版）", 70, List.of(
            new Checklist.Group("组织管理", List.of(
                    new Checklist.Item("OPENNESS", "五公开", 10,
                            "招生简章、培训岗位、收费标准、补助标准、就业服务承诺公开，受补助学员情况公示"),
                    new Checklist.Item("AGREEMENT", "培训转移协议落实", 5, "与县阳光办签订的培训转移协议，任务分解到专业和班次"))),
            new Checklist.Group("教学管理", List.of(
                    new Checklist.Item("TEACHING_PLAN", "三有", 15, "有教学计划、有备课记录、有考核考试情况"),
                    new Checklist.Item("ATTENDANCE", "学员考勤与课时", 10, "考勤记录完整，培训天数和课时达到专业要求"),
                    new Checklist.Item("TEACHERS_FACILITIES", "师资与实训条件", 10, "师资、场地、设备与认定时一致"))),
            new Checklist.Group("资金管理", List.of(
                    new Checklist.Item("FEES", "收费", 15, "按公示标准收费，无乱收费，缴费收据齐全"),
                    new Checklist.Item("SUBSIDY", "补助兑现", 10, "以降代补或先收后补，补助足额兑现到学员，学员签字"))),
            new Checklist.Group("就业安置", List.of(
                    new Checklist.Item("PLACEMENT", "转移就业", 15, "就业协议、就业单位详细地址和联系电话属实，就业率达到协议要求"),
                    new Checklist.Item("FOLLOW_UP", "跟踪服务", 5, "对转移就业学员跟踪回访，有记录"))),
            new Checklist.Group("档案管理", List.of(
                    new Checklist.Item("FILES", "台帐与档案", 5, "培训转移台帐、学员档案、身份证复印件、考核鉴定资料齐全规范")))));

    private final Map<String, Checklist> versions = new LinkedHashMap<>();
    private final String current;

    public Checklists(InspectionProperties properties) {
        BUILT_IN.check();
        versions.put(BUILT_IN.version(), BUILT_IN);
        for (Checklist c : properties.checklists()) {
            c.check();
            if (versions.putIfAbsent(c.version(), c) != null) {
                throw new IllegalStateException("checklist version " + c.version() + " is configured twice");
            }
        }
        if (!versions.containsKey(properties.currentChecklist())) {
            throw new IllegalStateException("the current checklist " + properties.currentChecklist() + " is not configured");
        }
        current = properties.currentChecklist();
    }

    public List<Checklist> all() {
        return new ArrayList<>(versions.values());
    }

    public Checklist current() {
        return versions.get(current);
    }

    /** The version named (the current one when null); 404 for a version that does not exist. */
    public Checklist version(String version) {
        if (version == null || version.isBlank()) {
            return current();
        }
        Checklist c = versions.get(version.trim());
        if (c == null) {
            throw DomainException.notFound("checklist " + version);
        }
        return c;
    }
}
