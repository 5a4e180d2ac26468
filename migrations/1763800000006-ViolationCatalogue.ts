import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A row of `violation_type` as frozen here; decimals in `thresholds` are strings of their exact digits. */
interface FrozenViolationType {
  readonly code: string;
  readonly article: string;
  readonly defaultTier: 'MINOR' | 'GENERAL' | 'SERIOUS' | 'SEVERE' | 'GRAVE';
  readonly fraud: boolean;
  readonly thresholds: Readonly<Record<string, unknown>> | null;
  readonly description: string;
}

/**
 * The violation catalogue of rules.md §7.5 (Suining arts. 62–66: every item, 79 codes), copied from
 * `src/domain/penalty/violation-catalogue.ts` and frozen here, so this migration never changes meaning when the code
 * moves: a change to the catalogue is a new migration. `violation-catalogue.spec.ts` checks that the two agree.
 */
export const VIOLATION_TYPES_1763800000006: readonly FrozenViolationType[] = [
  {
    code: 'NO_INTERNAL_MANAGEMENT',
    article: '62(一)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description:
      '未建立医保管理、财务、统计信息和基金使用等内部管理制度，或制度不健全、管理混乱。未按规定配备相关专（兼）职管理人员。100张床位以上的医疗机构，未设置医保管理部门或未配备专职工作人员的',
  },
  {
    code: 'NO_NECESSARY_SERVICE',
    article: '62(二)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '未按本协议约定为参保人提供合理、必要的医疗服务的',
  },
  {
    code: 'NO_CROSS_REGION_SETTLEMENT',
    article: '62(三)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description:
      '未向异地就医参保人提供异地就医直接结算服务，未配合做好医疗费用手工报销线上办理等事项的',
  },
  {
    code: 'NO_SETTLEMENT_DOCUMENTS',
    article: '62(四)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '未按规定向参保人提供医疗费用结算单据和相关资料，或者未履行知情同意手续的',
  },
  {
    code: 'NO_SETTLEMENT_EQUIPMENT',
    article: '62(五)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description:
      '未按要求配置医保费用结算设备，不支持参保人使用医保电子凭证、社会保障卡联网结算医疗费用的',
  },
  {
    code: 'PRESCRIPTION_OUTFLOW_REFUSED',
    article: '62(六)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '未执行门诊处方外配管理或拒绝参保人凭处方到定点零售药店购药的',
  },
  {
    code: 'NO_PRICE_DISCLOSURE',
    article: '62(七)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description:
      '未公布投诉举报渠道、未公示本单位医药价格与收费标准或未向社会公开医药费用及费用结构等信息的',
  },
  {
    code: 'STOCK_RATIO',
    article: '62(八) / 64(二) / 65(九)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: {
      basis: 'RATIO',
      ratio: 'STOCK',
      bands: [
        {
          tier: 'MINOR',
          article: '62(八)',
          above: '1.05',
          atMost: '1.1',
        },
        {
          tier: 'MINOR',
          article: '62(八)',
          atLeast: '0.9',
          below: '0.95',
        },
        {
          tier: 'SERIOUS',
          article: '64(二)',
          above: '1.1',
          atMost: '1.2',
        },
        {
          tier: 'SERIOUS',
          article: '64(二)',
          atLeast: '0.8',
          below: '0.9',
        },
        {
          tier: 'SEVERE',
          article: '65(九)',
          above: '1.2',
        },
        {
          tier: 'SEVERE',
          article: '65(九)',
          below: '0.8',
        },
      ],
    },
    description:
      '62(八) 药品、医用耗材进销存比率大于105%且小于等于110%，或大于等于90%且小于95%\n64(二) 药品、医用耗材进销存比率大于110%且小于等于120%，或大于等于80%且小于90%的\n65(九) 药品、医用耗材进销存比率大于120%，或小于80%的',
  },
  {
    code: 'SERVICE_QUANTITY_RATIO',
    article: '62(九) / 64(三) / 65(十)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: {
      basis: 'RATIO',
      ratio: 'SERVICE_QUANTITY',
      bands: [
        {
          tier: 'MINOR',
          article: '62(九)',
          above: '1.05',
          atMost: '1.1',
        },
        {
          tier: 'SERIOUS',
          article: '64(三)',
          above: '1.1',
          atMost: '1.2',
        },
        {
          tier: 'SEVERE',
          article: '65(十)',
          above: '1.2',
        },
      ],
    },
    description:
      '62(九) 诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于105%且小于等于110%的\n64(三) 诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于110%且小于等于120%\n65(十) 诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于120%的',
  },
  {
    code: 'COMPLAINTS_NOT_HANDLED',
    article: '62(十)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '未及时处理举报投诉问题的',
  },
  {
    code: 'RECORDS_MISFILED',
    article: '62(十一)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '不按相关档案管理规定管理、保存结算资料，且未造成相关违法、违约事实无法查清的',
  },
  {
    code: 'OTHER_MINOR',
    article: '62(十二)',
    defaultTier: 'MINOR',
    fraud: false,
    thresholds: null,
    description: '其他违反医保政策或本协议约定落实管理措施，不存在医保基金损失的',
  },
  {
    code: 'OFFLINE_PROCUREMENT',
    article: '63(一) / 64(五)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: {
      basis: 'AMOUNT',
      steps: [
        {
          from: '0',
          tier: 'GENERAL',
          article: '63(一)',
        },
        {
          from: '50000',
          tier: 'SERIOUS',
          article: '64(五)',
        },
      ],
      shareOfPurchases: {
        from: '0.15',
        tier: 'SERIOUS',
        article: '64(五)',
      },
    },
    description:
      '63(一) 未遵守国家、四川省及遂宁市药品、医用耗材采购使用管理规定的\n64(五) 违规线下采购药品、医用耗材达到5万元或占乙方全部采购金额的15%的',
  },
  {
    code: 'INFORMATION_SYSTEM_NONCOMPLIANT',
    article: '63(二)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description:
      '信息系统未达到甲方要求、未按照甲方提供的接口规范进行程序开发和改造、未实现医保电子凭证全流程应用、未达到医保电子凭证结算率要求、未做好医保信息系统安全隔离措施的',
  },
  {
    code: 'CODING_STANDARD_NOT_SUPPORTED',
    article: '63(三)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description: '未配合甲方做好国家编码标准数据库建设和维护工作的',
  },
  {
    code: 'LISTED_ITEMS_NOT_PREFERRED',
    article: '63(四)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description:
      '未优先配备和使用医保目录内药品、医用耗材、医疗服务价格项目，未优先配备和使用集中带量采购药品、医用耗材，未按照本协议约定及时配备、合理使用谈判药品、高值药品等特殊药品的',
  },
  {
    code: 'REFUND_OVERDUE',
    article: '63(五)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description:
      '在甲方规定时间内未及时退回违规费用、支付违约金、未按规定开展账务处理或将甲方不予支付的费用及其支付的违约金等作为医保欠费处理的',
  },
  {
    code: 'INDUCED_SPLIT_PAYMENT',
    article: '63(六)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description:
      '存在诱导参保人在住院期间到门诊缴费、药店购药或另设账号缴费等拆分住院医疗费用行为的',
  },
  {
    code: 'COSTS_SHIFTED_TO_PATIENT',
    article: '63(七)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description:
      '将应当由医疗保障基金支付的合理医疗费用转嫁给参保人自费，或将超过限额结算标准的医疗费用转嫁给参保人自费的',
  },
  {
    code: 'ADVANCE_NOT_RETURNED',
    article: '63(八)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description: '未在规定时间内返还甲方预付资金或未按期足额归还甲方预付的集中采购货款的',
  },
  {
    code: 'OTHER_GENERAL',
    article: '63(九)',
    defaultTier: 'GENERAL',
    fraud: false,
    thresholds: null,
    description: '其他违反医保政策或医保服务协议约定，可能存在医保基金损失的',
  },
  {
    code: 'OUT_OF_SCOPE_BILLING',
    article: '64(一)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '将超出医疗保障支付范围、不符合医保支付政策规定的费用纳入医疗保障基金支付的',
  },
  {
    code: 'DECLARED_OVER_SOLD',
    article: '64(四) / 65(十一)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: {
      basis: 'RATIO',
      ratio: 'DECLARED_OVER_SOLD',
      bands: [
        {
          tier: 'SERIOUS',
          article: '64(四)',
          above: '1',
          atMost: '1.2',
        },
        {
          tier: 'SEVERE',
          article: '65(十一)',
          above: '1.2',
        },
      ],
    },
    description:
      '64(四) 药品、医用耗材申报数量与销售数量比率大于100%且小于等于120%的\n65(十一) 药品、医用耗材申报数量与销售数量比率大于120%的',
  },
  {
    code: 'IMPROPER_PROCUREMENT_PAYMENT',
    article: '64(六)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '违反本协议财务管理约定，发生使用现金支付方式结算药品、医用耗材购置款项或使用预付金用于药品、医用耗材采购等医疗费用外的其他支出的',
  },
  {
    code: 'THIRD_PARTY_INJURY_BILLED',
    article: '64(七)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '收治外伤住院病人时，病历未如实记录受伤原因，或因乙方过错将应当由第三方责任人承担的医疗费用纳入医保支付的',
  },
  {
    code: 'OUTSIDE_LICENSED_SCOPE',
    article: '64(八)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '超出行业主管部门批准的执业范围、诊疗科目或逾期未校验《医疗机构执业许可证》开展医疗服务，使用无执业资质人员开展医疗服务并将相关费用纳入医保基金支付的',
  },
  {
    code: 'PATIENT_REFUSED',
    article: '64(九)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '推诿、拒收参保人就医，或减少必要服务、降低服务标准的',
  },
  {
    code: 'OFF_LABEL_DRUG_USE',
    article: '64(十)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '超限定使用范围及适应症用药，将无指征、超疗程用药等纳入医保结算范围或将不符合规定的医疗机构制剂纳入医保基金支付的',
  },
  {
    code: 'WRONG_DIAGNOSIS_UPLOAD',
    article: '64(十一)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未按规定正确上传出院病人疾病诊断等信息，不按医保支付方式管理规定准确入组，造成医保基金损失的',
  },
  {
    code: 'PRICE_POLICY_BREACH',
    article: '64(十二)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '未严格执行医疗保障行政部门制定的医药价格政策的',
  },
  {
    code: 'RECORDS_NOT_KEPT',
    article: '64(十三)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未按规定保管财务账目、记账凭证、处方、病历、治疗检查记录、医疗费用结算单据、清单和药品、医用耗材出入库记录等相关资料或不能做到账账相符、账实相符的',
  },
  {
    code: 'INCONSISTENT_RECORDS',
    article: '64(十四)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '乙方提供的票据、结算清单、处方、医嘱、检查结果、诊断及病程记录等不吻合，或与实际使用情况不一致的',
  },
  {
    code: 'CHANGE_NOT_NOTIFIED',
    article: '64(十五)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '其他一般信息未在规定时间书面告知的',
  },
  {
    code: 'ADMISSION_CRITERIA_BREACH',
    article: '64(十六)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '违反严格掌握出入院指征和重症监护病房收治标准，违反按约定的医保付费方式付费的',
  },
  {
    code: 'ROUTINE_TESTING',
    article: '64(十七)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未严格掌握辅助检查的适应症和禁忌症，将大型仪器检查项目、非必要的检验项目等作为常规检查或未按规定开展检查检验结果互认的',
  },
  {
    code: 'THERAPY_RECORDS_BREACH',
    article: '64(十八)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未严格掌握物理治疗与康复项目、中医诊疗项目、精神科诊疗项目、口腔科治疗等适应症，或未按要求记录治疗部位、次数、疗程等明细或物理治疗和康复、中医诊疗类未有病员签字确认的治疗记录，或未按《病历书写基本规范》记录病历的',
  },
  {
    code: 'UNAUTHORISED_EQUIPMENT_OR_BEDS',
    article: '64(十九)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '违反有关部门规定配置使用医疗仪器设备、增加床位，并纳入医保基金支付的',
  },
  {
    code: 'SYSTEM_DATA_TAMPERING',
    article: '64(二十)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未经甲方允许，随意修改服务器和网络配置或擅自修改HIS收费系统中医保相关数据，医保结算数据与实际不符，未按甲方要求传输相关数据、信息的',
  },
  {
    code: 'DISPUTE_NOT_REPORTED',
    article: '64(二十一)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '发生医疗纠纷未向甲方报告或将不予支付的费用（含后续治疗费用）记入医疗保障基金支付的',
  },
  {
    code: 'SPLIT_ADMISSION',
    article: '64(二十二)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '发生分解住院、挂床住院的',
  },
  {
    code: 'EXCESSIVE_TREATMENT',
    article: '64(二十三)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '过度诊疗、过度检查、分解处方、超量开药、重复开药，造成医保基金不合理支出的',
  },
  {
    code: 'UNREASONABLE_CARE',
    article: '64(二十四)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '发生不合理检查、不合理治疗、不合理用药的',
  },
  {
    code: 'IMPROPER_CHARGING',
    article: '64(二十五)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '分解项目收费、重复收费、套用收费或超标准收费的',
  },
  {
    code: 'CHRONIC_DISEASE_MISCERTIFIED',
    article: '64(二十六)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '未按照门诊慢特病病种认定标准进行认定的',
  },
  {
    code: 'FOUND_BY_OTHER_REGULATOR',
    article: '64(二十七)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '经其他行业监管部门查处，存在医保基金使用不规范行为的',
  },
  {
    code: 'RECORDS_LOST',
    article: '64(二十八)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description:
      '未按照要求管理、保存相关结算资料（含信息系统资料）以及药品、耗材等数据导致违法、违约事实无法查清的',
  },
  {
    code: 'OTHER_FUND_LOSS',
    article: '64(二十九)',
    defaultTier: 'SERIOUS',
    fraud: false,
    thresholds: null,
    description: '其他造成医保基金损失的行为的',
  },
  {
    code: 'AUDIT_NOT_COOPERATED',
    article: '65(一)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '不配合费用审核、核查、考核，不在核查文书上签字确认并加盖公章的',
  },
  {
    code: 'FICTITIOUS_CHARGES',
    article: '65(二) / 66(三)',
    defaultTier: 'SEVERE',
    fraud: true,
    thresholds: {
      basis: 'AMOUNT',
      steps: [
        {
          from: '0',
          tier: 'SEVERE',
          article: '65(二)',
        },
        {
          from: '10000',
          tier: 'SEVERE',
          article: '65(二)',
          needsOfficerDecision: true,
        },
        {
          from: '30000',
          tier: 'GRAVE',
          article: '66(三)',
        },
      ],
    },
    description:
      '65(二) 虚记医疗费用涉及10000元以下的\n66(三) 以虚构医药服务项目等方式，骗取医保基金，虚记医疗费用涉及3万元以上的',
  },
  {
    code: 'ITEM_SUBSTITUTION',
    article: '65(三) / 66(六)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: {
      basis: 'AMOUNT',
      steps: [
        {
          from: '0',
          tier: 'SEVERE',
          article: '65(三)',
        },
        {
          from: '100000',
          tier: 'GRAVE',
          article: '66(六)',
        },
      ],
    },
    description:
      '65(三) 串换医保药品、医用耗材、医疗服务价格项目的\n66(六) 串换药品、医用耗材、医疗服务价格项目涉及费用达10万元以上的',
  },
  {
    code: 'NO_STOCK_RECORDS',
    article: '65(四)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description:
      '未开展药品、医用耗材进销存管理，或者未建立药品、医用耗材的进销存电子台账、信息系统以及留存相关凭证、票据的',
  },
  {
    code: 'INDUCED_ADMISSION',
    article: '65(五)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description:
      '采取虚假宣传、减免自付费用、返现回扣、发放实物、卡券、赠送礼品、免费体检等方式，诱导不符合就医、住院条件的参保人就医、住院的',
  },
  {
    code: 'RECTIFICATION_FAILED',
    article: '65(六)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '限期整改期间，未按时限要求整改或整改不到位的',
  },
  {
    code: 'DRUG_RESALE_FACILITATED',
    article: '65(七)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '为参保人转卖药品，接受返还现金、实物或者获得其他非法利益提供便利的',
  },
  {
    code: 'MAJOR_FUND_RISK',
    article: '65(八)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '根据日常检查和考核，发现对医保基金安全和参保人权益存在重大风险的',
  },
  {
    code: 'IDENTITY_NOT_VERIFIED',
    article: '65(十二)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '未有效核验参保人医疗保障凭证，造成冒名就医住院的',
  },
  {
    code: 'DATA_WITHHELD_OR_FALSE',
    article: '65(十三)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '未按规定提供有关数据、资料，或提供虚假数据、资料的',
  },
  {
    code: 'DEPARTMENT_SUBCONTRACTED',
    article: '65(十四)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '将科室承包、出租给个人或其他机构，同时以乙方名义开展医疗服务并申报医保费用的',
  },
  {
    code: 'OUTSIDE_LICENSED_ADDRESS',
    article: '65(十五)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '超出《医疗机构执业许可证》登记的执业地址开展医疗服务的',
  },
  {
    code: 'REPEATED_BREACHES',
    article: '65(十六)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description:
      '协议有效期内，累计2次及以上发生同一性质较重违约情形或累计5次被查实存在违约情形的；（各种违约情形为累计计算，已有规定的除外；按累计次数设置中止处理时长）',
  },
  {
    code: 'OTHER_SEVERE',
    article: '65(十七)',
    defaultTier: 'SEVERE',
    fraud: false,
    thresholds: null,
    description: '其他违反医疗保障政策且情节较重、法律法规和规章规定的应当中止协议的其他情形的',
  },
  {
    code: 'FAKE_TREATMENT_FRAUD',
    article: '66(一)',
    defaultTier: 'GRAVE',
    fraud: true,
    thresholds: null,
    description: '诱导、协助他人冒名或虚假就医、购药的',
  },
  {
    code: 'FORGED_RECORDS_FRAUD',
    article: '66(二)',
    defaultTier: 'GRAVE',
    fraud: true,
    thresholds: null,
    description:
      '通过伪造、变造、隐匿、涂改、销毁医疗文书、医学证明、财务票据或凭证、电子信息等有关资料，骗取医保基金的',
  },
  {
    code: 'FALSE_DOCUMENTS_FRAUD',
    article: '66(四)',
    defaultTier: 'GRAVE',
    fraud: true,
    thresholds: null,
    description:
      '提供虚假证明材料、虚假认定资料、虚开医药费用票据或者为参保人骗取医保基金提供便利的',
  },
  {
    code: 'PERSONAL_ACCOUNT_CASH_OUT',
    article: '66(五)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '为参保人套取个人账户资金的',
  },
  {
    code: 'SETTLEMENT_FOR_OTHERS',
    article: '66(七)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '为非定点医疗机构或处于中止协议期间的定点医疗机构提供医保费用结算的',
  },
  {
    code: 'SETTLEMENT_EQUIPMENT_MISUSED',
    article: '66(八)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '将医保结算设备转借、赠与他人或改变使用场地的',
  },
  {
    code: 'UNQUALIFIED_BRANCH_BILLED',
    article: '66(九)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '将不具备医保结算资格的分支机构或其他机构等的医疗费用纳入医保结算的',
  },
  {
    code: 'DESIGNATION_BY_DECEPTION',
    article: '66(十)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '以弄虚作假等不正当手段申请取得定点的',
  },
  {
    code: 'SUPERVISION_OBSTRUCTED',
    article: '66(十一)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '拒绝、阻挠医疗保障部门开展智能审核、考核、监督检查等，情节恶劣的',
  },
  {
    code: 'DECISION_NOT_EXECUTED',
    article: '66(十二)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description:
      '未依法履行医疗保障行政部门作出的行政处罚决定或甲方作出处理决定后，经催告，仍不履行处理决定的',
  },
  {
    code: 'FRAUD_CONFIRMED',
    article: '66(十三)',
    defaultTier: 'GRAVE',
    fraud: true,
    thresholds: null,
    description: '经医疗保障部门或其他有关部门查实有欺诈骗保行为的',
  },
  {
    code: 'REPEATED_SUSPENSION',
    article: '66(十四)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description:
      '协议有效期内累计2次及以上被中止医保协议或中止医保协议期间未按要求整改或整改不到位的',
  },
  {
    code: 'MAJOR_CHANGE_UNREGISTERED',
    article: '66(十五)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '被发现重大信息变更但未办理变更的',
  },
  {
    code: 'CLOSURE_NOT_REPORTED',
    article: '66(十六)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '停业或歇业后未按规定向甲方报告的',
  },
  {
    code: 'ANNUAL_ASSESSMENT_FAILED',
    article: '66(十七)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '连续两年年度考核不合格的',
  },
  {
    code: 'MAJOR_VIOLATION_FOUND',
    article: '66(十八)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description:
      '医疗保障行政部门或其他有关部门在行政执法中，发现乙方存在重大违法违规行为且可能造成医疗保障基金重大损失的',
  },
  {
    code: 'SERIOUS_CONSEQUENCES',
    article: '66(十九)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '违反相关部门管理规定，造成严重后果或重大影响的',
  },
  {
    code: 'OTHER_GRAVE',
    article: '66(二十)',
    defaultTier: 'GRAVE',
    fraud: false,
    thresholds: null,
    description: '法律法规和规章规定的应当解除协议的其他情形',
  },
];

/**
 * Reference data: the violation catalogue (`violation_type`), one row per code: article(s), the seed's Chinese text,
 * default tier, whether it is fraud (骗取医保基金: never lenient, art. 72) and, for the six entries whose tier depends on an
 * amount or a ratio, the tier rule as JSON (`{"basis":"AMOUNT","steps":[…]}` or `{"basis":"RATIO","ratio":…,"bands":[…]}`).
 */
export class ViolationCatalogue1763800000006 implements MigrationInterface {
  name = 'ViolationCatalogue1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE violation_type (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        article text NOT NULL,
        description text NOT NULL,
        default_tier text NOT NULL CHECK (default_tier IN ('MINOR', 'GENERAL', 'SERIOUS', 'SEVERE', 'GRAVE')),
        fraud boolean NOT NULL,
        thresholds jsonb CHECK (thresholds IS NULL OR jsonb_typeof(thresholds) = 'object')
      )`);
    const rows = VIOLATION_TYPES_1763800000006;
    await q.query(
      `INSERT INTO violation_type (code, article, description, default_tier, fraud, thresholds)
       SELECT code, article, description, default_tier, fraud, thresholds::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[])
         AS v (code, article, description, default_tier, fraud, thresholds)`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.article),
        rows.map((r) => r.description),
        rows.map((r) => r.defaultTier),
        rows.map((r) => r.fraud),
        rows.map((r) => (r.thresholds === null ? null : JSON.stringify(r.thresholds))),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE violation_type`);
  }
}
