import type Decimal from 'decimal.js';

import { Money } from '../../shared/money';
import { tierOfArticle } from './breach-tier-order';
import { BreachTier } from './breach-tier.enum';

/**
 * The violation catalogue (违约情形): every item of Suining arts. 62–66, one entry per stable code (rules.md §7.2, §7.5).
 *
 * **Representation.** An entry is one *type* of breach. Most types are one item of one article and have one tier. Six
 * types are listed by the agreement at several tiers, in several articles, with the tier decided by an amount or a ratio;
 * each of them is ONE entry whose `clauses` hold every item it stands for (article, tier, Chinese text), and whose
 * `thresholds` hold the tier rule as data:
 * - by a ratio measured at inspection (`basis: 'RATIO'`): `STOCK_RATIO` 62(八) / 64(二) / 65(九), `SERVICE_QUANTITY_RATIO`
 *   62(九) / 64(三) / 65(十), `DECLARED_OVER_SOLD` 64(四) / 65(十一);
 * - by an amount (`basis: 'AMOUNT'`): `OFFLINE_PROCUREMENT` 63(一) / 64(五), `FICTITIOUS_CHARGES` 65(二) / 66(三),
 *   `ITEM_SUBSTITUTION` 65(三) / 66(六).
 * `article` is the clauses' articles joined by ` / ` (as rules.md §7.5 writes them), `description` is the seed text of
 * the one clause, or one line `<article> <text>` per clause, and `defaultTier` is the tier of the first clause: the tier
 * that applies when no amount or ratio lifts it. Texts are copied from the seed with the item marker and the closing
 * `；`/`。` removed. The markers of 64(一) and 64(二) are missing in the seed and were counted back.
 *
 * `fraud` marks 骗取医保基金 (art. 72: never lenient): the items the seed itself calls 骗取/欺诈骗保 (66(二), 66(三),
 * 66(四), 66(十三)), 66(一) (rules.md §7.5; 《医疗保障基金使用监督管理条例》 art. 40(一)), and `FICTITIOUS_CHARGES` as a whole:
 * 66(三) names 虚记医疗费用 骗取医保基金, and the act (annex 12: unperformed items charged to the fund) is the same below
 * 30 000.
 *
 * Amounts: "以上" includes the number, "以下" excludes it (annex 22); "达到" includes it. Ratios are fractions (1.05 for
 * 105%). The migration `1763800000006-ViolationCatalogue` stores a frozen copy of this list (`violation_type`); a spec
 * checks that the two agree. Changing an entry therefore needs a new migration, never an edit of that one.
 */

/** One item of arts. 62–66 that a catalogue entry stands for. */
export interface ViolationClause {
  /** `64(一)`: article and item number as the seed writes them. */
  readonly article: string;
  /** The tier of the article (62 MINOR … 66 GRAVE). */
  readonly tier: BreachTier;
  /** The item's Chinese text from the seed. */
  readonly text: string;
}

/**
 * A step of an amount rule: from `from` (inclusive: "以上含本数", "达到") upwards, until the next step, the breach is of
 * `tier` under `article`. `needsOfficerDecision` marks a band the agreement is silent on.
 */
export interface AmountStep {
  readonly from: Decimal;
  readonly tier: BreachTier;
  readonly article: string;
  readonly needsOfficerDecision?: boolean;
}

/** An amount rule (rules.md §7.2): steps ascending from 0; optionally a share of all purchases (64(五): 15%). */
export interface AmountThresholds {
  readonly basis: 'AMOUNT';
  readonly steps: readonly AmountStep[];
  /** From this share of all the institution's purchases (inclusive, "达到"), the breach is of `tier` under `article`. */
  readonly shareOfPurchases?: {
    readonly from: Decimal;
    readonly tier: BreachTier;
    readonly article: string;
  };
}

/**
 * A band of a ratio rule (rules.md §7.1). Each bound is optional: `above` (exclusive) or `atLeast` (inclusive) below,
 * `atMost` (inclusive) or `below` (exclusive) above. A band with no upper bound also takes a ratio with a zero
 * denominator and a non-zero numerator ("above every bound").
 */
export interface RatioBand {
  readonly tier: BreachTier;
  readonly article: string;
  readonly above?: Decimal;
  readonly atLeast?: Decimal;
  readonly atMost?: Decimal;
  readonly below?: Decimal;
}

/** Which ratio an inspection measures for a ratio rule. */
export type RatioKind = 'STOCK' | 'SERVICE_QUANTITY' | 'DECLARED_OVER_SOLD';

/** A ratio rule: outside every band, no finding. */
export interface RatioThresholds {
  readonly basis: 'RATIO';
  readonly ratio: RatioKind;
  readonly bands: readonly RatioBand[];
}

export type ViolationThresholds = AmountThresholds | RatioThresholds;

/** A catalogue entry (contract type `ViolationType`, plus the rule data). */
export interface ViolationType<C extends string = string> {
  readonly code: C;
  readonly article: string;
  readonly description: string;
  readonly defaultTier: BreachTier;
  readonly fraud: boolean;
  readonly thresholds: ViolationThresholds | null;
  readonly clauses: readonly ViolationClause[];
}

const m = (s: string): Decimal => new Money(s);

const clause = (article: string, text: string): ViolationClause => ({
  article,
  tier: tierOfArticle(article),
  text,
});

const entry = <const C extends string>(
  code: C,
  clauses: readonly [ViolationClause, ...ViolationClause[]],
  options: { readonly fraud?: boolean; readonly thresholds?: ViolationThresholds } = {},
): ViolationType<C> => ({
  code,
  article: clauses.map((c) => c.article).join(' / '),
  description:
    clauses.length === 1
      ? clauses[0].text
      : clauses.map((c) => `${c.article} ${c.text}`).join('\n'),
  defaultTier: clauses[0].tier,
  fraud: options.fraud ?? false,
  thresholds: options.thresholds ?? null,
  clauses,
});

/** 62(八) / 64(二) / 65(九): (sold + closing) ÷ (opening + purchased) (annex 19). Normal: [0.95, 1.05]. */
const STOCK_RATIO_BANDS: RatioThresholds = {
  basis: 'RATIO',
  ratio: 'STOCK',
  bands: [
    { tier: BreachTier.MINOR, article: '62(八)', above: m('1.05'), atMost: m('1.10') },
    { tier: BreachTier.MINOR, article: '62(八)', atLeast: m('0.90'), below: m('0.95') },
    { tier: BreachTier.SERIOUS, article: '64(二)', above: m('1.10'), atMost: m('1.20') },
    { tier: BreachTier.SERIOUS, article: '64(二)', atLeast: m('0.80'), below: m('0.90') },
    { tier: BreachTier.SEVERE, article: '65(九)', above: m('1.20') },
    { tier: BreachTier.SEVERE, article: '65(九)', below: m('0.80') },
  ],
};

/** 62(九) / 64(三) / 65(十): declared ÷ standard service quantity. Normal: up to 1.05, with no lower bound. */
const SERVICE_QUANTITY_BANDS: RatioThresholds = {
  basis: 'RATIO',
  ratio: 'SERVICE_QUANTITY',
  bands: [
    { tier: BreachTier.MINOR, article: '62(九)', above: m('1.05'), atMost: m('1.10') },
    { tier: BreachTier.SERIOUS, article: '64(三)', above: m('1.10'), atMost: m('1.20') },
    { tier: BreachTier.SEVERE, article: '65(十)', above: m('1.20') },
  ],
};

/** 64(四) / 65(十一): declared ÷ sold drug or consumable quantity. Normal: up to 1.00, with no lower bound. */
const DECLARED_OVER_SOLD_BANDS: RatioThresholds = {
  basis: 'RATIO',
  ratio: 'DECLARED_OVER_SOLD',
  bands: [
    { tier: BreachTier.SERIOUS, article: '64(四)', above: m('1.00'), atMost: m('1.20') },
    { tier: BreachTier.SEVERE, article: '65(十一)', above: m('1.20') },
  ],
};

/** 63(一) / 64(五): offline procurement 达到 50 000 or 15% of all purchases → SERIOUS, below → GENERAL. */
const OFFLINE_PROCUREMENT_STEPS: AmountThresholds = {
  basis: 'AMOUNT',
  steps: [
    { from: m('0'), tier: BreachTier.GENERAL, article: '63(一)' },
    { from: m('50000'), tier: BreachTier.SERIOUS, article: '64(五)' },
  ],
  shareOfPurchases: { from: m('0.15'), tier: BreachTier.SERIOUS, article: '64(五)' },
};

/**
 * 65(二) / 66(三): 虚记医疗费用 below 10 000 ("以下", exclusive) → SEVERE; 30 000 and above ("以上", inclusive) → GRAVE.
 * Between them the agreement is silent: SEVERE, flagged for an officer's decision (rules.md §7.2).
 */
const FICTITIOUS_CHARGES_STEPS: AmountThresholds = {
  basis: 'AMOUNT',
  steps: [
    { from: m('0'), tier: BreachTier.SEVERE, article: '65(二)' },
    { from: m('10000'), tier: BreachTier.SEVERE, article: '65(二)', needsOfficerDecision: true },
    { from: m('30000'), tier: BreachTier.GRAVE, article: '66(三)' },
  ],
};

/** 65(三) / 66(六): 串换 → SEVERE; 100 000 and above ("达10万元以上") → GRAVE. */
const ITEM_SUBSTITUTION_STEPS: AmountThresholds = {
  basis: 'AMOUNT',
  steps: [
    { from: m('0'), tier: BreachTier.SEVERE, article: '65(三)' },
    { from: m('100000'), tier: BreachTier.GRAVE, article: '66(六)' },
  ],
};

/** Every item of Suining arts. 62–66, in the order of its first article. */
export const VIOLATION_CATALOGUE = [
  entry('NO_INTERNAL_MANAGEMENT', [
    clause(
      '62(一)',
      '未建立医保管理、财务、统计信息和基金使用等内部管理制度，或制度不健全、管理混乱。未按规定配备相关专（兼）职管理人员。100张床位以上的医疗机构，未设置医保管理部门或未配备专职工作人员的',
    ),
  ]),
  entry('NO_NECESSARY_SERVICE', [
    clause('62(二)', '未按本协议约定为参保人提供合理、必要的医疗服务的'),
  ]),
  entry('NO_CROSS_REGION_SETTLEMENT', [
    clause(
      '62(三)',
      '未向异地就医参保人提供异地就医直接结算服务，未配合做好医疗费用手工报销线上办理等事项的',
    ),
  ]),
  entry('NO_SETTLEMENT_DOCUMENTS', [
    clause('62(四)', '未按规定向参保人提供医疗费用结算单据和相关资料，或者未履行知情同意手续的'),
  ]),
  entry('NO_SETTLEMENT_EQUIPMENT', [
    clause(
      '62(五)',
      '未按要求配置医保费用结算设备，不支持参保人使用医保电子凭证、社会保障卡联网结算医疗费用的',
    ),
  ]),
  entry('PRESCRIPTION_OUTFLOW_REFUSED', [
    clause('62(六)', '未执行门诊处方外配管理或拒绝参保人凭处方到定点零售药店购药的'),
  ]),
  entry('NO_PRICE_DISCLOSURE', [
    clause(
      '62(七)',
      '未公布投诉举报渠道、未公示本单位医药价格与收费标准或未向社会公开医药费用及费用结构等信息的',
    ),
  ]),
  entry(
    'STOCK_RATIO',
    [
      clause('62(八)', '药品、医用耗材进销存比率大于105%且小于等于110%，或大于等于90%且小于95%'),
      clause('64(二)', '药品、医用耗材进销存比率大于110%且小于等于120%，或大于等于80%且小于90%的'),
      clause('65(九)', '药品、医用耗材进销存比率大于120%，或小于80%的'),
    ],
    { thresholds: STOCK_RATIO_BANDS },
  ),
  entry(
    'SERVICE_QUANTITY_RATIO',
    [
      clause(
        '62(九)',
        '诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于105%且小于等于110%的',
      ),
      clause(
        '64(三)',
        '诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于110%且小于等于120%',
      ),
      clause('65(十)', '诊疗项目服务、医疗服务设施服务的申报数量与标准提供数量比率大于120%的'),
    ],
    { thresholds: SERVICE_QUANTITY_BANDS },
  ),
  entry('COMPLAINTS_NOT_HANDLED', [clause('62(十)', '未及时处理举报投诉问题的')]),
  entry('RECORDS_MISFILED', [
    clause(
      '62(十一)',
      '不按相关档案管理规定管理、保存结算资料，且未造成相关违法、违约事实无法查清的',
    ),
  ]),
  entry('OTHER_MINOR', [
    clause('62(十二)', '其他违反医保政策或本协议约定落实管理措施，不存在医保基金损失的'),
  ]),
  entry(
    'OFFLINE_PROCUREMENT',
    [
      clause('63(一)', '未遵守国家、四川省及遂宁市药品、医用耗材采购使用管理规定的'),
      clause('64(五)', '违规线下采购药品、医用耗材达到5万元或占乙方全部采购金额的15%的'),
    ],
    { thresholds: OFFLINE_PROCUREMENT_STEPS },
  ),
  entry('INFORMATION_SYSTEM_NONCOMPLIANT', [
    clause(
      '63(二)',
      '信息系统未达到甲方要求、未按照甲方提供的接口规范进行程序开发和改造、未实现医保电子凭证全流程应用、未达到医保电子凭证结算率要求、未做好医保信息系统安全隔离措施的',
    ),
  ]),
  entry('CODING_STANDARD_NOT_SUPPORTED', [
    clause('63(三)', '未配合甲方做好国家编码标准数据库建设和维护工作的'),
  ]),
  entry('LISTED_ITEMS_NOT_PREFERRED', [
    clause(
      '63(四)',
      '未优先配备和使用医保目录内药品、医用耗材、医疗服务价格项目，未优先配备和使用集中带量采购药品、医用耗材，未按照本协议约定及时配备、合理使用谈判药品、高值药品等特殊药品的',
    ),
  ]),
  entry('REFUND_OVERDUE', [
    clause(
      '63(五)',
      '在甲方规定时间内未及时退回违规费用、支付违约金、未按规定开展账务处理或将甲方不予支付的费用及其支付的违约金等作为医保欠费处理的',
    ),
  ]),
  entry('INDUCED_SPLIT_PAYMENT', [
    clause(
      '63(六)',
      '存在诱导参保人在住院期间到门诊缴费、药店购药或另设账号缴费等拆分住院医疗费用行为的',
    ),
  ]),
  entry('COSTS_SHIFTED_TO_PATIENT', [
    clause(
      '63(七)',
      '将应当由医疗保障基金支付的合理医疗费用转嫁给参保人自费，或将超过限额结算标准的医疗费用转嫁给参保人自费的',
    ),
  ]),
  entry('ADVANCE_NOT_RETURNED', [
    clause('63(八)', '未在规定时间内返还甲方预付资金或未按期足额归还甲方预付的集中采购货款的'),
  ]),
  entry('OTHER_GENERAL', [
    clause('63(九)', '其他违反医保政策或医保服务协议约定，可能存在医保基金损失的'),
  ]),
  entry('OUT_OF_SCOPE_BILLING', [
    clause('64(一)', '将超出医疗保障支付范围、不符合医保支付政策规定的费用纳入医疗保障基金支付的'),
  ]),
  entry(
    'DECLARED_OVER_SOLD',
    [
      clause('64(四)', '药品、医用耗材申报数量与销售数量比率大于100%且小于等于120%的'),
      clause('65(十一)', '药品、医用耗材申报数量与销售数量比率大于120%的'),
    ],
    { thresholds: DECLARED_OVER_SOLD_BANDS },
  ),
  entry('IMPROPER_PROCUREMENT_PAYMENT', [
    clause(
      '64(六)',
      '违反本协议财务管理约定，发生使用现金支付方式结算药品、医用耗材购置款项或使用预付金用于药品、医用耗材采购等医疗费用外的其他支出的',
    ),
  ]),
  entry('THIRD_PARTY_INJURY_BILLED', [
    clause(
      '64(七)',
      '收治外伤住院病人时，病历未如实记录受伤原因，或因乙方过错将应当由第三方责任人承担的医疗费用纳入医保支付的',
    ),
  ]),
  entry('OUTSIDE_LICENSED_SCOPE', [
    clause(
      '64(八)',
      '超出行业主管部门批准的执业范围、诊疗科目或逾期未校验《医疗机构执业许可证》开展医疗服务，使用无执业资质人员开展医疗服务并将相关费用纳入医保基金支付的',
    ),
  ]),
  entry('PATIENT_REFUSED', [
    clause('64(九)', '推诿、拒收参保人就医，或减少必要服务、降低服务标准的'),
  ]),
  entry('OFF_LABEL_DRUG_USE', [
    clause(
      '64(十)',
      '超限定使用范围及适应症用药，将无指征、超疗程用药等纳入医保结算范围或将不符合规定的医疗机构制剂纳入医保基金支付的',
    ),
  ]),
  entry('WRONG_DIAGNOSIS_UPLOAD', [
    clause(
      '64(十一)',
      '未按规定正确上传出院病人疾病诊断等信息，不按医保支付方式管理规定准确入组，造成医保基金损失的',
    ),
  ]),
  entry('PRICE_POLICY_BREACH', [
    clause('64(十二)', '未严格执行医疗保障行政部门制定的医药价格政策的'),
  ]),
  entry('RECORDS_NOT_KEPT', [
    clause(
      '64(十三)',
      '未按规定保管财务账目、记账凭证、处方、病历、治疗检查记录、医疗费用结算单据、清单和药品、医用耗材出入库记录等相关资料或不能做到账账相符、账实相符的',
    ),
  ]),
  entry('INCONSISTENT_RECORDS', [
    clause(
      '64(十四)',
      '乙方提供的票据、结算清单、处方、医嘱、检查结果、诊断及病程记录等不吻合，或与实际使用情况不一致的',
    ),
  ]),
  entry('CHANGE_NOT_NOTIFIED', [clause('64(十五)', '其他一般信息未在规定时间书面告知的')]),
  entry('ADMISSION_CRITERIA_BREACH', [
    clause(
      '64(十六)',
      '违反严格掌握出入院指征和重症监护病房收治标准，违反按约定的医保付费方式付费的',
    ),
  ]),
  entry('ROUTINE_TESTING', [
    clause(
      '64(十七)',
      '未严格掌握辅助检查的适应症和禁忌症，将大型仪器检查项目、非必要的检验项目等作为常规检查或未按规定开展检查检验结果互认的',
    ),
  ]),
  entry('THERAPY_RECORDS_BREACH', [
    clause(
      '64(十八)',
      '未严格掌握物理治疗与康复项目、中医诊疗项目、精神科诊疗项目、口腔科治疗等适应症，或未按要求记录治疗部位、次数、疗程等明细或物理治疗和康复、中医诊疗类未有病员签字确认的治疗记录，或未按《病历书写基本规范》记录病历的',
    ),
  ]),
  entry('UNAUTHORISED_EQUIPMENT_OR_BEDS', [
    clause('64(十九)', '违反有关部门规定配置使用医疗仪器设备、增加床位，并纳入医保基金支付的'),
  ]),
  entry('SYSTEM_DATA_TAMPERING', [
    clause(
      '64(二十)',
      '未经甲方允许，随意修改服务器和网络配置或擅自修改HIS收费系统中医保相关数据，医保结算数据与实际不符，未按甲方要求传输相关数据、信息的',
    ),
  ]),
  entry('DISPUTE_NOT_REPORTED', [
    clause(
      '64(二十一)',
      '发生医疗纠纷未向甲方报告或将不予支付的费用（含后续治疗费用）记入医疗保障基金支付的',
    ),
  ]),
  entry('SPLIT_ADMISSION', [clause('64(二十二)', '发生分解住院、挂床住院的')]),
  entry('EXCESSIVE_TREATMENT', [
    clause(
      '64(二十三)',
      '过度诊疗、过度检查、分解处方、超量开药、重复开药，造成医保基金不合理支出的',
    ),
  ]),
  entry('UNREASONABLE_CARE', [clause('64(二十四)', '发生不合理检查、不合理治疗、不合理用药的')]),
  entry('IMPROPER_CHARGING', [
    clause('64(二十五)', '分解项目收费、重复收费、套用收费或超标准收费的'),
  ]),
  entry('CHRONIC_DISEASE_MISCERTIFIED', [
    clause('64(二十六)', '未按照门诊慢特病病种认定标准进行认定的'),
  ]),
  entry('FOUND_BY_OTHER_REGULATOR', [
    clause('64(二十七)', '经其他行业监管部门查处，存在医保基金使用不规范行为的'),
  ]),
  entry('RECORDS_LOST', [
    clause(
      '64(二十八)',
      '未按照要求管理、保存相关结算资料（含信息系统资料）以及药品、耗材等数据导致违法、违约事实无法查清的',
    ),
  ]),
  entry('OTHER_FUND_LOSS', [clause('64(二十九)', '其他造成医保基金损失的行为的')]),
  entry('AUDIT_NOT_COOPERATED', [
    clause('65(一)', '不配合费用审核、核查、考核，不在核查文书上签字确认并加盖公章的'),
  ]),
  entry(
    'FICTITIOUS_CHARGES',
    [
      clause('65(二)', '虚记医疗费用涉及10000元以下的'),
      clause('66(三)', '以虚构医药服务项目等方式，骗取医保基金，虚记医疗费用涉及3万元以上的'),
    ],
    { fraud: true, thresholds: FICTITIOUS_CHARGES_STEPS },
  ),
  entry(
    'ITEM_SUBSTITUTION',
    [
      clause('65(三)', '串换医保药品、医用耗材、医疗服务价格项目的'),
      clause('66(六)', '串换药品、医用耗材、医疗服务价格项目涉及费用达10万元以上的'),
    ],
    { thresholds: ITEM_SUBSTITUTION_STEPS },
  ),
  entry('NO_STOCK_RECORDS', [
    clause(
      '65(四)',
      '未开展药品、医用耗材进销存管理，或者未建立药品、医用耗材的进销存电子台账、信息系统以及留存相关凭证、票据的',
    ),
  ]),
  entry('INDUCED_ADMISSION', [
    clause(
      '65(五)',
      '采取虚假宣传、减免自付费用、返现回扣、发放实物、卡券、赠送礼品、免费体检等方式，诱导不符合就医、住院条件的参保人就医、住院的',
    ),
  ]),
  entry('RECTIFICATION_FAILED', [clause('65(六)', '限期整改期间，未按时限要求整改或整改不到位的')]),
  entry('DRUG_RESALE_FACILITATED', [
    clause('65(七)', '为参保人转卖药品，接受返还现金、实物或者获得其他非法利益提供便利的'),
  ]),
  entry('MAJOR_FUND_RISK', [
    clause('65(八)', '根据日常检查和考核，发现对医保基金安全和参保人权益存在重大风险的'),
  ]),
  entry('IDENTITY_NOT_VERIFIED', [
    clause('65(十二)', '未有效核验参保人医疗保障凭证，造成冒名就医住院的'),
  ]),
  entry('DATA_WITHHELD_OR_FALSE', [
    clause('65(十三)', '未按规定提供有关数据、资料，或提供虚假数据、资料的'),
  ]),
  entry('DEPARTMENT_SUBCONTRACTED', [
    clause(
      '65(十四)',
      '将科室承包、出租给个人或其他机构，同时以乙方名义开展医疗服务并申报医保费用的',
    ),
  ]),
  entry('OUTSIDE_LICENSED_ADDRESS', [
    clause('65(十五)', '超出《医疗机构执业许可证》登记的执业地址开展医疗服务的'),
  ]),
  entry('REPEATED_BREACHES', [
    clause(
      '65(十六)',
      '协议有效期内，累计2次及以上发生同一性质较重违约情形或累计5次被查实存在违约情形的；（各种违约情形为累计计算，已有规定的除外；按累计次数设置中止处理时长）',
    ),
  ]),
  entry('OTHER_SEVERE', [
    clause(
      '65(十七)',
      '其他违反医疗保障政策且情节较重、法律法规和规章规定的应当中止协议的其他情形的',
    ),
  ]),
  entry('FAKE_TREATMENT_FRAUD', [clause('66(一)', '诱导、协助他人冒名或虚假就医、购药的')], {
    fraud: true,
  }),
  entry(
    'FORGED_RECORDS_FRAUD',
    [
      clause(
        '66(二)',
        '通过伪造、变造、隐匿、涂改、销毁医疗文书、医学证明、财务票据或凭证、电子信息等有关资料，骗取医保基金的',
      ),
    ],
    { fraud: true },
  ),
  entry(
    'FALSE_DOCUMENTS_FRAUD',
    [
      clause(
        '66(四)',
        '提供虚假证明材料、虚假认定资料、虚开医药费用票据或者为参保人骗取医保基金提供便利的',
      ),
    ],
    { fraud: true },
  ),
  entry('PERSONAL_ACCOUNT_CASH_OUT', [clause('66(五)', '为参保人套取个人账户资金的')]),
  entry('SETTLEMENT_FOR_OTHERS', [
    clause('66(七)', '为非定点医疗机构或处于中止协议期间的定点医疗机构提供医保费用结算的'),
  ]),
  entry('SETTLEMENT_EQUIPMENT_MISUSED', [
    clause('66(八)', '将医保结算设备转借、赠与他人或改变使用场地的'),
  ]),
  entry('UNQUALIFIED_BRANCH_BILLED', [
    clause('66(九)', '将不具备医保结算资格的分支机构或其他机构等的医疗费用纳入医保结算的'),
  ]),
  entry('DESIGNATION_BY_DECEPTION', [clause('66(十)', '以弄虚作假等不正当手段申请取得定点的')]),
  entry('SUPERVISION_OBSTRUCTED', [
    clause('66(十一)', '拒绝、阻挠医疗保障部门开展智能审核、考核、监督检查等，情节恶劣的'),
  ]),
  entry('DECISION_NOT_EXECUTED', [
    clause(
      '66(十二)',
      '未依法履行医疗保障行政部门作出的行政处罚决定或甲方作出处理决定后，经催告，仍不履行处理决定的',
    ),
  ]),
  entry(
    'FRAUD_CONFIRMED',
    [clause('66(十三)', '经医疗保障部门或其他有关部门查实有欺诈骗保行为的')],
    { fraud: true },
  ),
  entry('REPEATED_SUSPENSION', [
    clause(
      '66(十四)',
      '协议有效期内累计2次及以上被中止医保协议或中止医保协议期间未按要求整改或整改不到位的',
    ),
  ]),
  entry('MAJOR_CHANGE_UNREGISTERED', [clause('66(十五)', '被发现重大信息变更但未办理变更的')]),
  entry('CLOSURE_NOT_REPORTED', [clause('66(十六)', '停业或歇业后未按规定向甲方报告的')]),
  entry('ANNUAL_ASSESSMENT_FAILED', [clause('66(十七)', '连续两年年度考核不合格的')]),
  entry('MAJOR_VIOLATION_FOUND', [
    clause(
      '66(十八)',
      '医疗保障行政部门或其他有关部门在行政执法中，发现乙方存在重大违法违规行为且可能造成医疗保障基金重大损失的',
    ),
  ]),
  entry('SERIOUS_CONSEQUENCES', [
    clause('66(十九)', '违反相关部门管理规定，造成严重后果或重大影响的'),
  ]),
  entry('OTHER_GRAVE', [clause('66(二十)', '法律法规和规章规定的应当解除协议的其他情形')]),
] as const;

/** The stable code of a catalogue entry. */
export type ViolationCode = (typeof VIOLATION_CATALOGUE)[number]['code'];

const BY_CODE: ReadonlyMap<string, ViolationType<ViolationCode>> = new Map(
  VIOLATION_CATALOGUE.map((v) => [v.code, v]),
);

/** The catalogue entry of `code`, or `undefined` for a code that is not in it. */
export const findViolationType = (code: string): ViolationType<ViolationCode> | undefined =>
  BY_CODE.get(code);

/** The catalogue entry of a code known in the code (a `ViolationCode` literal). */
export const violationType = (code: ViolationCode): ViolationType<ViolationCode> => {
  const v = BY_CODE.get(code);
  if (!v) {
    throw new RangeError(`no catalogue entry ${code}`);
  }
  return v;
};
