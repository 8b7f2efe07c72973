// Records, in package-lock.json, the other platforms' builds of native packages (swc, unrs-resolver)
// that the registry this lockfile was made against did not serve. Without those entries `npm ci`
// refuses the lockfile as out of sync; with them (os/cpu set, as any full registry would record),
// `npm ci` skips them on every platform they are not for. Run after `npm install` changes the lockfile.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

type LockEntry = {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
};

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };

function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const out = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', '--json'], { encoding: 'utf8' });
  const meta = JSON.parse(out || '{}') as Pick<LockEntry, 'os' | 'cpu' | 'libc'>;
  if (!meta.os && !meta.cpu) throw new Error(`${name}: the registry names no os/cpu for it; add its entry by hand`);
  return meta;
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  const manifestPath = new URL(`../${path}/package.json`, import.meta.url);
  if (!path.startsWith('node_modules/') || !existsSync(manifestPath)) continue; // not installed on this platform
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as LockEntry;
  const optional = manifest.optionalDependencies ?? {};
  const missing = Object.keys(optional).filter((dep) => !lock.packages[`node_modules/${dep}`] && !lock.packages[`${path}/node_modules/${dep}`]);
  if (missing.length === 0) continue;
  entry.optionalDependencies = { ...optional };
  for (const dep of missing) {
    lock.packages[`node_modules/${dep}`] = { version: optional[dep]!.replace(/^[~^=]/, ''), optional: true, ...platformOf(dep) };
    added += 1;
    console.log(`recorded ${dep}@${optional[dep]} (for ${path.slice('node_modules/'.length)})`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added === 0 ? 'package-lock.json already records every platform build' : `recorded ${added} platform builds`);
