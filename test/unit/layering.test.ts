import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ESLint } from 'eslint';

// The layering guard of STYLE.md rule 1, probed from both sides: shared/'s tsconfig (tsconfig.json) and
// the lint (eslint.config.js). The probes are never written to disk: the compiler reads them from memory
// and the linter from a string, so concurrent tests and editors never see them.
const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

const nodeAndDomProbe = `import { Worker } from 'node:worker_threads';
export const bytes = Buffer.from('probe');
export const title = document.title;
export const WorkerClass = Worker;
`;

const pureProbe = `import Papa from 'papaparse';
import type { Dataset } from '../dataset/types';
import { seededRandom } from '../random/seededRandom';
export const sessionsPlusDraw = (dataset: Dataset) => dataset.sessions.length + seededRandom(1).uniform();
export const text = new TextDecoder('utf-8').decode(new Uint8Array(0));
export const rows = Papa.parse<string[]>('a,b').data.length;
`;

/**
 * Compiles all of shared/ under its own tsconfig plus the given in-memory probes (paths relative to the
 * repo), and returns each probe's errors as the source text they point at. The whole of shared/ goes in
 * because a single import in it can load foreign types for all of it (as @types/papaparse once loaded
 * @types/node); only the probes are type-checked, which keeps this to a few seconds.
 */
function compileInShared(probes: Record<string, string>): { flagged: Record<string, string[]>; loaded: string[] } {
  const { config } = ts.readConfigFile(`${root}/tsconfig.json`, ts.sys.readFile);
  const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const inMemory = new Map(Object.entries(probes).map(([path, text]) => [`${root}/${path}`, text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = inMemory.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => inMemory.has(name) || fileExists.call(host, name);
  host.readFile = (name) => inMemory.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram({ rootNames: [...fileNames, ...inMemory.keys()], options, host });
  const flagged: Record<string, string[]> = {};
  for (const [path, text] of Object.entries(probes)) {
    const file = program.getSourceFile(`${root}/${path}`)!;
    const errors = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    flagged[path] = errors.map((error) => text.slice(error.start, (error.start ?? 0) + (error.length ?? 0)));
  }
  return { flagged, loaded: program.getSourceFiles().map((file) => file.fileName) };
}

describe("shared/'s tsconfig has no Node or DOM types", () => {
  let compiled: ReturnType<typeof compileInShared>;
  beforeAll(() => {
    compiled = compileInShared({ 'shared/analysis/layeringProbe.ts': nodeAndDomProbe, 'shared/analysis/pureProbe.ts': pureProbe });
  });

  it('fails a shared/ file that imports node:worker_threads and uses Buffer and document', () => {
    expect(compiled.flagged['shared/analysis/layeringProbe.ts']).toEqual(["'node:worker_threads'", 'Buffer', 'document']);
  });

  it('compiles a shared/ file that uses papaparse, the dataset, the seeded random source and TextDecoder', () => {
    expect(compiled.flagged['shared/analysis/pureProbe.ts']).toEqual([]);
  });

  it('loads no Node or DOM type library into shared/ (papaparse maps to a Node-free subset)', () => {
    expect(compiled.loaded.filter((name) => /node_modules\/@types\/node\/|lib\.dom/.test(name))).toEqual([]);
  });
});

describe('the lint keeps imports pointing down the layers', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** `line: rule` for each problem the lint finds in `text` as if it were the file at `filePath`. */
  async function problems(filePath: string, text: string): Promise<string[]> {
    const [result] = await eslint.lintText(text, { filePath });
    return result!.messages.map((message) => `${message.line}: ${message.ruleId}`);
  }

  it('rejects Node built-ins and Node and DOM globals in shared/', async () => {
    expect(await problems('shared/analysis/layeringProbe.ts', nodeAndDomProbe)).toEqual(['1: no-restricted-imports', '2: no-restricted-globals', '3: no-restricted-globals']);
    const bare = "import os from 'os';\nimport { readFile } from 'fs/promises';\nexport const cores = os.cpus().length + readFile.length;\n";
    expect(await problems('shared/formats/layeringProbe.ts', bare)).toEqual(['1: no-restricted-imports', '2: no-restricted-imports']);
    const hidden = 'export const pid = globalThis.process.pid;\nexport const later = setTimeout;\n';
    expect(await problems('shared/dataset/layeringProbe.ts', hidden)).toEqual(['1: no-restricted-properties', '2: no-restricted-globals']);
  });

  it.each([
    ['shared/formats/layeringProbe.ts', '../analysis/linalg', 'formats does not import analysis'],
    ['shared/formats/layeringProbe.ts', '../simulate/learningDemo', 'formats does not import simulate'],
    ['shared/analysis/layeringProbe.ts', '../network/timeline', 'only view and story import network'],
    ['shared/network/layeringProbe.ts', '../view/viewSchema', 'network does not import view'],
    ['shared/view/layeringProbe.ts', '../story/storyFile', 'view does not import story'],
    ['shared/story/layeringProbe.ts', '../formats/binning', 'story does not import formats'],
    ['shared/story/layeringProbe.ts', '../kiosk/kioskText', 'story does not import kiosk'],
    ['shared/video/layeringProbe.ts', '../story/storyFile', 'video settings stand alone'],
    ['shared/analysis/kernels/layeringProbe.ts', '../../formats/binning', 'analysis does not import formats, at any depth'],
    ['shared/analysis/layeringProbe.ts', '../simulate/learningDemo', 'analysis does not import simulate (the seeded source is in shared/random)'],
    ['shared/simulate/layeringProbe.ts', '../analysis/fisher', 'simulate takes only the linear algebra from analysis'],
    ['shared/network/layout/layeringProbe.ts', '../../formats/binning', 'network does not import formats'],
    ['shared/dataset/layeringProbe.ts', '../analysis/linalg', 'the dataset is the base'],
    ['shared/random/layeringProbe.ts', '../dataset/types', 'the primitives import nothing'],
    ['shared/platform/layeringProbe.ts', '../dataset/types', 'platform takes only the desktop settings'],
    ['shared/desktop/layeringProbe.ts', '../story/storyFile', 'the desktop files do not import stories'],
    ['shared/analysis/layeringProbe.ts', '../newPart/thing', 'a new part of shared/ needs its row in the table first'],
    ['shared/analysis/layeringProbe.ts', '../../renderer/App', 'shared/ imports nothing outside itself'],
    ['renderer/layeringProbe.ts', '../electron/ipc', 'the renderer does not import the shell'],
    ['renderer/ui/layeringProbe.tsx', '../../node/cliMain', 'the renderer does not import the CLI'],
    ['electron/layeringProbe.ts', '../node/cliMain', 'the shell does not import the CLI'],
    ['electron/layeringProbe.ts', '../renderer/App', 'the shell does not import the renderer'],
    ['node/layeringProbe.ts', '../electron/ipc', 'the CLI does not import the shell'],
  ])('rejects %s importing %s: %s', async (filePath, target) => {
    expect(await problems(filePath, `export * from '${target}';\n`)).toEqual(['1: chorus/import-layers']);
    expect(await problems(filePath, `export type Probe = typeof import('${target}');\n`)).toEqual(['1: chorus/import-layers']);
  });

  it.each([
    ['shared/formats/layeringProbe.ts', '../dataset/datasetError'],
    ['shared/formats/layeringProbe.ts', '../math/lowerBound'],
    ['shared/analysis/layeringProbe.ts', '../random/seededRandom'],
    ['shared/analysis/layeringProbe.ts', './linalg'],
    ['shared/simulate/layeringProbe.ts', '../analysis/linalg'],
    ['shared/network/layout/layeringProbe.ts', '../../analysis/pairIndex'],
    ['shared/network/layout/layeringProbe.ts', '../../math/lowerBound'],
    ['shared/dataset/layeringProbe.ts', '../random/seededRandom'],
    ['shared/view/layeringProbe.ts', '../network/timeline'],
    ['shared/story/layeringProbe.ts', '../view/viewSchema'],
    ['shared/kiosk/layeringProbe.ts', '../story/demoStory'],
    ['renderer/scene/layeringProbe.ts', '../../shared/network/timeline'],
    ['electron/layeringProbe.ts', '../shared/platform/chorusApi'],
    ['shared/platform/layeringProbe.ts', '../desktop/settings'],
    ['shared/desktop/layeringProbe.ts', '../formats/readerCatalog'],
    ['node/layeringProbe.ts', '../shared/formats/index'],
  ])('allows %s to import %s', async (filePath, target) => {
    expect(await problems(filePath, `export * from '${target}';\n`)).toEqual([]);
  });
});
