import type { DataSource } from 'typeorm';
import { badInput } from '../../shared/domain-error';
import { regionPrefix, requiredRegionCode } from '../../shared/region';
import { Region } from './region.entity';
import { RegionTable } from './rules/region-table';

/**
 * The administrative divisions (rules.md §11): the `region` table, read once per process and kept in memory. It is
 * about 3 300 rows and changes only by a migration, which runs before the server starts, so the copy never goes stale.
 * Every role may read it (runtime.md: reference data).
 */
export class RegionService {
  private loading?: Promise<RegionTable<Region>>;

  constructor(private readonly db: DataSource) {}

  /** The whole table in memory, read on first use (a failed read is retried by the next call). */
  table(): Promise<RegionTable<Region>> {
    this.loading ??= this.load().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async load(): Promise<RegionTable<Region>> {
    const rows = await this.db.getRepository(Region).find({ order: { code: 'ASC' } });
    return RegionTable.of(rows.map((r) => Object.freeze(r)));
  }

  /**
   * The division with this code, or null when the table has none (`region(code)`). A code that is not six digits is
   * BAD_USER_INPUT on `field`.
   */
  async byCode(code: string, field = 'code'): Promise<Region | null> {
    requiredRegionCode(field, code);
    return (await this.table()).get(code) ?? null;
  }

  /**
   * The divisions directly under `parentCode`, by code (`regions(parentCode)`): the provinces for null, a province's
   * cities (and its counties without a city: a municipality's districts, 济源), a city's counties, nothing under a
   * county. A code the table does not have is BAD_USER_INPUT on `field`.
   */
  async children(parentCode: string | null, field = 'parentCode'): Promise<readonly Region[]> {
    const table = await this.table();
    if (parentCode == null) {
      return table.children(null);
    }
    if (!table.get(requiredRegionCode(field, parentCode))) {
      throw badInput(field, `${leaf(field)} is not a known administrative division`);
    }
    return table.children(parentCode);
  }

  /** The parent of a division (null for a province), from the in-memory table. */
  async parentOf(region: Pick<Region, 'parentCode'>): Promise<Region | null> {
    return region.parentCode == null ? null : ((await this.table()).get(region.parentCode) ?? null);
  }

  /** The province of a code through the parent chain (rules.md §11), or null for a code the table does not have. */
  async provinceOf(code: string): Promise<Region | null> {
    return (await this.table()).provinceOf(code) ?? null;
  }

  /**
   * The city of a code through the parent chain (rules.md §11): a county-level division directly under its province
   * (济源 419001) is its own city, a municipality is the city of its districts and counties; null for another province
   * and for a code the table does not have. See `RegionTable.cityOf`.
   */
  async cityOf(code: string): Promise<Region | null> {
    return (await this.table()).cityOf(code) ?? null;
  }

  /**
   * A region filter's value checked against the table (rules.md §11, "Bad input"): a 2-digit province prefix (`41`),
   * a 4-digit city prefix (`4103`, or `4190`, `1101`: the counties directly under a province that share it), or a
   * six-digit code of the table. Answers the prefix to match codes by (`410000` → `41`, `410300` → `4103`, `410302`
   * stays); anything else is BAD_USER_INPUT on `field`, the value not repeated.
   */
  async knownRegionPrefix(field: string, value: string): Promise<string> {
    const table = await this.table();
    if (!table.isKnownPrefix(value)) {
      throw badInput(
        field,
        `${leaf(field)} must be a known administrative division code or its 2- or 4-digit prefix`,
      );
    }
    return value.length === 6 ? regionPrefix(value) : value;
  }
}

/** The last part of a field path (`filter.regionCode` → `regionCode`), as messages name it. */
const leaf = (field: string): string => field.split('.').pop() ?? field;
