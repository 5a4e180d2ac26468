import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireDataDirLock } from '../../src/db/pglite-lock';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A pid no process has now (checked, not assumed). */
const deadPid = (): number => {
  for (const pid of [999_999, 999_998, 987_654, 876_543, 4_000_000]) {
    if (!isAlive(pid)) {
      return pid;
    }
  }
  throw new Error('no free pid found');
};

describe('acquireDataDirLock', () => {
  let dir: string;
  let lockFile: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jingban-lock-'));
    lockFile = path.join(dir, 'jingban.lock');
  });
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.pid !== undefined && child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A live process that is not this one: `sleep 5`, killed after the test. */
  const liveOtherPid = async (): Promise<number> => {
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    expect(child.pid).toBeDefined();
    expect(isAlive(child.pid!)).toBe(true);
    return child.pid!;
  };

  it('writes our pid to <dir>/jingban.lock and removes it on release', () => {
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('creates the data directory when it is missing', () => {
    const nested = path.join(dir, 'a', 'b');
    const release = acquireDataDirLock(nested);
    expect(readFileSync(path.join(nested, 'jingban.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('can be taken again after release', () => {
    acquireDataDirLock(dir)();
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('refuses a lock held by another live process, naming it, and leaves the lock alone', async () => {
    const pid = await liveOtherPid();
    writeFileSync(lockFile, String(pid));
    expect(() => acquireDataDirLock(dir)).toThrow(
      `The embedded database in ${dir} is in use by process ${pid}; stop it first (one process per data directory).`,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(String(pid));
  });

  it('takes over a lock once its holder has exited', async () => {
    const pid = await liveOtherPid();
    writeFileSync(lockFile, String(pid));
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by process/);
    const child = children[children.length - 1]!;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    expect(isAlive(pid)).toBe(false);
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over a lock left by a dead process', () => {
    const pid = deadPid();
    writeFileSync(lockFile, String(pid));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it.each(['', 'garbage', '0', '-5', '12.5'])('takes over a lock file holding %j', (content) => {
    writeFileSync(lockFile, content);
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('does not remove, on release, a lock another process has since taken', async () => {
    const release = acquireDataDirLock(dir);
    const pid = await liveOtherPid();
    writeFileSync(lockFile, String(pid));
    release();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(pid));
  });

  /*
   * What the code does within one process: a lock file holding our own pid is treated as stale (a leftover of an
   * earlier run that had the same pid, as a container's pid 1 always has), so a second acquisition in the same
   * process succeeds instead of throwing, and either release function then removes the lock. The lock therefore
   * guards against a second process only, not against opening one data directory twice in one process.
   */
  describe('twice in the same process', () => {
    it('does not throw: a lock holding our own pid is taken over', () => {
      const first = acquireDataDirLock(dir);
      let second: (() => void) | undefined;
      expect(() => {
        second = acquireDataDirLock(dir);
      }).not.toThrow();
      expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
      first();
      // The first release removes the lock the second acquisition believes it holds.
      expect(existsSync(lockFile)).toBe(false);
      second!();
      expect(existsSync(lockFile)).toBe(false);
    });

    it('takes over a lock left with our pid by an earlier run', () => {
      writeFileSync(lockFile, String(process.pid));
      const release = acquireDataDirLock(dir);
      expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
      release();
    });
  });
});
