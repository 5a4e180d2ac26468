import type Decimal from 'decimal.js';
import { Money } from '../../../shared/money';
import { clearFund } from '../../fund/rules/fund-clearing.rule';
import { addFen, FenColumn, FenSum, moneyOfFen, type Fen } from './fen-amounts.rule';
import type { PersonReplay, ReplayMismatch } from './year-replay.rule';

/** What the year's clearing (rules.md §4) needs beside the benefits; the job passes it when a raised amount is recorded. */
export interface ClearingTerms {
  /** 筹集资金总额 of the year (Henan art. 20): the latest recorded amount. */
  readonly raised: Decimal;
  readonly riskReserveRate: Decimal;
  readonly assessmentDepositRate: Decimal;
  readonly profitCapRate: Decimal;
  /** The year's cleared deposit-return ratio (arts. 22, 36); null: none cleared yet, 1 is taken (rules.md §12). */
  readonly depositReturnRatio: Decimal | null;
}

export interface SimulationTallyOptions {
  /** The city of a region code (the region table's parent chain; until it exists, e.g. the code's first four digits). */
  readonly cityOf: (regionCode: string) => string;
  /** Null when no raised amount is recorded for the year: the figures' `surplus` is then null. */
  readonly clearing: ClearingTerms | null;
}

/** One side of a simulation's figures (contract `SimulationFigures`). */
export interface SimulationFiguresValue {
  /** The simulated agreement's benefits of the year, net of adjustments. */
  readonly benefit: Decimal;
  /** Of which claims adjudicated under the general schedule. */
  readonly general: Decimal;
  /** Of which claims adjudicated under the preferential schedule. */
  readonly preferential: Decimal;
  /** Persons whose benefits under the agreement (net) are above 0. */
  readonly personsWithBenefit: number;
  /** Persons whose year reaches the annual cap (`PersonReplay.baselineCapped` / `simulatedCapped`). */
  readonly personsCapped: number;
  /** Claims of the agreement whose benefit net of their adjustments is above 0. */
  readonly claimsWithBenefit: number;
  /** Per-person benefit (net, under the agreement) at the 50th, 90th and 99th percentiles, nearest rank. */
  readonly p50: Decimal;
  readonly p90: Decimal;
  readonly p99: Decimal;
  /** The clearing's `surplus` (negative: a loss) under these benefits; null without a raised amount. */
  readonly surplus: Decimal | null;
}

/** One city's benefits, baseline beside simulated (contract `SimulationCityLine`, before names are looked up). */
export interface SimulationCityValue {
  readonly cityCode: string;
  readonly baselineBenefit: Decimal;
  readonly simulatedBenefit: Decimal;
}

/** A simulation's result (contract `SimulationResult`). */
export interface SimulationTallyValue {
  /** Every person's baseline reproduced every recorded figure. */
  readonly baselineMatches: boolean;
  /** The first difference in the order persons were added, or null. */
  readonly firstMismatch: ReplayMismatch | null;
  /** Persons with a claim under the agreement. */
  readonly persons: number;
  /** The agreement's claims replayed. */
  readonly claims: number;
  readonly baseline: SimulationFiguresValue;
  readonly simulated: SimulationFiguresValue;
  /** By city code, ascending. */
  readonly byCity: readonly SimulationCityValue[];
}

/** One city's running benefits. */
interface CityLine {
  readonly baseline: FenSum;
  readonly simulated: FenSum;
}

/** The percentiles §12 reports. */
const PERCENTILES = [50, 90, 99] as const;

/** One side's running figures. */
class SideTally {
  readonly benefit = new FenSum();
  readonly general = new FenSum();
  readonly preferential = new FenSum();
  personsWithBenefit = 0;
  personsCapped = 0;
  claimsWithBenefit = 0;
  readonly perPerson = new FenColumn();

  figures(clearing: ClearingTerms | null): SimulationFiguresValue {
    const [p50, p90, p99] = this.perPerson.nearestRanks(PERCENTILES).map(moneyOfFen);
    const benefit = this.benefit.money;
    return {
      benefit,
      general: this.general.money,
      preferential: this.preferential.money,
      personsWithBenefit: this.personsWithBenefit,
      personsCapped: this.personsCapped,
      claimsWithBenefit: this.claimsWithBenefit,
      p50: p50!,
      p90: p90!,
      p99: p99!,
      surplus:
        clearing &&
        clearFund({
          raised: clearing.raised,
          benefits: benefit,
          riskReserveRate: clearing.riskReserveRate,
          assessmentDepositRate: clearing.assessmentDepositRate,
          profitCapRate: clearing.profitCapRate,
          depositReturnRatio: clearing.depositReturnRatio ?? new Money(1),
          // The surplus does not depend on it (only the split of a loss does).
          policyLoss: false,
        }).surplus,
    };
  }
}

/**
 * The figures of a simulation (rules.md §12), fed one replayed person at a time so that a job can stream persons with a
 * cursor and never hold the year: a few running sums, one count per city, and one amount per person (8 bytes) for the
 * percentiles. Baseline beside simulated: total benefit (net of adjustments, as the fund counts it, §4); by schedule
 * (the schedule kind a claim was adjudicated under); by city; persons with a benefit; persons reaching the cap; claims
 * with a benefit above 0; per-person percentiles 50, 90, 99 (nearest rank over the persons with a claim under the
 * agreement, 0 included); the clearing's surplus under each side's benefits. A person with no claim under the
 * agreement adds nothing but the self-check.
 */
export class SimulationTally {
  private readonly baseline = new SideTally();
  private readonly simulated = new SideTally();
  private readonly cities = new Map<string, CityLine>();
  /** Each region code's city line, looked up once. */
  private readonly cityByRegion = new Map<string, CityLine>();
  private mismatch: ReplayMismatch | null = null;
  private personCount = 0;
  private claimCount = 0;

  constructor(private readonly options: SimulationTallyOptions) {}

  /** Adds one person's replay. */
  add(person: PersonReplay): void {
    if (person.mismatch && !this.mismatch) {
      this.mismatch = person.mismatch;
    }
    if (person.claims.length === 0) {
      return;
    }
    this.personCount += 1;
    this.claimCount += person.claims.length;
    let baselineTotal: Fen = 0;
    let simulatedTotal: Fen = 0;
    for (const c of person.claims) {
      const city = this.cityOf(c.regionCode);
      city.baseline.add(c.baselineNet);
      city.simulated.add(c.simulatedNet);
      baselineTotal = addFen(baselineTotal, c.baselineNet);
      simulatedTotal = addFen(simulatedTotal, c.simulatedNet);
      claimLine(this.baseline, c.schedule, c.baselineNet);
      claimLine(this.simulated, c.schedule, c.simulatedNet);
    }
    personLine(this.baseline, baselineTotal, person.baselineCapped);
    personLine(this.simulated, simulatedTotal, person.simulatedCapped);
  }

  /** The first mismatch so far (a job may stop at it), or null. */
  get firstMismatch(): ReplayMismatch | null {
    return this.mismatch;
  }

  /** Persons with a claim under the agreement added so far. */
  get persons(): number {
    return this.personCount;
  }

  /** The agreement's claims added so far. */
  get claims(): number {
    return this.claimCount;
  }

  /** The figures so far. */
  result(): SimulationTallyValue {
    return {
      baselineMatches: this.mismatch === null,
      firstMismatch: this.mismatch,
      persons: this.personCount,
      claims: this.claimCount,
      baseline: this.baseline.figures(this.options.clearing),
      simulated: this.simulated.figures(this.options.clearing),
      byCity: [...this.cities.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([cityCode, v]) => ({
          cityCode,
          baselineBenefit: v.baseline.money,
          simulatedBenefit: v.simulated.money,
        })),
    };
  }

  private cityOf(regionCode: string): CityLine {
    let line = this.cityByRegion.get(regionCode);
    if (line === undefined) {
      const code = this.options.cityOf(regionCode);
      line = this.cities.get(code);
      if (!line) {
        line = { baseline: new FenSum(), simulated: new FenSum() };
        this.cities.set(code, line);
      }
      this.cityByRegion.set(regionCode, line);
    }
    return line;
  }
}

const claimLine = (side: SideTally, schedule: string, net: Fen): void => {
  side.benefit.add(net);
  (schedule === 'PREFERENTIAL' ? side.preferential : side.general).add(net);
  if (net > 0) {
    side.claimsWithBenefit += 1;
  }
};

const personLine = (side: SideTally, total: Fen, capped: boolean): void => {
  side.perPerson.push(total);
  if (total > 0) {
    side.personsWithBenefit += 1;
  }
  if (capped) {
    side.personsCapped += 1;
  }
};

/** A mismatch as a simulation's `failure` names it: the claim, the entry, what was recorded and what the replay gave. */
export const describeMismatch = (m: ReplayMismatch): string =>
  `the replay under the terms in force differs from the ledger at claim ${m.claimId} (${m.kind} entry, ` +
  `${m.field}): recorded ${m.expected}, replayed ${m.got}`;
