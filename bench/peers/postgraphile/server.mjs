// The peer of Jingban's bench: PostGraphile v5 (amber preset, simplified inflection, pg-aggregates) serving the
// bench database, as a production deployment would: no GraphiQL, no watch mode, no explain, read-only (no mutations).
// Started by bench/peer.ts as a child process on Node 22 with DATABASE_URL set; it answers the bench's IPC protocol
// (bench/children.ts): `ready` with its URL once listening, `statements` with the count and texts of the statements
// its pool sent, and exits on `stop`.
//
// What it exposes (docs/performance.md, "The peer"): the tables the bench reads (claim, insured_person, organization,
// agreement, ledger_entry) and the view `claim_net` that the bench creates before starting it (each claim's benefit
// net of its review and reversal entries); every other table of the database is hidden. A condition `regionPrefix`
// on claims and on `claim_net` gives the region scope that Jingban takes from the caller's token (an AGENCY of region
// 41 reads claims whose region code starts with "41").
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { addPgTableCondition, jsonPgSmartTags } from 'postgraphile/utils';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';

/** The relations the peer serves; the bench reads no other. */
export const EXPOSED = [
  'claim',
  'insured_person',
  'organization',
  'agreement',
  'ledger_entry',
  'claim_net',
];

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must name the bench database');
}
const port = Number(process.env.PORT ?? 0);

let statements = 0;
let texts = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  statements += 1;
  const q = args[0];
  const text = typeof q === 'string' ? q : q?.text;
  if (typeof text === 'string' && texts.length < 50) {
    texts.push(text.replace(/\s+/g, ' ').trim());
  }
  return query.apply(this, args);
};

/**
 * `regionPrefix: "41"` keeps the rows whose region_code starts with 41, as Jingban's region scope does. The prefix
 * (digits only) is written into the statement as a literal, not a placeholder: PostGraphile prepares its statements,
 * and after five executions PostgreSQL may keep a generic plan, which for `LIKE $1` guesses 0.5% of the rows and
 * turns the grouped read into a sort spilling to disk (twice as slow, measured on the quick province). With the
 * literal each scope has its own prepared statement and a plan made for it: the peer at its best.
 */
const regionPrefix = (tableName) =>
  addPgTableCondition(
    { schemaName: 'public', tableName },
    'regionPrefix',
    (build) => ({
      description:
        'Rows whose region code starts with these digits (the region scope of an AGENCY).',
      type: build.graphql.GraphQLString,
    }),
    (value, { sql, sqlTableAlias }) => {
      if (typeof value !== 'string') {
        return null;
      }
      if (!/^[0-9]{1,6}$/.test(value)) {
        throw new Error('regionPrefix: one to six digits');
      }
      // Digits only (checked above), so the literal needs no escaping.
      return sql`${sqlTableAlias}.region_code like ${sql.raw(`'${value}%'`)}`;
    },
  );

const main = async () => {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const hidden = (
    await pool.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') AND NOT (c.relname = ANY($1))`,
      [EXPOSED],
    )
  ).rows.map((r) => r.relname);
  statements = 0;
  texts = [];
  /** @type {GraphileConfig.Preset} */
  const preset = {
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PgAggregatesPreset],
    plugins: [
      regionPrefix('claim'),
      regionPrefix('claim_net'),
      // The other tables of the database are not part of the comparison: hidden by a smart tag.
      jsonPgSmartTags({
        version: 1,
        config: { class: Object.fromEntries(hidden.map((t) => [t, { tags: { behavior: '-*' } }])) },
      }),
    ],
    schema: { defaultBehavior: '-insert -update -delete' },
    pgServices: [makePgService({ pool, schemas: ['public'] })],
    grafserv: { port, graphiql: false, watch: false, graphqlOverGET: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 60_000;
  server.on('error', (e) => {
    process.stderr.write(`postgraphile peer: ${e.stack ?? e}\n`);
  });
  await serv.addTo(server);
  await pgl.getSchema();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address();
  process.on('message', (m) => {
    if (m.type === 'statements') {
      process.send?.({ type: 'statements', count: statements, texts });
      texts = [];
    } else if (m.type === 'stop') {
      void (async () => {
        server.close();
        await pgl.release();
        await pool.end();
        process.exit(0);
      })();
    }
  });
  const ready = { type: 'ready', urls: { graphql: `http://127.0.0.1:${bound}/graphql` } };
  if (process.send) {
    process.send(ready);
  } else {
    process.stdout.write(`${JSON.stringify(ready)}\n`);
  }
};

main().catch((e) => {
  process.stderr.write(`postgraphile peer: ${e?.stack ?? e}\n`);
  process.exit(1);
});
