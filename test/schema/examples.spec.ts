import { readFileSync } from 'node:fs';
import path from 'node:path';
import { landingExample } from '../../src/graphql/landing-example';

/*
 * docs/examples (npm run codegen:example) follow the landing page: a change to the example operations without
 * regenerating the typed documents fails here, as a change to the API without `npm run schema:emit` does.
 */
describe('docs/examples/operations.graphql', () => {
  it('is the landing page’s example document (run `npm run codegen:example` after changing it)', () => {
    const text = readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'examples', 'operations.graphql'),
      'utf8',
    );
    const year = Number(/\(year (\d{4})\)/.exec(text)?.[1]);
    const body = text.split('\n').slice(2).join('\n');
    expect(body).toBe(landingExample(year));
  });

  it('has typed documents for every operation', () => {
    const generated = readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'examples', 'generated', 'graphql.ts'),
      'utf8',
    );
    const names = [...landingExample(2026).matchAll(/^(?:query|mutation) (\w+)/gm)].map(
      (m) => m[1],
    );
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      expect([name, generated.includes(`export const ${name}Document`)]).toEqual([name, true]);
    }
  });
});
