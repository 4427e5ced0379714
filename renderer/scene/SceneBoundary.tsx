import { Component, type ReactNode } from 'react';

/** Milliseconds before a failed scene is made again: 0.5 s, then twice as long each time up to 16 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(16_000, 500 * 2 ** Math.max(0, failures - 1));
}

interface Props {
  readonly children: ReactNode;
  /** Makes the scene again (a new canvas and context); called after retryDelayMs. */
  readonly onRetry: () => void;
}

/**
 * Keeps a scene that fails from taking the page with it: a WebGL context that cannot be made (the GPU
 * process restarting, WebGL refused for a while) throws in three.js's renderer, and without a boundary
 * React unmounts the whole app — a kiosk would stay black with nothing to bring it back. The failure is
 * logged (console.warn: Electron's kiosk writes it to its log), the scene stays blank, and it is made
 * again after a growing pause; a scene that renders again starts the count anew.
 */
export class SceneBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };
  private failures = 0;
  private timer = 0;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.failures++;
    const delay = retryDelayMs(this.failures);
    console.warn(`The 3D scene failed (${error.message}); it is made again in ${delay} ms`);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.setState({ failed: false });
      this.props.onRetry();
    }, delay);
  }

  override componentDidUpdate(): void {
    // A second rendered without failing: the scene works again.
    if (!this.state.failed && this.failures > 0) {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => (this.failures = 0), 1000);
    }
  }

  override componentWillUnmount(): void {
    window.clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
