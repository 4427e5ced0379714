/**
 * Messages that may arrive before anyone listens: kept until the first listener subscribes, then handed
 * to it in order; after that each goes to the listeners at once. (Electron's preload holds main's open
 * requests in one; the page subscribes once React has mounted.)
 */
export function bufferedChannel<T>(limit = 100) {
  const waiting: T[] = [];
  const listeners = new Set<(message: T) => void>();
  return {
    push(message: T): void {
      if (listeners.size === 0) {
        waiting.push(message);
        if (waiting.length > limit) waiting.shift();
      } else for (const listener of listeners) listener(message);
    },
    listen(listener: (message: T) => void): () => void {
      listeners.add(listener);
      for (const message of waiting.splice(0)) listener(message);
      return () => listeners.delete(listener);
    },
  };
}
