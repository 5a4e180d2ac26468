import {
  defaultFieldResolver,
  type GraphQLField,
  GraphQLSchema,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildSchema, type ContainerType, type NonEmptyArray } from 'type-graphql';
import { AgreementResolver } from './resolvers/agreement.resolver';
import { CalendarResolver } from './resolvers/calendar.resolver';
import { ClaimResolver, InsuredPersonClaimsResolver } from './resolvers/claim.resolver';
import { InterviewResolver } from './resolvers/interview.resolver';
import {
  FundAppropriationResolver,
  FundClearingResolver,
  FundPublicationResolver,
} from './resolvers/fund.resolver';
import { MonthlyReportResolver } from './resolvers/monthly-report.resolver';
import {
  AuditItemResolver,
  HandlingFeeStatementResolver,
  QuarterlyAuditResolver,
} from './resolvers/handling.resolver';
import { StaffingResolver } from './resolvers/staffing.resolver';
import {
  AgreementPenaltiesResolver,
  InspectionFindingResolver,
  InspectionResolver,
  PenaltyResolver,
} from './resolvers/penalty.resolver';
import { AuditTrailResolver } from './resolvers/audit-trail.resolver';
import { InsuredPersonResolver } from './resolvers/insured-person.resolver';
import { OrganizationResolver } from './resolvers/organization.resolver';
import { RegionResolver } from './resolvers/region.resolver';
import { ReviewProposalResolver } from './resolvers/review-proposal.resolver';
import { CriticalIllnessStatementResolver } from './resolvers/critical-illness-statement.resolver';
import type { Services } from '../services';
import { checkAccess } from './auth/auth-checker';
import { PageInfo } from './paging';
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
  RegionResolver,
  ReviewProposalResolver,
  CriticalIllnessStatementResolver,
];

/** Resolvers built with their services (type-graphql's container hook). */
const containerOf = (services: Services): ContainerType => {
  const instances = new Map<unknown, unknown>([
    [OrganizationResolver, new OrganizationResolver(services.organizations)],
    [CalendarResolver, new CalendarResolver(services.calendar)],
    [
      AgreementResolver,
      new AgreementResolver(
        services.agreements,
        services.terms,
        services.interviews,
        services.agreementStandings,
      ),
    ],
    [InsuredPersonResolver, new InsuredPersonResolver(services.persons)],
    [
      ClaimResolver,
      new ClaimResolver(
        services.claims,
        services.claimQueries,
        services.claimAdjustments,
        services.ledgers,
      ),
    ],
    [InsuredPersonClaimsResolver, new InsuredPersonClaimsResolver(services.claimQueries)],
    [HandlingFeeStatementResolver, new HandlingFeeStatementResolver(services.handling)],
    [QuarterlyAuditResolver, new QuarterlyAuditResolver(services.quarterlyAudits)],
    [AuditItemResolver, new AuditItemResolver(services.claimQueries)],
    [StaffingResolver, new StaffingResolver(services.staffing)],
    [FundClearingResolver, new FundClearingResolver(services.fund)],
    [FundAppropriationResolver, new FundAppropriationResolver()],
    [FundPublicationResolver, new FundPublicationResolver()],
    [MonthlyReportResolver, new MonthlyReportResolver(services.monthlyReports)],
    [InterviewResolver, new InterviewResolver(services.interviews)],
    [PenaltyResolver, new PenaltyResolver(services.penalties, services.penaltyQueries)],
    [InspectionResolver, new InspectionResolver(services.penalties, services.penaltyQueries)],
    [InspectionFindingResolver, new InspectionFindingResolver()],
    [AgreementPenaltiesResolver, new AgreementPenaltiesResolver(services.penaltyQueries)],
    [AuditTrailResolver, new AuditTrailResolver(services.audit)],
    [RegionResolver, new RegionResolver(services.regions)],
    [
      ReviewProposalResolver,
      new ReviewProposalResolver(services.claimAdjustments, services.reviewProposals),
    ],
    [
      CriticalIllnessStatementResolver,
      new CriticalIllnessStatementResolver(services.criticalIllnessStatements),
    ],
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
 * The guards every resolver passes, put around the resolvers graphql-js calls once the schema is built: on a root
 * field, who may call it (deny by default), the request deadline and unstorable text in its arguments, in that order;
 * on any other field with a resolver, the deadline. They were type-graphql middlewares (global, and `@Authorized` for
 * roles), which type-graphql dispatches through async steps around every resolver: a 100-claim page with three
 * relations paid them 300 times (docs/performance.md). As plain calls they cost nothing that shows. Fields read as
 * plain properties (`simpleResolvers`) have no resolver and need no guard, as before.
 */
const guardResolvers = (schema: GraphQLSchema): void => {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    const root = roots.has(type);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, Context>[]) {
      const resolve = field.resolve;
      if (root) {
        const inner = resolve ?? defaultFieldResolver;
        field.resolve = (source, args, context, info) => {
          checkAccess(field, context);
          enforceDeadline(context);
          refuseUnstorableText(args as Record<string, unknown>);
          return inner(source, args, context, info);
        };
      } else if (resolve) {
        field.resolve = (source, args, context, info) => {
          enforceDeadline(context);
          return resolve(source, args, context, info);
        };
      }
    }
  }
};

/**
 * The executable schema (code-first, type-graphql). Without services it is built for printing only
 * (`npm run schema:emit`, the schema test).
 */
export const buildJingbanSchema = async (services?: Services): Promise<GraphQLSchema> => {
  const schema = await buildSchema({
    resolvers,
    orphanedTypes: [PageInfo],
    container: services ? containerOf(services) : undefined,
    validate: false,
  });
  // The contract's scalars exist in the schema even before a field uses them.
  const config = schema.toConfig();
  const executable = new GraphQLSchema({
    ...config,
    types: [...config.types, MoneyScalar, DecimalScalar, DateTimeScalar],
  });
  guardResolvers(executable);
  return executable;
};

/** The schema as committed in `schema/schema.graphql`: sorted SDL. */
export const printSortedSchema = (schema: GraphQLSchema): string =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
