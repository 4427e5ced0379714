import Papa from 'papaparse';
import type { DatasetIssue } from '../dataset/types';

/**
 * A CSV/TSV as its header and rows of cells. papaparse runs without `header: true` on purpose: its header
 * mode keys each row by column name in a plain object, so a column named `__proto__` or `constructor`
 * reads the object's prototype instead of a cell (a short row under such a header crashed the readers),
 * and it announces renamed duplicate headers on the console, naming no file. Here a row is an array, a
 * column is found by its index, and every notice becomes a warning or problem that names the file.
 */
export interface CsvTable {
  /** Column names (transformed), duplicates renamed `name_1`, `name_2`, … (said in `warnings`). */
  readonly names: readonly string[];
  /** Data rows, each exactly as long as the header: missing cells are '', cells past the header's dropped. */
  readonly rows: readonly (readonly string[])[];
  /** Rows whose field count differs from the header's, and quoting errors: where (`row N`, the file's line) and what. */
  readonly problems: readonly CsvProblem[];
  /** Names given more than once, and what their repeats were renamed to. */
  readonly duplicates: readonly { readonly name: string; readonly as: readonly string[] }[];
  /** The duplicates, said as warnings naming the file. */
  readonly warnings: readonly DatasetIssue[];
}

export interface CsvProblem {
  readonly kind: 'fields' | 'quotes';
  readonly field: string;
  readonly message: string;
}

export interface CsvOptions {
  readonly delimiter?: string;
  /** Applied to each header name before duplicates are found (trim, lower case, a role's name). */
  readonly transformHeader?: (name: string) => string;
}

export function readCsvTable(text: string, file: string, options: CsvOptions = {}): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  const [header = [], ...data] = parsed.data;
  const transform = options.transformHeader ?? ((name: string) => name);
  const { names, renamed: duplicates } = uniqueNames(header.map((name) => transform(name)));
  const warnings: DatasetIssue[] = duplicates.map(({ name, as }) => ({
    severity: 'warning' as const,
    file,
    field: '(header)',
    message: `column "${name}" appears ${as.length + 1} times; the repeats are read as ${as.map((n) => `"${n}"`).join(', ')}`,
  }));
  const problems: CsvProblem[] = [];
  // papaparse's row numbers count the header as row 0 here; a row's line in the file is one more.
  for (const error of parsed.errors) problems.push({ kind: 'quotes', field: `row ${(error.row ?? 0) + 1}`, message: error.message });
  const rows = data.map((cells, r) => {
    if (cells.length !== names.length) {
      problems.push({ kind: 'fields', field: `row ${r + 2}`, message: `has ${cells.length} field(s); the header has ${names.length}` });
    }
    return Array.from(names, (_, c) => cells[c] ?? '');
  });
  return { names, rows, problems, duplicates, warnings };
}

/** Duplicate names renamed as papaparse's header mode does (`a`, `a_1`, `a_2`), skipping names already taken. */
function uniqueNames(given: readonly string[]): { names: string[]; renamed: { name: string; as: string[] }[] } {
  const taken = new Set(given);
  const seen = new Map<string, number>();
  const renamed = new Map<string, string[]>();
  const names = given.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count === 0) return name;
    let suffix = count;
    while (taken.has(`${name}_${suffix}`)) suffix++;
    const as = `${name}_${suffix}`;
    taken.add(as);
    renamed.set(name, [...(renamed.get(name) ?? []), as]);
    return as;
  });
  return { names, renamed: [...renamed].map(([name, as]) => ({ name, as })) };
}
