import { registerEnumType } from 'type-graphql';

/** 发现途径: how a breach came to light (Suining arts. 60, 72). */
export enum DetectedBy {
  SELF_REPORT = 'SELF_REPORT',
  INSPECTION = 'INSPECTION',
  AUDIT = 'AUDIT',
  SMART_REVIEW = 'SMART_REVIEW',
  COMPLAINT = 'COMPLAINT',
}

/** 违约金状态 on a day (Suining art. 67; rules.md §7.4). */
export enum PenaltyStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  ENFORCEABLE = 'ENFORCEABLE',
}

registerEnumType(DetectedBy, {
  name: 'DetectedBy',
  description: '发现途径: how the breach came to light (Suining arts. 60, 72).',
  valuesConfig: {
    SELF_REPORT: {
      description: '主动报告: self-reported before any inspection: lenient unless fraud (art. 72).',
    },
    INSPECTION: { description: '检查: found by an inspection (art. 60).' },
    AUDIT: { description: '稽核: found by an audit.' },
    SMART_REVIEW: { description: '智能审核: found by the smart review system.' },
    COMPLAINT: { description: '举报投诉: from a complaint.' },
  },
});

registerEnumType(PenaltyStatus, {
  name: 'PenaltyStatus',
  description: '违约金状态: where a penalty stands on a day (Suining art. 67; rules.md §7.4).',
  valuesConfig: {
    OPEN: { description: '未缴: not yet paid, not yet enforceable.' },
    PAID: { description: '已缴清: payments cover totalDue.' },
    ENFORCEABLE: {
      description:
        '可强制执行: unpaid from enforceableFrom (the 11th working day after dueOn): withhold, offset, suspend or terminate.',
    },
  },
});
