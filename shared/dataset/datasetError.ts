import type { DatasetIssue } from './types';
import type { IssueCode } from './issueCodes';

/** Thrown by readers and validators: carries every problem found, each naming its file and field. */
export class DatasetError extends Error {
  readonly issues: readonly DatasetIssue[];

  constructor(issues: readonly DatasetIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'DatasetError';
    this.issues = issues;
  }
}

/** One line a person can act on: `file: field: message`. */
export function formatIssue(issue: DatasetIssue): string {
  const where = [issue.file, issue.field].filter((part) => part !== undefined && part !== '').join(': ');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/** Throws a one-issue DatasetError (with a code where callers act on it); typed so a call narrows like `throw` does. */
export type Failure = (field: string, message: string, code?: IssueCode) => never;

/** A thrower of one-issue DatasetErrors about one file: `fail(field, message)`. */
export function failureIn(file: string): Failure {
  return (field, message, code) => {
    throw new DatasetError([{ severity: 'error', ...(code ? { code } : {}), file, field, message }]);
  };
}
