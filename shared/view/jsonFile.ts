import type { z } from 'zod';

/**
 * A small JSON file of Chorus's own (a view, a story) read against its schema. Throws an Error whose
 * message is one line naming what is wrong and where (`camera.position[1]: expected number, received
 * string`), for a notice to quote; `what` names the kind of file ("a Chorus view (a JSON object with
 * "chorusView": 1)") for text that is not an object at all.
 */
export function parseJsonFile<T extends z.ZodType>(text: string, schema: T, what: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`it holds ${Array.isArray(json) ? 'a JSON array' : json === null ? 'null' : `a ${typeof json}`}, not ${what}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((issue) => `${fieldPath(issue.path) || 'the file'}: ${issue.message.replace(/^Invalid input: /, '')}`).join('; '));
}

/** `steps[2].view.camera.position[1]` */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, k) => (typeof key === 'number' ? `[${key}]` : `${k > 0 ? '.' : ''}${String(key)}`)).join('');
}
