import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildJingbanSchema, printSortedSchema } from '../graphql/build-schema';

/** `npm run schema:emit`: writes schema/schema.graphql (sorted). Only this script writes it (stack.md). */
const main = async (): Promise<void> => {
  const file = path.resolve('schema', 'schema.graphql');
  writeFileSync(file, printSortedSchema(await buildJingbanSchema()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
};

void main();
