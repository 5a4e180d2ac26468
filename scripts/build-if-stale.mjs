// Compiles the project (`tsc -p tsconfig.build.json`) only when dist/ is older than what it is compiled from, so that
// `npm run -s token`, `npm start` and the other commands that run dist/ start at once when nothing changed (tsc's own
// up-to-date check reads and hashes every source: about two seconds here). Plain JavaScript, because it runs before
// anything is compiled.
//
// dist/ is current when dist/.build-stamp (written by this script with the time its last successful build started) is
// newer than every TypeScript file and every directory under the folders tsconfig.build.json includes, and than the
// TypeScript configurations and package-lock.json (a dependency's types can change the output). A directory's time
// changes when a file in it is added, removed or renamed, so a deleted or renamed source counts too. `npm run build`
// always compiles.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const folders = ['src', 'migrations', 'bench'];
const files = ['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The latest modification time (ms) of `dir`, its subdirectories and the TypeScript files in them. */
const newestUnder = (dir) => {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestUnder(full));
    } else if (entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
};

const newestSource = () =>
  Math.max(
    ...folders
      .map((f) => path.join(root, f))
      .filter(existsSync)
      .map(newestUnder),
    ...files
      .map((f) => path.join(root, f))
      .filter(existsSync)
      .map((f) => statSync(f).mtimeMs),
  );

if (!existsSync(stamp) || statSync(stamp).mtimeMs <= newestSource()) {
  const started = new Date();
  const tsc = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    process.exit(tsc.status ?? 1);
  }
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}
