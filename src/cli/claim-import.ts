import { createReadStream, createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { GraphQLError } from 'graphql';
import { DateScalar, MoneyScalar } from '../graphql/scalars';
import { DomainError, ErrorCode } from '../shared/domain-error';
import type { AuditActor } from '../domain/audit-trail/audit-trail.service';
import { ClaimChannel, ClaimStatus } from '../domain/claim/claim.enums';
import type { SubmitClaimInput } from '../domain/claim/claim.inputs';
import type { ClaimSubmissionService } from '../domain/claim/claim-submission.service';

/** Lines submitted per call to the claim service (each call adjudicates in transactions of 200). */
export const IMPORT_BATCH = 500;

const ID_FIELDS = ['agreementId', 'institutionId', 'insuredPersonId', 'settlementNumber'] as const;
const DATE_FIELDS = ['admissionDate', 'dischargeDate', 'declaredOn'] as const;
const REQUIRED_MONEY = ['totalCost', 'basicFundPaid'] as const;
const OPTIONAL_MONEY = [
  'outOfCatalogCost',
  'classBFirstPay',
  'belowBasicDeductible',
  'transferReduction',
  'overFixedRate',
  'medicalAssistancePaid',
  'otherExcludedCost',
] as const;
/** The columns of a CSV file and the keys of an NDJSON line: SubmitClaimInput's field names. */
export const IMPORT_FIELDS = [
  ...ID_FIELDS,
  'channel',
  ...DATE_FIELDS,
  ...REQUIRED_MONEY,
  ...OPTIONAL_MONEY,
] as const;

export interface ImportSummary {
  /** Lines read (records, not counting a CSV header or blank lines). */
  lines: number;
  /** Claims stored by this run. */
  stored: number;
  /** Lines whose claim was stored by an earlier run (same institution, settlement number and payload). */
  alreadyPresent: number;
  /** Of the stored claims, those REJECTED by the designation gate (stored with benefit 0). */
  rejected: number;
  /** Lines refused, each written to the error report. */
  errors: number;
  /** The error report beside the file, or null when there were no errors. */
  errorReport: string | null;
}

export interface ImportProgress {
  (bytesRead: number, totalBytes: number, summary: Readonly<ImportSummary>): void;
}

/** One refused line, as written to the report (NDJSON, one object per line). */
interface LineError {
  line: number;
  settlementNumber: string | null;
  code: string;
  field: string | null;
  message: string;
}

const refuse = (field: string, message: string): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

/** A record of the file as a claim input, or the first problem with it (field named by column). */
export function recordToInput(record: Record<string, unknown>): SubmitClaimInput {
  const unknown = Object.keys(record).find(
    (k) => !(IMPORT_FIELDS as readonly string[]).includes(k),
  );
  if (unknown) {
    throw refuse(unknown, `unknown field ${unknown}; the fields are SubmitClaimInput's`);
  }
  const text = (f: string, optional = false): string | undefined => {
    const v = record[f];
    if (v === undefined || v === null || v === '') {
      if (optional) {
        return undefined;
      }
      throw refuse(f, `${f} is required`);
    }
    if (typeof v !== 'string') {
      throw refuse(f, `${f} must be a string (amounts too, as in the API: "1234.50")`);
    }
    return v;
  };
  const scalar = <T>(f: string, v: string, parse: (x: unknown) => T): T => {
    try {
      return parse(v);
    } catch (e) {
      throw refuse(f, e instanceof GraphQLError ? `${f}: ${e.message}` : `${f} is not valid`);
    }
  };
  const channel = text('channel')!;
  if (!(Object.values(ClaimChannel) as string[]).includes(channel)) {
    throw refuse('channel', 'channel must be DIRECT or MANUAL');
  }
  const input: Record<string, unknown> = { channel };
  for (const f of ID_FIELDS) {
    input[f] = text(f);
  }
  for (const f of DATE_FIELDS) {
    input[f] = scalar(f, text(f)!, (x) => DateScalar.parseValue(x));
  }
  for (const f of REQUIRED_MONEY) {
    input[f] = scalar(f, text(f)!, (x) => MoneyScalar.parseValue(x));
  }
  for (const f of OPTIONAL_MONEY) {
    const v = text(f, true);
    input[f] = v === undefined ? undefined : scalar(f, v, (x) => MoneyScalar.parseValue(x));
  }
  return input as unknown as SubmitClaimInput;
}

/** The records of an NDJSON or CSV file (by extension: .csv is CSV, anything else NDJSON), with their line numbers. */
async function* recordsOf(
  file: string,
  onBytes: (n: number) => void,
): AsyncGenerator<{ line: number; record: Record<string, unknown> | Error }> {
  const stream = createReadStream(file);
  stream.on('data', (chunk) => onBytes(chunk.length));
  if (file.toLowerCase().endsWith('.csv')) {
    const parser = stream.pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, record };
    }
    return;
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') {
      continue;
    }
    let record: Record<string, unknown> | Error;
    try {
      const parsed: unknown = JSON.parse(trimmed);
      record =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : new Error('a line is one JSON object');
    } catch {
      record = new Error('the line is not valid JSON');
    }
    yield { line, record };
  }
}

/**
 * 批量导入 (docs/guides/integrators.md, "The import file"): an institution's monthly declaration file — NDJSON, or CSV with
 * a header row of SubmitClaimInput field names — through the same claim service as the API, `IMPORT_BATCH` lines at a
 * time, so memory stays flat whatever the file's size. Each refused line goes to `<file>.errors.ndjson` (line,
 * settlement number, code, field, message). Safe to run twice: a line already stored answers its first claim and counts
 * as `alreadyPresent`; a changed line under an existing settlement number is reported as a CONFLICT.
 */
export async function importClaims(
  claims: ClaimSubmissionService,
  actor: AuditActor,
  file: string,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  const totalBytes = statSync(file).size;
  const reportPath = `${file}.errors.ndjson`;
  rmSync(reportPath, { force: true });
  let report: WriteStream | null = null;
  const summary: ImportSummary = {
    lines: 0,
    stored: 0,
    alreadyPresent: 0,
    rejected: 0,
    errors: 0,
    errorReport: null,
  };
  let bytes = 0;

  const writeError = async (e: LineError) => {
    if (!report) {
      report = createWriteStream(reportPath, { flags: 'w' });
      summary.errorReport = reportPath;
    }
    summary.errors += 1;
    if (!report.write(`${JSON.stringify(e)}\n`)) {
      await once(report, 'drain');
    }
  };

  let batch: { line: number; input: SubmitClaimInput }[] = [];
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    const lines = batch;
    batch = [];
    const outcomes = await claims.submitAll(
      actor,
      lines.map((l) => l.input),
      (i) => `#${i}`,
      'importClaims',
    );
    for (const [i, o] of outcomes.entries()) {
      if ('claim' in o) {
        if (!o.created) {
          summary.alreadyPresent += 1;
        } else {
          summary.stored += 1;
          summary.rejected += o.claim.status === ClaimStatus.REJECTED ? 1 : 0;
        }
      } else {
        await writeError({
          line: lines[i]!.line,
          settlementNumber: lines[i]!.input.settlementNumber ?? null,
          code: o.error.code,
          field: o.error.field?.replace(/^#\d+\./, '') ?? null,
          message: o.error.message,
        });
      }
    }
    progress?.(bytes, totalBytes, summary);
  };

  for await (const { line, record } of recordsOf(file, (n) => (bytes += n))) {
    summary.lines += 1;
    if (record instanceof Error) {
      await writeError({
        line,
        settlementNumber: null,
        code: ErrorCode.BAD_USER_INPUT,
        field: null,
        message: record.message,
      });
      continue;
    }
    try {
      batch.push({ line, input: recordToInput(record) });
    } catch (e) {
      if (!(e instanceof DomainError)) {
        throw e;
      }
      await writeError({
        line,
        settlementNumber:
          typeof record.settlementNumber === 'string' ? record.settlementNumber : null,
        code: e.code,
        field: e.field ?? null,
        message: e.message,
      });
    }
    if (batch.length >= IMPORT_BATCH) {
      await flush();
    }
  }
  await flush();
  const open = report as WriteStream | null;
  if (open) {
    open.end();
    await once(open, 'finish');
  }
  return summary;
}
