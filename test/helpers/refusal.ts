import { DatasetError } from '../../shared/dataset/datasetError';

/** The DatasetError a read refuses with; anything else thrown is rethrown, and a read that succeeds fails the test. */
export async function refusal(run: () => Promise<unknown> | unknown): Promise<DatasetError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError, but the file was read');
}
