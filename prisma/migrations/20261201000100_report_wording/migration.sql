-- The 2025 plan's progress section worded as the seed 工作专报 prints it, for databases seeded
-- before Section.wording and Placement.phrase existed (a fresh database gets the same from
-- src/catalog/plan2025.ts when it is seeded; the statements below were generated from it).
--  * each item's wording: its indicators in the report's order and punctuation
--    (已开展 21 场行动，惠及家长 1132 人次，完成全年任务的 35%);
--  * two indicators worded differently under the item that places them again
--    (开展创业技能培训 under (三)9, 脱贫人口务工人数 under (四)1);
--  * two progress texts as the seed prints them ((二)4 "约953人。4月份…", (五)4 with the sentence
--    the transcription had dropped), only where the text is still the one seeded: a text a unit
--    has reported since stands. The same correction is made in the figures' history (the seed's
--    record and any later record holding that exact text), so a report as of a past day and an
--    undo show the corrected text too.
-- Only what is still unset is written, so a wording an admin has set stands.

UPDATE "Section" s SET "wording" = '{xiangyanghua-sessions.body}，{xiangyanghua-parents}，{xiangyanghua-sessions.pct}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P02' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{skills-training}，{startup-training}；{startup-loans}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P04' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{family-doctor-contracts}。{family-doctor-training}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P05' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{fire-station}。{smoke-alarms}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P16' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{old-communities}。{ebike-charging-ports}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P17' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{new-base-stations}。{shared-base-stations}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'P22' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{medical-aid-insured}，{medical-aid-insured-funds}；{inpatient-aid}，{inpatient-aid-funds}；{outpatient-aid}，{outpatient-aid-funds}。{medical-aid}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'Y1' AND s."wording" IS NULL;
-- family-planning-care
UPDATE "Indicator" i SET "statusText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人。4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险'
  FROM "Plan" p WHERE p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'family-planning-care'
    AND i."statusText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人；4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险';
UPDATE "Update" u SET "newText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人。4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险'
  FROM "Indicator" i, "Plan" p WHERE u."indicatorId" = i."id" AND p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'family-planning-care'
    AND u."newText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人；4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险';
UPDATE "Update" u SET "oldText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人。4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险'
  FROM "Indicator" i, "Plan" p WHERE u."indicatorId" = i."id" AND p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'family-planning-care'
    AND u."oldText" = '已对镇村上报的计划生育特别扶助对象进行审核，符合要求对象约953人；4月份为322名60岁以下计生特殊对象每人代缴1000元城乡居民养老保险';
UPDATE "Section" s SET "wording" = '{culture-six-into}，{opera-to-villages}，{culture-to-villages}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'Y6' AND s."wording" IS NULL;
UPDATE "Placement" pl SET "phrase" = '开展创业技能培训 {v}'
  FROM "Section" s, "Plan" p, "Indicator" i
  WHERE pl."sectionId" = s."id" AND pl."indicatorId" = i."id" AND s."planId" = p."id" AND i."planId" = p."id"
    AND p."year" = 2025 AND s."code" = 'E9' AND i."code" = 'startup-training' AND pl."phrase" IS NULL;
UPDATE "Placement" pl SET "phrase" = '脱贫人口务工人数 {v}'
  FROM "Section" s, "Plan" p, "Indicator" i
  WHERE pl."sectionId" = s."id" AND pl."indicatorId" = i."id" AND s."planId" = p."id" AND i."planId" = p."id"
    AND p."year" = 2025 AND s."code" = 'B1' AND i."code" = 'poverty-migrant-work' AND pl."phrase" IS NULL;
UPDATE "Section" s SET "wording" = '{basic-medical-insured}，{basic-medical-guarantee}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'B4' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{dilapidated-houses}，{housing-safety-guarantee}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'B5' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{safe-water-households}，{drinking-water-guarantee}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'B6' AND s."wording" IS NULL;
UPDATE "Section" s SET "wording" = '{pension-insured}，{pension-paid}，{pension-on-time-rate}'
  FROM "Plan" p WHERE p."id" = s."planId" AND p."year" = 2025 AND s."code" = 'B7' AND s."wording" IS NULL;
-- soil-pollution
UPDATE "Indicator" i SET "statusText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，对纳入大气重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装、使用颗粒物自动监测设备；对纳入水重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装自动监测设备，并与生态环境主管部门监控设备联网。督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染'
  FROM "Plan" p WHERE p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'soil-pollution'
    AND i."statusText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染';
UPDATE "Update" u SET "newText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，对纳入大气重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装、使用颗粒物自动监测设备；对纳入水重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装自动监测设备，并与生态环境主管部门监控设备联网。督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染'
  FROM "Indicator" i, "Plan" p WHERE u."indicatorId" = i."id" AND p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'soil-pollution'
    AND u."newText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染';
UPDATE "Update" u SET "oldText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，对纳入大气重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装、使用颗粒物自动监测设备；对纳入水重点排污单位名录的涉镉等重金属排放企业，要求依法依规安装自动监测设备，并与生态环境主管部门监控设备联网。督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染'
  FROM "Indicator" i, "Plan" p WHERE u."indicatorId" = i."id" AND p."id" = i."planId" AND p."year" = 2025 AND i."code" = 'soil-pollution'
    AND u."oldText" = '在产企业、关停企业按要求开展耕地周边污染源排查工作，督促相关企业按照要求开展自行监测，确保排放达标，不对周边耕地土壤造成污染';
