import { hash, randomUUID } from 'node:crypto';
import type { CriticalIllnessTermsValue } from '../src/domain/agreement/terms/terms.model';
import { termsVersionOn } from '../src/domain/agreement/rules/terms-in-force.rule';
import { maskIdNumber } from '../src/domain/insured-person/rules/id-number-mask.rule';
import {
  addWorkingDays,
  type WorkingDayCalendar,
} from '../src/domain/calendar/rules/working-days.rule';
import { ClaimChannel, ClaimStatus, ScheduleKind } from '../src/domain/claim/claim.enums';
import { scheduleOf } from '../src/domain/claim/claim-mappers';
import { checkClaimInput } from '../src/domain/claim/rules/claim-input.rule';
import {
  designationGate,
  type DesignationAgreement,
} from '../src/domain/claim/rules/designation.rule';
import { SpecialStatus } from '../src/domain/insured-person/insured-person.enums';
import {
  checkCharacter,
  parseResidentId,
} from '../src/domain/insured-person/rules/resident-id.rule';
import { specialStatusOn } from '../src/domain/insured-person/rules/special-status.rule';
import { addDays, dateOf, daysInMonth } from '../src/shared/calendar-date';
import { Money } from '../src/shared/money';
import type { PiiCipher } from '../src/shared/pii-cipher';
import {
  fenAdjustmentDelta,
  fenClaimBenefit,
  fenSchedule,
  FenVerifier,
  FEN_LIMIT,
  bandsJson,
  yuan,
  type FenSchedule,
} from './fen-benefit';
import { BASIC_DEDUCTIBLE_FEN, CITIES, GIVEN, SURNAMES } from './henan';

/** The reference data a province is generated against (seeded through the services, bench-db.ts). */
export interface Hospital {
  readonly id: string;
  readonly code: string;
  readonly city: number;
  readonly rank: number;
  readonly designations: readonly DesignationAgreement[];
}

export interface Reference {
  readonly year: number;
  readonly agreement: {
    readonly id: string;
    readonly code: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string;
  };
  readonly versions: readonly {
    readonly id: string;
    readonly effectiveFrom: string;
    readonly terms: CriticalIllnessTermsValue;
  }[];
  readonly hospitals: readonly Hospital[];
  readonly calendar: WorkingDayCalendar;
}

export interface ProvinceOptions {
  readonly persons: number;
  readonly claims: number;
  readonly seed: number;
  /** Check one claim in this many against the real rule, and one in ten of those the cap or floor cut. */
  readonly verifyEvery: number;
  /** "Today" for the resident-ID rule (no birth date after it). */
  readonly today: string;
}

/** A small seeded generator (mulberry32) answering floats in [0, 1). */
export const rng = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
export type Rng = ReturnType<typeof rng>;

/** A well-mixed 32-bit seed for stream `stream` of item `i` (murmur3's finaliser), so neighbouring persons differ. */
export const mix = (seed: number, stream: number, i: number): number => {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

const int = (r: Rng, n: number): number => Math.floor(r() * n);
/** Log-uniform amount in yuan between lo and hi, as whole fen. */
const logUniformFen = (r: Rng, lo: number, hi: number): number =>
  Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))) * 100);
const expo = (r: Rng, mean: number): number => -Math.log(1 - r()) * mean;

/** Illness severity of a person for the year: light (most), moderate, severe (the tail that reaches the cap). */
const enum Severity {
  Light = 0,
  Moderate = 1,
  Severe = 2,
}

/** The eligible self-pay (合规自付) of one settlement, in fen, by the person's severity. */
const eligibleFen = (r: Rng, severity: Severity): number => {
  const u = r();
  switch (severity) {
    case Severity.Light:
      return u < 0.85 ? logUniformFen(r, 80, 2_500) : logUniformFen(r, 2_500, 9_000);
    case Severity.Moderate:
      return u < 0.5
        ? logUniformFen(r, 1_500, 12_000)
        : u < 0.95
          ? logUniformFen(r, 12_000, 60_000)
          : logUniformFen(r, 60_000, 160_000);
    default:
      return u < 0.3
        ? logUniformFen(r, 8_000, 40_000)
        : u < 0.85
          ? logUniformFen(r, 40_000, 120_000)
          : logUniformFen(r, 120_000, 350_000);
  }
};

/** One generated settlement, amounts in fen (the order of `components` is that of SettlementComponents). */
export interface GeneratedClaim {
  readonly hospital: number;
  readonly channel: ClaimChannel;
  /** Indices of the discharge and declaration days in the province's day table. */
  readonly dischargeDay: number;
  readonly declaredDay: number;
  readonly admission: string;
  readonly discharge: string;
  readonly declared: string;
  /** totalCost, basicFundPaid, outOfCatalogCost, classBFirstPay, belowBasicDeductible, transferReduction,
   * overFixedRate, medicalAssistancePaid, otherExcludedCost. */
  readonly components: readonly number[];
  readonly eligible: number;
}

export const COMPONENT_FIELDS = [
  'totalCost',
  'basicFundPaid',
  'outOfCatalogCost',
  'classBFirstPay',
  'belowBasicDeductible',
  'transferReduction',
  'overFixedRate',
  'medicalAssistancePaid',
  'otherExcludedCost',
] as const;

/** A generated person as the loader writes it. */
export interface GeneratedPerson {
  readonly id: string;
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly regionCode: string;
  readonly city: number;
  readonly severity: Severity;
  /** The special-status history (at most one entry), `NONE` when empty. */
  readonly status: SpecialStatus;
  readonly statusFrom: string | null;
}

/**
 * COPY text (tab-separated, `\N` for null, one row a line) written straight into 1 MiB buffers: row strings die young
 * instead of living on as one long string until the wave is written, which the garbage collector would copy around.
 */
const CHUNK = 1 << 20;

export class CopyText {
  readonly chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;

  add(row: string): void {
    if (this.pos + row.length * 3 > this.buf.length) {
      this.flush();
      if (row.length * 3 > this.buf.length) {
        this.buf = Buffer.allocUnsafe(row.length * 3);
      }
    }
    this.pos += this.buf.write(row, this.pos, 'utf8');
  }

  /** The buffers written so far; the text is complete after this. */
  done(): Buffer[] {
    this.flush();
    return this.chunks;
  }

  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0) + this.pos;
  }

  private flush(): void {
    if (this.pos > 0) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.pos = 0;
    }
  }
}

/** Rows of one wave by table, and their count. */
export interface WaveText {
  persons: CopyText;
  personKeys: CopyText;
  statuses: CopyText;
  accumulators: CopyText;
  claims: CopyText;
  ledger: CopyText;
  keys: CopyText;
  rows: number;
}

/** The tables the loader writes, in foreign-key order, with the columns it gives (the rest take their defaults). */
export const LOAD_TABLES = [
  {
    key: 'persons',
    table: 'insured_person',
    columns:
      'id, id_number_hash, id_number_enc, id_number_key_id, id_number_masked, name, sex, birth_date, region_code',
  },
  {
    key: 'personKeys',
    table: 'insured_person_key',
    columns: 'id_number_hash, insured_person_id',
  },
  {
    key: 'statuses',
    table: 'person_special_status',
    columns: 'insured_person_id, status, effective_from',
  },
  {
    key: 'accumulators',
    table: 'accumulator',
    columns: 'insured_person_id, year, eligible_total, benefit_total, entry_count',
  },
  {
    key: 'claims',
    table: 'claim',
    columns:
      'insured_person_id, id, agreement_id, institution_id, settlement_number, channel, admission_date, ' +
      'discharge_date, declared_on, total_cost, basic_fund_paid, out_of_catalog_cost, class_b_first_pay, ' +
      'below_basic_deductible, transfer_reduction, over_fixed_rate, medical_assistance_paid, other_excluded_cost, ' +
      'eligible_self_pay, schedule, terms_version_id, accumulator_year, cumulative_before, cumulative_after, ' +
      'benefit, bands, status, rejection_reason, payment_due_on, paid_on, region_code, payload_hash',
  },
  {
    key: 'ledger',
    table: 'ledger_entry',
    columns:
      'insured_person_id, year, claim_id, kind, eligible_delta, benefit_delta, cumulative_before, cumulative_after, reason',
  },
  {
    key: 'keys',
    table: 'claim_idempotency',
    columns: 'institution_id, settlement_number, insured_person_id, claim_id, payload_hash',
  },
] as const satisfies readonly { key: keyof WaveText; table: string; columns: string }[];

/** An entry of a special-status history (specialStatusOn). */
export type StatusEntry = {
  readonly status: SpecialStatus;
  readonly effectiveFrom: string;
  readonly id: number | string;
};

/** A person-year's running balance in fen while its claims are adjudicated. */
export interface Balance {
  eligible: number;
  benefit: number;
  entries: number;
}

/** One adjudicated settlement, ready to be written (amounts in fen). */
export interface Settled {
  readonly claimId: string;
  readonly hospitalId: string;
  readonly sn: string;
  readonly kind: ScheduleKind;
  readonly version: number;
  readonly versionId: string;
  readonly due: string;
  /** The nine components as money strings, in SettlementComponents order. */
  readonly parts: readonly string[];
  readonly payloadHash: string;
  readonly rejection: string | null;
  readonly before: number;
  after: number;
  benefit: number;
  /** The stored `bands` JSON. */
  bands: string;
  underDeductible?: boolean;
}

/** Counters of what was generated (reported with the figures). */
export interface ProvinceStats {
  persons: number;
  specialPersons: number;
  midYearStatusChanges: number;
  claims: number;
  rejected: number;
  preferentialClaims: number;
  zeroBenefitClaims: number;
  underDeductibleClaims: number;
  cappedPersonYears: number;
  reviews: number;
  benefitFen: number;
  verifiedAgainstRule: number;
  verifiedEligible: number;
}

const STATUSES = [
  SpecialStatus.EXTREME_POVERTY,
  SpecialStatus.MINIMUM_LIVING,
  SpecialStatus.POVERTY_RELAPSE,
];
const REVIEW_RATE = 0.01;
const ID_SAMPLES = 20;
const REVIEW_REASON = '示例: 人工抽审, 部分费用不符合目录规定';

/**
 * The synthetic province (docs/performance.md): persons in the seven cities of the Henan contract, a year of
 * critical-illness claims at their designated hospitals, adjudicated in TypeScript with the project's rules — the
 * designation gate, the special status on the discharge date, the terms version in force, the payment due date on the
 * working-day calendar, and the benefit on the annual ledger (integer fen, checked against `claimBenefit`) — and
 * rendered as the rows the claim service would have written: claims, idempotency keys, ledger entries (a claim entry
 * for each settled claim, and a review for about 1% of paid ones), and the accumulators with the totals of their
 * entries.
 *
 * Persons are generated independently of each other from `seed`, so a wave of persons can be built while the previous
 * one is being written. Claim counts per person are drawn up front and scaled so that the province has exactly
 * `claims` claims: most persons have a few small claims under the deductible; a few percent are severely ill and reach
 * the annual cap; 5% have a special status (a few of them from a day inside the year).
 */
export class Province {
  readonly stats: ProvinceStats = {
    persons: 0,
    specialPersons: 0,
    midYearStatusChanges: 0,
    claims: 0,
    rejected: 0,
    preferentialClaims: 0,
    zeroBenefitClaims: 0,
    underDeductibleClaims: 0,
    cappedPersonYears: 0,
    reviews: 0,
    benefitFen: 0,
    verifiedAgainstRule: 0,
    verifiedEligible: 0,
  };
  readonly verifier: FenVerifier;
  /** A few persons with their plain ID numbers, to look them up through the service after the load. */
  readonly idSamples: { id: string; idNumber: string }[] = [];
  private readonly severity: Uint8Array;
  private readonly counts: Uint16Array;
  /** Index of each person's first claim (settlement numbers are numbered across the province). */
  private readonly firstClaim: Float64Array;
  private readonly idNumbers = new Set<string>();
  private readonly cityWeights: number[];
  private readonly hospitalsByCity: number[][];
  private readonly fen: { general: FenSchedule; preferential: FenSchedule }[];
  /** `YYYY-MM-DD` of every day from 1 November of the year before to the end of March after (day indices). */
  private readonly days: string[] = [];
  /** Index of 2 January of the year: discharges fall from there to 20 December. */
  private readonly firstDischarge: number;
  private readonly dischargeDays = 354;
  /** Memo tables by day index: the terms version, the due date per version and channel, the gate per hospital. */
  private readonly versionByDay: Int32Array;
  private readonly dueByDay = new Map<string, (string | undefined)[]>();
  private readonly gateByDay: (string | null | undefined)[][];

  constructor(
    readonly ref: Reference,
    readonly options: ProvinceOptions,
    private readonly pii: PiiCipher,
  ) {
    this.verifier = new FenVerifier(options.verifyEvery);
    const n = options.persons;
    this.severity = new Uint8Array(n);
    this.counts = new Uint16Array(n);
    this.firstClaim = new Float64Array(n + 1);
    const raw = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = rng(mix(options.seed, 1, i));
      const u = r();
      const s = u < 0.78 ? Severity.Light : u < 0.96 ? Severity.Moderate : Severity.Severe;
      this.severity[i] = s;
      raw[i] =
        s === Severity.Light
          ? 1 + Math.floor(expo(r, 1.6))
          : s === Severity.Moderate
            ? 2 + Math.floor(expo(r, 4))
            : 6 + Math.floor(expo(r, 8));
      total += raw[i]!;
    }
    // Scale to exactly `claims`, carrying the rounding remainder from person to person.
    const factor = options.claims / total;
    let carry = 0;
    let assigned = 0;
    for (let i = 0; i < n; i++) {
      const want = raw[i]! * factor + carry;
      const c =
        i === n - 1 ? options.claims - assigned : Math.max(0, Math.min(500, Math.round(want)));
      carry = want - c;
      this.counts[i] = c;
      this.firstClaim[i] = assigned;
      assigned += c;
    }
    this.firstClaim[n] = assigned;
    this.cityWeights = CITIES.map((c) => c.population);
    this.hospitalsByCity = CITIES.map((_, ci) =>
      ref.hospitals.flatMap((h, hi) => (h.city === ci ? [hi] : [])),
    );
    this.fen = ref.versions.map((v) => {
      const general = fenSchedule(scheduleOf(v.terms, ScheduleKind.GENERAL));
      const preferential = fenSchedule(scheduleOf(v.terms, ScheduleKind.PREFERENTIAL));
      if (!general || !preferential) {
        throw new Error(`The schedules of terms version ${v.id} cannot be computed in whole fen`);
      }
      return { general, preferential };
    });
    for (let d = dateOf(ref.year - 1, 11, 1); d <= dateOf(ref.year + 1, 3, 31); d = addDays(d, 1)) {
      this.days.push(d);
    }
    this.firstDischarge = this.days.indexOf(dateOf(ref.year, 1, 2));
    this.versionByDay = new Int32Array(this.days.length).fill(-1);
    this.gateByDay = ref.hospitals.map(
      () => new Array<string | null | undefined>(this.days.length),
    );
  }

  /** Every fen schedule of the agreement (for the self-test). */
  schedules(): FenSchedule[] {
    return this.fen.flatMap((f) => [f.general, f.preferential]);
  }

  /** Person `i`, drawn from its own seed. Registers its ID number (unique across the province). */
  person(i: number): GeneratedPerson {
    const r = rng(mix(this.options.seed, 2, i));
    const city = pickWeighted(r, this.cityWeights);
    const c = CITIES[city]!;
    const region = c.districts[int(r, c.districts.length)]!;
    for (;;) {
      const y = 1935 + int(r, 88);
      const m = 1 + int(r, 12);
      const d = 1 + int(r, daysInMonth(y, m));
      const body = `${region}${dateOf(y, m, d).replace(/-/g, '')}${String(int(r, 1000)).padStart(3, '0')}`;
      const idNumber = body + checkCharacter(body);
      if (this.idNumbers.has(idNumber)) {
        continue;
      }
      const parsed = parseResidentId(idNumber, this.options.today);
      if (!parsed.ok) {
        continue;
      }
      this.idNumbers.add(idNumber);
      const special = r() < 0.05;
      const midYear = special && r() < 0.08;
      const status = special ? STATUSES[int(r, STATUSES.length)]! : SpecialStatus.NONE;
      let statusFrom: string | null = null;
      if (special) {
        statusFrom = midYear
          ? dateOf(this.ref.year, 2 + int(r, 10), 1)
          : dateOf(this.ref.year - 1 - int(r, 5), 1 + int(r, 12), 1);
        if (statusFrom < parsed.birthDate) {
          statusFrom = parsed.birthDate;
        }
      }
      return {
        id: randomUUID(),
        idNumber: parsed.idNumber,
        name:
          SURNAMES[int(r, SURNAMES.length)]! +
          GIVEN[int(r, GIVEN.length)]! +
          (r() < 0.7 ? GIVEN[int(r, GIVEN.length)]! : ''),
        sex: parsed.sex,
        birthDate: parsed.birthDate,
        regionCode: region,
        city,
        severity: this.severity[i] as Severity,
        status,
        statusFrom,
      };
    }
  }

  /** A settlement of `person` at a hospital of its city (one in five at a provincial hospital in 郑州). */
  drawClaim(r: Rng, city: number, severity: Severity, special: boolean): GeneratedClaim {
    const local = r() < 0.8;
    const pool = this.hospitalsByCity[local ? city : 0]!;
    const hospital = local ? pool[int(r, pool.length)]! : pool[int(r, Math.min(2, pool.length))]!;
    const dischargeDay = this.firstDischarge + int(r, this.dischargeDays);
    const stay = severity === Severity.Light ? 1 + int(r, 8) : 3 + int(r, 25);
    const direct = r() < 0.85;
    const declaredDay = dischargeDay + (direct ? int(r, 3) : 7 + int(r, 40));
    const eligible = eligibleFen(r, severity);
    const basic = Math.round(eligible * (0.8 + r() * 1.7));
    const outOfCatalog = r() < 0.6 ? Math.round(eligible * r() * 0.25) : 0;
    const classB = r() < 0.5 ? Math.round(eligible * r() * 0.1) : 0;
    const below = BASIC_DEDUCTIBLE_FEN[this.ref.hospitals[hospital]!.rank] ?? 80_000;
    const transfer = r() < 0.05 ? Math.round(eligible * 0.1) : 0;
    const overFixed = r() < 0.03 ? logUniformFen(r, 100, 5_000) : 0;
    const assistance = special ? Math.round(eligible * (0.2 + r() * 0.3)) : 0;
    const other = r() < 0.05 ? logUniformFen(r, 10, 500) : 0;
    const total =
      eligible + basic + outOfCatalog + classB + below + transfer + overFixed + assistance + other;
    return {
      hospital,
      channel: direct ? ClaimChannel.DIRECT : ClaimChannel.MANUAL,
      dischargeDay,
      declaredDay,
      admission: this.days[dischargeDay - stay]!,
      discharge: this.days[dischargeDay]!,
      declared: this.days[declaredDay]!,
      components: [
        total,
        basic,
        outOfCatalog,
        classB,
        below,
        transfer,
        overFixed,
        assistance,
        other,
      ],
      eligible,
    };
  }

  /** Index of the terms version in force on day `d` (termsVersionOn), memoised by day. */
  versionOn(d: number): number {
    let v = this.versionByDay[d]!;
    if (v < 0) {
      const version = termsVersionOn(this.ref.versions, this.days[d]!);
      v = version ? this.ref.versions.indexOf(version) : -1;
      if (v < 0) {
        throw new Error(`No terms version of ${this.ref.agreement.code} on ${this.days[d]}`);
      }
      this.versionByDay[d] = v;
    }
    return v;
  }

  /** The payment due date (addWorkingDays on the calendar), memoised by version, channel and day. */
  dueOn(version: number, channel: ClaimChannel, declared: number): string {
    const key = `${version}|${channel}`;
    let table = this.dueByDay.get(key);
    if (!table) {
      table = new Array<string | undefined>(this.days.length);
      this.dueByDay.set(key, table);
    }
    let due = table[declared];
    if (due === undefined) {
      const terms = this.ref.versions[version]!.terms;
      due = addWorkingDays(
        this.ref.calendar,
        this.days[declared]!,
        channel === ClaimChannel.DIRECT
          ? terms.directPaymentWorkingDays
          : terms.manualPaymentWorkingDays,
      );
      table[declared] = due;
    }
    return due;
  }

  /** The designation gate of a hospital on day `d`, memoised. */
  gate(hospital: number, d: number): string | null {
    const table = this.gateByDay[hospital]!;
    let g = table[d];
    if (g === undefined) {
      g = designationGate(this.ref.hospitals[hospital]!.designations, this.days[d]!);
      table[d] = g;
    }
    return g;
  }

  /** The fen schedule of a version and kind. */
  fenOf(version: number, kind: ScheduleKind): FenSchedule {
    const f = this.fen[version]!;
    return kind === ScheduleKind.GENERAL ? f.general : f.preferential;
  }

  /**
   * Checks one generated claim's eligible amount with the real input rule (`checkClaimInput`, which also refuses what
   * the API would refuse), on one claim in `verifyEvery`.
   */
  private maybeCheckInput(k: number, sn: string, c: GeneratedClaim): boolean {
    if (this.options.verifyEvery <= 0 || k % this.options.verifyEvery !== 0) {
      return false;
    }
    const m = (fen: number) => new Money(fen).div(100);
    const checked = checkClaimInput(
      {
        settlementNumber: sn,
        admissionDate: c.admission,
        dischargeDate: c.discharge,
        declaredOn: c.declared,
        ...Object.fromEntries(COMPONENT_FIELDS.map((f, i) => [f, m(c.components[i]!)])),
      } as unknown as Parameters<typeof checkClaimInput>[0],
      'input',
    );
    if (checked.eligible.times(100).toNumber() !== c.eligible) {
      throw new Error(
        `eligible self-pay of ${sn}: rule ${checked.eligible.toFixed(2)}, loader ${yuan(c.eligible)}`,
      );
    }
    this.stats.verifiedEligible += 1;
    return true;
  }

  /**
   * Adjudicates one settlement of a person on its balance, as ClaimSubmissionService.adjudicate does (rules.md §3.3–3.5): the
   * designation gate on the discharge date (REJECTED: nothing accumulated), the schedule of the special status on the
   * discharge date, the terms version in force, the due date, the benefit on the ledger. Updates `balance`.
   */
  settle(
    person: { readonly id: string; readonly history: readonly StatusEntry[] },
    c: GeneratedClaim,
    sn: string,
    balance: Balance,
    checkPayload = false,
  ): Settled {
    const hospital = this.ref.hospitals[c.hospital]!;
    const version = this.versionOn(c.dischargeDay);
    const kind =
      specialStatusOn(person.history, c.discharge, SpecialStatus.NONE) === SpecialStatus.NONE
        ? ScheduleKind.GENERAL
        : ScheduleKind.PREFERENTIAL;
    const parts = c.components.map(yuan);
    const agreementId = this.ref.agreement.id;
    // The payload hash of claim-intake.ts (payloadHashOf): JSON of these strings, none of which needs escaping.
    const payload = `["${agreementId}","${hospital.id}","${person.id}","${sn}","${c.channel}","${c.admission}","${c.discharge}","${c.declared}","${parts.join('","')}"]`;
    if (checkPayload) {
      const json = JSON.stringify([
        agreementId,
        hospital.id,
        person.id,
        sn,
        c.channel,
        c.admission,
        c.discharge,
        c.declared,
        ...parts,
      ]);
      if (json !== payload) {
        throw new Error(`payload of ${sn} differs from its JSON: ${payload}`);
      }
    }
    const rejection = this.gate(c.hospital, c.dischargeDay);
    const before = balance.eligible;
    const out: Settled = {
      claimId: randomUUID(),
      hospitalId: hospital.id,
      sn,
      kind,
      version,
      versionId: this.ref.versions[version]!.id,
      due: this.dueOn(version, c.channel, c.declaredDay),
      parts,
      payloadHash: hash('sha256', payload, 'hex'),
      rejection,
      before,
      after: before,
      benefit: 0,
      bands: '[]',
    };
    if (rejection) {
      return out;
    }
    const s = this.fenOf(version, kind);
    if (before + c.eligible > FEN_LIMIT) {
      throw new Error('an accumulator beyond the whole-fen limit: lower the amounts');
    }
    const b = fenClaimBenefit(s, before, c.eligible, balance.benefit);
    this.verifier.maybeCheck(s, before, c.eligible, balance.benefit, b);
    balance.eligible = b.after;
    balance.benefit += b.benefit;
    balance.entries += 1;
    out.after = b.after;
    out.benefit = b.benefit;
    out.bands = bandsJson(b.bands);
    out.underDeductible = b.after <= (s.segments[0]!.upTo ?? 0);
    return out;
  }

  /**
   * Builds the rows of persons `[from, to)`, yielding to the event loop every `slice` persons so that the previous
   * wave's COPY keeps streaming while this one is computed.
   */
  async buildWave(
    from: number,
    to: number,
    yieldEvery: () => Promise<void>,
    slice = 100,
  ): Promise<WaveText> {
    const w: WaveText = {
      persons: new CopyText(),
      personKeys: new CopyText(),
      statuses: new CopyText(),
      accumulators: new CopyText(),
      claims: new CopyText(),
      ledger: new CopyText(),
      keys: new CopyText(),
      rows: 0,
    };
    const year = this.ref.year;
    const agreementId = this.ref.agreement.id;
    const stats = this.stats;
    for (let i = from; i < to; i++) {
      if ((i - from) % slice === slice - 1) {
        await yieldEvery();
      }
      const p = this.person(i);
      stats.persons += 1;
      const hashHex = this.pii.lookupHash(p.idNumber).toString('hex');
      const encHex = this.pii.encrypt(p.idNumber, p.id).toString('hex');
      w.persons.add(
        `${p.id}\t\\\\x${hashHex}\t\\\\x${encHex}\t${this.pii.keyId}\t${maskIdNumber(p.idNumber)}\t${p.name}\t${p.sex}\t${p.birthDate}\t${p.regionCode}\n`,
      );
      // The ID number's uniqueness lives in its own table, written with the person (InsuredPersonService.register).
      w.personKeys.add(`\\\\x${hashHex}\t${p.id}\n`);
      w.rows += 2;
      if (this.idSamples.length < ID_SAMPLES && i % 97 === 0) {
        this.idSamples.push({ id: p.id, idNumber: p.idNumber });
      }
      const history: StatusEntry[] =
        p.status === SpecialStatus.NONE
          ? []
          : [{ status: p.status, effectiveFrom: p.statusFrom!, id: 1 }];
      if (history.length) {
        stats.specialPersons += 1;
        if (p.statusFrom! > dateOf(year, 1, 1)) {
          stats.midYearStatusChanges += 1;
        }
        w.statuses.add(`${p.id}\t${p.status}\t${p.statusFrom}\n`);
        w.rows += 1;
      }
      const count = this.counts[i]!;
      if (count === 0) {
        continue;
      }
      const r = rng(mix(this.options.seed, 3, i));
      const drawn: GeneratedClaim[] = [];
      for (let k = 0; k < count; k++) {
        drawn.push(this.drawClaim(r, p.city, p.severity, history.length > 0));
      }
      // Adjudicated in the order the declarations arrive.
      const order = drawn
        .map((c, k) => ({ c, k }))
        .sort(
          (a, b) =>
            a.c.declaredDay - b.c.declaredDay || a.c.dischargeDay - b.c.dischargeDay || a.k - b.k,
        );
      const balance: Balance = { eligible: 0, benefit: 0, entries: 0 };
      const person = { id: p.id, history };
      const settled: { s: Settled; eligible: number }[] = [];
      const base = this.firstClaim[i]!;
      for (const { c, k } of order) {
        const hospital = this.ref.hospitals[c.hospital]!;
        const sn = `${hospital.code.slice(3)}-${year}-${String(base + k).padStart(8, '0')}`;
        const check = this.maybeCheckInput(base + k, sn, c);
        const s = this.settle(person, c, sn, balance, check);
        stats.claims += 1;
        const before = yuan(s.before);
        let tail: string;
        if (s.rejection) {
          stats.rejected += 1;
          tail = `${before}\t${before}\t0.00\t[]\t${ClaimStatus.REJECTED}\t${s.rejection}`;
        } else {
          const after = yuan(s.after);
          const benefit = yuan(s.benefit);
          tail = `${before}\t${after}\t${benefit}\t${s.bands}\t${ClaimStatus.ADJUDICATED}\t\\N`;
          w.ledger.add(
            `${p.id}\t${year}\t${s.claimId}\tCLAIM\t${yuan(c.eligible)}\t${benefit}\t${before}\t${after}\t\\N\n`,
          );
          w.rows += 1;
          settled.push({ s, eligible: c.eligible });
          stats.preferentialClaims += s.kind === ScheduleKind.PREFERENTIAL ? 1 : 0;
          stats.zeroBenefitClaims += s.benefit === 0 ? 1 : 0;
          stats.underDeductibleClaims += s.underDeductible ? 1 : 0;
        }
        w.claims.add(
          `${p.id}\t${s.claimId}\t${agreementId}\t${s.hospitalId}\t${sn}\t${c.channel}\t${c.admission}\t${c.discharge}\t${c.declared}\t${s.parts.join('\t')}\t${yuan(c.eligible)}\t${s.kind}\t${s.versionId}\t${year}\t${tail}\t${s.due}\t\\N\t${p.regionCode}\t\\\\x${s.payloadHash}\n`,
        );
        w.keys.add(`${s.hospitalId}\t${sn}\t${p.id}\t${s.claimId}\t\\\\x${s.payloadHash}\n`);
        w.rows += 2;
      }
      // Reviews (先支付后审核) of about 1% of paid claims, after the year's claims: X = a tenth found non-compliant.
      for (const { s, eligible } of settled) {
        if (s.benefit === 0 || r() >= REVIEW_RATE) {
          continue;
        }
        const x = Math.floor((eligible + 5) / 10);
        const delta = fenAdjustmentDelta(
          this.fenOf(s.version, s.kind),
          balance.eligible,
          x,
          balance.benefit,
        );
        w.ledger.add(
          `${p.id}\t${year}\t${s.claimId}\tREVIEW\t${yuan(-x)}\t${yuan(delta)}\t${yuan(balance.eligible)}\t${yuan(balance.eligible - x)}\t${REVIEW_REASON}\n`,
        );
        w.rows += 1;
        balance.eligible -= x;
        balance.benefit += delta;
        balance.entries += 1;
        stats.reviews += 1;
      }
      const general = this.fenOf(this.versionOn(this.firstDischarge + 363), ScheduleKind.GENERAL);
      if (general.cap !== null && balance.benefit >= general.cap) {
        stats.cappedPersonYears += 1;
      }
      stats.benefitFen += balance.benefit;
      w.accumulators.add(
        `${p.id}\t${year}\t${yuan(balance.eligible)}\t${yuan(balance.benefit)}\t${balance.entries}\n`,
      );
      w.rows += 1;
    }
    stats.verifiedAgainstRule = this.verifier.checked;
    return w;
  }
}

const pickWeighted = (r: Rng, weights: readonly number[]): number => {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = r() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) {
      return i;
    }
  }
  return weights.length - 1;
};
