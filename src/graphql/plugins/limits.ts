import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from '../context';

/**
 * The limits every request is held to (docs/security.md, "Query limits"; OWASP GraphQL Cheat Sheet). Tokens are counted
 * by graphql-js's own parser (`maxLexicalTokens`), so a document over the limit is refused as any syntax error is,
 * `GRAPHQL_PARSE_FAILED` with 400; depth, aliases and directives by graphql-armor while validating; the cost, which
 * must count list sizes, by graphql-query-complexity once the operation and its variables are known.
 */
export const QUERY_LIMITS = {
  /** Levels of selection below the operation (introspection, which the IDE needs, is exempt). */
  maxDepth: 10,
  /** Aliased fields in one operation. */
  maxAliases: 30,
  maxDirectives: 20,
  /** Lexical tokens of the query text (variables are not counted: batches travel in variables). */
  maxTokens: 5000,
  /**
   * Estimated cost: 1 a field; a paged field (`first` or `last`) multiplies its selection by the page size; a batch mutation
   * (`inputs`) costs 10 a input. `claims(first: 100)` with its relations is about 1 000; a 1 000-claim submitClaims
   * about 10 000; 100 persons each with 100 claims is refused.
   */
  maxCost: 50_000,
} as const;

/** Cost of one batch input: adjudicating a claim is the heaviest thing a request can ask. */
const BATCH_INPUT_COST = 10;

/** Paged fields cost their page size (`first`, `last`) times their selection; batch mutations their input count. */
const listEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (Array.isArray(args.inputs)) {
    return 1 + args.inputs.length * BATCH_INPUT_COST + childComplexity;
  }
  // `first` has a default (20) that applies even beside `last`: the larger of the two is the page asked for.
  const size = Math.max(
    typeof args.first === 'number' ? args.first : 0,
    typeof args.last === 'number' ? args.last : 0,
  );
  if (size > 0) {
    return 1 + size * Math.max(childComplexity, 1);
  }
  return undefined;
};

/** Costs already computed, per parsed document (Apollo reuses the document of the same query text). */
const costCache = new WeakMap<DocumentNode, Map<string, number>>();
/** Variables longer than this (a large batch) are costed each time rather than kept as a cache key. */
const CACHED_VARIABLES_MAX = 2_000;

/** The cost check, after the operation is resolved (variables known). */
const costPlugin = (schema: GraphQLSchema): ApolloServerPlugin<Context> => ({
  requestDidStart: () =>
    Promise.resolve({
      didResolveOperation({ request, document }) {
        const variables = request.variables ?? {};
        const json = JSON.stringify([request.operationName ?? null, variables]);
        const cacheable = json.length <= CACHED_VARIABLES_MAX;
        let costs = costCache.get(document);
        let cost = cacheable ? costs?.get(json) : undefined;
        if (cost === undefined) {
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables,
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution refuses them next, naming the field (format-error.ts).
            return Promise.resolve();
          }
          if (cacheable) {
            if (!costs || costs.size >= 100) {
              costs = new Map();
              costCache.set(document, costs);
            }
            costs.set(json, cost);
          }
        }
        if (cost > QUERY_LIMITS.maxCost) {
          throw new GraphQLError(
            `Query is too costly: its estimated cost ${cost} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for smaller pages or fewer nested lists`,
            { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
          );
        }
        return Promise.resolve();
      },
    }),
});

/** Plugins and validation rules for the limits; field suggestions are masked when `hideSuggestions`. */
export const queryLimits = (
  schema: GraphQLSchema,
  hideSuggestions: boolean,
): {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
} => {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // graphql-armor's token count parses the text a second time in a plugin hook, where a syntax error (its own or a
    // plain one) became an HTTP 500: graphql-js counts them while Apollo parses (parseOptions below).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: hideSuggestions },
  }).protect();
  return {
    plugins: [...(armor.plugins as ApolloServerPlugin<Context>[]), costPlugin(schema)],
    validationRules: armor.validationRules,
    parseOptions: { maxLexicalTokens: QUERY_LIMITS.maxTokens },
  };
};
