import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLNullableType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { Pool, types } from 'pg';
import { AGREEMENT_SQL, LIST_SQL } from './baseline-sql';
import type { ChildMessage, ParentMessage } from './children';

types.setTypeParser(1082, (s: string) => s);

interface AgreementRow {
  code: string;
  title: string;
  party_a_name: string;
}

interface ListRow {
  id: string;
  discharge_date: string;
  benefit: string;
  status: string;
  person_name: string;
  institution_name: string;
  agreement_code: string;
}

const nonNull = <T extends GraphQLNullableType>(t: T) => new GraphQLNonNull(t);
const named = (name: string, field: string) =>
  new GraphQLObjectType({ name, fields: { [field]: { type: nonNull(GraphQLString) } } });

/**
 * The baseline servers of the bench, in a child process like the subject: a minimal Apollo Server
 * (`startStandaloneServer`) on a hand-written graphql-js schema whose resolvers each run ONE optimal SQL statement,
 * and a bare node:http handler answering the same page of claims as JSON (the floor). A pool of 10, as the app's.
 */
const main = async (): Promise<void> => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const Person = named('InsuredPerson', 'name');
  const Organization = named('Organization', 'name');
  const AgreementRef = named('AgreementRef', 'code');
  const Claim = new GraphQLObjectType<ListRow>({
    name: 'Claim',
    fields: {
      id: { type: nonNull(GraphQLID) },
      dischargeDate: { type: nonNull(GraphQLString), resolve: (r) => r.discharge_date },
      benefit: { type: nonNull(GraphQLString) },
      status: { type: nonNull(GraphQLString) },
      insuredPerson: { type: nonNull(Person), resolve: (r) => ({ name: r.person_name }) },
      institution: { type: nonNull(Organization), resolve: (r) => ({ name: r.institution_name }) },
      agreement: { type: nonNull(AgreementRef), resolve: (r) => ({ code: r.agreement_code }) },
    },
  });
  const Agreement = new GraphQLObjectType<AgreementRow>({
    name: 'Agreement',
    fields: {
      code: { type: nonNull(GraphQLString) },
      title: { type: nonNull(GraphQLString) },
      partyA: { type: nonNull(Organization), resolve: (r) => ({ name: r.party_a_name }) },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        claims: {
          type: nonNull(
            new GraphQLObjectType({
              name: 'ClaimConnection',
              fields: { nodes: { type: nonNull(new GraphQLList(nonNull(Claim))) } },
            }),
          ),
          args: { first: { type: GraphQLInt } },
          resolve: async (_root, args: { first?: number | null }) => ({
            nodes: (await pool.query<ListRow>(LIST_SQL, ['41%', args.first ?? 20])).rows,
          }),
        },
        agreement: {
          type: Agreement,
          args: { id: { type: nonNull(GraphQLID) } },
          resolve: async (_root, args: { id: string }) =>
            (await pool.query<AgreementRow>(AGREEMENT_SQL, [args.id])).rows[0] ?? null,
        },
      },
    }),
  });
  const apollo = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });

  const bare = http.createServer((req, res) => {
    const first = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('first') ?? 100);
    pool.query<ListRow>(LIST_SQL, ['41%', first]).then(
      (r) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(r.rows));
      },
      (e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      },
    );
  });
  bare.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const barePort = (bare.address() as AddressInfo).port;

  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stop') {
      void (async () => {
        await apollo.stop();
        bare.close();
        await pool.end();
        process.exit(0);
      })();
    }
  });
  const ready: ChildMessage = {
    type: 'ready',
    urls: { graphql: url, bare: `http://127.0.0.1:${barePort}/claims` },
  };
  process.send?.(ready);
};

main().catch((e: unknown) => {
  process.stderr.write(
    `baseline-server: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
