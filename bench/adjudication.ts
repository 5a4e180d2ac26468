import type { Pool, PoolClient } from 'pg';
import type { AuditActor } from '../src/domain/audit-trail/audit-trail.service';
import { ClaimStatus } from '../src/domain/claim/claim.enums';
import type { SubmitClaimInput } from '../src/domain/claim/claim.inputs';
import type { ClaimSubmissionService } from '../src/domain/claim/claim-submission.service';
import { redactPersonalData } from '../src/domain/audit-trail/redact';
import { Money } from '../src/shared/money';
import { yuan } from './fen-benefit';
import { CITIES } from './henan';
import { msSince, now, round } from './measure';
import {
  COMPONENT_FIELDS,
  LOAD_TABLES,
  mix,
  rng,
  type Balance,
  type GeneratedClaim,
  type Province,
  type StatusEntry,
} from './province';

/** A claim to submit: an existing person, a generated settlement, a new settlement number. */
export interface PlannedClaim {
  readonly personId: string;
  readonly claim: GeneratedClaim;
  readonly sn: string;
}

/** The city index of a region code (its first four digits). */
export const cityOf = (regionCode: string): number => {
  const i = CITIES.findIndex((c) => c.code.slice(0, 4) === regionCode.slice(0, 4));
  return i < 0 ? 0 : i;
};

/**
 * `count` persons with a ledger in the province's year, in a reproducible pseudo-random order: the bench submits new
 * claims on top of their existing balances, as the API would during the year.
 */
export const samplePersons = async (
  pool: Pool,
  year: number,
  count: number,
  salt: string,
): Promise<{ id: string; regionCode: string }[]> => {
  const r = await pool.query<{ id: string; region_code: string }>(
    `SELECT a.insured_person_id AS id, p.region_code
     FROM accumulator a JOIN insured_person p ON p.id = a.insured_person_id
     WHERE a.year = $1 ORDER BY md5(a.insured_person_id::text || $2) LIMIT $3`,
    [year, salt, count],
  );
  return r.rows.map((x) => ({ id: x.id, regionCode: x.region_code }));
};

/** New settlements for `persons`, one each, numbered `<prefix>-<n>`. */
export const planClaims = (
  province: Province,
  persons: readonly { id: string; regionCode: string }[],
  prefix: string,
  seed: number,
): PlannedClaim[] =>
  persons.map((p, n) => {
    const r = rng(mix(seed, 7, n));
    const claim = province.drawClaim(r, cityOf(p.regionCode), r() < 0.8 ? 0 : 1, false);
    return { personId: p.id, claim, sn: `${prefix}-${String(n).padStart(7, '0')}` };
  });

/** A planned claim as the API's input (amounts as Money). */
export const toInput = (province: Province, c: PlannedClaim): SubmitClaimInput => {
  const input: Record<string, unknown> = {
    agreementId: province.ref.agreement.id,
    institutionId: province.ref.hospitals[c.claim.hospital]!.id,
    insuredPersonId: c.personId,
    settlementNumber: c.sn,
    channel: c.claim.channel,
    admissionDate: c.claim.admission,
    dischargeDate: c.claim.discharge,
    declaredOn: c.claim.declared,
  };
  COMPONENT_FIELDS.forEach((f, i) => {
    input[f] = new Money(c.claim.components[i]!).div(100);
  });
  return input as unknown as SubmitClaimInput;
};

/** A planned claim as a line of an import file (amounts as strings, as the API takes them). */
export const toImportLine = (province: Province, c: PlannedClaim): string => {
  const line: Record<string, string> = {
    agreementId: province.ref.agreement.id,
    institutionId: province.ref.hospitals[c.claim.hospital]!.id,
    insuredPersonId: c.personId,
    settlementNumber: c.sn,
    channel: c.claim.channel,
    admissionDate: c.claim.admission,
    dischargeDate: c.claim.discharge,
    declaredOn: c.claim.declared,
  };
  COMPONENT_FIELDS.forEach((f, i) => {
    line[f] = yuan(c.claim.components[i]!);
  });
  return JSON.stringify(line);
};

/** One batch through the real service (ClaimSubmissionService.submitMany, transactions of 200), timed. */
export const serviceBatch = async (
  claims: ClaimSubmissionService,
  actor: AuditActor,
  inputs: readonly SubmitClaimInput[],
): Promise<number> => {
  const t = now();
  const result = await claims.submitMany(actor, inputs);
  const ms = msSince(t);
  if (result.errors.length > 0 || result.claims.length !== inputs.length) {
    throw new Error(`submitMany refused inputs: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  return ms;
};

const fenOfText = (s: string): number => {
  const [whole, cents = ''] = s.split('.');
  const sign = whole!.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(cents.padEnd(2, '0')));
};

const CLAIM_COLUMNS = LOAD_TABLES.find((t) => t.table === 'claim')!.columns;
const CLAIM_TYPES = [
  'uuid',
  'uuid',
  'uuid',
  'uuid',
  'text',
  'text',
  'date',
  'date',
  'date',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'text',
  'uuid',
  'int',
  'numeric',
  'numeric',
  'numeric',
  'jsonb',
  'text',
  'text',
  'date',
  'date',
  'bpchar',
  'bytea',
];

/**
 * The baseline of `adjudicationRatio`: the same batch as one hand-written pg transaction. It reads what the service
 * reads about the persons (region, special-status history) in one statement; then, in a transaction, creates the
 * missing accumulators, locks them in (person, year) order (`SELECT … FOR UPDATE`, as lockAccumulators), computes
 * each claim on the locked balances with the loader's computation (integer fen, equal to the rules), and writes the
 * idempotency keys, claims, ledger entries, new balances and one audit row with one multi-row statement each.
 */
export const handWrittenBatch = async (
  pool: Pool,
  province: Province,
  actor: AuditActor,
  batch: readonly PlannedClaim[],
): Promise<number> => {
  const client: PoolClient = await pool.connect();
  const year = province.ref.year;
  const t = now();
  try {
    const ids = [...new Set(batch.map((b) => b.personId))];
    const persons = await client.query<{
      id: string;
      region_code: string;
      statuses: StatusEntry[];
    }>(
      `SELECT p.id, p.region_code,
              coalesce(json_agg(json_build_object('status', s.status, 'effectiveFrom', s.effective_from, 'id', s.id))
                         FILTER (WHERE s.id IS NOT NULL), '[]') AS statuses
       FROM insured_person p LEFT JOIN person_special_status s ON s.insured_person_id = p.id
       WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
      [ids],
    );
    const byId = new Map(persons.rows.map((p) => [p.id, p]));
    const keys = [...ids].sort();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO accumulator (insured_person_id, year)
       SELECT p, y FROM unnest($1::uuid[], $2::int[]) AS k (p, y) ORDER BY p, y
       ON CONFLICT DO NOTHING`,
      [keys, keys.map(() => year)],
    );
    const locked = await client.query<{
      insured_person_id: string;
      eligible_total: string;
      benefit_total: string;
      entry_count: number;
    }>(
      `SELECT a.insured_person_id, a.year, a.eligible_total, a.benefit_total, a.entry_count
       FROM accumulator a JOIN unnest($1::uuid[], $2::int[]) AS k (p, y)
         ON a.insured_person_id = k.p AND a.year = k.y
       ORDER BY a.insured_person_id, a.year
       FOR UPDATE OF a`,
      [keys, keys.map(() => year)],
    );
    const balances = new Map<string, Balance>(
      locked.rows.map((r) => [
        r.insured_person_id,
        {
          eligible: fenOfText(r.eligible_total),
          benefit: fenOfText(r.benefit_total),
          entries: Number(r.entry_count),
        },
      ]),
    );
    const claimCols: unknown[][] = CLAIM_TYPES.map(() => []);
    const ledger: unknown[][] = [[], [], [], [], [], [], []];
    const keyCols: unknown[][] = [[], [], [], [], []];
    const regions = new Set<string>();
    for (const b of batch) {
      const person = byId.get(b.personId)!;
      regions.add(person.region_code);
      const balance = balances.get(b.personId)!;
      const c = b.claim;
      const s = province.settle({ id: b.personId, history: person.statuses }, c, b.sn, balance);
      const hashBytes = Buffer.from(s.payloadHash, 'hex');
      const row = [
        b.personId,
        s.claimId,
        province.ref.agreement.id,
        s.hospitalId,
        b.sn,
        c.channel,
        c.admission,
        c.discharge,
        c.declared,
        ...s.parts,
        yuan(c.eligible),
        s.kind,
        s.versionId,
        year,
        yuan(s.before),
        yuan(s.after),
        yuan(s.benefit),
        s.bands,
        s.rejection ? ClaimStatus.REJECTED : ClaimStatus.ADJUDICATED,
        s.rejection,
        s.due,
        null,
        person.region_code,
        hashBytes,
      ];
      row.forEach((v, i) => claimCols[i]!.push(v));
      [s.hospitalId, b.sn, b.personId, s.claimId, hashBytes].forEach((v, i) => keyCols[i]!.push(v));
      if (!s.rejection) {
        [
          b.personId,
          year,
          s.claimId,
          yuan(c.eligible),
          yuan(s.benefit),
          yuan(s.before),
          yuan(s.after),
        ].forEach((v, i) => ledger[i]!.push(v));
      }
    }
    const inserted = await client.query(
      `INSERT INTO claim_idempotency (institution_id, settlement_number, insured_person_id, claim_id, payload_hash)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bytea[])
       ON CONFLICT DO NOTHING RETURNING claim_id`,
      keyCols,
    );
    if (inserted.rowCount !== batch.length) {
      throw new Error('hand-written batch: a settlement number was taken');
    }
    await client.query(
      `INSERT INTO claim (${CLAIM_COLUMNS})
       SELECT * FROM unnest(${CLAIM_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
      claimCols,
    );
    await client.query(
      `INSERT INTO ledger_entry (insured_person_id, year, claim_id, kind, eligible_delta, benefit_delta,
                                 cumulative_before, cumulative_after)
       SELECT p, y, c, 'CLAIM', e, b, cb, ca
       FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])
         AS k (p, y, c, e, b, cb, ca)`,
      ledger,
    );
    const changed = [...balances.entries()];
    await client.query(
      `UPDATE accumulator a
       SET eligible_total = k.e, benefit_total = k.b, entry_count = k.n, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::numeric[], $4::numeric[], $5::int[]) AS k (p, y, e, b, n)
       WHERE a.insured_person_id = k.p AND a.year = k.y`,
      [
        changed.map(([p]) => p),
        changed.map(() => year),
        changed.map(([, b]) => yuan(b.eligible)),
        changed.map(([, b]) => yuan(b.benefit)),
        changed.map(([, b]) => b.entries),
      ],
    );
    await client.query(
      `INSERT INTO audit_trail (region_codes, user_sub, role, org, request_id, operation, ids, input)
       VALUES ($1, $2, $3, $4, $5, 'submitClaims', $6, $7)`,
      [
        [...regions].sort(),
        actor.user.sub,
        actor.user.role,
        actor.user.org ?? null,
        actor.requestId,
        claimCols[1],
        JSON.stringify(redactPersonalData(batch.map((b) => toInput(province, b)))),
      ],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
  return msSince(t);
};

export interface AdjudicationResult {
  readonly batches: number;
  /** Batches run first, by both, and not counted. */
  readonly warmupBatches: number;
  readonly batchSize: number;
  readonly service: { claimsPerSecond: number; batchMsP50: number; totalMs: number };
  readonly handWritten: { claimsPerSecond: number; batchMsP50: number; totalMs: number };
  readonly ratio: number;
}

/**
 * `adjudicationRatio`: `batches` batches of `batchSize` new claims over existing persons through the service and as
 * hand-written transactions, alternating batch by batch (service, hand-written, service, …) after `warmup` batches of
 * each that are not counted. Each side works on its own persons, drawn alike.
 */
export const measureAdjudication = async (
  province: Province,
  pool: Pool,
  claims: ClaimSubmissionService,
  actor: AuditActor,
  opts: { batches: number; batchSize: number; warmup: number; seed: number },
): Promise<AdjudicationResult> => {
  const per = (opts.batches + opts.warmup) * opts.batchSize;
  const persons = await samplePersons(pool, province.ref.year, per * 2, `adj-${opts.seed}`);
  if (persons.length < per * 2) {
    throw new Error(
      `adjudication needs ${per * 2} persons with a ledger; the province has ${persons.length}`,
    );
  }
  const serviceClaims = planClaims(province, persons.slice(0, per), 'ADJ-S', opts.seed);
  const handClaims = planClaims(province, persons.slice(per), 'ADJ-H', opts.seed + 1);
  const serviceMs: number[] = [];
  const handMs: number[] = [];
  for (let b = 0; b < opts.warmup + opts.batches; b++) {
    const slice = (list: PlannedClaim[]) =>
      list.slice(b * opts.batchSize, (b + 1) * opts.batchSize);
    const s = await serviceBatch(
      claims,
      actor,
      slice(serviceClaims).map((c) => toInput(province, c)),
    );
    const h = await handWrittenBatch(pool, province, actor, slice(handClaims));
    if (b >= opts.warmup) {
      serviceMs.push(s);
      handMs.push(h);
    }
  }
  const summary = (ms: number[]) => {
    const total = ms.reduce((a, x) => a + x, 0);
    const sorted = [...ms].sort((a, x) => a - x);
    return {
      claimsPerSecond: round((ms.length * opts.batchSize * 1000) / total, 1),
      batchMsP50: round(sorted[Math.floor(sorted.length / 2)]!, 1),
      totalMs: round(total, 1),
    };
  };
  const service = summary(serviceMs);
  const handWritten = summary(handMs);
  return {
    batches: opts.batches,
    batchSize: opts.batchSize,
    warmupBatches: opts.warmup,
    service,
    handWritten,
    ratio: round(service.claimsPerSecond / handWritten.claimsPerSecond, 3),
  };
};
