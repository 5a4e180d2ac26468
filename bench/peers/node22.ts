import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node.js the bench's servers run on when the peer is measured. PostGraphile 5 needs Node 22
 * (`Promise.withResolvers`; on Node 20 every query fails), and both servers run on the same one. The exact release,
 * taken from the npm registry's `node-<platform>-<arch>` package (the binary the `node` package's install script
 * would fetch; installing the platform package directly needs no install script).
 */
export const NODE22_VERSION = '22.23.3';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where the binary is cached: not committed (.gitignore), installed on first use. */
export const NODE22_DIR = path.join(ROOT, 'bench', 'peers', '.node22');

const major = (version: string): number => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

/**
 * The path of a Node 22 binary: this process's own when it is Node 22 already, else the cached
 * `node-<platform>-<arch>@NODE22_VERSION`, installed with npm into {@link NODE22_DIR} on first use.
 */
export const node22 = (say: (msg: string) => void = () => undefined): string => {
  if (major(process.version) === 22) {
    return process.execPath;
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = path.join(NODE22_DIR, 'node_modules', pkg, 'bin', 'node');
  const installed = (): string | null => {
    if (!existsSync(bin)) {
      return null;
    }
    try {
      return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  if (installed() !== `v${NODE22_VERSION}`) {
    say(`installing ${pkg}@${NODE22_VERSION} into ${path.relative(ROOT, NODE22_DIR)}…`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        '--prefix',
        NODE22_DIR,
        `${pkg}@${NODE22_VERSION}`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const v = installed();
    if (v !== `v${NODE22_VERSION}`) {
      throw new Error(`${bin} answers ${v ?? 'nothing'} after installing ${pkg}@${NODE22_VERSION}`);
    }
  }
  return bin;
};
