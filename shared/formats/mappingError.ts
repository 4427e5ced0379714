import { DatasetError } from '../dataset/datasetError';
import { isCancellation } from '../dataset/cancellation';
import type { VariableInfo } from './variables';

/** What the dataset dialog offers to choose from, per role. */
export interface MappingChoices {
  readonly variables: VariableInfo[];
  readonly responses: string[];
  readonly columns: string[];
  readonly events: string[];
}

/**
 * A DatasetError from applying the mapping (no stimulus column found, ambiguous axes, a missing frame
 * rate), with what the files offer, so the dataset dialog can show the selectors that fix it.
 */
export class MappingError extends DatasetError {
  readonly choices: Partial<MappingChoices>;

  constructor(issues: DatasetError['issues'], choices: Partial<MappingChoices>) {
    super(issues);
    this.name = 'MappingError';
    this.choices = choices;
  }
}

/**
 * Runs a reader step; a DatasetError from it becomes a MappingError carrying what the files offer (a
 * cancel stays what it is: no mapping fixes it).
 */
export async function withChoices<T>(choices: Partial<MappingChoices>, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DatasetError && !(error instanceof MappingError) && !isCancellation(error)) throw new MappingError(error.issues, choices);
    throw error;
  }
}
