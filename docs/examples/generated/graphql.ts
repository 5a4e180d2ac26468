/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 协议类别: the kind of agreement (rules.md §1). */
export type AgreementKind =
  /** 委托经办服务协议: an insurer handles basic insurance for an agency (Luoyang agreement). */
  | 'COMMISSIONED_HANDLING'
  /** 大病保险承办服务合同: an insurer underwrites critical-illness insurance (Henan contract 2024). */
  | 'CRITICAL_ILLNESS'
  /** 定点医疗机构服务协议: a designated medical institution's service agreement (Suining template). */
  | 'DESIGNATED_INSTITUTION';

/** 协议状态: the agreement's standing today (rules.md §1). */
export type AgreementStatus =
  /** 有效: signed and not expired, suspended or terminated (also before its first day). */
  | 'ACTIVE'
  /** 到期: past its last day (effectiveTo). */
  | 'EXPIRED'
  /** 中止: inside a suspension period (Suining arts. 65, 76). */
  | 'SUSPENDED'
  /** 解除: terminated from the notice date (Suining art. 66). */
  | 'TERMINATED';

/** 理赔状态: where a claim stands (rules.md §3). */
export type ClaimStatus =
  /** 已核定: computed and accumulated, not yet paid. */
  | 'ADJUDICATED'
  /** 已支付: the benefit was paid (markClaimPaid). */
  | 'PAID'
  /** 不予结算: not settled (benefit 0, nothing accumulated); rejectionReason says why (rules.md §3.5). */
  | 'REJECTED'
  /** 已冲正: reversed; a negative ledger entry took back what was left of it (rules.md §3.3). */
  | 'REVERSED';

/** 机构类别: the kind of party to an agreement (rules.md §1). */
export type OrganizationKind =
  /** 医疗保障局 / 医疗保障服务中心 / 医疗保障事务中心: a medical-insurance agency, party A of every agreement. */
  | 'AGENCY'
  /** 商业保险机构(含分支机构): a commercial insurer, party B of handling and critical-illness agreements. */
  | 'INSURER'
  /** 定点医疗机构: a designated medical institution, party B of a designated-institution agreement. */
  | 'MEDICAL_INSTITUTION';

/** 性别: sex, derived from the ID number (GB 11643: the 17th digit, odd for men). */
export type Sex =
  /** 女: the 17th digit is even. */
  | 'FEMALE'
  /** 男: the 17th digit is odd. */
  | 'MALE';

/** 政策倾斜对象: special status of an insured person; any status but NONE takes the preferential schedule (Henan art. 14; rules.md §2). */
export type SpecialStatus =
  /** 特困人员: person in extreme poverty (art. 14). */
  | 'EXTREME_POVERTY'
  /** 低保对象: recipient of the minimum living allowance (art. 14). */
  | 'MINIMUM_LIVING'
  /** 普通人群: no special status; the general schedule (art. 13). */
  | 'NONE'
  /** 返贫致贫人口: person who fell (back) into poverty (art. 14). */
  | 'POVERTY_RELAPSE';

export type FirstLookQueryVariables = Exact<{ [key: string]: never; }>;


export type FirstLookQuery = { isWorkingDay: boolean, dueDirect: string, organizations: Array<{ code: string, name: string, kind: OrganizationKind, regionCode: string }>, agreements: { nodes: Array<{ id: string, code: string, status: AgreementStatus, terms:
        | { general: { deductible: string, annualCap: string | null, bands: Array<{ upTo: string | null, rate: string }> } }
        | Record<PropertyKey, never>
       }> } };

export type ForAClaimQueryVariables = Exact<{ [key: string]: never; }>;


export type ForAClaimQuery = { insuredPersonByIdNumber: { id: string, name: string, idNumber: string, specialStatus: SpecialStatus, accumulator: { eligibleTotal: string, benefitTotal: string, remainingCap: string | null }, claims: { nodes: Array<{ settlementNumber: string, dischargeDate: string, benefit: string, status: ClaimStatus }> } } | null, agreements: { nodes: Array<{ id: string, code: string }> }, handling: { nodes: Array<{ id: string, code: string }> }, organizations: Array<{ id: string, code: string, name: string }> };

export type AnAgreementQueryVariables = Exact<{
  agreementId: string;
}>;


export type AnAgreementQuery = { agreement: { code: string, title: string, kind: AgreementKind, status: AgreementStatus, effectiveFrom: string, effectiveTo: string, coveredRegions: Array<string>, partyA: { code: string, name: string }, partyB: { code: string, name: string }, terms:
      | { effectiveFrom: string, directPaymentWorkingDays: number, general: { deductible: string, annualCap: string | null, bands: Array<{ upTo: string | null, rate: string }> }, preferential: { deductible: string, annualCap: string | null, bands: Array<{ upTo: string | null, rate: string }> } }
      | Record<PropertyKey, never>
    , termsVersions: Array<
      | { effectiveFrom: string }
      | Record<PropertyKey, never>
    > } | null };

export type RegisterAPersonMutationVariables = Exact<{ [key: string]: never; }>;


export type RegisterAPersonMutation = { registerInsuredPerson: { id: string, name: string, idNumber: string, birthDate: string, sex: Sex, regionCode: string, specialStatus: SpecialStatus } };

export type SubmitAClaimMutationVariables = Exact<{
  agreementId: string;
  institutionId: string;
  personId: string;
}>;


export type SubmitAClaimMutation = { submitClaim: { id: string, status: ClaimStatus, schedule: string, eligibleSelfPay: string, cumulativeBefore: string, cumulativeAfter: string, benefit: string, paymentDueOn: string, bands: Array<{ upTo: string | null, rate: string, base: string, amount: string }> } };

export type QuoteQueryVariables = Exact<{
  agreementId: string;
}>;


export type QuoteQuery = { benefitQuote: { schedule: string, benefit: string, bands: Array<{ upTo: string | null, rate: string, base: string, amount: string }> } };

export type FeeStatementQueryVariables = Exact<{
  handlingAgreementId: string;
}>;


export type FeeStatementQuery = { handlingFeeStatement: { insuredCountBasis: number, annualFee: string, quarterlyFee: string, auditDeduction: string, breachDamages: string, savingsReward: string, netPayable: string, auditFinalized: boolean, breachCount: number, agreement: { code: string } } };

export type ClaimStatisticsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClaimStatisticsQuery = { claimStats: Array<{ keys: Array<string>, claimCount: number, totalCost: string, eligibleSelfPay: string, benefit: string }> };


export const FirstLookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FirstLook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isWorkingDay"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"StringValue","value":"2024-04-28","block":false}}]},{"kind":"Field","alias":{"kind":"Name","value":"dueDirect"},"name":{"kind":"Name","value":"addWorkingDays"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"StringValue","value":"2024-04-26","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"IntValue","value":"15"}}]},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"CRITICAL_ILLNESS"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriticalIllnessTerms"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"general"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deductible"}},{"kind":"Field","name":{"kind":"Name","value":"annualCap"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FirstLookQuery, FirstLookQueryVariables>;
export const ForAClaimDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ForAClaim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insuredPersonByIdNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"StringValue","value":"410305198503121236","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"specialStatus"}},{"kind":"Field","name":{"kind":"Name","value":"accumulator"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"IntValue","value":"2026"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligibleTotal"}},{"kind":"Field","name":{"kind":"Name","value":"benefitTotal"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCap"}}]}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settlementNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dischargeDate"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"CRITICAL_ILLNESS"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"handling"},"name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"COMMISSIONED_HANDLING"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"MEDICAL_INSTITUTION"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ForAClaimQuery, ForAClaimQueryVariables>;
export const AnAgreementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnAgreement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveTo"}},{"kind":"Field","name":{"kind":"Name","value":"coveredRegions"}},{"kind":"Field","name":{"kind":"Name","value":"partyA"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partyB"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriticalIllnessTerms"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}},{"kind":"Field","name":{"kind":"Name","value":"directPaymentWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"general"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deductible"}},{"kind":"Field","name":{"kind":"Name","value":"annualCap"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"preferential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deductible"}},{"kind":"Field","name":{"kind":"Name","value":"annualCap"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"termsVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CriticalIllnessTerms"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AnAgreementQuery, AnAgreementQueryVariables>;
export const RegisterAPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterAPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerInsuredPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"StringValue","value":"410305201806010028","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"试用参保人","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"StringValue","value":"410305","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"specialStatus"}}]}}]}}]} as unknown as DocumentNode<RegisterAPersonMutation, RegisterAPersonMutationVariables>;
export const SubmitAClaimDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAClaim"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"institutionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitClaim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"institutionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"institutionId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"insuredPersonId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"settlementNumber"},"value":{"kind":"StringValue","value":"SANDBOX-0001","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"DIRECT"}},{"kind":"ObjectField","name":{"kind":"Name","value":"admissionDate"},"value":{"kind":"StringValue","value":"2026-01-05","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"dischargeDate"},"value":{"kind":"StringValue","value":"2026-01-20","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"declaredOn"},"value":{"kind":"StringValue","value":"2026-01-22","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"totalCost"},"value":{"kind":"StringValue","value":"180000.00","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"basicFundPaid"},"value":{"kind":"StringValue","value":"30000.00","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleSelfPay"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeBefore"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeAfter"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"paymentDueOn"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"base"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitAClaimMutation, SubmitAClaimMutationVariables>;
export const QuoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Quote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"benefitQuote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreementId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"eligibleSelfPay"},"value":{"kind":"StringValue","value":"150000.00","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"base"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]} as unknown as DocumentNode<QuoteQuery, QuoteQueryVariables>;
export const FeeStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FeeStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"handlingAgreementId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handlingFeeStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agreementId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"handlingAgreementId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"IntValue","value":"2026"}},{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insuredCountBasis"}},{"kind":"Field","name":{"kind":"Name","value":"annualFee"}},{"kind":"Field","name":{"kind":"Name","value":"quarterlyFee"}},{"kind":"Field","name":{"kind":"Name","value":"auditDeduction"}},{"kind":"Field","name":{"kind":"Name","value":"breachDamages"}},{"kind":"Field","name":{"kind":"Name","value":"savingsReward"}},{"kind":"Field","name":{"kind":"Name","value":"netPayable"}},{"kind":"Field","name":{"kind":"Name","value":"auditFinalized"}},{"kind":"Field","name":{"kind":"Name","value":"breachCount"}}]}}]}}]} as unknown as DocumentNode<FeeStatementQuery, FeeStatementQueryVariables>;
export const ClaimStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClaimStatistics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"dischargedFrom"},"value":{"kind":"StringValue","value":"2026-01-01","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"dischargedTo"},"value":{"kind":"StringValue","value":"2026-12-31","block":false}}]}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"QUARTER"},{"kind":"EnumValue","value":"SCHEDULE"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keys"}},{"kind":"Field","name":{"kind":"Name","value":"claimCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCost"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleSelfPay"}},{"kind":"Field","name":{"kind":"Name","value":"benefit"}}]}}]}}]} as unknown as DocumentNode<ClaimStatisticsQuery, ClaimStatisticsQueryVariables>;