import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * The name of the root field a resolver runs under (`insuredPersons` for `insuredPersons { nodes { idNumber } }`), for
 * logs that say which operation read what. Aliases are resolved to the field's own name.
 */
export const rootFieldOf = (info: GraphQLResolveInfo): string => {
  let path = info.path;
  while (path.prev) {
    path = path.prev;
  }
  const key = String(path.key);
  for (const s of info.operation.selectionSet.selections) {
    if (s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key) {
      return s.name.value;
    }
  }
  return key;
};
