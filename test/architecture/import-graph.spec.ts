import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * The import graph of src/ (docs/architecture.md, "Folders and the rules between them"): every import, `import type`
 * and `export … from` included, read with TypeScript's own scanner. No module may import itself through others, and
 * the layers keep their direction — what eslint.config.mjs also checks file by file, held here for the whole graph.
 */
const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'src');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory()
      ? filesUnder(p)
      : p.endsWith('.ts') && !p.endsWith('.spec.ts')
        ? [p]
        : [];
  });

/** The module a relative specifier names, or undefined for a package (or a file outside src/). */
const resolve = (from: string, spec: string): string | undefined => {
  if (!spec.startsWith('.')) {
    return undefined;
  }
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find(
    (f) => f.startsWith(src + path.sep) && existsSync(f),
  );
};

interface Module {
  readonly file: string;
  /** src/ modules it imports. */
  readonly imports: string[];
  /** Packages it imports. */
  readonly packages: string[];
}

const graph: Map<string, Module> = new Map(
  filesUnder(src).map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const specs = importedFiles.map((f) => f.fileName);
    const imports = [
      ...new Set(specs.map((s) => resolve(file, s)).filter((f): f is string => !!f)),
    ];
    const packages = [...new Set(specs.filter((s) => !s.startsWith('.')))];
    return [file, { file, imports, packages }];
  }),
);

const rel = (f: string) => path.relative(root, f);

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
const cycles = (): string[][] => {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.imports ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.imports.includes(v)) {
        out.push(component.map(rel).sort());
      }
    }
  };
  for (const v of graph.keys()) {
    if (!indexOf.has(v)) {
      visit(v);
    }
  }
  return out;
};

/** Whether a domain module doubles as a GraphQL type (entity, input, output, enum): eslint.config.mjs's list. */
const isDomainTypeFile = (f: string) => /\.(entity|inputs|types|type|enums|enum)\.ts$/.test(f);
const under = (dir: string) => (f: string) => f.startsWith(path.join(src, dir) + path.sep);

describe('the import graph of src/', () => {
  it('reads every module and the imports TypeScript sees, type-only ones included', () => {
    expect(graph.size).toBeGreaterThan(100);
    const resolvers = graph.get(path.join(src, 'graphql', 'resolvers', 'claim.resolver.ts'))!;
    // `import type { Context } from '../context'` counts as an import.
    expect(resolvers.imports.map(rel)).toContain('src/graphql/context.ts');
  });

  it('has no cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the domain free of GraphQL but for the type files, which use only the scalars', () => {
    const graphqlPackages = ['graphql', 'type-graphql'];
    const offending = [...graph.values()]
      .filter((m) => under('domain')(m.file))
      .flatMap((m) =>
        isDomainTypeFile(m.file)
          ? m.imports
              .filter((i) => under('graphql')(i) && !under(path.join('graphql', 'scalars'))(i))
              .map((i) => `${rel(m.file)} → ${rel(i)}`)
          : [
              ...m.imports.filter(under('graphql')).map((i) => `${rel(m.file)} → ${rel(i)}`),
              ...m.packages
                .filter((p) => graphqlPackages.includes(p))
                .map((p) => `${rel(m.file)} → ${p}`),
            ],
      );
    expect(offending).toEqual([]);
  });

  it('keeps src/shared and the fast path below the layers that use them', () => {
    const above = ['graphql', 'domain', 'http', 'cli', 'demo'].map(under);
    const offending = [...graph.values()]
      .filter((m) => under('shared')(m.file) || under(path.join('db', 'fast'))(m.file))
      .flatMap((m) =>
        m.imports
          .filter((i) => above.some((u) => u(i)) || i === path.join(src, 'services.ts'))
          .map((i) => `${rel(m.file)} → ${rel(i)}`),
      );
    expect(offending).toEqual([]);
  });
});
