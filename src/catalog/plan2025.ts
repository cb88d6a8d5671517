// The 2025 plan of 汨罗市, transcribed from the 工作专报 第3期 (2025-04-20), 【工作进度】.
// Values and percentages are as printed; targets are derived from them when seeding
// (src/domain/target.ts) unless the report states the target itself.
import type { PlanFile, PlanIndicator, PlanSection } from "./types.js";

const RS = "市人社局";
const JY = "市教育局";
const FL = "市妇联";
const WJ = "市卫健委";
const YB = "市医保局";
const MZ = "市民政局";
const CL = "市残联";
const SW = "市商务粮食局";
const JT = "市交通运输局";
const SJ = "市数据局";
const WL = "市文旅广体局";
const XF = "市消防救援大队";
const ZJ = "市住建局";
const FG = "市发改局";
const SL = "市水利局";
const GD = "国网汨罗市供电公司";
const GX = "市工信局";
const NY = "市农业农村局";
const HB = "市生态环境局";
const GH = "市总工会";

const area = (code: string, label: string, title: string, children: PlanSection[], aliases?: string[]): PlanSection => ({
  code, label, title, children, aliases,
});
const item = (code: string, label: string, title: string, indicators: NonNullable<PlanSection["indicators"]>, aliases?: string[], wording?: string): PlanSection => ({
  code, label, title, indicators, aliases, ...(wording ? { wording } : {}),
});
// Every indicator states its wording in the report (phrase): "{name} {v}" where the report
// prints the name and the figure, "{status}" where it prints the progress text only.

/** A count toward an annual target, held to the schedule. */
const count = (code: string, name: string, unit: string, owner: string, value: number, pct: string, aliases: string[] = [], extra: Partial<PlanIndicator> = {}): PlanIndicator => ({
  code, name, unit, owner, value, pct, aliases, kind: "cumulative", phrase: "{name} {v}", ...extra,
});
/** A number the report tracks without a target. */
const figure = (code: string, name: string, unit: string, owner: string, value: number, aliases: string[] = [], extra: Partial<PlanIndicator> = {}): PlanIndicator => ({
  code, name, unit, owner, value, aliases, kind: "figure", phrase: "{name} {v}", ...extra,
});
/** Progress told in words, with a completion % where the report gives one. */
const text = (code: string, name: string, owner: string, status: string, aliases: string[] = [], pct?: string): PlanIndicator => ({
  code, name, owner, status, aliases, kind: "qualitative", unit: "%", phrase: "{status}",
  ...(pct !== undefined ? { value: Number(pct), pct, target: 100 } : {}),
});
/** A rate or level held under (lte) or over (gte) a bound: worded by its progress text while it has no figure. */
const bound = (code: string, name: string, unit: string, owner: string, comparator: "lte" | "gte", target: number, value: number | undefined, aliases: string[] = [], status?: string, phrase?: string): PlanIndicator => ({
  code, name, unit, owner, comparator, target, value, aliases, status, kind: "constraint", decimals: 1,
  phrase: phrase ?? (status ? "{status}" : "{name}为 {v}"),
});

export const plan2025: PlanFile = {
  year: 2025,
  title: "汨罗市2025年重点民生实事",
  asOf: "2025-04-20",
  source: "工作专报 2025年第3期",
  issue: { number: 3, date: "2025-04-20" },
  units: [
    { name: RS, aliases: ["人社局", "人社", "人力资源和社会保障局"] },
    { name: JY, aliases: ["教育局"] },
    { name: FL, aliases: ["妇联"] },
    { name: WJ, aliases: ["卫健委", "卫健局", "卫生健康委", "卫健"] },
    { name: YB, aliases: ["医保局"] },
    { name: MZ, aliases: ["民政局", "民政"] },
    { name: CL, aliases: ["残联"] },
    { name: SW, aliases: ["商务粮食局", "商务局", "商务"] },
    { name: JT, aliases: ["交通运输局", "交通局", "交通"] },
    { name: SJ, aliases: ["数据局", "政务服务中心"] },
    { name: WL, aliases: ["文旅广体局", "文旅局", "文旅广体", "文旅"] },
    { name: XF, aliases: ["消防救援大队", "消防大队", "消防"] },
    { name: ZJ, aliases: ["住建局", "住建"] },
    { name: FG, aliases: ["发改局", "发改委", "发改"] },
    { name: SL, aliases: ["水利局", "水利"] },
    { name: GD, aliases: ["供电公司", "国网汨罗", "电力公司"] },
    { name: GX, aliases: ["工信局", "工信"] },
    { name: NY, aliases: ["农业农村局", "农业局"] },
    { name: HB, aliases: ["生态环境局", "环保局"] },
    { name: GH, aliases: ["总工会", "工会"] },
  ],
  sections: [
    area("P", "(一)", "省级十大重点民生实事", [
      area("PA1", "1.", "促进教育高质量发展", [
        item("P01", "(1)", "更新义务教育学校设备", [
          count("school-computers", "补充配置电脑", "台", JY, 1200, "35.14", ["电脑", "配置电脑", "学校电脑", "补充电脑"], { phrase: "已完成补充配置电脑 {v}" }),
          count("science-exam-rooms", "物理化学生物考试考场建设", "个", JY, 18, "85.71", ["物理化学生物考试", "理化生考场", "理化生考试", "考场"], { phrase: "建设物理化学生物考试 {v}" }),
        ]),
        item("P02", "(2)", "实施家庭教育指导服务“向阳花”行动", [
          count("xiangyanghua-sessions", "家庭教育指导服务“向阳花”行动", "场", FL, 21, "35", ["向阳花", "向阳花行动", "家庭教育指导服务", "家庭教育指导"], {
            schedule: { deadline: "2025-05-31" },
            status: "力争于5月31日前完成全年工作任务", phrase: "已开展 {v}行动" }),
          figure("xiangyanghua-parents", "向阳花行动惠及家长", "人次", FL, 1132, ["惠及家长", "家长人次"], { phrase: "惠及家长 {v}" }),
        ], undefined, "{xiangyanghua-sessions.body}，{xiangyanghua-parents}，{xiangyanghua-sessions.pct}"),
      ], ["教育"]),
      area("PA2", "2.", "促进高质量就业", [
        item("P03", "(3)", "统筹推进城乡就业", [
          count("urban-jobs", "城镇新增就业", "人", RS, 2230, "37.17", ["城镇新增就业人数", "新增城镇就业", "城镇就业"]),
          count("poverty-migrant-work", "稳定脱贫人口务工人数", "人", RS, 9623, "104.6", ["脱贫人口务工", "脱贫人口务工人数", "脱贫人口务工规模", "脱贫人口2025年务工规模", "脱贫户务工", "脱贫劳动力务工"], { phrase: "稳定脱贫人口务工人数 {v}" }),
        ]),
        item("P04", "(4)", "推动创业带动就业", [
          count("skills-training", "职业技能培训", "人", RS, 299, "42.71", ["开展职业技能培训", "技能培训", "职业培训"], { phrase: "开展职业技能培训 {v}" }),
          count("startup-training", "创业培训", "人", RS, 170, "32.08", ["开展创业培训", "创业技能培训"], { phrase: "开展创业培训 {v}" }),
          count("startup-loans", "新发放创业担保贷款", "万元", RS, 6850, "85.63", ["创业担保贷款", "担保贷款", "创业贷款", "创业贷", "创业担保贷"], { decimals: 2 }),
        ], undefined, "{skills-training}，{startup-training}；{startup-loans}"),
      ]),
      area("PA3", "3.", "提升居民健康水平", [
        item("P05", "(5)", "提升城乡居民基本公共卫生服务水平", [
          count("family-doctor-contracts", "家庭医生签约服务", "万人", WJ, 8.61, "50.23", ["家庭医生签约", "签约服务", "家医签约", "家医", "家签"], { decimals: 2, phrase: "已实施家庭医生签约服务 {v}" }),
          count("family-doctor-training", "培训家庭医生", "人", WJ, 15, "50", ["家庭医生培训", "家医培训"], { phrase: "已培训家庭医生 {v}" }),
        ], ["基本公共卫生服务"], "{family-doctor-contracts}。{family-doctor-training}"),
        item("P06", "(6)", "开展“生命起点”守护行动", [
          count("newborn-screening", "新生儿疾病免费筛查与诊断服务", "人", WJ, 940, "41.23", ["新生儿疾病筛查", "新生儿筛查", "生命起点", "新生儿疾病免费筛查"], { phrase: "已开展新生儿疾病免费筛查与诊断服务 {v}" }),
        ]),
        item("P07", "(7)", "推进二级以上公立医疗机构检查检验结果互认共享", [
          count("test-result-sharing", "二级公立医院检查检验结果互认共享", "家", WJ, 4, "100", ["检查检验结果互认", "结果互认", "互认共享", "检查检验结果互认共享"], {
            status: "市4家二级公立医院已完成接口改造，实现检查检验结果互认共享", phrase: "市 {v}二级公立医院已完成接口改造，实现检查检验结果互认共享" }),
        ]),
        item("P08", "(8)", "促进职工医疗互助提质扩面", [
          count("worker-mutual-aid", "职工医疗互助", "人", GH, 16275, "100.46", ["职工医疗互助人数", "医疗互助", "职工互助"], { phrase: "已开展职工医疗互助人数 {v}" }),
        ]),
      ], ["健康", "卫生", "医疗"]),
      area("PA4", "4.", "提升养老服务水平", [
        item("P09", "(9)", "开展“三湘怡养”提升行动", [
          count("elderly-canteens", "新建社区老年助餐点", "个", MZ, 4, "40", ["助餐点", "老年助餐点", "社区老年助餐点", "三湘怡养", "老年食堂", "长者食堂", "老年餐桌", "老人食堂", "助餐"], { phrase: "已新建社区老年助餐点 {v}" }),
        ]),
      ], ["养老"]),
      area("PA5", "5.", "提升困难群众救助水平", [
        item("P10", "(10)", "提高困难群体救助标准", [
          text("relief-standards", "提高困难群体救助标准", MZ,
            "城乡低保标准分别不低于740元/月和485元/月已于四月份进行提标并补齐1-3月份差额；残疾人“两项补贴”标准达到100元/月已于1月份完成提标；社会散居和集中供养孤儿基本生活最低保障标准分别不低于1200元/月和1700元/月，事实无人抚养儿童、艾滋病病毒感染儿童参照孤儿标准同等保障已于3月份完成提标并补齐1-2月份差额",
            ["救助标准", "低保标准", "低保提标", "两项补贴", "孤儿基本生活保障", "残疾人两项补贴"], "100"),
        ]),
        item("P11", "(11)", "实施残疾人关爱行动", [
          count("disabled-children-rehab", "康复救助残疾儿童", "人", CL, 71, "47.97", ["残疾儿童康复救助", "残疾儿童康复", "残疾儿童"], { phrase: "已完成康复救助残疾儿童 {v}" }),
          count("disabled-care", "残疾人托养服务", "人", CL, 63.8, "44.93", ["残疾人托养", "托养服务", "托养"], { phrase: "已完成残疾人托养服务 {v}" }),
        ], ["残疾人关爱"]),
      ], ["救助"]),
      area("PA6", "6.", "提升居民消费能力", [
        item("P12", "(12)", "积极开展消费品以旧换新补贴活动", [
          count("trade-in-subsidy", "生活类消费品以旧换新补贴金额", "万元", SW, 300, "100", ["以旧换新", "以旧换新补贴", "消费品以旧换新", "换新补贴"], { decimals: 2, phrase: "已完成生活类消费品以旧换新补贴金额 {v}" }),
        ]),
        item("P13", "(13)", "推进农村客货邮、寄递物流综合服务站建设", [
          count("rural-logistics-stations", "农村客货邮综合服务站", "个", JT, 108, "79.41", ["客货邮", "客货邮站点", "寄递物流综合服务站", "客货邮综合服务站", "寄递物流", "农村物流", "快递进村"], { phrase: "目前正常运营占站点 {v}" }),
        ]),
      ], ["消费"]),
      area("PA7", "7.", "加强数字政务服务能力建设", [
        item("P14", "(14)", "实施数字惠民工程", [
          text("digital-services", "数字惠民工程", SJ,
            "已于4月8日召开汨罗市退役军人服务“高效办成一件事”推进会暨政务公开主题月活动，成立高效办成“退役军人服务一件事”工作专班，目前已完成账号配置、授权、引用、填报、发布等工作，近期内开展测试工作",
            ["数字惠民", "高效办成一件事", "退役军人服务一件事"]),
        ]),
      ], ["数字政务", "政务服务"]),
      area("PA8", "8.", "加强防灾减灾救灾能力建设", [
        item("P15", "(15)", "加强应急广播体系建设", [
          text("emergency-broadcast", "应急广播体系建设", WL,
            "已完成应急广播建设项目的网络安全测试，网络安全测试合格率为100%",
            ["应急广播", "加强应急广播体系建设", "应急大喇叭"], "100"),
        ]),
        item("P16", "(16)", "实施消防安全基层基础进阶工程", [
          text("fire-station", "政府专职消防救援站建设", XF, "已完成新市枫岭路政府专职消防救援站建设，并投入使用",
            ["消防救援站", "专职消防救援站", "消防站"], "100"),
          count("smoke-alarms", "无线感烟火灾探测报警器", "个", XF, 605, "13.16", ["烟感报警器", "烟感", "烟雾报警器", "火灾探测报警器", "感烟报警器", "烟感器", "烟雾报警", "火灾报警器"], {
            status: "已为全市4个镇(街道)特困家庭、贫困户、独居老人安装", phrase: "已为全市4个镇(街道)特困家庭、贫困户、独居老人安装 {v}无线感烟火灾探测报警器" }),
        ], ["消防安全基层基础进阶工程"], "{fire-station}。{smoke-alarms}"),
      ], ["防灾减灾", "应急"]),
      area("PA9", "9.", "加强人居环境建设", [
        item("P17", "(17)", "实施城镇保障性安居工程", [
          count("old-communities", "老旧小区改造项目", "个", ZJ, 5, "35.71", ["老旧小区改造", "老旧小区", "老旧小区项目", "老小区", "旧改"], { phrase: "已完成 {v}老旧小区改造项目" }),
          count("ebike-charging-ports", "电动自行车、电动摩托车充电端口", "个", ZJ, 30, "38.46", ["电动自行车充电端口", "电动自行车充电", "电动摩托车充电端口", "充电端口", "电瓶车充电", "电瓶车充电口", "电瓶车充电桩", "电动车充电口", "电瓶车", "充电口"], { phrase: "建设电动自行车、电动摩托车充电端口 {v}" }),
        ], ["保障性安居工程"], "{old-communities}。{ebike-charging-ports}"),
        item("P18", "(18)", "推进电动汽车公共充电基础设施建设", [
          count("ev-chargers", "电动汽车公共充电桩", "个", FG, 18, "42.85", ["充电桩", "电动汽车充电桩", "汽车充电桩", "公共充电桩", "新能源汽车充电桩", "新能源充电桩"], { phrase: "已新建电动汽车公共充电桩(车位) {v}" }),
        ]),
      ], ["人居环境"]),
      area("PA10", "10.", "加强农业农村基础设施建设", [
        item("P19", "(19)", "开展新一轮农村公路提升行动", [
          text("rural-roads", "农村公路提升行动", JT,
            "积极对接上级部门，已落实新增纳入交通部门管养范围农村道路和普通国省干线安防设施精细化提升指标里程数，并着力推进设计单位开展相关工作",
            ["农村公路", "农村公路提升", "农村道路", "村道"]),
        ]),
        item("P20", "(20)", "提升农村水源保障及灌溉能力", [
          count("irrigation", "恢复和改善灌溉面积", "万亩", SL, 10.9, "40.98", ["灌溉面积", "改善灌溉面积", "灌溉"], { decimals: 2, phrase: "已完成恢复和改善灌溉面积 {v}" }),
          count("water-storage", "新增蓄水能力", "万方", SL, 37.5, "37.65", ["蓄水能力", "蓄水"], { decimals: 2, phrase: "已完成新增蓄水能力 {v}" }),
        ]),
        item("P21", "(21)", "实施农村电网巩固提升工程", [
          count("rural-grid-investment", "农村电网巩固提升工程建设投资", "万元", GD, 525, "34.54", ["农村电网", "农村电网巩固提升", "农村电网投资", "农网", "农网改造", "农网投资", "农村电网改造"], { decimals: 2, phrase: "已完成建设投资 {v}" }),
        ]),
        item("P22", "(22)", "实施农村通信网络巩固提升工程", [
          count("new-base-stations", "新建4G/5G基站", "个", GX, 45, "45.45", ["新建基站", "4G/5G基站", "5G基站", "新建5G基站"], { phrase: "已新建 4G/5G 基站 {v}" }),
          count("shared-base-stations", "共享4G/5G基站", "个", GX, 12, "100", ["共享基站", "基站共享", "4G/5G基站共享", "共享5G基站"], { phrase: "已共享 4G/5G 基站 {v}" }),
        ], ["农村通信网络"], "{new-base-stations}。{shared-base-stations}"),
      ], ["农业农村", "农村基础设施"]),
    ], ["省级", "省级民生实事", "省十大"]),

    area("Y", "(二)", "岳阳市级十大重点民生实事", [
      item("Y1", "1.", "全市医疗救助全覆盖", [
        count("medical-aid", "医疗救助", "人次", YB, 37981, "94", ["医疗救助全覆盖", "全市医疗救助", "医疗救助人次"], { phrase: "合计救助 {v}" }),
        figure("medical-aid-insured", "资助困难群众参保", "人", YB, 32233, ["资助参保"], { phrase: "全市资助困难群众参保 {v}" }),
        figure("medical-aid-insured-funds", "资助困难群众参保金额", "万元", YB, 1007, ["资助参保金额", "资助金额"], { decimals: 2, phrase: "资助金额 {v}" }),
        figure("inpatient-aid", "住院救助", "人次", YB, 2770, [], { phrase: "住院救助 {v}" }),
        figure("inpatient-aid-funds", "住院救助金额", "万元", YB, 379.74, [], { decimals: 2, phrase: "救助金额 {v}" }),
        figure("outpatient-aid", "门诊救助", "人次", YB, 2978, [], { phrase: "门诊救助 {v}" }),
        figure("outpatient-aid-funds", "门诊救助金额", "万元", YB, 43.82, [], { decimals: 2, phrase: "救助金额 {v}" }),
      ], undefined, "{medical-aid-insured}，{medical-aid-insured-funds}；{inpatient-aid}，{inpatient-aid-funds}；{outpatient-aid}，{outpatient-aid-funds}。{medical-aid}"),
      item("Y2", "2.", "全市农村黑臭水体治理试点项目", [
        // the report prints no target or completion % for it: the count and the status only
        count("black-odorous-water", "农村黑臭水体治理", "条", HB, 50, "", ["黑臭水体", "黑臭水体治理", "农村黑臭水体", "黑臭水"], {
          status: "其它3条黑臭水体将在5月份完成治理工作，预计12月底前完成项目整体验收和成效评估", phrase: "汨罗市农村黑臭水体治理试点项目已完成 {v}治理任务，{status}" }),
      ]),
      item("Y3", "3.", "实行孕产妇13种致畸基因免费筛查", [
        count("teratogenic-gene-screening", "孕产妇致畸基因免费筛查", "人", WJ, 1141, "40.9", ["致畸基因筛查", "致畸基因免费筛查", "孕产妇致畸基因筛查", "孕产妇筛查", "致畸筛查", "基因筛查", "孕妇筛查"], { phrase: "已完成致畸基因免费筛查 {v}" }),
      ]),
      item("Y4", "4.", "计划生育特殊家庭关怀扶助工作", [
        text("family-planning-care", "计划生育特殊家庭关怀扶助", WJ,
          "已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人。4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险",
          ["计生特殊家庭", "计划生育特殊家庭", "计生特殊对象", "失独家庭", "计生特扶", "计生家庭"]),
      ]),
      item("Y5", "5.", "高标准农田建设", [
        count("high-standard-farmland", "高标准农田建设", "万亩", NY, 5.42, "73.05", ["高标准农田", "高标农田", "高标田"], { decimals: 2, phrase: "已完成 {v}高标准农田建设" }),
      ]),
      item("Y6", "6.", "送文化下乡", [
        count("culture-to-villages", "送文化下乡活动", "场次", WL, 50, "55.56", ["送文化下乡", "文化下乡"], { phrase: "合计开展活动 {v}" }),
        figure("culture-six-into", "文化文艺“六进”活动", "场次", WL, 26, ["六进活动", "文化文艺六进"], { phrase: "已开展文化文艺“六进”活动 {v}" }),
        figure("opera-to-villages", "“送戏下乡”文化惠民活动", "场次", WL, 24, ["送戏下乡"], { phrase: "开展“送戏下乡”文化惠民活动 {v}" }),
      ], undefined, "{culture-six-into}，{opera-to-villages}，{culture-to-villages}"),
      item("Y7", "7.", "全市城乡电网提质改造", [
        count("urban-rural-grid", "全市城乡电网提质改造建设投资", "万元", GD, 3498, "38.84", ["全市城乡电网提质改造", "城乡电网提质改造", "城乡电网"], { decimals: 2, phrase: "已完成建设投资 {v}" }),
      ]),
    ], ["岳阳", "岳阳市级", "市级民生实事"]),

    area("E", "(三)", "保障重点群体就业", [
      item("E1", "1.", "城镇调查失业率", [
        bound("unemployment-rate", "城镇调查失业率", "%", RS, "lte", 5.5, 4.7, ["失业率", "调查失业率"], undefined, "目前城镇调查失业率为 {v}，控制在 5.5%以下"),
      ]),
      item("E2", "2.", "失业人员再就业", [count("reemployment", "失业人员再就业", "人", RS, 1304, "46.57", ["再就业"])]),
      item("E3", "3.", "就业困难人员就业", [count("hard-to-employ", "就业困难人员就业", "人", RS, 562, "93.67", ["就业困难人员", "困难人员就业"])]),
      item("E4", "4.", "2025届高校毕业生就业去向落实率与2024年基本持平", [
        text("graduate-placement", "高校毕业生就业去向落实率", RS, "因2025年大学生还未毕业，需8月底才有相关数据",
          ["高校毕业生就业", "毕业生就业去向落实率", "毕业生去向落实率", "大学生就业", "毕业生就业"]),
      ]),
      item("E5", "5.", "新增农村劳动力转移就业", [
        count("rural-labor-transfer", "新增农村劳动力转移就业", "人", RS, 2363, "54.95", ["农村劳动力转移就业", "劳动力转移就业", "劳动力转移", "转移就业"]),
      ]),
      item("E6", "6.", "就业帮扶车间数量", [count("employment-workshops", "就业帮扶车间数量", "家", RS, 43, "100", ["就业帮扶车间", "帮扶车间", "扶贫车间"], { phrase: "就业帮扶车间数量为 {v}" })]),
      item("E7", "7.", "帮扶车间吸纳脱贫人口数量", [
        count("workshop-poverty-hires", "帮扶车间吸纳脱贫人口数量", "人", RS, 436, "96.89", ["帮扶车间吸纳脱贫人口", "吸纳脱贫人口", "就业帮扶车间吸纳脱贫人口", "扶贫车间吸纳脱贫人口"], { phrase: "就业帮扶车间吸纳脱贫人口 {v}" }),
      ]),
      item("E8", "8.", "开展职业技能培训", ["skills-training"]),
      item("E9", "9.", "开展创业培训", [{ code: "startup-training", phrase: "开展创业技能培训 {v}" }]),
      item("E10", "10.", "新增认定省级特色劳务品牌", [
        text("labor-brand", "新增认定省级特色劳务品牌", RS,
          "争取将“汨罗粽子”培育建设为省级特色劳务品牌，申报单位已开始统计数据，当前已收集9家粽子企业务工数据，屈子祠政府正在组织技能培训",
          ["劳务品牌", "特色劳务品牌", "汨罗粽子", "粽子品牌"]),
      ]),
      item("E11", "11.", "新发放创业担保贷款", ["startup-loans"]),
      item("E12", "12.", "用好大学生创业投资基金，放大创业带动就业的倍增效应", [
        text("student-startup-fund", "大学生创业投资基金", RS, "目前人社部门正在与财政部门商议项目筹建情况", ["创业投资基金", "大学生创业基金", "创投基金"]),
      ]),
    ], ["就业", "重点群体就业"]),

    area("B", "(四)", "兜牢基本生活底线", [
      item("B1", "1.", "脱贫人口2025年务工规模", [{ code: "poverty-migrant-work", phrase: "脱贫人口务工人数 {v}" }]),
      item("B2", "2.", "中央财政衔接资金用于产业发展的比重不低于60%", [
        bound("bridging-funds-share", "中央财政衔接资金用于产业发展的比重", "%", NY, "gte", 60, undefined, ["衔接资金", "衔接资金比重", "衔接资金用于产业发展"],
          "中央财政还未拨付衔接资金，目前农业农村部门正在排查走访"),
      ]),
      item("B3", "3.", "义务教育保障动态清零", [
        text("compulsory-education-guarantee", "义务教育保障动态清零", JY,
          "全面落实控辍保学责任制，依法保证每一位适龄儿童少年接受完整、公平、有质量的义务教育，已实现动态清零",
          ["义务教育保障", "控辍保学"]),
      ]),
      item("B4", "4.", "基本医疗保障动态清零", [
        bound("basic-medical-guarantee", "基本医疗保障率", "%", YB, "gte", 100, 99, ["基本医疗保障", "基本医疗保障动态清零"], undefined, "保障率 {v}"),
        figure("basic-medical-insured", "“六类人员”购买基本医疗保险", "人", YB, 32233, ["六类人员参保", "购买基本医疗保险"], { phrase: "共为我市“六类人员”(脱贫人员、重度残疾人员、低保、特困、特殊困难、突发严重困难)购买基本医疗保险 {v}" }),
      ], undefined, "{basic-medical-insured}，{basic-medical-guarantee}"),
      item("B5", "5.", "住房安全保障动态清零", [
        bound("housing-safety-guarantee", "住房安全保障率", "%", ZJ, "gte", 100, 100, ["住房安全保障", "住房安全保障动态清零", "住房安全"], undefined, "保障率 {v}"),
        figure("dilapidated-houses", "“六类人员”改造危房", "栋", ZJ, 278, ["改造危房", "危房改造", "危房"], { phrase: "共为我市“六类人员”(脱贫人员、重度残疾人员、低保、特困、特殊困难、突发严重困难)改造危房 {v}" }),
      ], undefined, "{dilapidated-houses}，{housing-safety-guarantee}"),
      item("B6", "6.", "饮水安全问题动态清零", [
        bound("drinking-water-guarantee", "饮水安全保障率", "%", SL, "gte", 100, 100, ["饮水安全", "饮水安全保障", "饮水安全问题动态清零"], undefined, "保障率 {v}"),
        figure("safe-water-households", "保障监测户安全用水", "户", SL, 8565, ["监测户安全用水", "安全用水", "安全饮水户", "饮水户"], { phrase: "已保障我市监测户安全用水 {v}" }),
      ], undefined, "{safe-water-households}，{drinking-water-guarantee}"),
      item("B7", "7.", "职工基本养老保险待遇按时发放率100%", [
        bound("pension-on-time-rate", "职工基本养老保险待遇按时发放率", "%", RS, "gte", 100, 100, ["养老保险待遇按时发放率", "按时发放率", "养老金按时发放"], undefined, "按时发放率 {v}"),
        figure("pension-insured", "企业职保参保", "万人", RS, 9.33, ["企业职保参保人数", "职保参保"], { decimals: 2, phrase: "企业职保参保 {v}" }),
        figure("pension-paid", "按时发放待遇", "亿元", RS, 1.66, ["养老保险待遇发放金额"], { decimals: 2, phrase: "按时发放待遇 {v}" }),
      ], undefined, "{pension-insured}，{pension-paid}，{pension-on-time-rate}"),
      item("B8", "8.", "城乡居民养老保险最低基础养老金达到171元/月以上", [
        { code: "basic-pension", name: "城乡居民养老保险基础养老金", kind: "level", unit: "元/月", owner: RS, value: 151, pct: "88.30", target: 171,
          aliases: ["基础养老金", "城乡居民基础养老金", "城乡居民养老保险", "居民养老金", "城乡居民养老金"], phrase: "城乡居民养老保险基础养老金人均 {v}" },
      ]),
    ], ["基本生活", "兜底", "兜牢基本生活底线"]),

    area("G", "(五)", "抓好生态问题整治", [
      item("G1", "1.", "继续发动污染防治攻坚战“夏季攻势”", [
        text("summer-offensive", "污染防治攻坚战“夏季攻势”", HB, "加强与各相关牵头单位的对接，并开展现场督导工作，在规定的时间内完成销号任务",
          ["夏季攻势", "污染防治攻坚战"]),
      ]),
      item("G2", "2.", "滚动实施大气污染防治五大标志性战役，确保全市PM2.5年均浓度≤31μg/m³", [
        bound("pm25", "PM2.5年均浓度", "μg/m³", HB, "lte", 31, undefined, ["PM2.5", "pm2.5", "大气污染防治", "空气质量"],
          "一是强化移动源污染防治，二是严控扬尘污染，三是强力推进秸秆禁烧和综合利用，四是加强工业企业污染防治，五是加大餐饮油烟管控力度"),
      ]),
      item("G3", "3.", "加强湘江汨罗段、洞庭湖、汨罗江等水域监测监管，确保年度国、省考断面水质优良比例达到100%", [
        bound("water-quality", "国、省考断面水质优良比例", "%", HB, "gte", 100, undefined, ["水质优良比例", "断面水质", "水质"],
          "一是强化污染源综合治理，二是推进入河湖排污口综合防控，三是加强水体保护与生态修复，四是提升监管能力水平，五是推进专项治理与污染源头控制"),
      ]),
      item("G4", "4.", "加大耕地土壤重金属成因排查力度，有效管控土壤污染风险", [
        text("soil-pollution", "耕地土壤重金属污染风险管控", HB,
          "在产企业、关停企业按要求开展耕地周边污染源排查工作，对纳入大气重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装、使用颗粒物自动监测设备；对纳入水重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装自动监测设备，并与生态环境主管部门监控设备联网。督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染",
          ["土壤污染", "耕地土壤", "土壤重金属"]),
      ]),
    ], ["生态", "环保", "生态问题整治"]),
  ],
};
