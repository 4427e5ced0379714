import type { VideoFormat } from './videoSettings';

/**
 * What `chorus render` (node/cliRender.ts) asks of the app's page in a headless Chromium (`?render`,
 * renderer/video/renderApi.ts). The page hands the file's bytes back through `chorusRenderWrite`
 * (base64 pieces, in order) and its progress through `chorusRenderProgress`, both exposed by the CLI.
 * Stories travel as their file's text (null: the built-in demo story) and are checked by the page.
 */
export interface RenderApi {
  /** The dataset on screen once there is one: the demo (at start), or (`demo` false) the files the CLI opened, analysed. */
  ready(demo: boolean): Promise<{ dataset: string; source: string }>;
  video(options: { story: string | null; width: number; height: number; fps: number; format: VideoFormat }): Promise<{ frames: number; bytes: number; notes: readonly string[] }>;
  still(options: { story: string | null; step: number; scale: number }): Promise<{ bytes: number; notes: readonly string[] }>;
}
