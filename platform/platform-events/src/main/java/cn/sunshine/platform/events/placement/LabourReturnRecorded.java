package cn.sunshine.platform.events.placement;

import java.time.Instant;
import java.util.Map;

/**
 * {@code placement.labour-return.recorded.v1}: a monitoring point's (劳动力监测点) quarterly labour-force
 * return was recorded, or corrected (a later {@code revision} of the same point and quarter replaces the
 * earlier one: a consumer keeps the highest revision per {@code returnId}). Figures are head counts of
 * the village; nothing about the monitor (a person) travels.
 *
 * @param returnId          our id of the return: {@code <pointId>:<year>-Q<quarter>}, the same for every revision
 * @param pointId           the monitoring point
 * @param divisionCode      the county of the village
 * @param town              the town (乡镇) of the village
 * @param village           the village (村)
 * @param year              the year of the return
 * @param quarter           1 to 4
 * @param revision          1 for the first return, then one more per correction
 * @param labourers         labourers in the village (劳动力总数)
 * @param male              of them men
 * @param female            of them women
 * @param transferred       of them in non-farm work (转移就业), at the end of the quarter
 * @param newlyTransferred  of those, moved into non-farm work during the quarter (新增转移)
 * @param inCounty          transferred working within the county (县内)
 * @param inProvince        transferred working in the province, outside the county (省内县外)
 * @param outOfProvince     transferred working outside the province (省外)
 * @param sectors           transferred by sector: {@code MANUFACTURING}, {@code CONSTRUCTION}, {@code SERVICES},
 *                          {@code TRANSPORT}, {@code OTHER} (only those reported)
 * @param returnedHome      labourers who came back home during the quarter (返乡)
 * @param recordedBy        who recorded this revision
 * @param recordedAt        when
 */
public record LabourReturnRecorded(String returnId, String pointId, String divisionCode, String town, String village,
                                   int year, int quarter, int revision, int labourers, int male, int female,
                                   int transferred, int newlyTransferred, int inCounty, int inProvince,
                                   int outOfProvince, Map<String, Integer> sectors, int returnedHome,
                                   String recordedBy, Instant recordedAt) {
}
