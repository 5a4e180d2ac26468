import { GraphQLError, type GraphQLScalarType } from 'graphql';

/**
 * graphql-js reports a scalar's own error for a bad inline literal as it is, without the literal's node; attach the
 * node so the error formatter can name the argument at fault (`input.totalCost`).
 */
export const locateLiteralErrors = <T extends GraphQLScalarType>(scalar: T): T => {
  const parse = scalar.parseLiteral.bind(scalar);
  (scalar as { parseLiteral: GraphQLScalarType['parseLiteral'] }).parseLiteral = (
    ast,
    variables,
  ) => {
    try {
      return parse(ast, variables);
    } catch (e) {
      if (e instanceof GraphQLError && !e.nodes) {
        throw new GraphQLError(e.message, {
          nodes: ast,
          extensions: e.extensions,
          originalError: e,
        });
      }
      throw e;
    }
  };
  return scalar;
};
