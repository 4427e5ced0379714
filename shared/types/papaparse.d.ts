// The slice of papaparse's API that shared/ uses: synchronous parsing of a string. tsconfig.json (shared/'s
// room) maps 'papaparse' here because @types/papaparse opens with `/// <reference types="node" />`, which
// loads all of Node's types into every program that imports it and so cancels shared/'s `"types": []`.
// The other rooms keep the real types; shared/ code must compile against both, so keep this a faithful subset.
export interface ParseConfig {
  header?: boolean | undefined;
  delimiter?: string | undefined;
  skipEmptyLines?: boolean | 'greedy' | undefined;
  transformHeader?(header: string, index: number): string;
}

export interface ParseError {
  type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
  code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
  message: string;
  /** Row of the parsed data where the error is (0-based, header excluded). */
  row?: number | undefined;
  index?: number | undefined;
}

export interface ParseMeta {
  delimiter: string;
  linebreak: string;
  aborted: boolean;
  fields?: string[] | undefined;
  truncated: boolean;
  cursor: number;
}

export interface ParseResult<T> {
  data: T[];
  errors: ParseError[];
  meta: ParseMeta;
}

export function parse<T>(csvString: string, config?: ParseConfig): ParseResult<T>;
