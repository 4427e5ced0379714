#!/usr/bin/env node
// A STAND-IN for fpm (which electron-builder downloads from GitHub, out of reach here), for the packaging
// test only: it takes the arguments electron-builder gives fpm for a .deb (`-s dir -t deb`, the package's
// metadata, maintainer scripts and SOURCE=DESTINATION pairs) and builds the package with Debian's own
// dpkg-deb. electron-builder's part — what goes where, the desktop entry, the MIME types, the scripts —
// is what the test inspects; this only does fpm's packing. Anything it does not understand is an error.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const meta = { depends: [], recommends: [] };
const pairs = [];
const valued = {
  '-s': 'source', '-t': 'target', '-d': 'depends', '--deb-recommends': 'recommends', '--architecture': 'architecture',
  '--after-install': 'afterInstall', '--after-remove': 'afterRemove', '--description': 'description', '--version': 'version',
  '--package': 'package', '--name': 'name', '--maintainer': 'maintainer', '--vendor': 'vendor', '--url': 'url',
  '--category': 'category', '--deb-priority': 'priority', '--license': 'license', '--iteration': 'iteration', '--deb-compression': 'compression',
};
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--force' || arg === '--debug') continue;
  if (arg === '--log') { i++; continue; }
  if (arg in valued) {
    const key = valued[arg];
    const value = args[++i];
    if (Array.isArray(meta[key])) meta[key].push(value);
    else meta[key] = value;
  } else if (!arg.startsWith('-') && arg.includes('=')) {
    const cut = arg.lastIndexOf('=');
    pairs.push([arg.slice(0, cut), arg.slice(cut + 1)]);
  } else {
    console.error(`fpm stand-in: unexpected argument ${arg}`);
    process.exit(2);
  }
}
if (meta.source !== 'dir' || meta.target !== 'deb') {
  console.error(`fpm stand-in: only -s dir -t deb, not -s ${meta.source} -t ${meta.target}`);
  process.exit(2);
}
const root = mkdtempSync(join(tmpdir(), 'fpm-stand-in-'));
try {
  for (const [source, destination] of pairs) {
    const into = join(root, destination);
    if (statSync(source).isDirectory()) cpSync(source.replace(/\/$/, ''), into.replace(/\/$/, ''), { recursive: true, verbatimSymlinks: true });
    else {
      mkdirSync(dirname(into), { recursive: true });
      cpSync(source, into);
    }
  }
  mkdirSync(join(root, 'DEBIAN'));
  const [summary, ...rest] = meta.description.split('\n');
  const control = [
    `Package: ${meta.name}`,
    `Version: ${meta.version}${meta.iteration ? `-${meta.iteration}` : ''}`,
    `Architecture: ${meta.architecture}`,
    `Maintainer: ${meta.maintainer}`,
    ...(meta.vendor ? [`Vendor: ${meta.vendor}`] : []),
    ...(meta.depends.length ? [`Depends: ${meta.depends.join(', ')}`] : []),
    ...(meta.recommends.length ? [`Recommends: ${meta.recommends.join(', ')}`] : []),
    ...(meta.category ? [`Section: ${meta.category}`] : []),
    `Priority: ${meta.priority ?? 'optional'}`,
    ...(meta.url ? [`Homepage: ${meta.url}`] : []),
    ...(meta.license ? [`License: ${meta.license}`] : []),
    `Description: ${summary.trim() || meta.name}`,
    ...rest.map((line) => ` ${line.trim() || '.'}`),
  ];
  writeFileSync(join(root, 'DEBIAN', 'control'), `${control.join('\n')}\n`);
  for (const [script, name] of [[meta.afterInstall, 'postinst'], [meta.afterRemove, 'postrm']]) {
    if (!script) continue;
    writeFileSync(join(root, 'DEBIAN', name), readFileSync(script));
    chmodSync(join(root, 'DEBIAN', name), 0o755);
  }
  const build = spawnSync('dpkg-deb', ['--root-owner-group', `-Z${meta.compression ?? 'xz'}`, '--build', root, meta.package], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
} finally {
  rmSync(root, { recursive: true, force: true });
}
