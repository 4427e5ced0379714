import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { failureSignature, type Failure } from './engine';
import type { Outcome } from './outcome';
import type { FuzzFile } from './targets';

/**
 * Regression fixtures: each failure the fuzzer keeps is a folder `<target>/<outcome>-<hash>/` under
 * test/fixtures/fuzz holding the case's files as they were read (the mutated one and the intact ones
 * beside it, folders kept) and `case.json` saying how the case was made. The hash is that of the
 * failure's signature, so the same bug found again replaces its fixture instead of adding one.
 * test/unit/fuzz.test.ts replays every fixture.
 */
export interface FixtureCase {
  readonly target: string;
  readonly outcome: Outcome;
  readonly message: string;
  /** `npm run fuzz -- --seed S --case K` rebuilds it. */
  readonly seed: number;
  readonly index: number;
  readonly seedLabel: string;
  readonly mutated: string;
  readonly steps: readonly string[];
  /** The case's files, in the order they are opened. */
  readonly files: readonly string[];
}

export interface Fixture {
  readonly path: string;
  readonly about: FixtureCase;
  readonly files: readonly FuzzFile[];
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function writeFixture(root: string, seed: number, failure: Failure): string {
  const path = join(root, failure.target, `${failure.outcome}-${shortHash(failureSignature(failure.target, failure.outcome, failure.message))}`);
  rmSync(path, { recursive: true, force: true });
  for (const file of failure.files) {
    mkdirSync(dirname(join(path, file.name)), { recursive: true });
    writeFileSync(join(path, file.name), file.bytes);
  }
  const about: FixtureCase = {
    target: failure.target,
    outcome: failure.outcome,
    message: failure.message,
    seed,
    index: failure.index,
    seedLabel: failure.seedLabel,
    mutated: failure.mutated,
    steps: failure.steps,
    files: failure.files.map((f) => f.name),
  };
  writeFileSync(join(path, 'case.json'), `${JSON.stringify(about, null, 2)}\n`);
  return path;
}

export function readFixtures(root: string): Fixture[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((target) => readdirSync(join(root, target.name), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(root, target.name, entry.name)))
    .filter((path) => existsSync(join(path, 'case.json')))
    .sort()
    .map((path) => {
      const about = JSON.parse(readFileSync(join(path, 'case.json'), 'utf8')) as FixtureCase;
      return { path, about, files: about.files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(path, name))) })) };
    });
}
