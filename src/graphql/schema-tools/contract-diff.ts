import {
  astFromValue,
  DangerousChangeType,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  print,
  type GraphQLInputType,
} from 'graphql';

const show = (v: unknown, type: GraphQLInputType): string => {
  try {
    const ast = astFromValue(v, type);
    return ast ? print(ast) : String(v);
  } catch {
    return JSON.stringify(v);
  }
};

const asNumber = (s: string): number => {
  try {
    return Number(JSON.parse(s));
  } catch {
    return Number.NaN;
  }
};

/**
 * What the public contract promises and the emitted schema lacks or changed — the same checks as
 * ../shared/tools/contract-check.mjs: graphql-js breaking changes, changed argument defaults, changed input-field
 * defaults, and output fields the contract allows to be null that the schema makes non-null. One line per difference.
 */
export const contractDifferences = (contractSdl: string, schemaSdl: string): string[] => {
  const contract = buildSchema(contractSdl);
  const emitted = buildSchema(schemaSdl);
  const out: string[] = [];
  for (const c of findBreakingChanges(contract, emitted)) {
    out.push(`${c.type}: ${c.description}`);
  }
  for (const c of findDangerousChanges(contract, emitted)) {
    if (c.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE) {
      out.push(`${c.type}: ${c.description}`);
    }
  }
  for (const [name, ct] of Object.entries(contract.getTypeMap())) {
    const et = emitted.getType(name);
    if (name.startsWith('__') || !et) {
      continue;
    }
    if (isInputObjectType(ct) && isInputObjectType(et)) {
      const ef = et.getFields();
      for (const [fname, f] of Object.entries(ct.getFields())) {
        const e = ef[fname];
        if (!e || f.defaultValue === undefined) {
          continue;
        }
        const want = show(f.defaultValue, f.type);
        const got = e.defaultValue === undefined ? 'none' : show(e.defaultValue, e.type);
        const same =
          want === got || (!Number.isNaN(asNumber(want)) && asNumber(want) === asNumber(got));
        if (!same) {
          out.push(`INPUT_FIELD_DEFAULT_CHANGE: ${name}.${fname} default ${want} became ${got}.`);
        }
      }
    }
    if ((isObjectType(ct) || isInterfaceType(ct)) && (isObjectType(et) || isInterfaceType(et))) {
      const ef = et.getFields();
      for (const [fname, f] of Object.entries(ct.getFields())) {
        const e = ef[fname];
        if (e && !isNonNullType(f.type) && isNonNullType(e.type)) {
          out.push(
            `FIELD_MADE_NON_NULL: ${name}.${fname} may be null in the contract but is ${String(e.type)} in the schema.`,
          );
        }
      }
    }
  }
  return out;
};
