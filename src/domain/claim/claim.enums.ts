import { registerEnumType } from 'type-graphql';

/** 结算渠道 (Henan arts. 15–17; rules.md §3.4). */
export enum ClaimChannel {
  DIRECT = 'DIRECT',
  MANUAL = 'MANUAL',
}

/** 理赔状态 (rules.md §3). */
export enum ClaimStatus {
  ADJUDICATED = 'ADJUDICATED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
  REVERSED = 'REVERSED',
}

/** 待遇方案: which schedule a claim was computed with (rules.md §3.2). */
export enum ScheduleKind {
  GENERAL = 'GENERAL',
  PREFERENTIAL = 'PREFERENTIAL',
}

/** Why a claim was stored as REJECTED (rules.md §3.5; Suining arts. 65, 66(七), annex 20–21). */
export enum RejectionReason {
  NOT_DESIGNATED = 'NOT_DESIGNATED',
  INSTITUTION_SUSPENDED = 'INSTITUTION_SUSPENDED',
  AGREEMENT_TERMINATED = 'AGREEMENT_TERMINATED',
}

registerEnumType(ClaimChannel, {
  name: 'ClaimChannel',
  description: '结算渠道: how the claim was settled (Henan arts. 15–17; rules.md §3.4).',
  valuesConfig: {
    DIRECT: {
      description:
        '直接结算: the designated institution settled at discharge and advanced the benefit; the insurer pays it within 15 working days of the declaration (art. 15).',
    },
    MANUAL: {
      description:
        '零星报销: the person paid and claims afterwards; the insurer pays within 20 working days of receiving the materials (art. 17).',
    },
  },
});

registerEnumType(ClaimStatus, {
  name: 'ClaimStatus',
  description: '理赔状态: where a claim stands (rules.md §3).',
  valuesConfig: {
    ADJUDICATED: { description: '已核定: computed and accumulated, not yet paid.' },
    PAID: { description: '已支付: the benefit was paid (markClaimPaid).' },
    REJECTED: {
      description:
        '不予结算: not settled (benefit 0, nothing accumulated); rejectionReason says why (rules.md §3.5).',
    },
    REVERSED: {
      description:
        '已冲正: reversed; a negative ledger entry took back what was left of it (rules.md §3.3).',
    },
  },
});

/** 审核意见状态: where an insurer's review of a DIRECT claim stands (Henan art. 16; rules.md §10.2). */
export enum ReviewProposalStatus {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ReviewProposalStatus, {
  name: 'ReviewProposalStatus',
  description:
    '审核意见状态: an insurer’s review of a DIRECT claim is a proposal until the local agency confirms it (三方确认, Henan art. 16; rules.md §10.2).',
  valuesConfig: {
    PROPOSED: {
      description:
        '待确认: notified in writing, awaiting the three parties’ confirmation; nothing is on the ledger yet, but its amount is reserved against the claim’s eligible self-pay.',
    },
    CONFIRMED: {
      description:
        '已确认: confirmed by the local agency and applied to the ledger on confirmedOn (rules.md §3.3); clawed back in the next month’s statement.',
    },
    WITHDRAWN: {
      description:
        '已撤回: withdrawn by the local agency or the insurer (or by the claim’s reversal); it never touched the ledger.',
    },
  },
});
