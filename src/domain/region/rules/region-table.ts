/** 行政区划级别: the three levels of the table (rules.md §11). */
export type RegionLevelName = 'PROVINCE' | 'CITY' | 'COUNTY';

/** One administrative division as the table holds it: six-digit code, name, level, the code of its parent. */
export interface RegionNode {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevelName;
  /** Null for a province, else the division it belongs to: a city's province, a county's city or province. */
  readonly parentCode: string | null;
}

/** A row of a snapshot (`migrations/data/regions-<year>.ts`): `[code, name, level, parentCode]`. */
export type RegionRow = readonly [
  code: string,
  name: string,
  level: RegionLevelName,
  parentCode: string | null,
];

const CODE = /^[1-9]\d{5}$/;

/**
 * Why `rows` cannot be the region table, or an empty list. The invariants every snapshot keeps (rules.md §11):
 * codes are six digits and unique; a province `xx0000` has no parent; a city `xxyy00` belongs to the province `xx0000`;
 * a county belongs to the city of its first four digits (`xxyyzz` → `xxyy00`) or, when no such city exists (a
 * municipality's districts and counties, a county-level division directly under its province such as 济源 419001),
 * directly to the province `xx0000`; every parent is in the table.
 */
export const regionTableProblems = (rows: readonly RegionNode[]): string[] => {
  const problems: string[] = [];
  const byCode = new Map<string, RegionNode>();
  for (const r of rows) {
    if (!CODE.test(r.code)) {
      problems.push(`${r.code}: not a six-digit code`);
    } else if (byCode.has(r.code)) {
      problems.push(`${r.code}: listed twice`);
    }
    if (r.name.trim() === '') {
      problems.push(`${r.code}: no name`);
    }
    byCode.set(r.code, r);
  }
  for (const r of rows) {
    const province = `${r.code.slice(0, 2)}0000`;
    const city = `${r.code.slice(0, 4)}00`;
    const parent = r.parentCode == null ? undefined : byCode.get(r.parentCode);
    if (r.parentCode != null && !parent) {
      problems.push(`${r.code}: parent ${r.parentCode} is not in the table`);
      continue;
    }
    switch (r.level) {
      case 'PROVINCE':
        if (r.code !== province || r.parentCode != null) {
          problems.push(`${r.code}: a province is xx0000 and has no parent`);
        }
        break;
      case 'CITY':
        if (r.code !== city || r.code === province || r.parentCode !== province) {
          problems.push(`${r.code}: a city is xxyy00 under its province ${province}`);
        }
        break;
      case 'COUNTY': {
        const expected = byCode.get(city)?.level === 'CITY' ? city : province;
        if (r.code === city || r.parentCode !== expected) {
          problems.push(`${r.code}: a county belongs to ${expected}`);
        }
        break;
      }
      default:
        problems.push(`${r.code}: unknown level ${String(r.level)}`);
    }
  }
  return problems;
};

/**
 * The region table in memory (rules.md §11): look-ups by code, children, and a code's province and city through the
 * parent chain. Immutable; built once from the whole table, which is small (about 3 300 rows) and changes only by a
 * migration. Generic over the node type so that the service can hold its GraphQL objects in it.
 */
export class RegionTable<T extends RegionNode = RegionNode> {
  private readonly byCode: ReadonlyMap<string, T>;
  private readonly childrenOf: ReadonlyMap<string | null, readonly T[]>;
  /** 4-digit prefixes of counties that hang directly under their province (`4190`, `1101`, `5002`, …). */
  private readonly directCountyGroups: ReadonlySet<string>;

  private constructor(nodes: readonly T[]) {
    const sorted = [...nodes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.byCode = new Map(sorted.map((n) => [n.code, n]));
    const children = new Map<string | null, T[]>();
    const groups = new Set<string>();
    for (const n of sorted) {
      const list = children.get(n.parentCode) ?? [];
      list.push(n);
      children.set(n.parentCode, list);
      if (n.level === 'COUNTY' && this.byCode.get(n.parentCode ?? '')?.level === 'PROVINCE') {
        groups.add(n.code.slice(0, 4));
      }
    }
    this.childrenOf = children;
    this.directCountyGroups = groups;
  }

  /** The table of `nodes`; throws when they break an invariant of {@link regionTableProblems}. */
  static of<T extends RegionNode>(nodes: readonly T[]): RegionTable<T> {
    const problems = regionTableProblems(nodes);
    if (problems.length > 0) {
      throw new Error(
        `Not a region table (${problems.length} problems): ${problems.slice(0, 5).join('; ')}`,
      );
    }
    return new RegionTable(nodes);
  }

  get size(): number {
    return this.byCode.size;
  }

  /** Every division, by code. */
  all(): readonly T[] {
    return [...this.byCode.values()];
  }

  /** The division with this code, or undefined. */
  get(code: string): T | undefined {
    return this.byCode.get(code);
  }

  /** The divisions directly under `parentCode`, by code; the provinces for null; none for an unknown code. */
  children(parentCode: string | null): readonly T[] {
    return this.childrenOf.get(parentCode) ?? [];
  }

  /** The division's parent, or undefined for a province or an unknown code. */
  parentOf(code: string): T | undefined {
    const parentCode = this.byCode.get(code)?.parentCode;
    return parentCode == null ? undefined : this.byCode.get(parentCode);
  }

  /** The province a division lies in (a province is its own), through the parent chain; undefined for an unknown code. */
  provinceOf(code: string): T | undefined {
    let node = this.byCode.get(code);
    while (node && node.parentCode != null) {
      node = this.byCode.get(node.parentCode);
    }
    return node;
  }

  /**
   * Whether a province is a municipality (直辖市: 北京, 天津, 上海, 重庆), read from the table: a province with no
   * city under it, its districts and counties hanging directly from it.
   */
  isMunicipality(code: string): boolean {
    const node = this.byCode.get(code);
    return (
      node?.level === 'PROVINCE' && !this.children(code).some((child) => child.level === 'CITY')
    );
  }

  /**
   * The city a division counts in (rules.md §11: "A code's province and city come from the table's parent chain"):
   * a city is its own; a county counts in its parent city; a county directly under its province counts as its own city
   * (济源 419001, 仙桃, 神农架林区, 五指山, 定安县, 石河子: the 省直辖县级行政区划, which statistics list beside the
   * cities), except under a municipality, which is itself the city of its districts and counties (北京市 for 110101);
   * a municipality is its own city. Undefined for any other province (河南省 is in no city) and for an unknown code.
   */
  cityOf(code: string): T | undefined {
    const node = this.byCode.get(code);
    if (!node) {
      return undefined;
    }
    switch (node.level) {
      case 'CITY':
        return node;
      case 'PROVINCE':
        return this.isMunicipality(node.code) ? node : undefined;
      case 'COUNTY': {
        const parent = this.byCode.get(node.parentCode ?? '');
        if (parent?.level === 'CITY') {
          return parent;
        }
        return parent && this.isMunicipality(parent.code) ? parent : node;
      }
    }
  }

  /**
   * Whether `prefix` names divisions of the table, as a region filter or token takes them: 2 digits, a province
   * (`41` → 410000); 4 digits, a city (`4103` → 410300) or the counties directly under a province that share them (`4190`:
   * 济源; `1101`: 北京's districts); 6 digits, a division of the table.
   */
  isKnownPrefix(prefix: string): boolean {
    switch (prefix.length) {
      case 2:
        return /^[1-9]\d$/.test(prefix) && this.byCode.get(`${prefix}0000`)?.level === 'PROVINCE';
      case 4:
        return (
          /^[1-9]\d{3}$/.test(prefix) &&
          (this.byCode.get(`${prefix}00`)?.level === 'CITY' || this.directCountyGroups.has(prefix))
        );
      case 6:
        return this.byCode.has(prefix);
      default:
        return false;
    }
  }
}

/** The nodes of a snapshot's rows. */
export const regionNodesOf = (rows: readonly RegionRow[]): RegionNode[] =>
  rows.map(([code, name, level, parentCode]) => ({ code, name, level, parentCode }));
