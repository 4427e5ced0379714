import { randomBytes } from 'node:crypto';

/**
 * The files the user chose in main (a dialog, the recent list, the file manager), each under an
 * unguessable token: the page reads a file only by its token, so it can read what the user chose and
 * nothing else, and never learns the path. Tokens live as long as the app.
 */
export class FileGrants {
  private readonly granted = new Map<string, { path: string; size: number }>();

  grant(path: string, size: number): string {
    const token = randomBytes(16).toString('hex');
    this.granted.set(token, { path, size });
    return token;
  }

  lookup(token: string): { path: string; size: number } | null {
    return this.granted.get(token) ?? null;
  }
}
