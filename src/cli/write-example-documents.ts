import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { landingExample } from '../graphql/landing-example';

/**
 * The year written into the example operations. Fixed, not the current year, so that running
 * `npm run codegen:example` again next year does not change the committed documents and types; only literal
 * dates in the operations depend on it, never their types.
 */
export const EXAMPLE_YEAR = 2026;

/**
 * `npm run codegen:example` (first step): writes the Sandbox's landing-page operations to
 * docs/examples/operations.graphql, the documents GraphQL Code Generator types for front-end teams
 * (docs/guides/front-end.md). The operations come from `landingExample`, so they are the ones the schema test checks.
 */
const main = (): void => {
  const file = path.resolve('docs', 'examples', 'operations.graphql');
  mkdirSync(path.dirname(file), { recursive: true });
  const header = [
    '# Written by `npm run codegen:example` from landingExample() in src/graphql/landing-example.ts',
    `# (year ${EXAMPLE_YEAR}). Do not edit: change the landing page, or add your own documents beside it.`,
    '',
  ].join('\n');
  writeFileSync(file, `${header}${landingExample(EXAMPLE_YEAR)}`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
};

main();
