import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import {
  buildSchema,
  type ContainerType,
  type MiddlewareFn,
  type NonEmptyArray,
} from 'type-graphql';
import { AgreementResolver } from '../domain/agreement/agreement.resolver';
import { CalendarResolver } from '../domain/calendar/calendar.resolver';
import { ClaimResolver, InsuredPersonClaimsResolver } from '../domain/claim/claim.resolver';
import { InterviewResolver } from '../domain/fund/interview.resolver';
import {
  FundAppropriationResolver,
  FundClearingResolver,
  FundPublicationResolver,
} from '../domain/fund/fund.resolver';
import { MonthlyReportResolver } from '../domain/report/monthly-report.resolver';
import {
  AuditItemResolver,
  HandlingFeeStatementResolver,
  QuarterlyAuditResolver,
} from '../domain/handling/handling.resolver';
import { StaffingResolver } from '../domain/handling/staffing.resolver';
import {
  AgreementPenaltiesResolver,
  InspectionFindingResolver,
  InspectionResolver,
  PenaltyResolver,
} from '../domain/penalty/penalty.resolver';
import { AuditTrailResolver } from '../domain/audit-trail/audit-trail.resolver';
import { InsuredPersonResolver } from '../domain/insured-person/insured-person.resolver';
import { OrganizationResolver } from '../domain/organization/organization.resolver';
import type { Services } from '../services';
import { authChecker, denyUndeclaredRootFields } from './auth/auth-checker';
import { PageInfo } from './connection';
import type { Context } from './context';
import { refuseUnstorableText } from './plugins/text-guard';
import { enforceDeadline } from './plugins/time-limit';
import { DateTimeScalar, DecimalScalar, MoneyScalar } from './scalars';

/** Every resolver class; each is constructed once per server with its service. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  OrganizationResolver,
  CalendarResolver,
  AgreementResolver,
  InsuredPersonResolver,
  ClaimResolver,
  InsuredPersonClaimsResolver,
  HandlingFeeStatementResolver,
  QuarterlyAuditResolver,
  AuditItemResolver,
  StaffingResolver,
  FundClearingResolver,
  FundAppropriationResolver,
  FundPublicationResolver,
  MonthlyReportResolver,
  InterviewResolver,
  PenaltyResolver,
  InspectionResolver,
  InspectionFindingResolver,
  AgreementPenaltiesResolver,
  AuditTrailResolver,
];

/** Resolvers built with their services (type-graphql's container hook). */
const containerOf = (services: Services): ContainerType => {
  const instances = new Map<unknown, unknown>([
    [OrganizationResolver, new OrganizationResolver(services.organizations)],
    [CalendarResolver, new CalendarResolver(services.calendar)],
    [
      AgreementResolver,
      new AgreementResolver(services.agreements, services.terms, services.interviews),
    ],
    [InsuredPersonResolver, new InsuredPersonResolver(services.persons)],
    [
      ClaimResolver,
      new ClaimResolver(services.claims, services.claimQueries, services.claimAdjustments),
    ],
    [InsuredPersonClaimsResolver, new InsuredPersonClaimsResolver(services.claimQueries)],
    [HandlingFeeStatementResolver, new HandlingFeeStatementResolver(services.handling)],
    [QuarterlyAuditResolver, new QuarterlyAuditResolver(services.handling)],
    [AuditItemResolver, new AuditItemResolver(services.claimQueries)],
    [StaffingResolver, new StaffingResolver(services.staffing)],
    [FundClearingResolver, new FundClearingResolver(services.fund)],
    [FundAppropriationResolver, new FundAppropriationResolver()],
    [FundPublicationResolver, new FundPublicationResolver()],
    [MonthlyReportResolver, new MonthlyReportResolver(services.monthlyReports)],
    [InterviewResolver, new InterviewResolver(services.interviews)],
    [PenaltyResolver, new PenaltyResolver(services.penalties)],
    [InspectionResolver, new InspectionResolver(services.penalties)],
    [InspectionFindingResolver, new InspectionFindingResolver()],
    [AgreementPenaltiesResolver, new AgreementPenaltiesResolver(services.penalties)],
    [AuditTrailResolver, new AuditTrailResolver(services.audit)],
  ]);
  return {
    get: (cls) => {
      const instance = instances.get(cls);
      if (!instance) {
        throw new Error(`No instance for resolver ${String((cls as { name?: string }).name)}`);
      }
      return instance;
    },
  };
};

/**
 * The executable schema (code-first, type-graphql). Without services it is built for printing only
 * (`npm run schema:emit`, the schema test).
 */
/**
 * The three guards every resolver passes (deny-by-default, the request deadline, unstorable text), composed into one
 * middleware: type-graphql dispatches each global middleware through its own async step, which a 100-claim page with
 * three relations paid 900 times (issue 8); composed, they are plain calls.
 */
const fieldGuards: MiddlewareFn<Context> = (data, next) =>
  denyUndeclaredRootFields(data, () =>
    enforceDeadline(data, () => refuseUnstorableText(data, next)),
  );

export const buildJingbanSchema = async (services?: Services): Promise<GraphQLSchema> => {
  const schema = await buildSchema({
    resolvers,
    orphanedTypes: [PageInfo],
    container: services ? containerOf(services) : undefined,
    authChecker,
    authMode: 'error',
    globalMiddlewares: [fieldGuards],
    validate: false,
  });
  // The contract's scalars exist in the schema even before a field uses them.
  const config = schema.toConfig();
  return new GraphQLSchema({
    ...config,
    types: [...config.types, MoneyScalar, DecimalScalar, DateTimeScalar],
  });
};

/** The schema as committed in `schema/schema.graphql`: sorted SDL. */
export const printSortedSchema = (schema: GraphQLSchema): string =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
