import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildJingbanSchema } from '../graphql/build-schema';
import { accessMatrix } from './access-matrix';

/** `npm run docs:access`: writes docs/access-matrix.md from the schema's access declarations. */
const main = async (): Promise<void> => {
  const file = path.resolve('docs', 'access-matrix.md');
  writeFileSync(file, accessMatrix(await buildJingbanSchema()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
};

void main();
