import { Agreement } from '../domain/agreement/agreement.entity';
import { AuditTrailEntry } from '../domain/audit-trail/audit-trail.entity';
import { Claim } from '../domain/claim/claim.entity';
import { ClaimReviewProposal } from '../domain/claim/claim-review-proposal.entity';
import { InsuredPerson } from '../domain/insured-person/insured-person.entity';
import { PersonAccessLogEntry } from '../domain/insured-person/person-access-log.entity';
import { connectionType } from './paging';

/** Every connection type of the schema (src/graphql/paging.ts), each made once. */

export const AgreementConnection = connectionType('Agreement', Agreement, {
  connection: '协议分页: a page of agreements, by code.',
  nodes: '本页协议: the agreements of this page.',
  totalCount: '总数: agreements matching the filter, all pages.',
  edge: '协议分页项: an agreement of a page, with its cursor.',
});

export const InsuredPersonConnection = connectionType('InsuredPerson', InsuredPerson, {
  connection: '参保人员分页: a page of insured persons, by region code then id.',
  nodes: '本页人员: the persons of this page.',
  totalCount: '总数: persons you may see matching the filter, all pages.',
  edge: '参保人员分页项: a person of a page, with its cursor.',
});

export const ClaimConnection = connectionType('Claim', Claim, {
  connection: '理赔分页: a page of claims, latest discharge first.',
  nodes: '本页理赔: the claims of this page.',
  totalCount: '总数: claims you may see matching the filter, all pages.',
  edge: '理赔分页项: a claim of a page, with its cursor.',
});

export const AccessLogConnection = connectionType('AccessLog', PersonAccessLogEntry, {
  connection: '查阅记录分页: a page of access-log entries, newest first.',
  nodes: '本页记录: the entries of this page.',
  totalCount: '总数: entries you may see matching the filter, all pages.',
  edge: '查阅记录分页项: an access-log entry of a page, with its cursor.',
});

export const AuditTrailConnection = connectionType('AuditTrail', AuditTrailEntry, {
  connection: '操作留痕分页: a page of the audit trail, newest first.',
  nodes: '本页记录: the entries of this page.',
  totalCount: '总数: entries you may see matching the filter, all pages.',
  edge: '操作留痕分页项: an audit-trail entry of a page, with its cursor.',
});

export const ClaimReviewProposalConnection = connectionType(
  'ClaimReviewProposal',
  ClaimReviewProposal,
  {
    connection:
      '审核意见分页: a page of review proposals (Henan art. 16; rules.md §10.2), oldest notice first.',
    nodes: '本页审核意见: the proposals of this page.',
    totalCount: '总数: proposals you may see with this status, all pages.',
    edge: '审核意见分页项: a proposal of a page, with its cursor.',
  },
);
