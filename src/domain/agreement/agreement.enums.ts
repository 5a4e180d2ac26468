import { registerEnumType } from 'type-graphql';

/** The three kinds of agreement, one per seed contract (rules.md §1). */
export enum AgreementKind {
  COMMISSIONED_HANDLING = 'COMMISSIONED_HANDLING',
  CRITICAL_ILLNESS = 'CRITICAL_ILLNESS',
  DESIGNATED_INSTITUTION = 'DESIGNATED_INSTITUTION',
}

/** An agreement's standing on a day (rules.md §1). */
export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: '协议类别: the kind of agreement (rules.md §1).',
  valuesConfig: {
    COMMISSIONED_HANDLING: {
      description:
        '委托经办服务协议: an insurer handles basic insurance for an agency (Luoyang agreement).',
    },
    CRITICAL_ILLNESS: {
      description:
        '大病保险承办服务合同: an insurer underwrites critical-illness insurance (Henan contract 2024).',
    },
    DESIGNATED_INSTITUTION: {
      description:
        "定点医疗机构服务协议: a designated medical institution's service agreement (Suining template).",
    },
  },
});

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: "协议状态: the agreement's standing today (rules.md §1).",
  valuesConfig: {
    ACTIVE: {
      description:
        '有效: signed and not expired, suspended or terminated (also before its first day).',
    },
    SUSPENDED: { description: '中止: inside a suspension period (Suining arts. 65, 76).' },
    TERMINATED: {
      description:
        '解除 / 终止: terminated from the notice date (Suining art. 66), from the first day of a second suspension at the institution’s request (77(四)), or from the day after a 180-day one without a request to continue (76).',
    },
    EXPIRED: {
      description:
        '到期: past its last day in force: effectiveTo, or the end of its continuation (Suining art. 82).',
    },
  },
});
